// Bad inputs of AksCluster: model and engine, outbound and egress, API access, pools and capacity,
// the address ranges it adds to the network's plan, and props of the wrong kind from JavaScript.
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import {
  AksCluster,
  AksClusterProps,
  ApiServerAccess,
  ClusterOutbound,
  ClusterSkuTier,
  NetworkModel,
  NginxControllerMode,
  NodeOsSku,
  PrivateDnsZone,
} from '../../lib/azure/cluster';
import { UserNodePoolOptions } from '../../lib/azure/cluster/node-pool';
import { PolicyEngine } from '../../lib/plan/policy-engine';
import { BadInput, FakeEgress, Scopes, clusterNetwork, existingNetwork } from '../tools/helpers';

const AKS = 'AksCluster Prod/Aks';
const aks = (props: AksClusterProps) => (s: Scopes) =>
  new AksCluster(s.stack, 'Aks', { location: 'westeurope', ...props });
const pool =
  (options: UserNodePoolOptions, props: AksClusterProps = {}, name = 'apps') =>
  (s: Scopes) =>
    aks(props)(s).addNodePool(name, options);
const withEgress = (props: (s: Scopes) => AksClusterProps) => (s: Scopes) =>
  aks({ egress: new FakeEgress(s.stack), ...props(s) })(s);
const js = <T>(value: unknown): T => value as T;

const ZONE = '/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/dnszones/example.com';

export const CLUSTER_CASES: BadInput[] = [
  [
    'Cilium engine on plain overlay',
    aks({ networkModel: NetworkModel.azureCniOverlay(), policyEngine: PolicyEngine.CILIUM }),
    AKS,
    'policy engine cilium does not run on network model azure-cni-overlay',
    'the Cilium engine needs the Cilium data plane: use NetworkModel.cilium()',
  ],
  [
    'NPM on kubenet',
    aks({ networkModel: NetworkModel.kubenet(), policyEngine: PolicyEngine.AZURE_NPM }),
    AKS,
    'policy engine azure does not run on network model kubenet',
    'use one of calico, none',
  ],
  [
    'Calico on Cilium',
    aks({ networkModel: NetworkModel.cilium(), policyEngine: PolicyEngine.CALICO }),
    AKS,
    'policy engine calico does not run on network model cilium-overlay',
    'use one of cilium',
  ],
  [
    'Calico with BYO CNI',
    aks({ networkModel: NetworkModel.byoCni(), policyEngine: PolicyEngine.CALICO }),
    AKS,
    'policy engine calico does not run on network model byo-cni',
    'use one of none',
  ],
  [
    'Cilium with pod CIDR and pod subnet',
    (s) => aks({ networkModel: NetworkModel.cilium({ podCidr: '10.244.0.0/16', podSubnet: true }) })(s),
    'NetworkModel.cilium',
    'podCidr 10.244.0.0/16 is set together with podSubnet: true',
    'give podCidr for overlay addressing or podSubnet: true, not both',
  ],
  [
    'UDR without egress',
    aks({ outbound: ClusterOutbound.userDefinedRouting() }),
    AKS,
    'outbound type userDefinedRouting without an egress path',
    'give egress',
  ],
  [
    'no outbound IPs',
    (s) => aks({ outbound: ClusterOutbound.loadBalancer({ managedOutboundIpCount: 0 }) })(s),
    'ClusterOutbound.loadBalancer',
    'managedOutboundIpCount 0 is out of range',
    'use a whole number from 1 to 100',
  ],
  [
    'too many outbound IPs',
    (s) => aks({ outbound: ClusterOutbound.loadBalancer({ managedOutboundIpCount: 101 }) })(s),
    'ClusterOutbound.loadBalancer',
    'managedOutboundIpCount 101 is out of range',
    'use a whole number from 1 to 100',
  ],
  [
    'LB idle timeout 3',
    (s) => aks({ outbound: ClusterOutbound.loadBalancer({ idleTimeoutMinutes: 3 }) })(s),
    'ClusterOutbound.loadBalancer',
    'idleTimeoutMinutes 3 is out of range',
    'use a whole number from 4 to 100',
  ],
  [
    'NAT gateway instead of its association',
    (s) =>
      aks({
        outbound: ClusterOutbound.userAssignedNatGateway({ natGatewayAssociation: js('nat-id') }),
      })(s),
    'ClusterOutbound.userAssignedNatGateway',
    "natGatewayAssociation is 'nat-id', not a Terraform resource",
    'pass the azurerm_subnet_nat_gateway_association resource',
  ],
  [
    'restricted API without ranges',
    aks({ apiServerAccess: ApiServerAccess.publicRestricted([]) }),
    AKS,
    'publicRestricted() with no authorized IP ranges',
    'list the ranges',
  ],
  [
    'authorized range with blanks',
    aks({ apiServerAccess: ApiServerAccess.publicRestricted(['10.0 .0 .0 /8']) }),
    AKS,
    "authorized IP range '10.0 .0 .0 /8' is not an IPv4 address or CIDR",
    'e.g. 203.0.113.0/24',
  ],
  [
    '201 authorized ranges',
    aks({
      apiServerAccess: ApiServerAccess.publicRestricted(
        Array.from({ length: 201 }, (_, i) => `10.${i}.0.0/16`),
      ),
    }),
    AKS,
    '201 authorized IP ranges',
    'AKS accepts at most 200',
  ],
  [
    'private DNS zone of the wrong name',
    aks({
      apiServerAccess: ApiServerAccess.privateCluster({
        privateDnsZone: PrivateDnsZone.fromZoneId(
          '/subscriptions/0/resourceGroups/x/providers/Microsoft.Network/privateDnsZones/example.com',
        ),
      }),
    }),
    AKS,
    "private DNS zone id '/subscriptions/0/resourceGroups/x/providers/Microsoft.Network/privateDnsZones/example.com' is not a privatelink.<region>.azmk8s.io zone",
    'privatelink.<region>.azmk8s.io',
  ],
  [
    'six app routing zones',
    aks({ appRouting: { dnsZoneIds: ['a', 'b', 'c', 'd', 'e', 'f'] } }),
    AKS,
    'app routing with 6 DNS zones',
    'the add-on takes at most 5',
  ],
  [
    'DNS zone id not a zone',
    aks({ appRouting: { dnsZoneIds: ['a'] } }),
    AKS,
    "app routing DNS zone id 'a' is not an Azure DNS zone",
    'give the resource id of a public (dnszones) or private (privateDnsZones) zone',
  ],
  [
    'DNS zone id of a VNet',
    aks({
      appRouting: {
        dnsZoneIds: ['/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/virtualNetworks/x'],
      },
    }),
    AKS,
    "app routing DNS zone id '/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/virtualNetworks/x' is not an Azure DNS zone",
    'give the resource id of a public (dnszones) or private (privateDnsZones) zone',
  ],
  [
    'zones with app routing off',
    aks({ appRouting: { enabled: false, dnsZoneIds: [ZONE] } }),
    AKS,
    'app routing DNS zones given with the add-on disabled',
    'enable app routing or drop dnsZoneIds',
  ],
  [
    'DNS prefix starting with a hyphen',
    aks({ dnsPrefix: '-bad' }),
    AKS,
    "dns prefix '-bad' breaks the rule",
    'give dnsPrefix or a shorter clusterName',
  ],
  [
    'cluster name with a blank',
    aks({ clusterName: 'bad name' }),
    AKS,
    "cluster name 'bad name' breaks the AKS rule",
    'use 1-63 letters, digits, _ or -',
  ],
  [
    'Kubernetes version latest',
    aks({ kubernetesVersion: 'latest' }),
    AKS,
    "kubernetesVersion 'latest' is not a version",
    'write major.minor or major.minor.patch',
  ],
  [
    'neither network nor location',
    (s) => new AksCluster(s.stack, 'Aks', {}),
    AKS,
    'neither network nor location is given',
    'give location',
  ],
  [
    'network-shaping props next to a given network',
    (s) =>
      new AksCluster(s.stack, 'Aks', {
        network: existingNetwork(s.stack),
        location: 'westeurope',
        addressSpace: '10.9.0.0/16',
      }),
    AKS,
    'location, addressSpace given together with network',
    'these shape a network the cluster creates',
  ],
  [
    'two clusters in one network',
    (s) => {
      const network = existingNetwork(s.stack);
      new AksCluster(s.stack, 'First', { network });
      new AksCluster(s.stack, 'Aks', { network });
    },
    AKS,
    "the network's address plan already holds the ranges of another cluster (service CIDR 10.0.0.0/16)",
    'give each cluster its own ClusterNetwork',
  ],
  ...[NginxControllerMode.ANNOTATION_CONTROLLED, NginxControllerMode.EXTERNAL].map(
    (mode): BadInput => [
      `public ${mode} default controller behind the firewall`,
      withEgress(() => ({ appRouting: { defaultNginxController: mode } })),
      AKS,
      `app routing default controller ${mode} creates a public load balancer behind the egress firewall`,
      'use NginxControllerMode.INTERNAL',
    ],
  ),
  [
    'egress with a load balancer outbound',
    withEgress(() => ({ outbound: ClusterOutbound.loadBalancer() })),
    AKS,
    'egress is given but outbound type is loadBalancer',
    'leave outbound unset',
  ],
  ...[
    ['kubenet', () => NetworkModel.kubenet()],
    ['cilium-overlay', () => NetworkModel.cilium()],
  ].map(
    ([name, model]): BadInput => [
      `Windows pool on ${name}`,
      pool({ osSku: NodeOsSku.WINDOWS2022 }, { networkModel: (model as () => NetworkModel)() }, 'win'),
      AKS,
      `node pool win: Windows pool (Windows2022) on network model ${name}`,
      'Windows needs Azure CNI without Cilium',
    ],
  ),
  [
    'Windows pool with NPM',
    pool({ osSku: NodeOsSku.WINDOWS2022 }, { policyEngine: PolicyEngine.AZURE_NPM }, 'win'),
    AKS,
    'Windows pool win with Azure NPM, retired on Windows since 2026-09-30',
    'use PolicyEngine.CALICO',
  ],
  [
    'pool name with capitals',
    pool({ name: 'Apps' }),
    AKS,
    "node pool Apps: name 'Apps' breaks ^[a-z][a-z0-9]{0,11}$",
    'use 1-12 lower-case',
  ],
  [
    'Windows pool name of 7 characters',
    pool({ name: 'windows', osSku: NodeOsSku.WINDOWS2022 }),
    AKS,
    "Windows pool name 'windows' has 7 characters",
    "use at most 6, e.g. 'window'",
  ],
  [
    'fixed count with autoscaling',
    pool({ nodeCount: 3, maxNodes: 5 }),
    AKS,
    'nodeCount 3 is given together with minNodes/maxNodes',
    'or minNodes and maxNodes for autoscaling',
  ],
  [
    'min above max',
    pool({ minNodes: 5, maxNodes: 2 }),
    AKS,
    'minNodes 5 is above maxNodes 2',
    'make minNodes at most maxNodes',
  ],
  [
    '1001 nodes',
    pool({ maxNodes: 1001 }),
    AKS,
    'maxNodes 1001 is out of range',
    'use a whole number from 0 to 1000',
  ],
  [
    'a user pool without room for a node',
    pool({ minNodes: 0, maxNodes: 0 }),
    AKS,
    'node pool apps: maxNodes 0',
    'allow at least one node',
  ],
  ['300 pods per node', pool({ maxPods: 300 }), AKS, 'maxPods 300 is out of range', 'use 10-250'],
  [
    'max pods below 30 in a small pool',
    pool({ nodeCount: 2, maxPods: 10 }, {}, 'tiny'),
    AKS,
    'node pool tiny: maxPods 10 × 2 nodes holds fewer than 30 pods',
    'raise maxPods or maxNodes',
  ],
  [
    'max surge in words',
    pool({ maxSurge: 'lots' }),
    AKS,
    "maxSurge 'lots' is not a node count or a percentage",
    "a percentage 1-100% like '33%'",
  ],
  [
    'max surge over 100%',
    pool({ maxSurge: '150%' }),
    AKS,
    "maxSurge '150%' is not a node count or a percentage",
    "a percentage 1-100% like '33%'",
  ],
  [
    'taint without an effect',
    pool({ nodeTaints: ['sku=gpu'] }, {}, 'gpu'),
    AKS,
    "node pool gpu: taint 'sku=gpu' is not key=value:Effect",
    "write it like 'sku=gpu:NoSchedule'",
  ],
  [
    'availability zone 4',
    pool({ zones: ['4'] }),
    AKS,
    "node pool apps: availability zone '4'",
    "use '1', '2' and/or '3'",
  ],
  [
    'Windows system pool',
    aks({ systemNodePool: { osSku: NodeOsSku.WINDOWS2022, name: 'sys' } }),
    AKS,
    'system pool with OS SKU Windows2022',
    'the system pool must run Linux',
  ],
  [
    'system pool of zero nodes',
    aks({ systemNodePool: { minNodes: 0 } }),
    AKS,
    'node pool system: minNodes 0 is out of range',
    'use a whole number from 1 to 1000',
  ],
  [
    'rotation name in capitals',
    aks({ systemNodePool: { temporaryNameForRotation: 'System-Tmp' } }),
    AKS,
    "node pool system: temporary name for rotation 'System-Tmp' is not a valid, distinct pool name",
    'use 1-12 lower-case letters and digits',
  ],
  [
    'rotation name equal to the pool name',
    aks({ systemNodePool: { temporaryNameForRotation: 'system' } }),
    AKS,
    "temporary name for rotation 'system'",
    "other than 'system'",
  ],
  [
    'second pool named system',
    pool({}, {}, 'system'),
    AKS,
    "node pool name 'system' is used twice",
    'give each pool its own name',
  ],
  [
    'flat CNI node subnet too small',
    pool({ maxNodes: 10 }, { networkModel: NetworkModel.azureCniNodeSubnet(), nodeSubnetPrefixLength: 24 }),
    AKS,
    'node subnet snet-aks-nodes 10.240.0.0/24 holds 251 usable addresses but needs 558 ((6 + 1) × (30 + 1) + (10 + 1) × (30 + 1))',
    'use a /22 or larger',
  ],
  [
    'overlay pod CIDR too small',
    aks({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.244.0.0/24' }) }),
    AKS,
    'pod CIDR 10.244.0.0/24 holds 1 /24 blocks but needs 7',
    'use a /21 or larger',
    'validation', // counted over every pool, the user pools added after the cluster included
  ],
  [
    'overlay pod CIDR too small for a new pool',
    pool({ maxNodes: 20 }, { networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.244.0.0/21' }) }),
    AKS,
    'pod CIDR 10.244.0.0/21 holds 8 /24 blocks but needs 29',
    'use a /19 or larger',
  ],
  [
    'pod subnet too small',
    aks({ networkModel: NetworkModel.azureCniPodSubnet(), podSubnetPrefixLength: 26 }),
    AKS,
    'pod subnet snet-aks-pods 10.240.4.0/26 holds 59 usable addresses but needs 784',
    'use a /22 or larger',
    'validation',
  ],
  [
    'kubenet beyond 400 nodes',
    pool(
      { maxNodes: 400 },
      { networkModel: NetworkModel.kubenet({ podCidr: '10.128.0.0/14' }), nodeSubnetPrefixLength: 20 },
      'big',
    ),
    AKS,
    'kubenet with 447 nodes (max nodes + surge) exceeds the 400-node limit',
    'Azure CNI Overlay',
  ],
  [
    'NPM beyond 250 nodes',
    pool(
      { maxNodes: 300 },
      {
        policyEngine: PolicyEngine.AZURE_NPM,
        networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.128.0.0/14' }),
      },
      'big',
    ),
    AKS,
    'Azure NPM with 337 nodes (max nodes + surge)',
    'NPM supports at most 250 nodes',
  ],
  [
    'Azure CNI beyond 5,000 nodes',
    (s) => {
      const cluster = aks({
        networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.64.0.0/11' }),
        nodeSubnetPrefixLength: 19,
      })(s);
      for (const name of ['a', 'b', 'c', 'd', 'e']) cluster.addNodePool(name, { maxNodes: 1000 });
    },
    AKS,
    '5507 nodes (max nodes + surge) exceed the 5000-node limit of azure-cni-overlay',
    'lower max nodes',
  ],
  [
    'Free tier beyond 1,000 nodes',
    pool(
      { maxNodes: 1000 },
      {
        skuTier: ClusterSkuTier.FREE,
        networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.64.0.0/11' }),
        nodeSubnetPrefixLength: 20,
      },
      'big',
    ),
    AKS,
    '1107 nodes (max nodes + surge) exceed the 1000-node limit of the Free tier',
    'use ClusterSkuTier.STANDARD',
  ],
  [
    'service CIDR overlaps the VNet',
    aks({ serviceCidr: '10.240.0.0/16' }),
    AKS,
    'service CIDR 10.240.0.0/16 overlaps VNet address space 10.240.0.0/16',
    'pick ranges that do not share addresses',
  ],
  [
    'DNS IP outside the service CIDR',
    aks({ dnsServiceIp: '10.1.0.10' }),
    AKS,
    'DNS service IP 10.1.0.10 is outside service CIDR 10.0.0.0/16',
    'e.g. 10.0.0.10',
  ],
  [
    'DNS IP is kubernetes.default',
    aks({ dnsServiceIp: '10.0.0.1' }),
    AKS,
    'DNS service IP 10.0.0.1 is the first address of service CIDR 10.0.0.0/16 (taken by kubernetes.default)',
    'conventionally 10.0.0.10',
  ],
  [
    'service CIDR larger than /12',
    aks({ serviceCidr: '10.0.0.0/11' }),
    AKS,
    'service CIDR 10.0.0.0/11 is larger than Kubernetes allows',
    'use a /12 or smaller range',
  ],
  [
    'service CIDR on TEST-NET-1',
    aks({ serviceCidr: '192.0.2.0/24' }),
    AKS,
    'service CIDR 192.0.2.0/24 overlaps 192.0.2.0/24 (reserved by AKS (TEST-NET-1))',
    'pick a range outside',
  ],
  [
    'pod CIDR overlaps the VNet',
    aks({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.240.128.0/17' }) }),
    AKS,
    'pod CIDR 10.240.128.0/17 overlaps VNet address space 10.240.0.0/16',
    'pick ranges that do not share addresses',
  ],
  [
    'pod CIDR overlaps services',
    aks({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.0.0.0/15' }) }),
    AKS,
    'pod CIDR 10.0.0.0/15 overlaps service CIDR 10.0.0.0/16',
    'pick ranges that do not share addresses',
  ],
  [
    'pod CIDR on the AKS-reserved 172.30/16',
    aks({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '172.30.0.0/16' }) }),
    AKS,
    'pod CIDR 172.30.0.0/16 overlaps 172.30.0.0/16 (reserved by AKS)',
    'pick a range outside',
  ],
  [
    'public pod CIDR',
    aks({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '8.8.0.0/16' }) }),
    AKS,
    'pod CIDR 8.8.0.0/16 is not a private (RFC 1918) or shared (RFC 6598) range',
    'e.g. 10.244.0.0/16',
    'validation',
  ],
  [
    'literal Windows password',
    aks({ windowsProfile: { adminUsername: 'azureuser', adminPassword: 'P@ssw0rd1234!' } }),
    AKS,
    'windowsProfile.adminPassword is a literal string',
    'pass a reference',
  ],
  [
    'advanced networking without Cilium',
    aks({ advancedNetworking: {} }),
    AKS,
    'advanced container networking on network model azure-cni-overlay',
    'ACNS needs the Cilium data plane',
  ],
  [
    'pod-subnet model on a network without one',
    (s) =>
      new AksCluster(s.stack, 'Aks', {
        network: existingNetwork(s.stack),
        networkModel: NetworkModel.azureCniPodSubnet(),
      }),
    AKS,
    'network model azure-cni-pod-subnet needs a pod subnet but the network has none',
    'set podSubnetPrefixLength',
  ],
  // JavaScript and the other jsii languages can pass anything
  [
    'a string as the network model',
    aks({ networkModel: js('cilium') }),
    AKS,
    "networkModel is 'cilium', not a NetworkModel",
    'use a NetworkModel factory, e.g. NetworkModel.cilium()',
  ],
  [
    'a plain object as the network model',
    aks({ networkModel: js({ name: 'cilium-overlay', usesPodSubnet: false }) }),
    AKS,
    'networkModel is a plain object, not a NetworkModel',
    'use a NetworkModel factory, e.g. NetworkModel.cilium()',
  ],
  [
    'a string as the SKU tier',
    aks({ skuTier: js('standard') }),
    AKS,
    "skuTier is 'standard', not a ClusterSkuTier",
    'use one of ClusterSkuTier.FREE, ClusterSkuTier.STANDARD, ClusterSkuTier.PREMIUM',
  ],
  [
    'a string as the policy engine',
    aks({ policyEngine: js('cilium') }),
    AKS,
    "policyEngine is 'cilium', not a PolicyEngine",
    'use PolicyEngine.CILIUM, CALICO, AZURE_NPM or NONE',
  ],
  [
    'the network passed as egress',
    (s) => {
      const network = clusterNetwork(s.stack, {}, 'Net');
      new AksCluster(s.stack, 'Aks', { network, egress: js(network) });
    },
    AKS,
    'egress is a ClusterNetwork, which has no routeTableId, routeDependencies, attachCluster',
    'pass a SecureEgress',
  ],
  [
    'a NAT gateway id as the outbound',
    (s) =>
      aks({
        outbound: js(
          new SubnetNatGatewayAssociation(s.stack, 'NatAssoc', { subnetId: 'sub', natGatewayId: 'nat' }),
        ),
      })(s),
    AKS,
    'outbound is a SubnetNatGatewayAssociation, not a ClusterOutbound',
    'use a ClusterOutbound factory, e.g. ClusterOutbound.loadBalancer()',
  ],
];
