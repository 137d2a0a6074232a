/**
 * Catalogue of bad inputs across the constructs. Each one must make synthesis fail with a message
 * that names the construct path, the bad value and the fix, and nothing may be written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { App, TerraformStack } from 'cdktf';
import { FirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
import { FirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { AksNetworkSynth } from '../lib';
import {
  AksCluster,
  AksClusterProps,
  ApiServerAccess,
  ClusterOutbound,
  NetworkModel,
  NginxControllerMode,
  NodeOsSku,
  NodePoolOptions,
  PrivateDnsZone,
} from '../lib/azure/cluster';
import { AzureCloud, IClusterEgress } from '../lib/azure/contracts';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { PolicyPeer } from '../lib/k8s/policy/peer';
import { Port } from '../lib/k8s/policy/port';
import { TieredNetworkPolicies } from '../lib/k8s/policy/tiered-network-policies';
import {
  EgressPort,
  EgressTarget,
  FirewallPlacement,
  FirewallTier,
  NtpRule,
  SecureEgress,
  SecureEgressProps,
  ThreatIntelMode,
} from '../lib';
import * as kplus from 'cdk8s-plus-28';
import { AppIngress, AppIngressProps, IngressTls, PathType } from '../lib/k8s/ingress/app-ingress';
import { IngressTarget } from '../lib/k8s/ingress/ingress-target';
import {
  InternalNginxController,
  InternalNginxControllerProps,
} from '../lib/k8s/ingress/internal-controller';
import { AppService, AppServiceProps, ServiceExposure } from '../lib/k8s/services/app-service';
import {
  ClusterNetwork,
  ClusterNetworkProps,
  ExistingClusterNetwork,
  ExistingNetworkProps,
} from '../lib/azure/network/cluster-network';

interface Scope {
  readonly stack: TerraformStack;
  readonly chart: cdk8s.Chart;
}

/** [what, build, construct path, bad value, fix] — each string must appear in the message. */
type BadInput = [string, (s: Scope) => void, string, string, string];

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-bad-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

let counter = 0;
/** Build and synthesize into a fresh temp dir; return the error message and what was written. */
function attempt(build: (s: Scope) => void): {
  message: string;
  tfFiles: string[];
  stackDirs: string[];
  k8sExists: boolean;
} {
  const dir = path.join(tmpRoot, String(counter++));
  fs.mkdirSync(dir);
  const tfOut = path.join(dir, 'cdktf.out');
  const k8sOut = path.join(dir, 'manifests');
  let message = '';
  try {
    const app = new App({ outdir: tfOut });
    const stack = new TerraformStack(app, 'Prod');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const k8s = new cdk8s.App({ outdir: k8sOut });
    const chart = new cdk8s.Chart(k8s, 'shop', { namespace: 'shop' });
    build({ stack, chart });
    AksNetworkSynth.synth(app, [k8s]);
  } catch (e) {
    message = (e as Error).message;
  }
  const stacks = path.join(tfOut, 'stacks');
  return {
    message,
    tfFiles: filesUnder(tfOut),
    stackDirs: fs.existsSync(stacks) ? fs.readdirSync(stacks) : [],
    k8sExists: fs.existsSync(k8sOut),
  };
}

// ---- ClusterNetwork / ExistingClusterNetwork / address plan -----------------------------------
const NET = 'ClusterNetwork Prod/Net';
const net = (props: Partial<ClusterNetworkProps>) => (s: Scope) =>
  new ClusterNetwork(s.stack, 'Net', { location: 'westeurope', addressSpace: '10.240.0.0/16', ...props });
const netThen = (props: Partial<ClusterNetworkProps>, then: (n: ClusterNetwork) => void) => (s: Scope) =>
  then(net(props)(s));

const EXISTING = 'ExistingClusterNetwork Prod/Net';
const existing = (props: Partial<ExistingNetworkProps>) => (s: Scope) =>
  new ExistingClusterNetwork(s.stack, 'Net', {
    location: 'westeurope',
    resourceGroupName: 'rg-prod',
    vnetId: '/subscriptions/0/resourceGroups/rg-prod/providers/Microsoft.Network/virtualNetworks/vnet-prod',
    vnetName: 'vnet-prod',
    vnetAddressSpaces: ['10.240.0.0/16'],
    nodeSubnet: { name: 'snet-nodes', id: 'nodes-id', cidr: '10.240.0.0/22' },
    ...props,
  });

const NETWORK_CASES: BadInput[] = [
  [
    'address space not a CIDR',
    net({ addressSpace: 'banana' }),
    NET,
    "'banana' is not an IPv4 CIDR",
    'e.g. 10.240.0.0/16',
  ],
  [
    'address space with host bits',
    net({ addressSpace: '10.240.0.1/16' }),
    NET,
    '10.240.0.1/16 has host bits set',
    'did you mean 10.240.0.0/16',
  ],
  [
    'address space prefix 33',
    net({ addressSpace: '10.0.0.0/33' }),
    NET,
    "'10.0.0.0/33' is not an IPv4 CIDR",
    'prefix length 0-32',
  ],
  ['address space octet 256', net({ addressSpace: '10.256.0.0/16' }), NET, "'10.256.0.0/16'", 'octets 0-255'],
  [
    'address space spaces inside',
    net({ addressSpace: '10.0 .0 .0 /8' }),
    NET,
    "'10.0 .0 .0 /8'",
    'a.b.c.d/n',
  ],
  [
    'address space covers 172.30/16',
    net({ addressSpace: '172.16.0.0/12' }),
    NET,
    '172.16.0.0/12 overlaps 172.30.0.0/16',
    'pick a range outside 169.254.0.0/16',
  ],
  [
    'address space link-local',
    net({ addressSpace: '169.254.0.0/16' }),
    NET,
    'overlaps 169.254.0.0/16',
    'pick a range outside',
  ],
  [
    'address space TEST-NET-1',
    net({ addressSpace: '192.0.2.0/24' }),
    NET,
    'overlaps 192.0.2.0/24',
    'pick a range outside',
  ],
  [
    'extra space reserved',
    net({ additionalAddressSpaces: ['172.31.0.0/16'] }),
    NET,
    '172.31.0.0/16',
    'pick a range outside',
  ],
  [
    'extra space overlaps the first',
    net({ additionalAddressSpaces: ['10.240.128.0/17'] }),
    NET,
    '10.240.128.0/17',
    'pick ranges that do not share addresses',
  ],
  [
    'address space too small for nodes',
    net({ addressSpace: '10.0.0.0/24' }),
    NET,
    'no free /22 left for subnet snet-aks-nodes in 10.0.0.0/24',
    'enlarge the VNet address space',
  ],
  [
    'node subnet prefix 30',
    net({ nodeSubnetPrefixLength: 30 }),
    NET,
    'snet-aks-nodes 10.240.0.0/30 is smaller',
    'use a /29 or larger',
  ],
  [
    'node subnet prefix not whole',
    net({ nodeSubnetPrefixLength: 22.5 }),
    NET,
    'prefix length 22.5',
    'use a whole number from 0 to 29',
  ],
  [
    'ingress subnet prefix negative',
    net({ ingressSubnetPrefixLength: -1 }),
    NET,
    'prefix length -1',
    'use a whole number from 0 to 29',
  ],
  [
    'pod subnet larger than the VNet',
    net({ podSubnetPrefixLength: 15 }),
    NET,
    'no free /15 left for subnet snet-aks-pods',
    'ask for a smaller subnet',
  ],
  [
    'external range overlaps the VNet',
    net({ externalRanges: [{ name: 'on-premises', cidr: '10.240.8.0/21' }] }),
    NET,
    '10.240.8.0/21',
    'pick ranges that do not share addresses',
  ],
  [
    'external range not a CIDR',
    net({ externalRanges: [{ name: 'hub', cidr: '10.1.0.0' }] }),
    NET,
    "'10.1.0.0' is not an IPv4 CIDR",
    'a.b.c.d/n',
  ],
  [
    'firewall subnet /27',
    netThen({}, (n) => n.addSubnet('AzureFirewallSubnet', 27)),
    NET,
    'too small for Azure Firewall',
    'make AzureFirewallSubnet a /26 or larger',
  ],
  [
    'firewall management subnet /28',
    netThen({}, (n) => n.addSubnet('AzureFirewallManagementSubnet', 28)),
    NET,
    'too small for Azure Firewall',
    '/26 or larger',
  ],
  [
    'subnet name used twice',
    netThen({}, (n) => n.addSubnet('snet-aks-nodes', 24)),
    NET,
    "subnet name 'snet-aks-nodes' is used twice",
    'give each subnet its own name',
  ],
  [
    'subnet name with blank',
    netThen({}, (n) => n.addSubnet('bad name', 24)),
    NET,
    "subnet name 'bad name'",
    'use letters, digits',
  ],
  [
    'no room for an added subnet',
    netThen({ addressSpace: '10.240.0.0/22' }, (n) => n.addSubnet('AzureFirewallSubnet', 26)),
    NET,
    'no free /26 left for subnet AzureFirewallSubnet',
    'enlarge the VNet address space',
  ],
  [
    'resource group name ends with a period',
    net({ resourceGroupName: 'rg-prod.' }),
    NET,
    "resource group name 'rg-prod.'",
    'not ending with a period',
  ],
  [
    'VNet name of 64 characters',
    net({ vnetName: 'v'.repeat(64) }),
    NET,
    'has 64 characters',
    'use 1-63 characters',
  ],
  [
    'VNet name starting with a hyphen',
    net({ vnetName: '-vnet' }),
    NET,
    "virtual network name '-vnet'",
    'starting with a letter or digit',
  ],
  [
    'existing: no address space',
    existing({ vnetAddressSpaces: [] }),
    EXISTING,
    'the VNet has no address space',
    'give at least one private range',
  ],
  [
    'existing: node subnet outside the VNet',
    existing({ nodeSubnet: { name: 'snet-nodes', id: 'x', cidr: '10.250.0.0/22' } }),
    EXISTING,
    '10.250.0.0/22',
    'pick a block inside one VNet address space',
  ],
  [
    'existing: node subnet /30',
    existing({ nodeSubnet: { name: 'snet-nodes', id: 'x', cidr: '10.240.0.0/30' } }),
    EXISTING,
    '10.240.0.0/30',
    'use a /29 or larger',
  ],
  [
    'existing: pod subnet overlaps nodes',
    existing({ podSubnet: { name: 'snet-pods', id: 'p', cidr: '10.240.2.0/24' } }),
    EXISTING,
    '10.240.2.0/24',
    'pick ranges that do not share addresses',
  ],
  [
    'existing: other subnet overlaps',
    existing({ otherSubnets: [{ name: 'snet-db', cidr: '10.240.0.0/24' }] }),
    EXISTING,
    '10.240.0.0/24',
    'pick ranges that do not share addresses',
  ],
  [
    'existing: external overlaps',
    existing({ externalRanges: [{ name: 'peer', cidr: '10.240.0.0/16' }] }),
    EXISTING,
    '10.240.0.0/16',
    'pick ranges that do not share addresses',
  ],
  [
    'existing: subnet CIDR not a CIDR',
    existing({ ingressSubnet: { name: 'snet-ing', id: 'i', cidr: '10.240.4.0/33' } }),
    EXISTING,
    "'10.240.4.0/33'",
    'prefix length 0-32',
  ],
  [
    'existing: reserved space',
    existing({ vnetAddressSpaces: ['10.240.0.0/16', '172.30.0.0/16'] }),
    EXISTING,
    'overlaps 172.30.0.0/16',
    'pick a range outside',
  ],
];

// ---- manifests that the security rule pack rejects at synthesis --------------------------------
const hardened = (image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: {
        automountServiceAccountToken: false,
        containers: [
          {
            name: 'api',
            image,
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            securityContext: {
              runAsNonRoot: true,
              readOnlyRootFilesystem: true,
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
            },
            ...extra,
          },
        ],
      },
    },
  },
});
const withPolicies = (s: Scope, ...objects: cdk8s.ApiObjectProps[]) => {
  new cdk8s.ApiObject(s.chart, 'deny', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  objects.forEach((o, i) => new cdk8s.ApiObject(s.chart, `o${i}`, o));
};

const RULE_CASES: BadInput[] = [
  [
    'image tag latest',
    (s) => withPolicies(s, hardened('contoso.azurecr.io/api:latest')),
    'shop/o0: [AKSNET-K8S-009]',
    'contoso.azurecr.io/api:latest',
    'pin a version or digest',
  ],
  [
    'untagged image',
    (s) => withPolicies(s, hardened('nginx')),
    'shop/o0: [AKSNET-K8S-009]',
    'image nginx has no tag',
    'pin a version or digest',
  ],
  [
    'plaintext password in env',
    (s) =>
      withPolicies(
        s,
        hardened('contoso.azurecr.io/api:1.0.0', { env: [{ name: 'POSTGRES_PASSWORD', value: 'hunter2' }] }),
      ),
    'shop/o0: [AKSNET-K8S-016]',
    'env POSTGRES_PASSWORD holds a literal value',
    'use valueFrom.secretKeyRef',
  ],
  [
    'credentials in a URL',
    (s) =>
      withPolicies(
        s,
        hardened('contoso.azurecr.io/api:1.0.0', {
          env: [{ name: 'DATABASE_URL', value: 'postgres://app:pw@db:5432/app' }],
        }),
      ),
    'shop/o0: [AKSNET-K8S-017]',
    'env DATABASE_URL embeds credentials',
    'move them to a Secret',
  ],
  [
    'workload without NetworkPolicy',
    (s) => new cdk8s.ApiObject(s.chart, 'o0', hardened('contoso.azurecr.io/api:1.0.0')),
    'shop/o0: [AKSNET-K8S-014]',
    'selected by no NetworkPolicy for Ingress',
    'add a default-deny and an allow policy',
  ],
  [
    'NodePort Service',
    (s) =>
      withPolicies(s, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'api' },
        spec: { type: 'NodePort', selector: { app: 'api' }, ports: [{ port: 80 }] },
      }),
    'shop/o0: [AKSNET-K8S-011]',
    'type is NodePort',
    'use ClusterIP',
  ],
  [
    'public LoadBalancer Service',
    (s) =>
      withPolicies(s, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'api' },
        spec: { type: 'LoadBalancer', selector: { app: 'api' }, ports: [{ port: 443 }] },
      }),
    'shop/o0: [AKSNET-K8S-012]',
    'type LoadBalancer without service.beta.kubernetes.io/azure-load-balancer-internal',
    'make it internal',
  ],
  [
    'Ingress without TLS',
    (s) =>
      withPolicies(s, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web' },
        spec: { ingressClassName: 'nginx-internal', rules: [] },
      }),
    'shop/o0: [AKSNET-K8S-013]',
    'spec.tls is empty',
    'add a TLS certificate',
  ],
  [
    'NetworkPolicy on a spoofable name label',
    (s) =>
      withPolicies(s, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'from-ingress' },
        spec: {
          podSelector: {},
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { name: 'ingress-nginx' } } }] }],
        },
      }),
    'shop/o0: [AKSNET-K8S-022]',
    'selects namespaces by label name',
    'select on kubernetes.io/metadata.name',
  ],
  [
    'annotation value on the app routing blocklist',
    (s) =>
      withPolicies(s, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: 'web',
          annotations: { 'nginx.ingress.kubernetes.io/cors-allow-origin': 'https://root.example.com' },
        },
        spec: { tls: [{ hosts: ['a.example.com'] }] },
      }),
    'shop/o0: [AKSNET-K8S-019]',
    '"https://root.example.com" contains "root"',
    'change the value',
  ],
];

const container = (s: Scope, extra: Record<string, unknown>) =>
  withPolicies(s, hardened('contoso.azurecr.io/api:1.0.0', extra));
const securityContext = (overrides: Record<string, unknown>) => ({
  securityContext: {
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    ...overrides,
  },
});
const policy = (spec: Record<string, unknown>): cdk8s.ApiObjectProps => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'extra' },
  spec: { podSelector: {}, policyTypes: ['Ingress'], ...spec },
});
const firewallPolicy = (s: Scope, props: Partial<{ threatIntelligenceMode: string; sku: string }> = {}) =>
  new FirewallPolicy(s.stack, 'Policy', {
    name: 'afwp-prod',
    location: 'westeurope',
    resourceGroupName: 'rg-prod',
    threatIntelligenceMode: 'Deny',
    dns: { proxyEnabled: true },
    ...props,
  });
const networkRules = (s: Scope, rule: Record<string, unknown>) =>
  new FirewallPolicyRuleCollectionGroup(s.stack, 'Rules', {
    name: 'rcg-aks',
    firewallPolicyId: firewallPolicy(s).id,
    priority: 200,
    networkRuleCollection: [
      {
        name: 'aks-network',
        priority: 100,
        action: 'Allow',
        rule: [
          {
            name: 'r',
            protocols: ['TCP'],
            sourceAddresses: ['10.240.0.0/22'],
            destinationAddresses: ['10.1.0.4'],
            destinationPorts: ['443'],
            ...rule,
          },
        ],
      },
    ],
  });

const MORE_RULE_CASES: BadInput[] = [
  [
    'container runs as root',
    (s) => container(s, securityContext({ runAsNonRoot: false, runAsUser: 0 })),
    'shop/o0: [AKSNET-K8S-001]',
    'runAsUser is 0',
    'run as a non-root UID',
  ],
  [
    'writable root filesystem',
    (s) => container(s, securityContext({ readOnlyRootFilesystem: false })),
    'shop/o0: [AKSNET-K8S-002]',
    'readOnlyRootFilesystem is not true',
    'mount emptyDir volumes',
  ],
  [
    'privilege escalation allowed',
    (s) => container(s, securityContext({ allowPrivilegeEscalation: true })),
    'shop/o0: [AKSNET-K8S-003]',
    'allowPrivilegeEscalation is not false',
    'set it to false',
  ],
  [
    'capabilities kept',
    (s) => container(s, securityContext({ capabilities: { drop: ['NET_RAW'] } })),
    'shop/o0: [AKSNET-K8S-004]',
    'capabilities.drop is [NET_RAW]',
    'drop ALL',
  ],
  [
    'privileged container',
    (s) => container(s, securityContext({ privileged: true })),
    'shop/o0: [AKSNET-K8S-005]',
    'privileged is true',
    'remove it',
  ],
  [
    'no resource requests',
    (s) => container(s, { resources: { limits: { memory: '128Mi' } } }),
    'shop/o0: [AKSNET-K8S-007]',
    'resources.requests lacks cpu and memory',
    'set them',
  ],
  [
    'no memory limit',
    (s) => container(s, { resources: { requests: { cpu: '100m', memory: '64Mi' } } }),
    'shop/o0: [AKSNET-K8S-008]',
    'resources.limits.memory is not set',
    'set it',
  ],
  [
    'configuration snippet',
    (s) =>
      withPolicies(s, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: 'web',
          annotations: { 'nginx.ingress.kubernetes.io/server-snippet': 'return 200;' },
        },
        spec: { tls: [{ hosts: ['a.example.com'] }] },
      }),
    'shop/o0: [AKSNET-K8S-018]',
    'nginx.ingress.kubernetes.io/server-snippet',
    'use typed annotations instead',
  ],
  [
    'allow-all ingress rule',
    (s) => withPolicies(s, policy({ ingress: [{}] })),
    'shop/o0: [AKSNET-K8S-023]',
    'an empty ingress rule allows all traffic',
    'name peers and ports',
  ],
  [
    'policy without policyTypes',
    (s) => withPolicies(s, policy({ policyTypes: undefined, ingress: [] })),
    'shop/o0: [AKSNET-K8S-024]',
    'spec.policyTypes is empty',
    'list Ingress and/or Egress',
  ],
  [
    'public NginxIngressController',
    (s) =>
      withPolicies(s, {
        apiVersion: 'approuting.kubernetes.azure.com/v1alpha1',
        kind: 'NginxIngressController',
        metadata: { name: 'nginx-public' },
        spec: { ingressClassName: 'nginx-public', controllerNamePrefix: 'nginx-public' },
      }),
    'shop/o0: [AKSNET-K8S-012]',
    'the controller gets a public LB',
    'add it',
  ],
  [
    'public IP of the Basic SKU',
    (s) =>
      new PublicIp(s.stack, 'Ip', {
        name: 'pip',
        location: 'westeurope',
        resourceGroupName: 'rg',
        allocationMethod: 'Static',
        sku: 'Basic',
      }),
    'Prod/Ip: [AKSNET-AZ-020]',
    'sku is Basic',
    'use Standard',
  ],
  [
    'threat intelligence only alerts',
    (s) => firewallPolicy(s, { threatIntelligenceMode: 'Alert' }),
    'Prod/Policy: [AKSNET-AZ-014]',
    'threat_intelligence_mode is Alert',
    'set Deny',
  ],
  [
    'network rule from any source',
    (s) => networkRules(s, { sourceAddresses: ['*'] }),
    'Prod/Rules: [AKSNET-AZ-017]',
    'has source *',
    'use the cluster subnet ranges',
  ],
  [
    'allow-all network rule',
    (s) => networkRules(s, { destinationAddresses: ['*'], destinationPorts: ['*'] }),
    'Prod/Rules: [AKSNET-AZ-018]',
    'network rule aks-network/r allows every destination',
    'list the destinations and ports',
  ],
];

// ---- AksCluster ------------------------------------------------------------------------------
const AKS = 'AksCluster Prod/Aks';
const aks = (props: AksClusterProps) => (s: Scope) =>
  new AksCluster(s.stack, 'Aks', { location: 'westeurope', ...props });
const pool =
  (options: NodePoolOptions, props: AksClusterProps = {}, name = 'apps') =>
  (s: Scope) =>
    aks(props)(s).addNodePool(name, options);

/** A stand-in egress path (the real one is SecureEgress). */
function fakeEgress(s: Scope): IClusterEgress {
  const rt = new RouteTable(s.stack, 'Rt', { name: 'rt', location: 'westeurope', resourceGroupName: 'rg' });
  return {
    routeTableId: rt.id,
    routeDependencies: [rt],
    egressPublicIps: ['20.1.2.3'],
    cloud: AzureCloud.PUBLIC,
    attachCluster: () => undefined,
  };
}

const ZONE = '/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/dnszones/example.com';

const CLUSTER_CASES: BadInput[] = [
  [
    'Cilium engine on plain overlay',
    aks({ networkModel: NetworkModel.azureCniOverlay(), policyEngine: PolicyEngine.CILIUM }),
    AKS,
    'policy engine cilium does not run on network model azure-cni-overlay',
    'use NetworkModel.cilium()',
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
    aks({ networkModel: NetworkModel.cilium({ podCidr: '10.244.0.0/16', podSubnet: true }) }),
    AKS,
    'podCidr 10.244.0.0/16 is set together with podSubnet: true',
    'give podCidr',
  ],
  [
    'managed NAT gateway in own VNet',
    aks({ outbound: ClusterOutbound.managedNatGateway() }),
    AKS,
    'outbound type managedNATGateway',
    'userAssignedNatGateway',
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
    aks({ outbound: ClusterOutbound.loadBalancer({ managedOutboundIpCount: 0 }) }),
    AKS,
    'managed outbound IP count 0 is out of range',
    'use 1-100',
  ],
  [
    'too many outbound IPs',
    aks({ outbound: ClusterOutbound.loadBalancer({ managedOutboundIpCount: 101 }) }),
    AKS,
    'managed outbound IP count 101 is out of range',
    'use 1-100',
  ],
  [
    'LB idle timeout 3',
    aks({ outbound: ClusterOutbound.loadBalancer({ idleTimeoutMinutes: 3 }) }),
    AKS,
    'idle timeout minutes 3 is out of range',
    'use 4-100',
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
    'at most 200',
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
    'privateDnsZones/example.com',
    'privatelink.<region>.azmk8s.io',
  ],
  [
    'six app routing zones',
    aks({ appRouting: { dnsZoneIds: ['a', 'b', 'c', 'd', 'e', 'f'] } }),
    AKS,
    'app routing with 6 DNS zones',
    'at most 5',
  ],
  [
    'DNS zone id not a zone',
    aks({ appRouting: { dnsZoneIds: ['a'] } }),
    AKS,
    "app routing DNS zone id 'a' is not an Azure DNS zone",
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
    "dns prefix '-bad'",
    'give dnsPrefix or a shorter clusterName',
  ],
  [
    'neither network nor location',
    (s) => new AksCluster(s.stack, 'Aks', {}),
    AKS,
    'neither network nor location is given',
    'give location',
  ],
  [
    'public default controller behind the firewall',
    (s) =>
      aks({
        egress: fakeEgress(s),
        appRouting: { defaultNginxController: NginxControllerMode.ANNOTATION_CONTROLLED },
      })(s),
    AKS,
    'default controller AnnotationControlled creates a public load balancer behind the egress firewall',
    'use NginxControllerMode.INTERNAL',
  ],
  [
    'egress with a load balancer outbound',
    (s) => aks({ egress: fakeEgress(s), outbound: ClusterOutbound.loadBalancer() })(s),
    AKS,
    'egress is given but outbound type is loadBalancer',
    'leave outbound unset',
  ],
  [
    'Windows pool on kubenet',
    pool({ osSku: NodeOsSku.WINDOWS2022 }, { networkModel: NetworkModel.kubenet() }, 'win'),
    AKS,
    'Windows pool (Windows2022) on network model kubenet',
    'Windows needs Azure CNI without Cilium',
  ],
  [
    'Windows pool with NPM',
    pool({ osSku: NodeOsSku.WINDOWS2022 }, { policyEngine: PolicyEngine.AZURE_NPM }, 'win'),
    AKS,
    'Windows pool win with Azure NPM',
    'use PolicyEngine.CALICO',
  ],
  ['pool name with capitals', pool({ name: 'Apps' }), AKS, "name 'Apps' breaks", 'use 1-12 lower-case'],
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
  ['300 pods per node', pool({ maxPods: 300 }), AKS, 'maxPods 300 is out of range', 'use 10-250'],
  [
    'max surge in words',
    pool({ maxSurge: 'lots' }),
    AKS,
    "maxSurge 'lots' is not a node count or a percentage",
    "a percentage 1-100% like '33%'",
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
    'minNodes 0 is out of range',
    'use a whole number from 1 to 1000',
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
    'node subnet snet-aks-nodes 10.240.0.0/24 holds 251 usable addresses but needs 558',
    'use a /22 or larger',
  ],
  [
    'overlay pod CIDR too small',
    aks({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.244.0.0/24' }) }),
    AKS,
    'pod CIDR 10.244.0.0/24 holds 1 /24 blocks but needs 7',
    'use a /21 or larger',
  ],
  [
    'pod subnet too small',
    aks({ networkModel: NetworkModel.azureCniPodSubnet(), podSubnetPrefixLength: 26 }),
    AKS,
    'pod subnet snet-aks-pods 10.240.4.0/26 holds 59 usable addresses but needs 784',
    'use a /22 or larger',
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
    'Azure NPM with 337 nodes',
    'NPM supports at most 250 nodes',
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
    'DNS service IP 10.0.0.1',
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
    'public pod CIDR',
    aks({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '8.8.0.0/16' }) }),
    AKS,
    'pod CIDR 8.8.0.0/16 is not a private (RFC 1918) or shared (RFC 6598) range',
    'e.g. 10.244.0.0/16',
  ],
  [
    'literal Windows password',
    aks({ windowsProfile: { adminUsername: 'azureuser', adminPassword: 'P@ssw0rd1234!' } }),
    AKS,
    'windowsProfile.adminPassword is a literal string',
    'pass a reference',
  ],
  [
    'pod-subnet model on a network without one',
    (s) => {
      const network = existing({})(s);
      new AksCluster(s.stack, 'Aks', { network, networkModel: NetworkModel.azureCniPodSubnet() });
    },
    AKS,
    'network model azure-cni-pod-subnet needs a pod subnet but the network has none',
    'set podSubnetPrefixLength',
  ],
];

// ---- AppIngress / InternalNginxController / AppService -------------------------------------------
const KV = 'https://kv-shop.vault.azure.net/certificates/shop';
const ING = 'AppIngress shop/Ingress';
function seed(
  s: Scope,
  props: AppIngressProps = { tls: [IngressTls.fromKeyVault(KV, ['shop.example.com'])] },
) {
  const api = new kplus.Service(s.chart, 'Api', {
    metadata: { name: 'api' },
    ports: [{ port: 80, targetPort: 8080 }],
  });
  api.selectLabel('app', 'api');
  const web = new kplus.Service(s.chart, 'Web', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
  web.selectLabel('app', 'web');
  const ingress = new AppIngress(s.chart, 'Ingress', { name: 'shop', ...props });
  return { api, web, ingress };
}
const nginx = (n: AppIngressProps['nginx']) => (s: Scope) =>
  seed(s, { tls: [IngressTls.fromKeyVault(KV, ['shop.example.com'])], nginx: n });
const route =
  (host: string, p: string, opts: { props?: AppIngressProps; port?: number; pathType?: PathType } = {}) =>
  (s: Scope) => {
    const { web, ingress } = seed(s, opts.props);
    ingress.route(
      host,
      p,
      IngressTarget.service(web, opts.port),
      opts.pathType ? { pathType: opts.pathType } : undefined,
    );
  };
const NIC = 'InternalNginxController shop/Nginx';
const nic = (bad: Partial<InternalNginxControllerProps>) => (s: Scope) =>
  new InternalNginxController(s.chart, 'Nginx', {
    privateIp: '10.240.4.14',
    subnetName: 'snet-aks-ingress',
    ...bad,
  });
const SVC = 'AppService shop/Svc';
const WEB = { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] };
const svc = (props: Partial<AppServiceProps>) => (s: Scope) =>
  new AppService(s.chart, 'Svc', { name: 'web', ...(props as AppServiceProps) });

const INGRESS_CASES: BadInput[] = [
  [
    'rewrite target with braces',
    nginx({ rewriteTarget: '/${1}' }),
    ING,
    "rewrite-target '/${1}' is invalid",
    'use a path of letters, digits',
  ],
  [
    'body size in mb',
    nginx({ proxyBodySize: '10mb' }),
    ING,
    "proxy-body-size '10mb' is invalid",
    'use a number with an optional unit b, k, m or g, e.g. 10m',
  ],
  [
    'fractional read timeout',
    nginx({ proxyReadTimeoutSeconds: 1.5 }),
    ING,
    "proxy-read-timeout '1.5' is invalid",
    'use whole seconds from 1 to 3600',
  ],
  [
    'connect timeout of 120 s',
    nginx({ proxyConnectTimeoutSeconds: 120 }),
    ING,
    "proxy-connect-timeout '120' is invalid",
    'use whole seconds from 1 to 75',
  ],
  [
    'CORS for every origin',
    nginx({ cors: { allowOrigins: ['*'] } }),
    ING,
    "cors-allow-origin '*' is invalid",
    'use explicit origins such as https://app.contoso.com',
  ],
  [
    'CORS origin on the blocklist',
    nginx({ cors: { allowOrigins: ['https://root.contoso.com'] } }),
    ING,
    "contains 'root'",
    'remove that text from the value',
  ],
  [
    'limit-rps 0',
    nginx({ limitRps: 0 }),
    ING,
    "limit-rps '0' is invalid",
    'use a whole number of requests per second of at least 1',
  ],
  [
    'allow-list with blanks',
    nginx({ sourceAllowList: ['10.0 .0 .0 /8'] }),
    ING,
    "allowlist-source-range '10.0 .0 .0 /8' is invalid",
    'use IPv4 CIDRs without host bits',
  ],
  [
    'upstream hash with braces',
    nginx({ upstreamHashBy: '${request_uri}' }),
    ING,
    "upstream-hash-by '${request_uri}' is invalid",
    'use NGINX variables without braces, e.g. $request_uri',
  ],
  [
    'snippet without opt-in',
    nginx({ serverSnippet: 'return 200;' }),
    ING,
    'server-snippet is refused',
    'express it with typed annotations, or set allowSnippets: true',
  ],
  [
    'snippet with a blocklisted word',
    nginx({ configurationSnippet: 'location /x {}', allowSnippets: true }),
    ING,
    "configuration-snippet 'location /x {}' contains 'location'",
    'remove that text from the value',
  ],
  [
    'path without a slash',
    route('shop.example.com', 'api'),
    ING,
    "path 'api' does not start with /",
    'write it as /api',
  ],
  [
    'host in capitals',
    route('Shop.example.com', '/'),
    ING,
    "host 'Shop.example.com' is not a DNS name",
    'use lower-case labels',
  ],
  [
    'regex path without regex',
    route('shop.example.com', '/api/(.*)'),
    ING,
    "path '/api/(.*)' is a regular expression",
    'set nginx.useRegex (or rewriteTarget), or write a plain path',
  ],
  [
    'unknown Service port',
    route('shop.example.com', '/x', { port: 8080 }),
    ING,
    'Service web has no port 8080',
    'use one of its ports: 80',
  ],
  [
    'regex path with Prefix',
    route('shop.example.com', '/api/(.*)', {
      props: { tls: [IngressTls.fromKeyVault(KV, ['shop.example.com'])], nginx: { useRegex: true } },
      pathType: PathType.PREFIX,
    }),
    ING,
    'pathType Prefix but the Ingress uses regex paths',
    'use PathType.IMPLEMENTATION_SPECIFIC',
  ],
  [
    'rewrite capture without group',
    route('shop.example.com', '/api', {
      props: { tls: [IngressTls.fromKeyVault(KV, ['shop.example.com'])], nginx: { rewriteTarget: '/$1' } },
    }),
    ING,
    "rewrite-target '/$1' uses capture $1 but path '/api' has 0 capture group(s)",
    'capture what you rewrite, e.g. path /api(/|$)(.*) with rewrite-target /$2',
  ],
  [
    'no routes',
    (s) => seed(s),
    ING,
    'no routes and no default backend',
    'add ingress.route(host, path, target) or defaultBackend',
  ],
  [
    'TLS host without a rule',
    route('shop.example.com', '/', { props: { tls: [IngressTls.fromSecret('tls', ['other.example.com'])] } }),
    ING,
    'TLS host other.example.com has no rule',
    'route it or remove it from tls',
  ],
  [
    'Key Vault URI of a secret',
    (s) => seed(s, { tls: [IngressTls.fromKeyVault('https://kv.example.com/x', ['shop.example.com'])] }),
    ING,
    "Key Vault certificate URI 'https://kv.example.com/x' is not a certificate URI",
    'use https://<vault>.vault.azure.net/certificates/<name>',
  ],
  [
    'two Key Vault certificates',
    (s) =>
      seed(s, {
        tls: [IngressTls.fromKeyVault(KV, ['a.example.com']), IngressTls.fromKeyVault(KV, ['b.example.com'])],
      }),
    ING,
    'more than one Key Vault certificate on one Ingress',
    'split the hosts over several AppIngress',
  ],
  [
    'controller IP not an address',
    nic({ privateIp: '10.240.4.300' }),
    NIC,
    "privateIp '10.240.4.300' is not an IPv4 address",
    'pass the planned ingress IP, e.g. 10.240.4.14',
  ],
  [
    'controller on a public IP',
    nic({ privateIp: '20.1.2.3' }),
    NIC,
    'internal load balancer IP 20.1.2.3 is not a private address',
    'pick a free address in the cluster VNet subnet',
  ],
  [
    'controller name with capitals',
    nic({ name: 'Nginx_Internal' }),
    NIC,
    "name 'Nginx_Internal' is not a lower-case DNS label",
    'use a-z, 0-9 and -',
  ],
  [
    'controller prefix of 61 characters',
    nic({ controllerNamePrefix: 'n'.repeat(61) }),
    NIC,
    `controllerNamePrefix '${'n'.repeat(61)}'`,
    'at most 60 characters',
  ],
  [
    'controller subnet given as id',
    nic({ subnetName: '/subscriptions/x/subnets/y' }),
    NIC,
    "subnet name '/subscriptions/x/subnets/y' is not an Azure subnet name",
    'give the subnet name, not its id',
  ],
  [
    'controller min above max replicas',
    nic({ minReplicas: 5, maxReplicas: 2 }),
    NIC,
    'minReplicas 5 exceeds maxReplicas 2',
    'lower minReplicas or raise maxReplicas',
  ],
  [
    'Service selecting nothing',
    svc({ selector: {}, ports: [{ port: 80 }] }),
    SVC,
    'the Service selects no pods',
    'give selector labels',
  ],
  [
    'Service without ports',
    svc({ selector: { app: 'web' }, ports: [] }),
    SVC,
    'the Service has no ports',
    'give at least one port',
  ],
  [
    'Service port 70000',
    svc({ ...WEB, ports: [{ port: 70000 }] }),
    SVC,
    'port 70000 is out of range',
    'use 1-65535',
  ],
  [
    'unnamed ports',
    svc({ ...WEB, ports: [{ port: 80 }, { port: 443 }] }),
    SVC,
    'port 80 has no name but the Service has 2 ports',
    'name every port, e.g. http',
  ],
  [
    'protocol HTTP',
    svc({ ...WEB, ports: [{ port: 80, protocol: 'HTTP' }] }),
    SVC,
    "protocol 'HTTP' is not TCP, UDP or SCTP",
    'use TCP, UDP or SCTP',
  ],
  [
    'nodePort 8080',
    svc({ ...WEB, exposure: ServiceExposure.nodePort(8080) }),
    SVC,
    'nodePort 8080 is outside 30000-32767',
    'pick a port in the default NodePort range or let Kubernetes choose',
  ],
  [
    'affinity timeout 0',
    svc({ ...WEB, clientIpAffinityTimeoutSeconds: 0 }),
    SVC,
    'clientIpAffinityTimeoutSeconds 0 is outside 1-86400',
    'use whole seconds, e.g. 10800',
  ],
  [
    'externalName with underscore',
    svc({ exposure: ServiceExposure.externalName('DB_host') }),
    SVC,
    "externalName 'DB_host' is not a DNS name",
    'give a lower-case host name, e.g. db.contoso.com',
  ],
  [
    'LB source range with host bits',
    svc({ ...WEB, exposure: ServiceExposure.internalLoadBalancer({ sourceRanges: ['10.0.0.1/8'] }) }),
    SVC,
    "source range '10.0.0.1/8' is not an IPv4 CIDR",
    'use e.g. 203.0.113.0/24',
  ],
  [
    'internal LB on a public IP',
    svc({ ...WEB, exposure: ServiceExposure.internalLoadBalancer({ ip: '8.8.8.8' }) }),
    SVC,
    'internal load balancer IP 8.8.8.8 is not a private address',
    'pick a free address in the cluster VNet subnet',
  ],
];

// ---- SecureEgress ------------------------------------------------------------------------------
const EGRESS = 'SecureEgress Prod/Egress';
const secureEgress =
  (props: Partial<SecureEgressProps> = {}, then?: (e: SecureEgress) => void) =>
  (s: Scope) => {
    const network = new ClusterNetwork(s.stack, 'Net', {
      location: 'westeurope',
      addressSpace: '10.240.0.0/16',
      ingressSubnetPrefixLength: 27,
    });
    const egress = new SecureEgress(s.stack, 'Egress', { network, ...props });
    then?.(egress);
  };
const BASIC = { tier: FirewallTier.BASIC, managementSubnetPrefixLength: 26 };

const EGRESS_CASES: BadInput[] = [
  [
    'service tag on HTTPS',
    secureEgress({}, (e) => e.allow(EgressTarget.serviceTag('AzureMonitor'), EgressPort.https())),
    EGRESS,
    'service tag AzureMonitor cannot be used with Https:443',
    'use EgressPort.tcp(443) for a network rule',
  ],
  [
    'wildcard FQDN on TCP 22',
    secureEgress({}, (e) => e.allow(EgressTarget.fqdns('*.example.com'), EgressPort.tcp(22))),
    EGRESS,
    'wildcard FQDN *.example.com cannot be used with TCP:22',
    'list the host names, or use EgressPort.https()/http() for an application rule',
  ],
  [
    'destination not a CIDR',
    secureEgress({}, (e) => e.allow(EgressTarget.cidrs('10.0.0.300/8'), EgressPort.tcp(22))),
    EGRESS,
    'egress destination 10.0.0.300/8 is not an IPv4 address or CIDR',
    'write e.g. 203.0.113.0/24',
  ],
  [
    'rule name used twice',
    secureEgress({}, (e) => {
      e.allow(EgressTarget.fqdns('a.example.com'), EgressPort.https(), 'a');
      e.allow(EgressTarget.fqdns('b.example.com'), EgressPort.https(), 'a');
    }),
    EGRESS,
    'egress rule name a is used twice',
    'give each allow() a distinct name',
  ],
  [
    'FQDN network rule without DNS proxy',
    secureEgress({ dnsProxy: false }, (e) =>
      e.allow(EgressTarget.fqdns('smtp.example.com'), EgressPort.tcp(587)),
    ),
    EGRESS,
    'FQDN network rule smtp.example.com on TCP:587 needs the firewall DNS proxy',
    'enable dnsProxy (Standard or Premium tier), or use EgressTarget.cidrs(...)',
  ],
  [
    'NTP by FQDN without DNS proxy',
    secureEgress({ dnsProxy: false, ntp: NtpRule.UBUNTU_FQDN }),
    EGRESS,
    'needs the firewall DNS proxy',
    'or allow NTP with NtpRule.ANY_ADDRESS',
  ],
  [
    'Basic without management subnet',
    secureEgress({ tier: FirewallTier.BASIC }),
    EGRESS,
    'tier Basic needs AzureFirewallManagementSubnet',
    'set managementSubnetPrefixLength: 26, or use FirewallTier.STANDARD',
  ],
  [
    'DNS proxy on Basic',
    secureEgress({ ...BASIC, dnsProxy: true }),
    EGRESS,
    'dnsProxy true on the Basic tier',
    'set tier FirewallTier.STANDARD, or leave dnsProxy unset',
  ],
  [
    'threat intel Deny on Basic',
    secureEgress({ ...BASIC, threatIntelMode: ThreatIntelMode.DENY }),
    EGRESS,
    'threatIntelMode Deny on the Basic tier',
    'use ThreatIntelMode.ALERT or tier FirewallTier.STANDARD',
  ],
  [
    'no public IPs',
    secureEgress({ publicIpCount: 0 }),
    EGRESS,
    'publicIpCount 0 is out of range',
    'use 1 to 250 (20 or more in production)',
  ],
  [
    'egress: firewall subnet /27',
    secureEgress({ placement: FirewallPlacement.clusterVnet({ firewallSubnetPrefixLength: 27 }) }),
    EGRESS,
    'AzureFirewallSubnet /27 is too small',
    'use a prefix length of 26 or less',
  ],
  [
    'firewall subnet misnamed',
    secureEgress({
      placement: FirewallPlacement.existingSubnet({
        name: 'snet-firewall',
        id: '/subscriptions/x',
        cidr: '10.1.0.0/26',
      }),
    }),
    EGRESS,
    'firewall subnet is named snet-firewall',
    'only deploys into a subnet named exactly AzureFirewallSubnet',
  ],
  [
    'existing firewall subnet /28',
    secureEgress({
      placement: FirewallPlacement.existingSubnet({
        name: 'AzureFirewallSubnet',
        id: '/subscriptions/x',
        cidr: '10.1.0.0/28',
      }),
    }),
    EGRESS,
    'AzureFirewallSubnet /28 is too small',
    'use a prefix length of 26 or less',
  ],
  [
    'management subnet /27',
    secureEgress({ tier: FirewallTier.BASIC, managementSubnetPrefixLength: 27 }),
    EGRESS,
    'AzureFirewallManagementSubnet /27 is too small',
    'use a prefix length of 26 or less',
  ],
  [
    'hub overlapping the spoke',
    secureEgress({ placement: FirewallPlacement.hub({ addressSpace: '10.240.128.0/24' }) }),
    EGRESS,
    '10.240.128.0/24',
    'pick ranges that do not share addresses',
  ],
  [
    'DNAT public port used twice',
    secureEgress({}, (e) => {
      e.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
      e.addDnat({ publicPort: 443, privatePort: 8443, sourceAddresses: ['203.0.113.0/24'] });
    }),
    EGRESS,
    'DNAT public port 443 is already used by dnat-443',
    'pick another public port',
  ],
  [
    'DNAT outside the ingress subnet',
    secureEgress({}, (e) => e.addDnat({ publicPort: 80, privatePort: 80, privateIp: '10.240.0.10' })),
    EGRESS,
    'DNAT translated address 10.240.0.10 is outside the ingress subnet',
    'use an address of 10.240.4.0/27, e.g. 10.240.4.30',
  ],
  [
    'DNAT to an Azure-reserved address',
    secureEgress({}, (e) => e.addDnat({ publicPort: 80, privatePort: 80, privateIp: '10.240.4.1' })),
    EGRESS,
    'DNAT translated address 10.240.4.1 is reserved by Azure',
    'use 10.240.4.4-10.240.4.30',
  ],
  [
    'DNAT public port 0',
    secureEgress({}, (e) => e.addDnat({ publicPort: 0, privatePort: 80 })),
    EGRESS,
    'DNAT publicPort 0 is out of range',
    'use 1-65535',
  ],
  [
    'ingress endpoint without ingress subnet',
    (s) => {
      const network = new ClusterNetwork(s.stack, 'Net', {
        location: 'westeurope',
        addressSpace: '10.240.0.0/16',
      });
      new SecureEgress(s.stack, 'Egress', { network }).ingressEndpoint();
    },
    EGRESS,
    'the cluster network has no ingress subnet',
    'set ingressSubnetPrefixLength on the ClusterNetwork',
  ],
];

// ---- TieredNetworkPolicies ---------------------------------------------------------------------
const POL = 'TieredNetworkPolicies shop/Policies';
const policies =
  (engine: PolicyEngine, then?: (p: TieredNetworkPolicies) => void, namespace = 'shop') =>
  (s: Scope) => {
    const p = new TieredNetworkPolicies(s.chart, 'Policies', {
      namespace,
      engine,
      clusterRanges: ['10.240.0.0/16', '10.244.0.0/16'],
    });
    then?.(p);
  };
const POLICY_CASES: BadInput[] = [
  [
    'namespace with capitals',
    policies(PolicyEngine.CILIUM, undefined, 'Shop'),
    POL,
    "namespace 'Shop' is not a DNS label",
    'use at most 63 lower-case letters, digits and -',
  ],
  [
    'no policy engine',
    policies(PolicyEngine.NONE),
    POL,
    "the cluster's policy engine is none",
    'choose a policy engine on the cluster (cilium, calico or azure)',
  ],
  [
    'tier name with capitals',
    policies(PolicyEngine.CILIUM, (p) => p.addTier('Web', { podLabels: { app: 'web' } })),
    POL,
    "tier name 'Web' is not a DNS label",
    'use lower-case letters, digits and -, at most 40',
  ],
  [
    'tier added twice',
    policies(PolicyEngine.CILIUM, (p) => {
      p.addTier('web', { podLabels: { app: 'web' } });
      p.addTier('web', { podLabels: { app: 'web2' } });
    }),
    POL,
    'tier web is added twice',
    'give each tier its own name',
  ],
  [
    'tier without labels',
    policies(PolicyEngine.CILIUM, (p) => p.addTier('web', { podLabels: {} })),
    POL,
    'tier web has no pod labels',
    'give the labels of its pods',
  ],
  [
    'two tiers on the same pods',
    policies(PolicyEngine.CILIUM, (p) => {
      p.addTier('web', { podLabels: { app: 'web' } });
      p.addTier('front', { podLabels: { app: 'web' } });
    }),
    POL,
    'tier front selects the same pods as tier web',
    'give each tier distinct pod labels',
  ],
  [
    'unknown tier',
    policies(PolicyEngine.CILIUM, (p) => p.tier('db')),
    POL,
    'there is no tier db',
    'add it first',
  ],
  [
    'port range on NPM',
    policies(PolicyEngine.AZURE_NPM, (p) =>
      p
        .addTier('web', { podLabels: { app: 'web' } })
        .allowTo(PolicyPeer.internet(), Port.tcpRange(8000, 8100)),
    ),
    'Tier shop/web',
    'port range TCP 8000-8100 needs endPort, which engine azure does not enforce',
    'list the ports one by one, or move to Cilium (1.17+) or Calico',
  ],
  [
    'ipBlock over pod IPs on Cilium',
    policies(PolicyEngine.CILIUM, (p) =>
      p
        .addTier('web', { podLabels: { app: 'web' } })
        .allowTo(PolicyPeer.cidr('10.244.0.0/16'), Port.tcp(5432)),
    ),
    'Tier shop/web',
    'ipBlock 10.244.0.0/16 overlaps cluster range',
    'select pods with tiers or PolicyPeer.pods/podsInNamespace instead',
  ],
  [
    'port 70000',
    policies(PolicyEngine.CILIUM, (p) =>
      p.addTier('web', { podLabels: { app: 'web' } }).allowTo(PolicyPeer.internet(), Port.tcp(70000)),
    ),
    'Tier shop/web',
    'port TCP 70000 is out of range',
    'use 1-65535',
  ],
];

const CASES: BadInput[] = [
  ...POLICY_CASES,
  ...EGRESS_CASES,
  ...NETWORK_CASES,
  ...CLUSTER_CASES,
  ...INGRESS_CASES,
  ...RULE_CASES,
  ...MORE_RULE_CASES,
];

describe('bad inputs fail synthesis with path, value and fix, and write nothing', () => {
  test.each(CASES)('%s', (_what, build, where, value, fix) => {
    expect([where, value, fix].every((part) => part.length > 0)).toBe(true);
    const result = attempt(build);
    expect(result.message).not.toBe('');
    expect(result.message).toContain(where);
    expect(result.message).toContain(value);
    expect(result.message).toContain(fix);
    expect(result.tfFiles).toEqual([]);
    expect(result.stackDirs).toEqual([]);
    expect(result.k8sExists).toBe(false);
  });

  test('the catalogue is large and every case distinct', () => {
    expect(new Set(CASES.map(([what]) => what)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(170);
  });
});
