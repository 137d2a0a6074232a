import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  AksCluster,
  AksClusterProps,
  ApiServerAccess,
  AutoUpgradeChannel,
  ClusterSkuTier,
  ClusterOutbound,
  NetworkModel,
  NginxControllerMode,
  NodeOsSku,
  NodeOsUpgradeChannel,
  PrivateDnsZone,
} from '../lib/azure/cluster';
import { AzureCloud, EgressClusterInfo, EgressFeature, IClusterEgress } from '../lib/azure/contracts';
import { ExistingClusterNetwork } from '../lib/azure/network/cluster-network';
import { AksNetworkSynth } from '../lib/core/synth';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { SecurityRules } from '../lib/verify/security-rules';
import { build as buildNetworkModels } from '../examples/network-models/main';
import { renderNetworkProfile } from '../lib/azure/cluster/private/network-profile';
import { resolvePool, rotationName } from '../lib/azure/cluster/private/node-pool';

interface Built {
  cluster: AksCluster;
  json: any;
  aks: any;
  stack: TerraformStack;
}

function build(
  props: AksClusterProps = {},
  extra?: (cluster: AksCluster, stack: TerraformStack) => void,
): Built {
  const stack = new TerraformStack(Testing.app(), 'test');
  const cluster = new AksCluster(stack, 'Aks', { location: 'westeurope', ...props });
  extra?.(cluster, stack);
  const json = JSON.parse(Testing.synth(stack));
  return { cluster, json, stack, aks: Object.values(json.resource.azurerm_kubernetes_cluster)[0] };
}

/** Build inside a stack created first, so that props can reference resources in it. */
function buildIn(props: (stack: TerraformStack) => AksClusterProps): Built {
  const stack = new TerraformStack(Testing.app(), 'test');
  const cluster = new AksCluster(stack, 'Aks', { location: 'westeurope', ...props(stack) });
  const json = JSON.parse(Testing.synth(stack));
  return { cluster, json, stack, aks: Object.values(json.resource.azurerm_kubernetes_cluster)[0] };
}

const warnings = (c: IConstruct): string[] =>
  c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));

class FakeEgress implements IClusterEgress {
  public readonly routeTableId: string;
  public readonly routeDependencies: RouteTable[];
  public readonly egressPublicIps = ['20.1.2.3'];
  public readonly cloud = AzureCloud.PUBLIC;
  public readonly attached: EgressClusterInfo[] = [];
  constructor(stack: TerraformStack) {
    const rt = new RouteTable(stack, 'Rt', { name: 'rt', location: 'westeurope', resourceGroupName: 'rg' });
    this.routeTableId = rt.id;
    this.routeDependencies = [rt];
  }
  public attachCluster(cluster: EgressClusterInfo): void {
    this.attached.push(cluster);
  }
}

const MODELS: Array<[string, () => NetworkModel, Record<string, unknown>]> = [
  [
    'kubenet',
    () => NetworkModel.kubenet(),
    { network_plugin: 'kubenet', network_policy: 'calico', pod_cidr: '10.244.0.0/16' },
  ],
  [
    'azure-cni-node-subnet',
    () => NetworkModel.azureCniNodeSubnet(),
    { network_plugin: 'azure', network_data_plane: 'azure', network_policy: 'calico' },
  ],
  [
    'azure-cni-pod-subnet',
    () => NetworkModel.azureCniPodSubnet(),
    { network_plugin: 'azure', network_data_plane: 'azure', network_policy: 'calico' },
  ],
  [
    'azure-cni-overlay',
    () => NetworkModel.azureCniOverlay({ podCidr: '10.200.0.0/16' }),
    {
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_data_plane: 'azure',
      network_policy: 'calico',
      pod_cidr: '10.200.0.0/16',
    },
  ],
  [
    'cilium-overlay',
    () => NetworkModel.cilium(),
    {
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_data_plane: 'cilium',
      network_policy: 'cilium',
      pod_cidr: '10.244.0.0/16',
    },
  ],
  [
    'cilium-pod-subnet',
    () => NetworkModel.cilium({ podSubnet: true }),
    { network_plugin: 'azure', network_data_plane: 'cilium', network_policy: 'cilium' },
  ],
  ['byo-cni', () => NetworkModel.byoCni(), { network_plugin: 'none', pod_cidr: '10.244.0.0/16' }],
];

describe('AksCluster network models', () => {
  test.each(MODELS)('%s renders its network_profile exactly', (name, model, expected) => {
    const { aks, json, cluster } = build({ networkModel: model() });
    expect(cluster.networkModel.name).toBe(name);
    expect(aks.network_profile).toEqual({
      ...expected,
      service_cidr: '10.0.0.0/16',
      dns_service_ip: '10.0.0.10',
      ip_versions: ['IPv4'],
      load_balancer_sku: 'standard',
      outbound_type: 'loadBalancer',
      load_balancer_profile: { managed_outbound_ip_count: 1, idle_timeout_in_minutes: 30 },
    });
    const podSubnet = cluster.network.podSubnet;
    expect(aks.default_node_pool.pod_subnet_id).toEqual(
      cluster.networkModel.usesPodSubnet ? expect.stringContaining('snet-aks-pods') : undefined,
    );
    expect(podSubnet !== undefined).toBe(cluster.networkModel.usesPodSubnet);
    expect(json).toMatchSnapshot();
  });

  test('policy engine and plain values are exposed for the Kubernetes side', () => {
    expect(build({ networkModel: NetworkModel.cilium() }).cluster.policyEngine).toBe(PolicyEngine.CILIUM);
    expect(build({ networkModel: NetworkModel.byoCni() }).cluster.policyEngine).toBe(PolicyEngine.NONE);
    const { cluster } = build();
    expect(cluster.policyEngine).toBe(PolicyEngine.CALICO);
    expect(cluster.addressPlan.podCidr).toBe('10.244.0.0/16');
    expect(cluster.addressPlan.serviceCidr).toBe('10.0.0.0/16');
    expect(cluster.addressPlan.subnets.map((s) => s.name)).toEqual(['snet-aks-nodes']);
    expect(cluster.outboundType).toBe('loadBalancer');
  });

  test('deprecated and unsupported-by-AKS choices warn with the supported path', () => {
    expect(warnings(build({ networkModel: NetworkModel.kubenet() }).cluster).join()).toMatch(
      /kubenet retires on 2028-03-31.*azureCniOverlay/,
    );
    expect(warnings(build({ networkModel: NetworkModel.byoCni() }).cluster).join()).toMatch(
      /BYO CNI: nodes stay NotReady/,
    );
    expect(warnings(build({ policyEngine: PolicyEngine.AZURE_NPM }).cluster).join()).toMatch(
      /Network Policy Manager retires.*CALICO/,
    );
    expect(warnings(build({ policyEngine: PolicyEngine.NONE }).cluster).join()).toMatch(/not enforced/);
    expect(warnings(build().cluster)).toEqual([]);
  });

  test.each([
    [
      () => ({ networkModel: NetworkModel.azureCniOverlay(), policyEngine: PolicyEngine.CILIUM }),
      /AksCluster test\/Aks: policy engine cilium does not run on network model azure-cni-overlay; the Cilium engine needs the Cilium data plane: use NetworkModel.cilium\(\)/,
    ],
    [
      () => ({ networkModel: NetworkModel.kubenet(), policyEngine: PolicyEngine.AZURE_NPM }),
      /policy engine azure does not run on network model kubenet; use one of calico, none/,
    ],
    [
      () => ({ networkModel: NetworkModel.cilium(), policyEngine: PolicyEngine.CALICO }),
      /policy engine calico does not run on network model cilium-overlay; use one of cilium/,
    ],
    [
      () => ({ networkModel: NetworkModel.byoCni(), policyEngine: PolicyEngine.CALICO }),
      /policy engine calico does not run on network model byo-cni; use one of none/,
    ],
    [
      () => ({ networkModel: NetworkModel.cilium({ podCidr: '10.244.0.0/16', podSubnet: true }) }),
      /podCidr 10.244.0.0\/16 is set together with podSubnet: true; give podCidr/,
    ],
  ])('invalid model/engine combination %# is refused', (props, message) => {
    expect(() => build(props())).toThrow(message);
  });
});

describe('AksCluster security defaults', () => {
  test('private cluster, Entra ID + Azure RBAC, no local accounts, policy, upgrades, workload identity', () => {
    const { aks } = build();
    expect(aks.private_cluster_enabled).toBe(true);
    expect(aks.private_dns_zone_id).toBe('System');
    expect(aks.private_cluster_public_fqdn_enabled).toBe(false);
    expect(aks.api_server_access_profile).toBeUndefined();
    expect(aks.role_based_access_control_enabled).toBe(true);
    expect(aks.azure_active_directory_role_based_access_control).toEqual({ azure_rbac_enabled: true });
    expect(aks.local_account_disabled).toBe(true);
    expect(aks.azure_policy_enabled).toBe(true);
    expect(aks.oidc_issuer_enabled).toBe(true);
    expect(aks.workload_identity_enabled).toBe(true);
    expect(aks.automatic_upgrade_channel).toBe('patch');
    expect(aks.node_os_upgrade_channel).toBe('NodeImage');
    expect(aks.http_application_routing_enabled).toBe(false);
    expect(aks.sku_tier).toBe('Standard');
    expect(aks.identity.type).toBe('UserAssigned');
    expect(aks.kubelet_identity.user_assigned_identity_id).toContain(
      'azurerm_user_assigned_identity.Aks_KubeletIdentity',
    );
    expect(aks.web_app_routing).toEqual({ dns_zone_ids: [], default_nginx_controller: 'Internal' });
    expect(aks.default_node_pool).toMatchObject({
      only_critical_addons_enabled: true,
      temporary_name_for_rotation: 'systemtmp',
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 6,
      max_pods: 250,
      os_sku: 'AzureLinux',
      zones: ['1', '2', '3'],
      upgrade_settings: { max_surge: '10%' },
    });
  });

  test('role assignments exist before the cluster (depends_on)', () => {
    const { aks, json } = build({
      networkModel: NetworkModel.azureCniPodSubnet(),
      ingressSubnetPrefixLength: 28,
    });
    const roles = json.resource.azurerm_role_assignment;
    const byId = Object.fromEntries(Object.entries(roles).map(([k, v]: [string, any]) => [k, v]));
    const scopes = Object.values(byId)
      .filter((v) => v.role_definition_name === 'Network Contributor')
      .map((v) => String(v.scope).replace(/^.*Subnet-(snet-aks-[a-z]+)_.*$/, '$1'))
      .sort();
    expect(scopes).toEqual(['snet-aks-ingress', 'snet-aks-nodes', 'snet-aks-pods']);
    for (const [key, role] of Object.entries(byId)) {
      expect(aks.depends_on).toContain(`azurerm_role_assignment.${key}`);
      expect(role.principal_id).toContain('Aks_ControlPlaneIdentity');
      expect(role.principal_type).toBe('ServicePrincipal');
    }
    expect(Object.values(byId).map((r) => r.role_definition_name)).toContain('Managed Identity Operator');
  });

  test('opt-outs are explicit and warn', () => {
    const { aks, cluster } = build({
      localAccountsEnabled: true,
      azureRbacEnabled: false,
      azurePolicyEnabled: false,
      workloadIdentityEnabled: false,
      automaticUpgradeChannel: AutoUpgradeChannel.NONE,
      nodeOsUpgradeChannel: NodeOsUpgradeChannel.NONE,
    });
    expect(aks.local_account_disabled).toBe(false);
    expect(aks.azure_active_directory_role_based_access_control.azure_rbac_enabled).toBe(false);
    expect(aks.azure_policy_enabled).toBe(false);
    expect(aks.workload_identity_enabled).toBe(false);
    expect(aks.automatic_upgrade_channel).toBeUndefined();
    expect(aks.node_os_upgrade_channel).toBe('None');
    expect(warnings(cluster)).toHaveLength(5);
  });

  test('public API: restricted ranges, or open to all with a warning', () => {
    const restricted = build({
      apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24', '198.51.100.7']),
    });
    expect(restricted.aks.private_cluster_enabled).toBe(false);
    expect(restricted.aks.api_server_access_profile).toEqual({
      authorized_ip_ranges: ['203.0.113.0/24', '198.51.100.7'],
    });
    const open = build({ apiServerAccess: ApiServerAccess.publicToAll() });
    expect(open.aks.api_server_access_profile).toBeUndefined();
    expect(warnings(open.cluster).join()).toMatch(/public to every address/);
  });

  test('custom private DNS zone: contributor role before the cluster', () => {
    const zone =
      '/subscriptions/0000/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io';
    const { aks, json } = build({
      apiServerAccess: ApiServerAccess.privateCluster({ privateDnsZone: PrivateDnsZone.fromZoneId(zone) }),
    });
    expect(aks.private_dns_zone_id).toBe(zone);
    const role: any = Object.values(json.resource.azurerm_role_assignment).find((v: any) => v.scope === zone);
    expect(role.role_definition_name).toBe('Private DNS Zone Contributor');
    expect(aks.depends_on.some((d: string) => d.includes('PrivateDnsZoneContributor'))).toBe(true);
  });
});

describe('AksCluster outbound and egress', () => {
  test('egress selects UDR, orders the cluster after the routes and attaches once', () => {
    let egress!: FakeEgress;
    const { aks, json, cluster } = buildIn((stack) => {
      egress = new FakeEgress(stack);
      return {
        egress,
        apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24']),
        keyVaultSecretsProviderEnabled: true,
      };
    });
    expect(aks.network_profile.outbound_type).toBe('userDefinedRouting');
    expect(aks.network_profile.load_balancer_profile).toBeUndefined();
    expect(aks.depends_on).toContain('azurerm_route_table.Rt');
    const rtRole: any = Object.entries(json.resource.azurerm_role_assignment).find(([k]) =>
      k.includes('RouteTable'),
    );
    expect(rtRole[1]).toMatchObject({
      role_definition_name: 'Network Contributor',
      scope: '${azurerm_route_table.Rt.id}',
    });
    expect(aks.depends_on).toContain(`azurerm_role_assignment.${rtRole[0]}`);
    expect(aks.api_server_access_profile.authorized_ip_ranges).toEqual(['203.0.113.0/24', '20.1.2.3/32']);
    expect(aks.web_app_routing.default_nginx_controller).toBe('None');
    expect(egress.attached).toEqual([
      {
        path: 'test/Aks',
        location: 'westeurope',
        privateCluster: false,
        features: [EgressFeature.POLICY, EgressFeature.KEY_VAULT, EgressFeature.WORKLOAD_IDENTITY],
      },
    ]);
    cluster.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022 });
    expect(egress.attached[0].features).toContain(EgressFeature.WINDOWS);
  });

  test('private cluster behind egress: no authorized ranges, internal controller allowed', () => {
    const { aks } = buildIn((stack) => ({
      egress: new FakeEgress(stack),
      appRouting: { defaultNginxController: NginxControllerMode.INTERNAL },
    }));
    expect(aks.api_server_access_profile).toBeUndefined();
    expect(aks.web_app_routing.default_nginx_controller).toBe('Internal');
  });

  test('user-assigned NAT gateway: cluster depends on the subnet association', () => {
    const { aks } = buildIn((stack) => ({
      outbound: ClusterOutbound.userAssignedNatGateway({
        natGatewayAssociation: new SubnetNatGatewayAssociation(stack, 'NatAssoc', {
          subnetId: 'sub',
          natGatewayId: 'nat',
        }),
      }),
    }));
    expect(aks.network_profile.outbound_type).toBe('userAssignedNATGateway');
    expect(aks.network_profile.load_balancer_profile).toBeUndefined();
    expect(aks.depends_on).toContain('azurerm_subnet_nat_gateway_association.NatAssoc');
  });

  test('network isolated: outbound none with the artifact cache', () => {
    const containerRegistryId =
      '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrcache';
    const { aks } = build({ outbound: ClusterOutbound.none({ containerRegistryId }) });
    expect(aks.network_profile.outbound_type).toBe('none');
    expect(aks.bootstrap_profile).toEqual({
      artifact_source: 'Cache',
      container_registry_id: containerRegistryId,
    });
  });

  test('load balancer sizes are rendered', () => {
    const { aks } = build({
      outbound: ClusterOutbound.loadBalancer({ managedOutboundIpCount: 4, idleTimeoutMinutes: 10 }),
    });
    expect(aks.network_profile.load_balancer_profile).toEqual({
      managed_outbound_ip_count: 4,
      idle_timeout_in_minutes: 10,
    });
  });

  test.each([
    [
      () => ({ outbound: ClusterOutbound.managedNatGateway() }),
      /AksCluster test\/Aks: outbound type managedNATGateway with the cluster in your own VNet; .*userAssignedNatGateway/,
    ],
    [
      () => ({ outbound: ClusterOutbound.userDefinedRouting() }),
      /outbound type userDefinedRouting without an egress path; give egress/,
    ],
    [
      () => ({ outbound: ClusterOutbound.loadBalancer({ managedOutboundIpCount: 0 }) }),
      /loadBalancer managed outbound IP count 0 is out of range; use 1-100/,
    ],
    [
      () => ({ outbound: ClusterOutbound.loadBalancer({ managedOutboundIpCount: 101 }) }),
      /managed outbound IP count 101 is out of range/,
    ],
    [
      () => ({ outbound: ClusterOutbound.loadBalancer({ idleTimeoutMinutes: 3 }) }),
      /idle timeout minutes 3 is out of range; use 4-100/,
    ],
    [
      () => ({ apiServerAccess: ApiServerAccess.publicRestricted([]) }),
      /publicRestricted\(\) with no authorized IP ranges; list the ranges/,
    ],
    [
      () => ({ apiServerAccess: ApiServerAccess.publicRestricted(['10.0 .0 .0 /8']) }),
      /authorized IP range '10.0 .0 .0 \/8' is not an IPv4 address or CIDR/,
    ],
    [
      () => ({
        apiServerAccess: ApiServerAccess.publicRestricted(
          Array.from({ length: 201 }, (_, i) => `10.${i}.0.0/16`),
        ),
      }),
      /201 authorized IP ranges; AKS accepts at most 200/,
    ],
    [
      () => ({
        apiServerAccess: ApiServerAccess.privateCluster({
          privateDnsZone: PrivateDnsZone.fromZoneId(
            '/subscriptions/0/resourceGroups/x/providers/Microsoft.Network/privateDnsZones/example.com',
          ),
        }),
      }),
      /private DNS zone id .* is not a privatelink.<region>.azmk8s.io zone/,
    ],
    [
      () => ({ appRouting: { dnsZoneIds: ['a', 'b', 'c', 'd', 'e', 'f'] } }),
      /app routing with 6 DNS zones; the add-on takes at most 5/,
    ],
    [
      () => ({
        appRouting: {
          enabled: false,
          dnsZoneIds: [
            '/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/dnszones/example.com',
          ],
        },
      }),
      /app routing DNS zones given with the add-on disabled/,
    ],
    [() => ({ dnsPrefix: '-bad' }), /AksCluster test\/Aks: dns prefix '-bad' breaks the rule/],
    [() => ({ location: undefined }), /neither network nor location is given; give location/],
  ])('invalid access/outbound %# is refused', (props, message) => {
    expect(() => build(props())).toThrow(message);
  });

  test.each([NginxControllerMode.ANNOTATION_CONTROLLED, NginxControllerMode.EXTERNAL])(
    'public %s controller behind the firewall is refused',
    (mode) => {
      expect(() =>
        buildIn((stack) => ({ egress: new FakeEgress(stack), appRouting: { defaultNginxController: mode } })),
      ).toThrow(
        new RegExp(
          `AksCluster test/Aks: app routing default controller ${mode} creates a public load balancer behind the egress firewall; use NginxControllerMode.INTERNAL`,
        ),
      );
    },
  );

  test('egress with a non-UDR outbound is refused', () => {
    expect(() =>
      buildIn((stack) => ({ egress: new FakeEgress(stack), outbound: ClusterOutbound.loadBalancer() })),
    ).toThrow(/egress is given but outbound type is loadBalancer; leave outbound unset/);
  });

  test('app routing zones get DNS roles for the add-on identity', () => {
    const pub = '/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/dnszones/example.com';
    const priv =
      '/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/internal.example.com';
    const { json } = build({ appRouting: { dnsZoneIds: [pub, priv] } });
    const roles = Object.values(json.resource.azurerm_role_assignment).filter((r: any) =>
      [pub, priv].includes(r.scope),
    ) as any[];
    expect(roles.map((r) => r.role_definition_name)).toEqual([
      'DNS Zone Contributor',
      'Private DNS Zone Contributor',
    ]);
    expect(roles.every((r) => String(r.principal_id).includes('web_app_routing_identity'))).toBe(true);
  });
});

describe('AksCluster node pools and capacity', () => {
  test('user pools, Windows where the model allows it', () => {
    const { json, cluster } = build({}, (c) => {
      c.addNodePool('apps', { minNodes: 2, maxNodes: 10, maxPods: 110 });
      c.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022, nodeCount: 2 });
    });
    const pools = json.resource.azurerm_kubernetes_cluster_node_pool;
    expect(pools.Aks_NodePool_apps_8E6E2F1A ?? Object.values(pools)[0]).toMatchObject({
      name: 'apps',
      mode: 'User',
      os_type: 'Linux',
      min_count: 2,
      max_count: 10,
      max_pods: 110,
      temporary_name_for_rotation: 'appstmp',
    });
    const win: any = Object.values(pools).find((p: any) => p.name === 'win');
    expect(win).toMatchObject({
      os_type: 'Windows',
      os_sku: 'Windows2022',
      node_count: 2,
      auto_scaling_enabled: false,
      max_pods: 110,
    });
    expect(win.max_count).toBeUndefined();
    expect(cluster.nodePools.map((p) => p.name)).toEqual(['system', 'apps', 'win']);
  });

  test.each([
    ['kubenet', () => NetworkModel.kubenet()],
    ['cilium-overlay', () => NetworkModel.cilium()],
  ])('Windows pool on %s is refused', (name, model) => {
    const { cluster } = build({ networkModel: model() });
    expect(() => cluster.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022 })).toThrow(
      new RegExp(
        `AksCluster test/Aks: node pool win: Windows pool \\(Windows2022\\) on network model ${name}; Windows needs Azure CNI without Cilium`,
      ),
    );
  });

  test.each([
    [
      { name: 'Apps' },
      /node pool Apps: name 'Apps' breaks \^\[a-z\]\[a-z0-9\]\{0,11\}\$; use 1-12 lower-case/,
    ],
    [
      { name: 'windows', osSku: NodeOsSku.WINDOWS2022 },
      /Windows pool name 'windows' has 7 characters; use at most 6, e.g. 'window'/,
    ],
    [{ nodeCount: 3, maxNodes: 5 }, /nodeCount 3 is given together with minNodes\/maxNodes/],
    [{ minNodes: 5, maxNodes: 2 }, /minNodes 5 is above maxNodes 2; make minNodes at most maxNodes/],
    [{ maxNodes: 1001 }, /maxNodes 1001 is out of range; use a whole number from 0 to 1000/],
    [{ maxPods: 300 }, /maxPods 300 is out of range; use 10-250/],
    [{ maxSurge: 'lots' }, /maxSurge 'lots' is not a node count or a percentage/],
    [{ maxSurge: '150%' }, /maxSurge '150%' is not a node count or a percentage/],
  ])('invalid user pool %p is refused', (options, message) => {
    const { cluster } = build();
    expect(() => cluster.addNodePool('apps', options)).toThrow(message);
  });

  test('system pool rules', () => {
    expect(() => build({ systemNodePool: { osSku: NodeOsSku.WINDOWS2022, name: 'sys' } })).toThrow(
      /system pool with OS SKU Windows2022; the system pool must run Linux/,
    );
    expect(() => build({ systemNodePool: { minNodes: 0 } })).toThrow(
      /node pool system: minNodes 0 is out of range; use a whole number from 1 to 1000/,
    );
    const { cluster } = build();
    expect(() => cluster.addNodePool('system')).toThrow(/node pool name 'system' is used twice/);
  });

  test('Windows with Azure NPM is refused (retired on Windows)', () => {
    const { cluster } = build({ policyEngine: PolicyEngine.AZURE_NPM });
    expect(() => cluster.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022 })).toThrow(
      /Windows pool win with Azure NPM, retired on Windows since 2026-09-30; use PolicyEngine.CALICO/,
    );
  });

  test('flat CNI node subnet too small: names the smallest prefix that fits', () => {
    const { cluster } = build({
      networkModel: NetworkModel.azureCniNodeSubnet(),
      nodeSubnetPrefixLength: 24,
    });
    expect(() => cluster.addNodePool('apps', { maxNodes: 10 })).toThrow(
      /AksCluster test\/Aks: node subnet snet-aks-nodes 10.240.0.0\/24 holds 251 usable addresses but needs 558 \(\(6 \+ 1\) × \(30 \+ 1\) \+ \(10 \+ 1\) × \(30 \+ 1\)\); use a \/22 or larger/,
    );
    expect(cluster.nodePools).toHaveLength(1); // the refused pool is not kept
  });

  test('overlay pod CIDR too small', () => {
    const { cluster } = build({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.244.0.0/21' }) });
    expect(() => cluster.addNodePool('apps', { maxNodes: 20 })).toThrow(
      /pod CIDR 10.244.0.0\/21 holds 8 \/24 blocks but needs 29 .*; use a \/19 or larger/,
    );
    expect(() => build({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.244.0.0/24' }) })).toThrow(
      /AksCluster test\/Aks: pod CIDR 10.244.0.0\/24 holds 1 \/24 blocks but needs 7/,
    );
  });

  test('pod subnet too small', () => {
    expect(() =>
      build({ networkModel: NetworkModel.azureCniPodSubnet(), podSubnetPrefixLength: 26 }),
    ).toThrow(
      /AksCluster test\/Aks: pod subnet snet-aks-pods 10.240.4.0\/26 holds 59 usable addresses but needs 784 .*; use a \/22 or larger/,
    );
  });

  test('kubenet beyond 400 nodes and NPM beyond 250 nodes', () => {
    const kubenet = build({
      networkModel: NetworkModel.kubenet({ podCidr: '10.128.0.0/14' }),
      nodeSubnetPrefixLength: 20,
    }).cluster;
    expect(() => kubenet.addNodePool('big', { maxNodes: 400 })).toThrow(
      /kubenet with 447 nodes \(max nodes \+ surge\) exceeds the 400-node limit.*Azure CNI Overlay/,
    );
    const npm = build({
      policyEngine: PolicyEngine.AZURE_NPM,
      networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.128.0.0/14' }),
    }).cluster;
    expect(() => npm.addNodePool('big', { maxNodes: 300 })).toThrow(
      /Azure NPM with 337 nodes \(max nodes \+ surge\); NPM supports at most 250 nodes/,
    );
  });

  test('service, DNS and pod ranges are checked against the plan', () => {
    expect(() => build({ serviceCidr: '10.240.0.0/16' })).toThrow(
      /AksCluster test\/Aks: service CIDR 10.240.0.0\/16 overlaps VNet address space 10.240.0.0\/16/,
    );
    expect(() => build({ dnsServiceIp: '10.1.0.10' })).toThrow(
      /AksCluster test\/Aks: DNS service IP 10.1.0.10 is outside service CIDR 10.0.0.0\/16/,
    );
    expect(() =>
      build({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.240.128.0/17' }) }),
    ).toThrow(/pod CIDR 10.240.128.0\/17 overlaps VNet address space 10.240.0.0\/16/);
    expect(() => build({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.0.0.0/15' }) })).toThrow(
      /pod CIDR 10.0.0.0\/15 overlaps service CIDR 10.0.0.0\/16/,
    );
  });

  test('existing network: pod-subnet models need its pod subnet', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const network = new ExistingClusterNetwork(stack, 'Net', {
      location: 'westeurope',
      resourceGroupName: 'rg',
      vnetId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet',
      vnetName: 'vnet',
      vnetAddressSpaces: ['10.50.0.0/16'],
      nodeSubnet: { name: 'nodes', id: '/subscriptions/0/.../subnets/nodes', cidr: '10.50.0.0/22' },
    });
    expect(
      () => new AksCluster(stack, 'Aks', { network, networkModel: NetworkModel.azureCniPodSubnet() }),
    ).toThrow(
      /AksCluster test\/Aks: network model azure-cni-pod-subnet needs a pod subnet but the network has none; set podSubnetPrefixLength/,
    );
    const cluster = new AksCluster(stack, 'Aks2', { network });
    const aks: any = Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_kubernetes_cluster)[0];
    expect(aks.default_node_pool.vnet_subnet_id).toBe('/subscriptions/0/.../subnets/nodes');
    expect(aks.location).toBe('westeurope');
    expect(cluster.addressPlan).toBe(network.plan);
  });
});

test('a custom service CIDR gets its .10 DNS IP', () => {
  const { aks } = build({ serviceCidr: '172.20.0.0/16' });
  expect(aks.network_profile).toMatchObject({ service_cidr: '172.20.0.0/16', dns_service_ip: '172.20.0.10' });
});

describe('example network-models', () => {
  test('six deployable stacks, one per model', () => {
    const app = Testing.app();
    const manifests = buildNetworkModels(app);
    expect(manifests).toHaveLength(6);
    expect(manifests[0].charts[0].toJson().map((o: any) => o.metadata.name)).toEqual([
      'default-deny',
      'allow-dns',
    ]);
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
    const profiles = Object.fromEntries(
      stacks.map((stack) => {
        const json = JSON.parse(Testing.synth(stack));
        expect(json).toMatchSnapshot(stack.node.id);
        expect(json.provider.azurerm).toHaveLength(1);
        const aks: any = Object.values(json.resource.azurerm_kubernetes_cluster)[0];
        const p = aks.network_profile;
        return [
          stack.node.id,
          [
            p.network_plugin,
            p.network_plugin_mode,
            p.network_data_plane,
            p.network_policy,
            p.outbound_type,
          ].join(' '),
        ];
      }),
    );
    expect(profiles).toEqual({
      'network-models-kubenet': 'kubenet   calico loadBalancer',
      'network-models-cni-node-subnet': 'azure  azure calico loadBalancer',
      'network-models-cni-pod-subnet': 'azure  azure calico userAssignedNATGateway',
      'network-models-cni-overlay': 'azure overlay azure calico loadBalancer',
      'network-models-cilium': 'azure overlay cilium cilium none',
      'network-models-byo-cni': 'none    loadBalancer',
    });
  });
});

describe('AksCluster Windows profile', () => {
  test('a literal password is refused; a reference is rendered', () => {
    expect(() =>
      build({ windowsProfile: { adminUsername: 'azureuser', adminPassword: 'P@ssw0rd1234!' } }),
    ).toThrow(/AksCluster test\/Aks: windowsProfile.adminPassword is a literal string; pass a reference/);
    const { aks, cluster } = buildIn((stack) => ({
      windowsProfile: {
        adminUsername: 'azureuser',
        adminPassword: new RouteTable(stack, 'Secret', {
          name: 'x',
          location: 'westeurope',
          resourceGroupName: 'rg',
        }).name,
      },
    }));
    expect(aks.windows_profile).toEqual({
      admin_username: 'azureuser',
      admin_password: '${azurerm_route_table.Secret.name}',
    });
    cluster.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022 });
    expect(warnings(cluster)).toEqual([]);
  });

  test('a Windows pool without a profile warns; its rotation name fits 6 characters', () => {
    const { cluster, stack } = build({}, (c) => c.addNodePool('winpl', { osSku: NodeOsSku.WINDOWS2022 }));
    expect(warnings(cluster).join()).toMatch(/Windows pool winpl on a cluster without windowsProfile/);
    const pool: any = Object.values(
      JSON.parse(Testing.synth(stack)).resource.azurerm_kubernetes_cluster_node_pool,
    )[0];
    expect(pool.temporary_name_for_rotation).toBe('wintmp');
  });
});

test('Azure CNI clusters stop at 5,000 nodes', () => {
  const { cluster } = build({
    networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.64.0.0/11' }),
    nodeSubnetPrefixLength: 19,
  });
  for (const name of ['a', 'b', 'c', 'd']) cluster.addNodePool(name, { maxNodes: 1000 });
  expect(() => cluster.addNodePool('e', { maxNodes: 1000 })).toThrow(
    /AksCluster test\/Aks: 5507 nodes \(max nodes \+ surge\) exceed the 5000-node limit of azure-cni-overlay; lower max nodes/,
  );
});

describe('cluster renderers', () => {
  const model = NetworkModel.azureCniOverlay();
  test.each([
    ['10%', 3, 1],
    ['33%', 10, 4],
    ['100%', 5, 5],
    ['3', 50, 3],
  ])('max surge %s of %d nodes is %d nodes', (maxSurge, maxNodes, surge) => {
    const pool = resolvePool(
      's',
      { maxSurge, nodeCount: maxNodes },
      { name: 'p', minNodes: 1, maxNodes: 1, system: false },
      model,
    );
    expect(pool.maxSurgeNodes).toBe(surge);
  });

  test('rotation names fit the pool name limits', () => {
    expect(rotationName('system')).toBe('systemtmp');
    expect(rotationName('abcdefghijkl')).toBe('abcdefghitmp');
    expect(rotationName('winpol', true)).toBe('wintmp');
  });

  test('NAT gateway profile only for the managed NAT gateway', () => {
    const base = {
      model,
      engine: PolicyEngine.CALICO,
      serviceCidr: '10.0.0.0/16',
      dnsServiceIp: '10.0.0.10',
    };
    const nat = renderNetworkProfile({
      ...base,
      outbound: ClusterOutbound.managedNatGateway({ managedOutboundIpCount: 2 }),
    });
    expect(nat.natGatewayProfile).toEqual({ managedOutboundIpCount: 2, idleTimeoutInMinutes: 4 });
    expect(nat.loadBalancerProfile).toBeUndefined();
    const udr = renderNetworkProfile({ ...base, outbound: ClusterOutbound.userDefinedRouting() });
    expect(udr.natGatewayProfile).toBeUndefined();
    expect(udr.loadBalancerProfile).toBeUndefined();
    expect(
      renderNetworkProfile({
        ...base,
        engine: PolicyEngine.NONE,
        outbound: ClusterOutbound.none({
          containerRegistryId:
            '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrcache',
        }),
      }).networkPolicy,
    ).toBeUndefined();
  });
});

test('an API server open to all stays open behind an egress firewall', () => {
  const { aks, cluster } = buildIn((stack) => ({
    egress: new FakeEgress(stack),
    apiServerAccess: ApiServerAccess.publicToAll(),
  }));
  expect(aks.api_server_access_profile).toBeUndefined();
  expect(aks.private_cluster_enabled).toBe(false);
  expect(warnings(cluster).join()).toMatch(/public to every address/);
});

test('monitoring add-on with managed identity auth, and its egress feature', () => {
  let egress!: FakeEgress;
  const { aks } = buildIn((stack) => {
    egress = new FakeEgress(stack);
    return {
      egress,
      logAnalyticsWorkspaceId:
        '/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs',
    };
  });
  expect(aks.oms_agent).toEqual({
    log_analytics_workspace_id:
      '/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs',
    msi_auth_for_monitoring_enabled: true,
  });
  expect(egress.attached[0].features).toContain(EgressFeature.MONITOR);
  expect(build().aks.oms_agent).toBeUndefined();
});

describe('AksCluster placement rules', () => {
  const existing = (stack: TerraformStack): ExistingClusterNetwork =>
    new ExistingClusterNetwork(stack, 'Net', {
      location: 'westeurope',
      resourceGroupName: 'rg',
      vnetId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet',
      vnetName: 'vnet',
      vnetAddressSpaces: ['10.50.0.0/16'],
      nodeSubnet: { name: 'nodes', id: 'nodes-id', cidr: '10.50.0.0/22' },
    });

  test('network-shaping props next to a given network are refused', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(
      () =>
        new AksCluster(stack, 'Aks', {
          network: existing(stack),
          location: 'westeurope',
          addressSpace: '10.9.0.0/16',
        }),
    ).toThrow(
      /AksCluster test\/Aks: location, addressSpace given together with network; these shape a network the cluster creates/,
    );
  });

  test('one cluster per network', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const network = existing(stack);
    new AksCluster(stack, 'First', { network });
    expect(() => new AksCluster(stack, 'Second', { network })).toThrow(
      /AksCluster test\/Second: the network's address plan already holds the ranges of another cluster \(service CIDR 10.0.0.0\/16\); give each cluster its own ClusterNetwork/,
    );
  });

  test('cluster names follow the AKS rule', () => {
    expect(() => build({ clusterName: 'bad name' })).toThrow(
      /AksCluster test\/Aks: cluster name 'bad name' breaks the AKS rule; use 1-63/,
    );
    expect(build({ clusterName: 'aks-prod-weu', dnsPrefix: 'prodweu' }).aks).toMatchObject({
      name: 'aks-prod-weu',
      dns_prefix: 'prodweu',
    });
  });
});

test.each([
  [
    { serviceCidr: '10.0.0.0/11' },
    /AksCluster test\/Aks: service CIDR 10.0.0.0\/11 is larger than Kubernetes allows; use a \/12 or smaller range/,
  ],
  [
    { dnsServiceIp: '10.0.0.1' },
    /AksCluster test\/Aks: DNS service IP 10.0.0.1 is the first address of service CIDR 10.0.0.0\/16 \(taken by kubernetes.default\)/,
  ],
  [
    { networkModel: NetworkModel.azureCniOverlay({ podCidr: '172.30.0.0/16' }) },
    /AksCluster test\/Aks: pod CIDR 172.30.0.0\/16 overlaps 172.30.0.0\/16 \(reserved by AKS\)/,
  ],
  [
    { networkModel: NetworkModel.azureCniOverlay({ podCidr: '8.8.0.0/16' }) },
    /AksCluster test\/Aks: pod CIDR 8.8.0.0\/16 is not a private \(RFC 1918\) or shared \(RFC 6598\) range/,
  ],
  [
    { serviceCidr: '192.0.2.0/24' },
    /service CIDR 192.0.2.0\/24 overlaps 192.0.2.0\/24 \(reserved by AKS \(TEST-NET-1\)\)/,
  ],
])('address rule %# surfaces with the cluster path', (props, message) => {
  expect(() => build(props)).toThrow(message);
});

test('a user pool needs room for at least one node', () => {
  const { cluster } = build();
  expect(() => cluster.addNodePool('apps', { minNodes: 0, maxNodes: 0 })).toThrow(
    /AksCluster test\/Aks: node pool apps: maxNodes 0; allow at least one node/,
  );
  expect(cluster.addNodePool('batch', { minNodes: 0, maxNodes: 3 })).toMatchObject({
    name: 'batch',
    maxNodes: 3,
  });
});

describe('AksCluster identities, tags and DNS zone choices', () => {
  test('given identities are used, not created', () => {
    const { aks, json } = build({
      controlPlaneIdentity: { resourceId: '/ids/cp', principalId: 'cp-principal' },
      kubeletIdentity: { resourceId: '/ids/kubelet', clientId: 'kubelet-client', objectId: 'kubelet-object' },
    });
    expect(json.resource.azurerm_user_assigned_identity).toBeUndefined();
    expect(aks.identity).toEqual({ type: 'UserAssigned', identity_ids: ['/ids/cp'] });
    expect(aks.kubelet_identity).toEqual({
      user_assigned_identity_id: '/ids/kubelet',
      client_id: 'kubelet-client',
      object_id: 'kubelet-object',
    });
    const roles = Object.values(json.resource.azurerm_role_assignment) as any[];
    expect(roles.every((r) => r.principal_id === 'cp-principal')).toBe(true);
    expect(roles.find((r) => r.role_definition_name === 'Managed Identity Operator').scope).toBe(
      '/ids/kubelet',
    );
  });

  test('tags reach the cluster, its pools, identities and network', () => {
    const tags = { env: 'prod' };
    const { aks, json } = build({ tags });
    expect(aks.tags).toEqual(tags);
    expect(aks.default_node_pool.tags).toEqual(tags);
    for (const type of [
      'azurerm_user_assigned_identity',
      'azurerm_resource_group',
      'azurerm_virtual_network',
    ]) {
      expect((Object.values(json.resource[type]) as any[]).every((r) => r.tags?.env === 'prod')).toBe(true);
    }
  });

  test('private DNS zone None warns that your DNS must resolve the API server', () => {
    const { aks, cluster } = build({
      apiServerAccess: ApiServerAccess.privateCluster({ privateDnsZone: PrivateDnsZone.NONE }),
    });
    expect(aks.private_dns_zone_id).toBe('None');
    expect(warnings(cluster).join()).toMatch(
      /private DNS zone None: nodes and clients must resolve the API server name/,
    );
  });

  test('Entra ID admin groups and tenant are passed through', () => {
    const { aks } = build({ adminGroupObjectIds: ['group-1'], tenantId: 'tenant-1' });
    expect(aks.azure_active_directory_role_based_access_control).toEqual({
      azure_rbac_enabled: true,
      tenant_id: 'tenant-1',
      admin_group_object_ids: ['group-1'],
    });
  });
});

test('risky opt-outs fail synthesis under the security rules until suppressed with a reason', () => {
  const synth = (suppress: boolean): void => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const cluster = new AksCluster(stack, 'Aks', {
      location: 'westeurope',
      apiServerAccess: ApiServerAccess.publicToAll(),
    });
    if (suppress) SecurityRules.suppress(cluster, 'AKSNET-AZ-003', 'short-lived demo cluster without data');
    AksNetworkSynth.synth(app);
  };
  expect(() => synth(false)).toThrow(/test\/Aks\/Resource: \[AKSNET-AZ-003\]/);
  expect(() => synth(true)).not.toThrow();
});

test('Ubuntu pools that patch in place need the OS update mirrors through the firewall', () => {
  let egress!: FakeEgress;
  const { cluster } = buildIn((stack) => {
    egress = new FakeEgress(stack);
    return { egress, nodeOsUpgradeChannel: NodeOsUpgradeChannel.SECURITY_PATCH };
  });
  expect(egress.attached[0].features).not.toContain(EgressFeature.OS_UPDATES); // Azure Linux system pool
  cluster.addNodePool('ubuntu', { osSku: NodeOsSku.UBUNTU2204 });
  expect(egress.attached[0].features).toContain(EgressFeature.OS_UPDATES);
  const imageOnly = buildIn((stack) => ({
    egress: new FakeEgress(stack),
    systemNodePool: { osSku: NodeOsSku.UBUNTU },
  }));
  expect(imageOnly.cluster.egressFeatures).not.toContain(EgressFeature.OS_UPDATES); // NodeImage channel
});

test('advanced container networking needs the Cilium data plane', () => {
  const { aks, cluster } = build({
    networkModel: NetworkModel.cilium(),
    advancedNetworking: { observabilityEnabled: false },
  });
  expect(aks.network_profile.advanced_networking).toEqual({
    observability_enabled: false,
    security_enabled: true,
  });
  expect(cluster.advancedNetworkSecurity).toBe(true);
  expect(build().aks.network_profile.advanced_networking).toBeUndefined();
  expect(() => build({ advancedNetworking: {} })).toThrow(
    /AksCluster test\/Aks: advanced container networking on network model azure-cni-overlay; ACNS needs the Cilium data plane/,
  );
});

test('Free tier clusters stop at 1,000 nodes', () => {
  const { cluster, aks } = build({
    skuTier: ClusterSkuTier.FREE,
    networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.64.0.0/11' }),
    nodeSubnetPrefixLength: 20,
  });
  expect(aks.sku_tier).toBe('Free');
  expect(() => cluster.addNodePool('big', { maxNodes: 1000 })).toThrow(
    /AksCluster test\/Aks: 1107 nodes \(max nodes \+ surge\) exceed the 1000-node limit of the Free tier; use ClusterSkuTier.STANDARD/,
  );
});

test('a custom rotation name follows the pool name rule', () => {
  expect(
    build({ systemNodePool: { temporaryNameForRotation: 'sysrot' } }).aks.default_node_pool
      .temporary_name_for_rotation,
  ).toBe('sysrot');
  expect(() => build({ systemNodePool: { temporaryNameForRotation: 'System-Tmp' } })).toThrow(
    /AksCluster test\/Aks: node pool system: temporary name for rotation 'System-Tmp' is not a valid, distinct pool name/,
  );
  expect(() => build({ systemNodePool: { temporaryNameForRotation: 'system' } })).toThrow(
    /other than 'system'/,
  );
});

test.each([
  [
    (c: AksCluster) => c.addNodePool('gpu', { nodeTaints: ['sku=gpu'] }),
    /node pool gpu: taint 'sku=gpu' is not key=value:Effect/,
  ],
  [
    (c: AksCluster) => c.addNodePool('apps', { zones: ['4'] }),
    /node pool apps: availability zone '4'; use '1', '2' and\/or '3'/,
  ],
])('invalid pool detail %# is refused', (add, message) => {
  const { cluster } = build();
  expect(() => add(cluster)).toThrow(message);
  expect(cluster.nodePools).toHaveLength(1);
});

test('taints and regions without zones', () => {
  const { json } = build({ systemNodePool: { zones: [] } }, (c) =>
    c.addNodePool('gpu', { nodeTaints: ['sku=gpu:NoSchedule'], zones: [] }),
  );
  const pool: any = Object.values(json.resource.azurerm_kubernetes_cluster_node_pool)[0];
  expect(pool.node_taints).toEqual(['sku=gpu:NoSchedule']);
  expect(pool.zones).toEqual([]);
});

test.each([
  [
    { kubernetesVersion: 'latest' },
    /AksCluster test\/Aks: kubernetesVersion 'latest' is not a version; write major.minor/,
  ],
  [
    {
      appRouting: {
        dnsZoneIds: ['/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/virtualNetworks/x'],
      },
    },
    /app routing DNS zone id .* is not an Azure DNS zone/,
  ],
])('invalid cluster detail %# is refused', (props, message) => {
  expect(() => build(props)).toThrow(message);
});

test('max pods below 30 needs a pool that still holds 30 pods', () => {
  const { cluster } = build();
  expect(() => cluster.addNodePool('tiny', { nodeCount: 2, maxPods: 10 })).toThrow(
    /AksCluster test\/Aks: node pool tiny: maxPods 10 × 2 nodes holds fewer than 30 pods/,
  );
  expect(cluster.addNodePool('small', { nodeCount: 3, maxPods: 10 })).toMatchObject({ maxPods: 10 });
});

test('restricted API behind a user NAT gateway warns to authorize its IPs', () => {
  const { cluster } = buildIn((stack) => ({
    apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24']),
    outbound: ClusterOutbound.userAssignedNatGateway({
      natGatewayAssociation: new SubnetNatGatewayAssociation(stack, 'NatAssoc', {
        subnetId: 'sub',
        natGatewayId: 'nat',
      }),
    }),
  }));
  expect(warnings(cluster).join()).toMatch(/include the NAT gateway's public IPs in publicRestricted/);
});
