// The secure-baseline scenario written the way a typical cdktf + cdk8s program is written:
// provider classes from the package root, hand-wired ids and CIDRs, manifests from plain
// cdk8s-plus objects and ApiObjects. It exists only as a point of comparison for the benchmark.
'use strict';

const path = require('path');
const cdktf = require('cdktf');
const cdk8s = require('cdk8s');
const kplus = require('cdk8s-plus-28');
// The package root loads every resource class of the provider: the usual, slow way. With
// --deep-imports the same namespaces come from their own modules, so the run costs what this output
// costs the frameworks (the `peer-deep` figure).
const azurerm = process.argv.includes('--deep-imports') ? deepImports() : require('@cdktf/provider-azurerm');

function deepImports() {
  const modules = {
    firewall: 'firewall',
    firewallPolicy: 'firewall-policy',
    firewallPolicyRuleCollectionGroup: 'firewall-policy-rule-collection-group',
    kubernetesCluster: 'kubernetes-cluster',
    provider: 'provider',
    publicIp: 'public-ip',
    resourceGroup: 'resource-group',
    roleAssignment: 'role-assignment',
    route: 'route',
    routeTable: 'route-table',
    subnet: 'subnet',
    subnetRouteTableAssociation: 'subnet-route-table-association',
    userAssignedIdentity: 'user-assigned-identity',
    virtualNetwork: 'virtual-network',
  };
  return Object.fromEntries(
    Object.entries(modules).map(([ns, file]) => [ns, require(`@cdktf/provider-azurerm/lib/${file}`)]),
  );
}

const LOCATION = 'westeurope';
const PREFIX = 'baseline';
const VNET_CIDR = '10.10.0.0/16';
const NODE_SUBNET = '10.10.0.0/22';
const INGRESS_SUBNET = '10.10.4.0/24';
const FIREWALL_SUBNET = '10.10.5.0/26';
const INGRESS_LB_IP = '10.10.4.10';
const POD_CIDR = '192.168.0.0/16';
const SERVICE_CIDR = '172.16.0.0/16';
const DNS_SERVICE_IP = '172.16.0.10';

class NetworkStack extends cdktf.TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    new azurerm.provider.AzurermProvider(this, 'azurerm', { features: [{}] });

    const rg = new azurerm.resourceGroup.ResourceGroup(this, 'rg', {
      name: `rg-${PREFIX}`,
      location: LOCATION,
    });
    const vnet = new azurerm.virtualNetwork.VirtualNetwork(this, 'vnet', {
      name: `vnet-${PREFIX}`,
      location: rg.location,
      resourceGroupName: rg.name,
      addressSpace: [VNET_CIDR],
    });
    const subnet = (id, name, prefix) =>
      new azurerm.subnet.Subnet(this, id, {
        name,
        resourceGroupName: rg.name,
        virtualNetworkName: vnet.name,
        addressPrefixes: [prefix],
      });
    const nodes = subnet('nodes', 'snet-nodes', NODE_SUBNET);
    const ingress = subnet('ingress', 'snet-ingress', INGRESS_SUBNET);
    const fwSubnet = subnet('firewall-subnet', 'AzureFirewallSubnet', FIREWALL_SUBNET);

    // Firewall with its policy.
    const pip = new azurerm.publicIp.PublicIp(this, 'fw-pip', {
      name: `pip-fw-${PREFIX}`,
      location: rg.location,
      resourceGroupName: rg.name,
      allocationMethod: 'Static',
      sku: 'Standard',
      zones: ['1', '2', '3'],
    });
    const policy = new azurerm.firewallPolicy.FirewallPolicy(this, 'fw-policy', {
      name: `afwp-${PREFIX}`,
      location: rg.location,
      resourceGroupName: rg.name,
      sku: 'Standard',
      dns: { proxyEnabled: true },
      threatIntelligenceMode: 'Deny',
    });
    const firewall = new azurerm.firewall.Firewall(this, 'fw', {
      name: `afw-${PREFIX}`,
      location: rg.location,
      resourceGroupName: rg.name,
      skuName: 'AZFW_VNet',
      skuTier: 'Standard',
      firewallPolicyId: policy.id,
      zones: ['1', '2', '3'],
      ipConfiguration: [{ name: 'ipconfig', subnetId: fwSubnet.id, publicIpAddressId: pip.id }],
    });
    const fwPrivateIp = firewall.ipConfiguration.get(0).privateIpAddress;

    new azurerm.firewallPolicyRuleCollectionGroup.FirewallPolicyRuleCollectionGroup(this, 'fw-dnat', {
      name: 'ingress-dnat',
      firewallPolicyId: policy.id,
      priority: 100,
      natRuleCollection: [
        {
          name: 'ingress',
          action: 'Dnat',
          priority: 100,
          rule: [80, 443].map((port) => ({
            name: `http-${port}`,
            protocols: ['TCP'],
            sourceAddresses: ['*'],
            destinationAddress: pip.ipAddress,
            destinationPorts: [String(port)],
            translatedAddress: INGRESS_LB_IP,
            translatedPort: port,
          })),
        },
      ],
    });
    new azurerm.firewallPolicyRuleCollectionGroup.FirewallPolicyRuleCollectionGroup(this, 'fw-aks', {
      name: 'aks-egress',
      firewallPolicyId: policy.id,
      priority: 200,
      networkRuleCollection: [
        {
          name: 'aks-network',
          action: 'Allow',
          priority: 200,
          rule: [
            {
              name: 'apiserver-udp',
              protocols: ['UDP'],
              sourceAddresses: [NODE_SUBNET],
              destinationAddresses: [`AzureCloud.${LOCATION}`],
              destinationPorts: ['1194'],
            },
            {
              name: 'apiserver-tcp',
              protocols: ['TCP'],
              sourceAddresses: [NODE_SUBNET],
              destinationAddresses: [`AzureCloud.${LOCATION}`],
              destinationPorts: ['9000'],
            },
            {
              name: 'ntp',
              protocols: ['UDP'],
              sourceAddresses: [NODE_SUBNET],
              destinationFqdns: ['ntp.ubuntu.com'],
              destinationPorts: ['123'],
            },
          ],
        },
      ],
      applicationRuleCollection: [
        {
          name: 'aks-fqdns',
          action: 'Allow',
          priority: 300,
          rule: [
            {
              name: 'aks-service-tag',
              sourceAddresses: [NODE_SUBNET],
              destinationFqdnTags: ['AzureKubernetesService'],
              protocols: [{ type: 'Https', port: 443 }],
            },
            {
              name: 'required',
              sourceAddresses: [NODE_SUBNET],
              destinationFqdns: [
                'mcr.microsoft.com',
                '*.data.mcr.microsoft.com',
                'mcr-0001.mcr-msedge.net',
                'management.azure.com',
                'login.microsoftonline.com',
                'packages.microsoft.com',
                'acs-mirror.azureedge.net',
                'packages.aks.azure.com',
              ],
              protocols: [{ type: 'Https', port: 443 }],
            },
          ],
        },
      ],
    });

    // Route table sending everything through the firewall.
    const routes = new azurerm.routeTable.RouteTable(this, 'rt', {
      name: `rt-${PREFIX}`,
      location: rg.location,
      resourceGroupName: rg.name,
      bgpRoutePropagationEnabled: false,
    });
    new azurerm.route.Route(this, 'rt-default', {
      name: 'default-via-firewall',
      resourceGroupName: rg.name,
      routeTableName: routes.name,
      addressPrefix: '0.0.0.0/0',
      nextHopType: 'VirtualAppliance',
      nextHopInIpAddress: fwPrivateIp,
    });
    new azurerm.route.Route(this, 'rt-fw-pip', {
      name: 'firewall-public-ip',
      resourceGroupName: rg.name,
      routeTableName: routes.name,
      addressPrefix: `${pip.ipAddress}/32`,
      nextHopType: 'Internet',
    });
    const associations = [nodes, ingress].map(
      (s, i) =>
        new azurerm.subnetRouteTableAssociation.SubnetRouteTableAssociation(this, `rt-assoc-${i}`, {
          subnetId: s.id,
          routeTableId: routes.id,
        }),
    );

    // Identities and their role assignments.
    const controlPlane = new azurerm.userAssignedIdentity.UserAssignedIdentity(this, 'id-cp', {
      name: `id-${PREFIX}-control-plane`,
      location: rg.location,
      resourceGroupName: rg.name,
    });
    const kubelet = new azurerm.userAssignedIdentity.UserAssignedIdentity(this, 'id-kubelet', {
      name: `id-${PREFIX}-kubelet`,
      location: rg.location,
      resourceGroupName: rg.name,
    });
    const grant = (id, scope, role, principal) =>
      new azurerm.roleAssignment.RoleAssignment(this, id, {
        scope,
        roleDefinitionName: role,
        principalId: principal,
      });
    const grants = [
      grant('ra-nodes', nodes.id, 'Network Contributor', controlPlane.principalId),
      grant('ra-ingress', ingress.id, 'Network Contributor', controlPlane.principalId),
      grant('ra-rt', routes.id, 'Network Contributor', controlPlane.principalId),
      grant('ra-kubelet', kubelet.id, 'Managed Identity Operator', controlPlane.principalId),
    ];

    new azurerm.kubernetesCluster.KubernetesCluster(this, 'aks', {
      name: `aks-${PREFIX}`,
      location: rg.location,
      resourceGroupName: rg.name,
      dnsPrefix: `aks-${PREFIX}`,
      skuTier: 'Standard',
      privateClusterEnabled: true,
      privateDnsZoneId: 'System',
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true },
      azurePolicyEnabled: true,
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      automaticUpgradeChannel: 'patch',
      nodeOsUpgradeChannel: 'NodeImage',
      identity: { type: 'UserAssigned', identityIds: [controlPlane.id] },
      kubeletIdentity: {
        clientId: kubelet.clientId,
        objectId: kubelet.principalId,
        userAssignedIdentityId: kubelet.id,
      },
      defaultNodePool: {
        name: 'system',
        vmSize: 'Standard_D4s_v5',
        vnetSubnetId: nodes.id,
        autoScalingEnabled: true,
        minCount: 2,
        maxCount: 5,
        maxPods: 110,
        zones: ['1', '2', '3'],
        onlyCriticalAddonsEnabled: true,
        upgradeSettings: { maxSurge: '33%' },
      },
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataPlane: 'cilium',
        networkPolicy: 'cilium',
        podCidr: POD_CIDR,
        serviceCidr: SERVICE_CIDR,
        dnsServiceIp: DNS_SERVICE_IP,
        outboundType: 'userDefinedRouting',
        loadBalancerSku: 'standard',
      },
      webAppRouting: { dnsZoneIds: [], defaultNginxController: 'None' },
      dependsOn: [...associations, ...grants],
    });
  }
}

class AppChart extends cdk8s.Chart {
  constructor(scope, id) {
    super(scope, id, { namespace: 'myapp' });
    new kplus.Namespace(this, 'ns', { metadata: { name: 'myapp' } });

    // Internal NGINX controller of the app routing add-on on the planned ingress IP.
    new cdk8s.ApiObject(this, 'nginx', {
      apiVersion: 'approuting.kubernetes.azure.com/v1alpha1',
      kind: 'NginxIngressController',
      metadata: { name: 'nginx-internal', namespace: undefined },
      spec: {
        ingressClassName: 'nginx-internal',
        controllerNamePrefix: 'nginx-internal',
        loadBalancerAnnotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
          'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'snet-ingress',
          'service.beta.kubernetes.io/azure-load-balancer-ipv4': INGRESS_LB_IP,
        },
      },
    });

    const tier = (name, image, port) => {
      const deployment = new kplus.Deployment(this, name, {
        metadata: { name },
        replicas: 2,
        podMetadata: { labels: { tier: name } },
        securityContext: { ensureNonRoot: true },
        containers: [
          {
            name,
            image,
            portNumber: port,
            securityContext: { ensureNonRoot: true, readOnlyRootFilesystem: true },
          },
        ],
      });
      const service = deployment.exposeViaService({ name, ports: [{ port, targetPort: port }] });
      return { deployment, service };
    };
    const database = tier('database', 'postgres:16', 5432);
    const api = tier('api', 'example.azurecr.io/api:1.0.0', 8080);
    const web = tier('web', 'example.azurecr.io/web:1.0.0', 8080);

    new kplus.Ingress(this, 'ingress', {
      metadata: { name: 'web' },
      className: 'nginx-internal',
      rules: [
        { path: '/api', pathType: kplus.HttpIngressPathType.PREFIX, backend: kplus.IngressBackend.fromService(api.service) },
        { path: '/', pathType: kplus.HttpIngressPathType.PREFIX, backend: kplus.IngressBackend.fromService(web.service) },
      ],
    });

    // Default deny, DNS egress, then one allow per hop.
    const policy = (name, spec) =>
      new cdk8s.ApiObject(this, `np-${name}`, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name },
        spec,
      });
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    policy('allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    });
    const controllerPeer = {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/component': 'ingress-controller' } },
    };
    const allow = (from, to, port) => {
      policy(`${to}-from-${from}`, {
        podSelector: { matchLabels: { tier: to } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [from === 'ingress' ? controllerPeer : { podSelector: { matchLabels: { tier: from } } }],
            ports: [{ protocol: 'TCP', port }],
          },
        ],
      });
      if (from !== 'ingress') {
        policy(`${from}-to-${to}`, {
          podSelector: { matchLabels: { tier: from } },
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: { matchLabels: { tier: to } } }], ports: [{ protocol: 'TCP', port }] }],
        });
      }
    };
    allow('ingress', 'web', 8080);
    allow('ingress', 'api', 8080);
    allow('web', 'api', 8080);
    allow('api', 'database', 5432);
    void database;
  }
}

const app = new cdktf.App();
new NetworkStack(app, 'secure-baseline');
app.synth();

const manifests = new cdk8s.App({
  outdir: path.join(process.env.AKS_NETWORK_MANIFEST_DIR || 'dist', 'secure-baseline'),
  yamlOutputType: cdk8s.YamlOutputType.FILE_PER_CHART,
});
new AppChart(manifests, 'myapp');
manifests.synth();
