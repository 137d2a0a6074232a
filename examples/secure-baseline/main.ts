// The flagship: seed 002's application on a locked-down AKS cluster, with the ingress AKS supports
// today: the app routing add-on's Gateway API implementation (GatewayClass approuting-istio).
//
// Inbound:  client → firewall public IP :80/:443 → DNAT → internal load balancer of the Gateway at a
//           planned IP → HTTPRoutes myapp.local (/api → api:8080, / → web:80), HTTPS from Key Vault.
// Outbound: every node and pod → route table 0.0.0.0/0 → Azure Firewall (AKS rules from the catalogue).
// Inside:   default deny both ways in namespaces app-gateway and myapp; DNS; the Gateway's proxies →
//           web and api (and istiod); api → database.
// The NGINX variant for existing clusters is examples/secure-baseline-nginx.
import * as cdk8s from 'cdk8s';
import { App, TerraformOutput } from 'cdktf';
import { seedWorkloads } from './workloads';
import {
  AksCluster,
  ClusterIngress,
  ClusterNetwork,
  GatewayApiBundle,
  GatewayListener,
  GatewayRoutes,
  IngressGateway,
  IngressTarget,
  ListenerCertificate,
  NetworkModel,
  Port,
  SecureEgress,
  TieredNetworkPolicies,
  WorkloadIdentityClientId,
} from '../../lib';
import { exampleStack, manifestsFor, runExamples } from '../run';

export const STACK = 'secure-baseline';
const LOCATION = 'westeurope';
/** The RBAC-mode Key Vault holding the TLS certificate (created outside this example). */
const KEY_VAULT_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-secure-baseline-kv/providers/Microsoft.KeyVault/vaults/kv-secure-baseline';
/** The certificate for myapp.local, unversioned (the add-on follows its latest version). */
const CERTIFICATE = 'https://kv-secure-baseline.vault.azure.net/certificates/myapp-local';
/** Client ranges allowed through the firewall (replace with your own). */
const CLIENTS = ['203.0.113.0/24'];
/** The platform namespace of the Gateway; app namespaces attach their routes to it. */
const GATEWAY_NAMESPACE = 'app-gateway';

export function build(app: App): cdk8s.App[] {
  const stack = exampleStack(app, STACK);

  // Resource group, VNet and subnets from the address plan: nodes /22, internal ingress /28,
  // AzureFirewallSubnet /26 for the firewall — all checked for overlaps and capacity.
  const network = new ClusterNetwork(stack, 'Network', {
    location: LOCATION,
    addressSpace: '10.240.0.0/16',
    ingressSubnetPrefixLength: 28,
    firewallSubnetPrefixLength: 26,
  });

  // All egress through Azure Firewall; inbound only via DNAT to the planned internal ingress IP.
  const egress = new SecureEgress(stack, 'Egress', { network });
  const ingressEndpoint = egress.ingressEndpoint();
  for (const port of [80, 443]) {
    egress.addDnat({
      publicPort: port,
      privatePort: port,
      privateIp: ingressEndpoint.privateIp,
      sourceAddresses: CLIENTS,
    });
  }

  // Azure CNI powered by Cilium (overlay), private API server, UDR through the firewall, and Gateway
  // API on the app routing add-on; its Key Vault listeners get an identity with Key Vault Secrets User
  // on the vault, federated with the Gateway namespace's ServiceAccount.
  const cluster = new AksCluster(stack, 'Aks', {
    network,
    egress,
    networkModel: NetworkModel.cilium({ podCidr: '10.244.0.0/16' }),
    ingress: ClusterIngress.gatewayApi({
      keyVault: { keyVaultId: KEY_VAULT_ID, gatewayNamespace: GATEWAY_NAMESPACE },
    }),
  });
  new TerraformOutput(stack, 'ingress_private_ip', { value: ingressEndpoint.privateIp });
  // Known after apply: the GitOps step substitutes it into the listener's ServiceAccount.
  new TerraformOutput(stack, 'gateway_tls_client_id', { value: cluster.gatewayKeyVaultIdentity!.clientId });

  // Kubernetes side, in its own tree: plain values only (the IP, the subnet, the engine, the bundle).
  const manifests = manifestsFor(STACK);
  cluster.bindManifests(manifests); // the cross-layer checks compare these manifests with this cluster
  const platform = new cdk8s.Chart(manifests, 'platform');
  // First the namespace (default deny, DNS), so that it comes before the Gateway in the manifests.
  const gatewayPolicies = new TieredNetworkPolicies(platform, 'GatewayPolicies', {
    namespace: GATEWAY_NAMESPACE,
    policyEngine: cluster.policyEngine,
  });
  const gateway = new IngressGateway(platform, 'Gateway', {
    name: 'myapp-gateway',
    namespace: GATEWAY_NAMESPACE,
    privateIp: ingressEndpoint.privateIp,
    subnetName: ingressEndpoint.subnetName,
    subnetCidr: ingressEndpoint.subnetCidr,
    apiBundle: GatewayApiBundle.fromVersion(cluster.gatewayApiBundle!),
    listeners: [
      GatewayListener.https({
        hostname: 'myapp.local',
        certificate: ListenerCertificate.fromKeyVault(
          CERTIFICATE,
          WorkloadIdentityClientId.substitution('GATEWAY_TLS_CLIENT_ID'),
        ),
      }),
    ],
  });

  const chart = new cdk8s.Chart(manifests, 'myapp', { namespace: 'myapp' });
  // Default deny both ways, DNS, then exactly the seed's flows.
  const policies = new TieredNetworkPolicies(chart, 'Policies', {
    namespace: 'myapp',
    policyEngine: cluster.policyEngine,
    clusterRanges: [network.nodeSubnet.cidr, '10.244.0.0/16'],
  });
  const workloads = seedWorkloads(chart);
  const routes = new GatewayRoutes(chart, 'Routes', { gateway, name: 'myapp' });
  routes.route('myapp.local', '/api', IngressTarget.service(workloads.apiService));
  routes.route('myapp.local', '/', IngressTarget.service(workloads.webService));

  policies.addTier('web', { podLabels: { app: 'web' } });
  const api = policies.addTier('api', { podLabels: { app: 'api' } });
  const database = policies.addTier('database', { podLabels: { app: 'database' } });
  policies.allowIngress(routes); // the Gateway's proxies → web:80 and api:8080, derived from the routes
  api.allowTo(database, Port.tcp(5432));
  // The Gateway's proxies: listener ports from the firewall (DNAT) and the nodes (the add-on's
  // externalTrafficPolicy Cluster forwards between nodes), istiod, DNS and the routed backends.
  gatewayPolicies.allowGatewayTraffic(gateway, {
    clientRanges: [egress.firewallSubnet.cidr],
    nodeRanges: [network.nodeSubnet.cidr],
  });

  return [manifests];
}

if (require.main === module) {
  runExamples([build]);
}
