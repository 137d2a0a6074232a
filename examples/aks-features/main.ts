// Today's AKS network features, one stack each: a VNet-integrated private Cilium cluster behind a
// firewall with ACNS L7, WireGuard and eBPF host routing (LocalDNS pinned off for FQDN filtering),
// whose `orders` pods reach Azure SQL by name, allowed by the pod policy and the firewall alike; a
// network-isolated cluster with a public, VNet-integrated API server and LocalDNS on; a long-term
// support cluster with LocalDNS set per pool.
import * as cdk8s from 'cdk8s';
import { App } from 'cdktf';
import {
  AcnsNetworkPolicies,
  AksCluster,
  ApiServerAccess,
  ClusterNetwork,
  ClusterOutbound,
  ClusterSkuTier,
  EgressFeature,
  EgressPort,
  EgressTarget,
  LocalDnsMode,
  NetworkModel,
  PolicyPeer,
  Port,
  SecureEgress,
  SecurityRules,
  Tier,
  TieredNetworkPolicies,
} from '../../lib';
import { appDeployment } from '../hardened';
import { exampleStack, manifestsFor, runExamples } from '../run';

const LOCATION = 'westeurope';
const APP_NAMESPACE = 'apps';
/** The network-isolated cluster's image cache: a Premium ACR with a private endpoint, prepared beforehand. */
const BOOTSTRAP_REGISTRY_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared-registry/providers/Microsoft.ContainerRegistry/registries/acrsharedcache';
/** Where kubectl runs from (replace with your own ranges). */
const ADMIN_RANGES = ['203.0.113.0/24'];

/**
 * Azure SQL Database endpoints (TDS on TCP 1433, with the server's connection policy Proxy: Redirect
 * sends clients on to other hosts on ports 11000-11999, which neither rule below allows).
 */
const AZURE_SQL = '*.database.windows.net';

/**
 * Deny all in `apps` except DNS, with the cluster's facts as plain values: where LocalDNS may be on
 * (`cluster.localDnsMayBeOn`) the DNS policy allows kube-dns and the node-local 169.254.10.0/24 (on
 * Cilium also the `host` entity, through a CiliumNetworkPolicy); where the cluster pins LocalDNS off,
 * kube-dns alone. `then` adds tiers and flows.
 */
function baselineManifests(
  stackName: string,
  cluster: AksCluster,
  then?: (policies: TieredNetworkPolicies) => void,
): cdk8s.App {
  const k8s = manifestsFor(stackName);
  cluster.bindManifests(k8s);
  const chart = new cdk8s.Chart(k8s, 'baseline', { namespace: APP_NAMESPACE });
  const policies = new TieredNetworkPolicies(chart, 'Policies', {
    namespace: APP_NAMESPACE,
    policyEngine: cluster.policyEngine,
    localDnsMayBeOn: cluster.localDnsMayBeOn,
    fqdnPoliciesAllowed: cluster.fqdnPoliciesAllowed,
  });
  then?.(policies);
  return k8s;
}

/** The orders tier reaches Azure SQL by name: ACNS FQDN filtering on the pods, an MSSQL rule on the firewall. */
function ordersReachAzureSql(policies: TieredNetworkPolicies): Tier {
  appDeployment(cdk8s.Chart.of(policies), {
    name: 'orders',
    image: 'contoso.azurecr.io/orders:3.2.0',
    port: 8080,
    portName: 'http',
    user: 10001,
    scratch: ['/tmp'],
  });
  const orders = policies.addTier('orders', { podLabels: { app: 'orders' } });
  orders.allowTo(PolicyPeer.fqdns([AZURE_SQL]), Port.tcp(1433));
  return orders;
}

export function build(app: App): cdk8s.App[] {
  // 1. Private, VNet-integrated API server behind a firewall: the egress catalogue drops the tunnel
  // rules (UDP 1194, TCP 9000, *.hcp); ACNS enforces L7 policies, encrypts pod traffic between nodes
  // with WireGuard and routes with eBPF, all through the cluster's one AzAPI patch.
  const integratedStack = exampleStack(app, 'aks-features-vnet-integrated');
  const network = new ClusterNetwork(integratedStack, 'Network', {
    location: LOCATION,
    addressSpace: '10.70.0.0/16',
    firewallSubnetPrefixLength: 26,
    apiServerSubnetPrefixLength: 28,
  });
  const egress = new SecureEgress(integratedStack, 'Egress', { network });
  egress.allow(EgressTarget.fqdns(AZURE_SQL), EgressPort.mssql(), 'azure-sql');
  const integrated = new AksCluster(integratedStack, 'Aks', {
    network,
    egress,
    kubernetesVersion: '1.35',
    networkModel: NetworkModel.cilium({ podCidr: '100.70.0.0/16' }),
    apiServerAccess: ApiServerAccess.privateCluster({ vnetIntegration: true }),
    advancedNetworking: {
      advancedNetworkPolicies: AcnsNetworkPolicies.L7,
      wireGuardEnabled: true,
      ebpfHostRoutingEnabled: true,
    },
    egressFeatures: [EgressFeature.MONITOR],
  });
  integrated.addNodePool('apps', { minNodes: 2, maxNodes: 20 });
  SecurityRules.suppress(
    integrated,
    'AKSNET-AZ-012',
    'Container Insights is configured outside this example; the firewall allows Azure Monitor',
  );

  // 2. Network isolated: no outbound path at all, images through the ACR cache; the API server is
  // public (restricted) but VNet-integrated, which the isolated mode accepts; LocalDNS on everywhere.
  const isolatedStack = exampleStack(app, 'aks-features-isolated');
  const isolated = new AksCluster(isolatedStack, 'Aks', {
    location: LOCATION,
    addressSpace: '10.71.0.0/16',
    kubernetesVersion: '1.36',
    networkModel: NetworkModel.azureCniOverlay({ podCidr: '100.71.0.0/16' }),
    apiServerAccess: ApiServerAccess.publicRestricted(ADMIN_RANGES, { vnetIntegration: true }),
    outbound: ClusterOutbound.none({ containerRegistryId: BOOTSTRAP_REGISTRY_ID }),
    localDns: LocalDnsMode.REQUIRED,
  });
  isolated.addNodePool('apps', { minNodes: 2, maxNodes: 20 });
  SecurityRules.suppress(
    isolated,
    'AKSNET-AZ-012',
    'network isolated: Container Insights needs an Azure Monitor private link scope, outside this example',
  );

  // 3. Long-term support (Premium tier) on 1.33, LocalDNS pinned off on the system pool only.
  const ltsStack = exampleStack(app, 'aks-features-lts');
  const lts = new AksCluster(ltsStack, 'Aks', {
    location: LOCATION,
    addressSpace: '10.72.0.0/16',
    kubernetesVersion: '1.33',
    skuTier: ClusterSkuTier.PREMIUM,
    longTermSupport: true,
    systemNodePool: { localDns: LocalDnsMode.DISABLED },
  });
  lts.addNodePool('apps', { minNodes: 2, maxNodes: 20, localDns: LocalDnsMode.PREFERRED });
  SecurityRules.suppress(lts, 'AKSNET-AZ-012', 'Container Insights is configured outside this example');

  return [
    baselineManifests(integratedStack.node.id, integrated, ordersReachAzureSql),
    baselineManifests(isolatedStack.node.id, isolated),
    baselineManifests(ltsStack.node.id, lts),
  ];
}

if (require.main === module) {
  runExamples([build]);
}
