import { Testing, TerraformStack } from 'cdktf';
import { ClusterNetwork } from '../lib/azure/network/cluster-network';
import { expectValidManifests, validateManifests } from './tools/k8s-schema';
import { checkTerraform, danglingReferences, providerPinErrors, resourceErrors } from './tools/tf-check';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop', labels: { app: 'api' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: {
        containers: [
          {
            name: 'api',
            image: 'contoso.azurecr.io/api:1.2.3',
            ports: [{ containerPort: 8080, name: 'http' }],
            resources: {
              limits: { cpu: '500m', memory: '256Mi' },
              requests: { cpu: '100m', memory: '128Mi' },
            },
            securityContext: { capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
          },
        ],
      },
    },
  },
});

const nic = () => ({
  apiVersion: 'approuting.kubernetes.azure.com/v1alpha1',
  kind: 'NginxIngressController',
  metadata: { name: 'nginx-internal' },
  spec: {
    ingressClassName: 'nginx-internal',
    controllerNamePrefix: 'nginx-internal',
    loadBalancerAnnotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
  },
});

describe('k8s schema validator', () => {
  test('valid built-in objects and the NginxIngressController pass', () => {
    expectValidManifests([
      deployment(),
      nic(),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'api' },
        spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'http' }] },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      },
    ]);
  });

  const mutations: [string, (o: any) => void, RegExp][] = [
    ['wrong type', (d) => (d.spec.replicas = '2'), /Deployment shop\/api: \/spec\/replicas must be integer/],
    [
      'unknown field',
      (d) => (d.spec.template.spec.containers[0].imagePullPolcy = 'Always'),
      /containers\/0\/imagePullPolcy is an unknown field/,
    ],
    [
      'missing required',
      (d) => delete d.spec.selector,
      /\/spec must have required property 'selector'|required property selector/,
    ],
    ['enum', (d) => (d.spec.template.spec.containers[0].ports[0].protocol = 'HTTP'), /protocol/],
    ['missing name', (d) => delete d.metadata.name, /\/metadata\/name is required/],
    ['bad name', (d) => (d.metadata.name = 'Api_1'), /RFC 1123/],
    ['bad label value', (d) => (d.metadata.labels.app = 'a b'), /not a valid label value/],
  ];
  test.each(mutations)('built-in: %s fails', (_what, mutate, message) => {
    const d = deployment();
    mutate(d);
    expect(validateManifests([d]).join('\n')).toMatch(message);
    expect(() => expectValidManifests([d])).toThrow(/schema error/);
  });

  const nicMutations: [string, (o: any) => void, RegExp][] = [
    ['missing ingressClassName', (o) => delete o.spec.ingressClassName, /required property ingressClassName/],
    [
      'missing controllerNamePrefix',
      (o) => delete o.spec.controllerNamePrefix,
      /required property controllerNamePrefix/,
    ],
    ['prefix pattern', (o) => (o.spec.controllerNamePrefix = 'Nginx_'), /controllerNamePrefix must match/],
    ['prefix length', (o) => (o.spec.controllerNamePrefix = 'a'.repeat(61)), /at most 60/],
    ['unknown spec field', (o) => (o.spec.replicas = 2), /\/spec\/replicas is an unknown field/],
    [
      'annotation not a string',
      (o) => (o.spec.loadBalancerAnnotations.x = true),
      /loadBalancerAnnotations\/x must be string/,
    ],
    ['namespaced', (o) => (o.metadata.namespace = 'default'), /cluster-scoped/],
    ['missing spec', (o) => delete o.spec, /required property spec/],
  ];
  test.each(nicMutations)('NginxIngressController: %s fails', (_what, mutate, message) => {
    const o = nic();
    mutate(o);
    expect(validateManifests([o]).join('\n')).toMatch(message);
  });

  const cnp = () => ({
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: 'dns-to-host', namespace: 'shop' },
    spec: {
      endpointSelector: { matchLabels: { app: 'api' } },
      egress: [
        {
          toEntities: ['host'],
          toPorts: [
            {
              ports: [
                { port: '53', protocol: 'UDP' },
                { port: '53', protocol: 'TCP' },
              ],
            },
          ],
        },
        { toCIDR: ['169.254.10.0/24'], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] },
        { toFQDNs: [{ matchName: 'login.microsoftonline.com' }], toPorts: [{ ports: [{ port: '443' }] }] },
      ],
    },
  });
  test('CiliumNetworkPolicy: documented fields pass, others fail', () => {
    expectValidManifests([cnp()]);
    const bad: any = cnp();
    bad.spec.egress[0].toEntities = ['nodes'];
    bad.spec.egress[1].toPorts[0].ports[0].port = 53;
    bad.spec.egress[2].toFQDN = bad.spec.egress[2].toFQDNs;
    delete bad.spec.endpointSelector;
    expect(validateManifests([bad])).toEqual([
      'CiliumNetworkPolicy shop/dns-to-host: /spec must have required property endpointSelector',
      'CiliumNetworkPolicy shop/dns-to-host: /spec/egress/0/toEntities/0 must be one of all, world, cluster, host, remote-node, kube-apiserver, init, health, unmanaged, ingress',
      'CiliumNetworkPolicy shop/dns-to-host: /spec/egress/1/toPorts/0/ports/0/port must be string',
      'CiliumNetworkPolicy shop/dns-to-host: /spec/egress/2/toFQDN is an unknown field',
    ]);
  });

  test('unknown kinds fail loudly', () => {
    expect(validateManifests([{ apiVersion: 'v1', kind: 'Frobnicator', metadata: { name: 'x' } }])).toEqual([
      'Frobnicator x: unknown kind v1/Frobnicator: no schema to validate it against',
    ]);
    expect(
      validateManifests([{ apiVersion: 'apps/v1', kind: 'DeploymentSpec', metadata: { name: 'x' } }])[0],
    ).toMatch(/unknown kind/);
    expect(
      validateManifests([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } }])[0],
    ).toMatch(/unknown kind/);
  });
});

// A minimal consistent stack, written the way cdktf writes it (snake_case; blocks as objects or arrays).
const stack = (): any => ({
  terraform: { required_providers: { azurerm: { source: 'hashicorp/azurerm', version: '4.55.0' } } },
  variable: { env: { type: 'string' } },
  locals: { prefix: 'aks' },
  resource: {
    azurerm_resource_group: { rg: { name: 'rg', location: 'westeurope' } },
    azurerm_virtual_network: {
      vnet: {
        name: 'vnet',
        location: 'westeurope',
        resource_group_name: '${azurerm_resource_group.rg.name}',
        address_space: ['10.240.0.0/16'],
      },
    },
    azurerm_subnet: {
      nodes: {
        name: 'nodes',
        resource_group_name: 'rg',
        virtual_network_name: '${azurerm_virtual_network.vnet.name}',
        address_prefixes: ['10.240.0.0/22'],
      },
      fw: {
        name: 'AzureFirewallSubnet',
        resource_group_name: 'rg',
        virtual_network_name: '${azurerm_virtual_network.vnet.name}',
        address_prefixes: ['10.240.4.0/26'],
      },
    },
    azurerm_public_ip: {
      pip: {
        name: 'pip',
        location: 'westeurope',
        resource_group_name: 'rg',
        allocation_method: 'Static',
        sku: 'Standard',
      },
    },
    azurerm_firewall_policy: {
      pol: {
        name: 'pol',
        location: 'westeurope',
        resource_group_name: 'rg',
        sku: 'Standard',
        threat_intelligence_mode: 'Deny',
        dns: { proxy_enabled: true },
      },
    },
    azurerm_firewall: {
      fw: {
        name: 'fw',
        location: 'westeurope',
        resource_group_name: 'rg',
        sku_name: 'AZFW_VNet',
        sku_tier: 'Standard',
        firewall_policy_id: '${azurerm_firewall_policy.pol.id}',
        ip_configuration: [
          {
            name: 'c',
            subnet_id: '${azurerm_subnet.fw.id}',
            public_ip_address_id: '${azurerm_public_ip.pip.id}',
          },
        ],
      },
    },
    azurerm_firewall_policy_rule_collection_group: {
      rcg: {
        name: 'rcg',
        firewall_policy_id: '${azurerm_firewall_policy.pol.id}',
        priority: 200,
        nat_rule_collection: [
          {
            name: 'dnat',
            priority: 100,
            action: 'Dnat',
            rule: [
              {
                name: 'https',
                protocols: ['TCP'],
                source_addresses: ['203.0.113.0/24'],
                destination_address: '${azurerm_public_ip.pip.ip_address}',
                destination_ports: ['443'],
                translated_address: '10.240.4.74',
                translated_port: '443',
              },
            ],
          },
        ],
        network_rule_collection: [
          {
            name: 'net',
            priority: 200,
            action: 'Allow',
            rule: [
              {
                name: 'ntp',
                protocols: ['UDP'],
                source_addresses: ['10.240.0.0/22'],
                destination_addresses: ['*'],
                destination_ports: ['123'],
              },
            ],
          },
        ],
        application_rule_collection: [
          {
            name: 'app',
            priority: 300,
            action: 'Allow',
            rule: [
              {
                name: 'aks',
                protocols: [{ type: 'Https', port: 443 }],
                source_addresses: ['10.240.0.0/22'],
                destination_fqdn_tags: ['AzureKubernetesService'],
              },
            ],
          },
        ],
      },
    },
    azurerm_route_table: {
      rt: {
        name: 'rt',
        location: 'westeurope',
        resource_group_name: 'rg',
        route: [
          {
            name: 'default',
            address_prefix: '0.0.0.0/0',
            next_hop_type: 'VirtualAppliance',
            next_hop_in_ip_address: '${azurerm_firewall.fw.ip_configuration[0].private_ip_address}',
          },
        ],
      },
    },
    azurerm_subnet_route_table_association: {
      a: { subnet_id: '${azurerm_subnet.nodes.id}', route_table_id: '${azurerm_route_table.rt.id}' },
    },
    azurerm_user_assigned_identity: { id: { name: 'id', location: 'westeurope', resource_group_name: 'rg' } },
    azurerm_role_assignment: {
      ra: {
        scope: '${azurerm_subnet.nodes.id}',
        principal_id: '${azurerm_user_assigned_identity.id.principal_id}',
        role_definition_name: 'Network Contributor',
      },
    },
    azurerm_kubernetes_cluster: {
      aks: {
        name: '${local.prefix}-${var.env}',
        location: 'westeurope',
        resource_group_name: 'rg',
        dns_prefix: 'aks-prod',
        sku_tier: 'Standard',
        depends_on: ['azurerm_subnet_route_table_association.a', 'azurerm_role_assignment.ra'],
        identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.id.id}'] },
        default_node_pool: {
          name: 'system',
          vm_size: 'Standard_D4s_v5',
          node_count: 3,
          vnet_subnet_id: '${azurerm_subnet.nodes.id}',
          upgrade_settings: { max_surge: '33%' },
        },
        network_profile: {
          network_plugin: 'azure',
          network_plugin_mode: 'overlay',
          network_policy: 'cilium',
          network_data_plane: 'cilium',
          outbound_type: 'userDefinedRouting',
          pod_cidr: '10.244.0.0/16',
          service_cidr: '10.0.0.0/16',
          dns_service_ip: '10.0.0.10',
        },
        api_server_access_profile: { authorized_ip_ranges: ['${azurerm_public_ip.pip.ip_address}/32'] },
      },
    },
    azurerm_kubernetes_cluster_node_pool: {
      user: {
        name: 'user',
        kubernetes_cluster_id: '${azurerm_kubernetes_cluster.aks.id}',
        vm_size: 'Standard_D4s_v5',
        auto_scaling_enabled: true,
        min_count: 1,
        max_count: 5,
      },
    },
    azurerm_virtual_network_peering: {
      p: {
        name: 'p',
        resource_group_name: 'rg',
        virtual_network_name: 'vnet',
        remote_virtual_network_id: '${data.azurerm_virtual_network.hub.id}',
      },
    },
  },
  data: { azurerm_virtual_network: { hub: { name: 'hub', resource_group_name: 'rg-hub' } } },
  output: { fw_ip: { value: '${tolist(azurerm_firewall.fw.ip_configuration)[0].private_ip_address}' } },
});

const R = (s: any) => s.resource;
const aks = (s: any) => R(s).azurerm_kubernetes_cluster.aks;
const np = (s: any) => aks(s).network_profile;
const rcg = (s: any) => R(s).azurerm_firewall_policy_rule_collection_group.rcg;
const nat = (s: any) => rcg(s).nat_rule_collection[0].rule[0];

describe('Terraform consistency checker', () => {
  test('the consistent stack passes', () => {
    expect(checkTerraform(stack())).toEqual([]);
  });

  test('references: dangling ${...} (also nested in function calls and string templates) and depends_on', () => {
    const s = stack();
    aks(s).name = '${local.prefx}-${var.env}';
    s.output.fw_ip.value = '${tolist(azurerm_firewall.fw2.ip_configuration)[0].private_ip_address}';
    aks(s).depends_on.push('azurerm_route_table.gone');
    R(s).azurerm_virtual_network_peering.p.remote_virtual_network_id =
      '${data.azurerm_virtual_network.spoke.id}';
    R(s).azurerm_subnet.nodes.virtual_network_name =
      'x-${replace(azurerm_virtual_network.vnet2.name, "a.b", "c")}';
    expect(
      danglingReferences(s)
        .map((e) => e.replace(/^.*reference /, ''))
        .sort(),
    ).toEqual([
      'azurerm_firewall.fw2 is not declared',
      'azurerm_route_table.gone is not declared',
      'azurerm_virtual_network.vnet2 is not declared',
      'data.azurerm_virtual_network.spoke is not declared',
      'local.prefx is not declared',
    ]);
  });

  test('provider pin', () => {
    const s = stack();
    delete s.terraform.required_providers.azurerm.version;
    expect(providerPinErrors(s)).toEqual([
      "terraform.required_providers.azurerm.version 'undefined' is not a version pin",
    ]);
    delete s.terraform;
    expect(providerPinErrors(s)).toEqual(['terraform.required_providers.azurerm is missing']);
  });

  const cases: [string, (s: any) => void, RegExp][] = [
    [
      'network_plugin enum',
      (s) => (np(s).network_plugin = 'calico'),
      /network_plugin 'calico' is not one of azure\|kubenet\|none/,
    ],
    ['network_plugin required', (s) => delete np(s).network_plugin, /network_plugin is required/],
    ['network_policy enum', (s) => (np(s).network_policy = 'none'), /network_policy 'none' is not one of/],
    [
      'outbound_type enum',
      (s) => (np(s).outbound_type = 'managedNATGatewayV2'),
      /outbound_type 'managedNATGatewayV2'/,
    ],
    ['network_profile missing', (s) => delete aks(s).network_profile, /network_profile is missing/],
    [
      'policy cilium without cilium data plane',
      (s) => delete np(s).network_data_plane,
      /needs network_data_plane cilium/,
    ],
    [
      'policy azure with kubenet',
      (s) =>
        Object.assign(np(s), {
          network_plugin: 'kubenet',
          network_policy: 'azure',
          network_plugin_mode: undefined,
        }),
      /network_policy azure needs network_plugin azure/,
    ],
    ['pod_cidr on flat azure', (s) => delete np(s).network_plugin_mode, /needs network_plugin_mode overlay/],
    ['service_cidr without dns ip', (s) => delete np(s).dns_service_ip, /set together/],
    [
      'outbound none without cache',
      (s) => (np(s).outbound_type = 'none'),
      /bootstrap_profile.artifact_source Cache/,
    ],
    [
      'lb idle timeout',
      (s) => (np(s).load_balancer_profile = { idle_timeout_in_minutes: 120 }),
      /idle_timeout_in_minutes 120 is outside 4-100/,
    ],
    [
      'nat gw idle timeout',
      (s) => (np(s).nat_gateway_profile = { idle_timeout_in_minutes: 2 }),
      /idle_timeout_in_minutes 2 is outside 4-120/,
    ],
    ['pod cidr not a cidr', (s) => (np(s).pod_cidr = '10.244.0.0'), /pod_cidr '10.244.0.0' is not a CIDR/],
    [
      'node_count range',
      (s) => (aks(s).default_node_pool.node_count = 1001),
      /node_count 1001 is outside 1-1000/,
    ],
    [
      'pool name pattern',
      (s) => (aks(s).default_node_pool.name = 'System-Pool'),
      /name 'System-Pool' does not match/,
    ],
    [
      'pool vm_size',
      (s) => delete aks(s).default_node_pool.vm_size,
      /default_node_pool: vm_size is required/,
    ],
    ['max_surge required', (s) => (aks(s).default_node_pool.upgrade_settings = {}), /max_surge is required/],
    ['dns_prefix length', (s) => (aks(s).dns_prefix = 'a'.repeat(55)), /dns_prefix '.*' does not match/],
    ['dns_prefix ends', (s) => (aks(s).dns_prefix = 'aks-'), /dns_prefix 'aks-'/],
    ['sku_tier', (s) => (aks(s).sku_tier = 'Paid'), /sku_tier 'Paid'/],
    ['identity', (s) => delete aks(s).identity, /exactly one of identity or service_principal/],
    ['user assigned ids', (s) => delete aks(s).identity.identity_ids, /identity: identity_ids is required/],
    [
      'authorized range',
      (s) => (aks(s).api_server_access_profile.authorized_ip_ranges = ['1.2.3.4']),
      /authorized_ip_ranges '1.2.3.4'/,
    ],
    [
      'node pool autoscale',
      (s) => delete R(s).azurerm_kubernetes_cluster_node_pool.user.max_count,
      /max_count is required/,
    ],
    [
      'node pool min without autoscale',
      (s) => (R(s).azurerm_kubernetes_cluster_node_pool.user.auto_scaling_enabled = false),
      /need auto_scaling_enabled/,
    ],
    [
      'node pool mode',
      (s) => (R(s).azurerm_kubernetes_cluster_node_pool.user.mode = 'Worker'),
      /mode 'Worker'/,
    ],
    [
      'node pool count above max',
      (s) => (R(s).azurerm_kubernetes_cluster_node_pool.user.node_count = 9),
      /node_count 9 > max_count 5/,
    ],
    ['firewall sku_name', (s) => (R(s).azurerm_firewall.fw.sku_name = 'AZFW'), /sku_name 'AZFW'/],
    ['firewall tier', (s) => (R(s).azurerm_firewall.fw.sku_tier = 'Ultra'), /sku_tier 'Ultra'/],
    [
      'firewall ip configs',
      (s) => R(s).azurerm_firewall.fw.ip_configuration.push({ name: 'd', subnet_id: 'x' }),
      /exactly one ip_configuration needs subnet_id \(found 2\)/,
    ],
    [
      'basic firewall management',
      (s) => (R(s).azurerm_firewall.fw.sku_tier = 'Basic'),
      /Basic needs management_ip_configuration/,
    ],
    [
      'policy threat intel',
      (s) => (R(s).azurerm_firewall_policy.pol.threat_intelligence_mode = 'Block'),
      /threat_intelligence_mode 'Block'/,
    ],
    ['policy sku', (s) => (R(s).azurerm_firewall_policy.pol.sku = 'Free'), /sku 'Free'/],
    ['group priority', (s) => (rcg(s).priority = 99), /priority 99 is outside 100-65000/],
    [
      'collection priority',
      (s) => (rcg(s).network_rule_collection[0].priority = 65001),
      /priority 65001 is outside/,
    ],
    [
      'nat action',
      (s) => (rcg(s).nat_rule_collection[0].action = 'Allow'),
      /action 'Allow' is not one of Dnat/,
    ],
    ['nat ports', (s) => (nat(s).destination_ports = ['443', '80']), /exactly one port \(got 2\)/],
    ['nat translated port', (s) => delete nat(s).translated_port, /translated_port is required/],
    [
      'nat translated xor',
      (s) => (nat(s).translated_fqdn = 'x.example.com'),
      /exactly one of translated_address or translated_fqdn/,
    ],
    ['nat protocol', (s) => (nat(s).protocols = ['ICMP']), /protocol 'ICMP' is not one of TCP\|UDP/],
    [
      'network rule ports',
      (s) => delete rcg(s).network_rule_collection[0].rule[0].destination_ports,
      /destination_ports is required/,
    ],
    [
      'network rule wildcard fqdn',
      (s) => (rcg(s).network_rule_collection[0].rule[0].destination_fqdns = ['*.ubuntu.com']),
      /cannot hold a wildcard/,
    ],
    [
      'app rule protocol',
      (s) => (rcg(s).application_rule_collection[0].rule[0].protocols = [{ type: 'Tls', port: 443 }]),
      /type 'Tls'/,
    ],
    [
      'app rule target',
      (s) => delete rcg(s).application_rule_collection[0].rule[0].destination_fqdn_tags,
      /needs one of destination_fqdns/,
    ],
    [
      'next hop enum',
      (s) => (R(s).azurerm_route_table.rt.route[0].next_hop_type = 'Firewall'),
      /next_hop_type 'Firewall'/,
    ],
    [
      'next hop ip missing',
      (s) => delete R(s).azurerm_route_table.rt.route[0].next_hop_in_ip_address,
      /VirtualAppliance needs next_hop_in_ip_address/,
    ],
    [
      'next hop ip not appliance',
      (s) => (R(s).azurerm_route_table.rt.route[0].next_hop_type = 'Internet'),
      /only allowed with next_hop_type VirtualAppliance/,
    ],
    [
      'route resource',
      (s) =>
        (R(s).azurerm_route = {
          r: {
            name: 'r',
            resource_group_name: 'rg',
            route_table_name: '${azurerm_route_table.rt.name}',
            address_prefix: '0.0.0.0/0',
            next_hop_type: 'Internet',
          },
        }),
      /inline route blocks mixed with azurerm_route/,
    ],
    [
      'association',
      (s) => delete R(s).azurerm_subnet_route_table_association.a.route_table_id,
      /route_table_id is required/,
    ],
    [
      'subnet prefixes',
      (s) => (R(s).azurerm_subnet.nodes.address_prefixes = []),
      /address_prefixes is required/,
    ],
    [
      'firewall subnet size',
      (s) => (R(s).azurerm_subnet.fw.address_prefixes = ['10.240.4.0/27']),
      /AzureFirewallSubnet 10.240.4.0\/27 must be \/26 or larger/,
    ],
    [
      'vnet inline subnets',
      (s) =>
        (R(s).azurerm_virtual_network.vnet.subnet = [{ name: 'x', address_prefixes: ['10.240.8.0/24'] }]),
      /inline subnet blocks mixed/,
    ],
    [
      'vnet space',
      (s) => (R(s).azurerm_virtual_network.vnet.address_space = ['10.240.0.0']),
      /address_space '10.240.0.0'/,
    ],
    [
      'pip allocation',
      (s) => (R(s).azurerm_public_ip.pip.allocation_method = 'Dynamic'),
      /Standard public IP needs allocation_method Static/,
    ],
    ['pip idle', (s) => (R(s).azurerm_public_ip.pip.idle_timeout_in_minutes = 31), /outside 4-30/],
    ['pip sku', (s) => (R(s).azurerm_public_ip.pip.sku = 'Premium'), /sku 'Premium'/],
    [
      'role',
      (s) => delete R(s).azurerm_role_assignment.ra.role_definition_name,
      /exactly one of role_definition_name or role_definition_id/,
    ],
    [
      'role principal',
      (s) => delete R(s).azurerm_role_assignment.ra.principal_id,
      /principal_id is required/,
    ],
    ['identity', (s) => delete R(s).azurerm_user_assigned_identity.id.location, /location is required/],
    [
      'peering',
      (s) => delete R(s).azurerm_virtual_network_peering.p.remote_virtual_network_id,
      /remote_virtual_network_id is required/,
    ],
  ];
  test.each(cases)('%s', (_what, mutate, message) => {
    const s = stack();
    mutate(s);
    expect(resourceErrors(s).join('\n')).toMatch(message);
  });

  test('null is unset: an Internet route may carry next_hop_in_ip_address null (attribute blocks)', () => {
    const s = stack();
    s.resource.azurerm_route_table.rt.route.push({
      name: 'pip',
      address_prefix: '20.1.2.3/32',
      next_hop_type: 'Internet',
      next_hop_in_ip_address: null,
    });
    expect(resourceErrors(s)).toEqual([]);
  });

  test('ClusterNetwork output (arrays and objects as cdktf writes them) has consistent references and fields', () => {
    const app = Testing.app();
    const tf = new TerraformStack(app, 'net');
    new ClusterNetwork(tf, 'Network', {
      location: 'westeurope',
      addressSpace: '10.240.0.0/16',
      firewallSubnetPrefixLength: 26,
    });
    const json = JSON.parse(Testing.synth(tf));
    expect(danglingReferences(json)).toEqual([]);
    expect(resourceErrors(json)).toEqual([]);
  });
});
