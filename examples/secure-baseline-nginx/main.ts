// The flagship on the legacy ingress, for clusters that still run the app routing add-on's NGINX
// (its support ended in November 2026): the same network, firewall, workloads and policies as
// examples/secure-baseline, with an Ingress instead of Gateway API. The README's "Migrating from NGINX
// to Gateway API" walks from this example to the flagship.
//
// Inbound:  client → firewall public IP :80/:443 → DNAT → internal NGINX (app routing) at a planned IP
//           → Ingress myapp.local (/api → api:8080, / → web:80).
// Outbound: every node and pod → route table 0.0.0.0/0 → Azure Firewall (AKS rules from the catalogue).
// Inside:   default deny both ways in namespace myapp; DNS; controller → web and api; api → database.
import * as cdk8s from 'cdk8s';
import { App, TerraformOutput } from 'cdktf';
import { seedWorkloads } from '../secure-baseline/workloads';
import {
  AksCluster,
  AppIngress,
  ClusterIngress,
  ClusterNetwork,
  IngressTarget,
  IngressTls,
  InternalNginxController,
  NetworkModel,
  NginxControllerMode,
  Port,
  SecureEgress,
  TieredNetworkPolicies,
} from '../../lib';
import { exampleStack, manifestsFor, runExamples } from '../run';

export const STACK = 'secure-baseline-nginx';
const LOCATION = 'westeurope';
/** Where the TLS certificate for myapp.local lives (the app routing add-on syncs it). */
const CERTIFICATE = 'https://kv-secure-baseline.vault.azure.net/certificates/myapp-local';
/** Client ranges allowed through the firewall (replace with your own). */
const CLIENTS = ['203.0.113.0/24'];

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

  // Azure CNI powered by Cilium (overlay), private API server, UDR through the firewall, app routing
  // add-on with no default controller (ours is internal) and the Key Vault provider for the certificate.
  const cluster = new AksCluster(stack, 'Aks', {
    network,
    egress,
    networkModel: NetworkModel.cilium({ podCidr: '10.244.0.0/16' }),
    ingress: ClusterIngress.nginx({ defaultNginxController: NginxControllerMode.NONE }),
    keyVaultSecretsProviderEnabled: true,
  });
  new TerraformOutput(stack, 'ingress_private_ip', { value: ingressEndpoint.privateIp });

  // Kubernetes side, in its own tree: plain values only (the IP, the subnet name, the engine).
  const manifests = manifestsFor(STACK);
  cluster.bindManifests(manifests); // the cross-layer checks compare these manifests with this cluster
  const platform = new cdk8s.Chart(manifests, 'platform');
  // DNAT'd clients arrive from AzureFirewallSubnet addresses: the only range the load balancer admits.
  const nginx = new InternalNginxController(platform, 'Nginx', {
    privateIp: ingressEndpoint.privateIp,
    subnetName: ingressEndpoint.subnetName,
    sourceRanges: [egress.firewallSubnet.cidr],
  });

  const chart = new cdk8s.Chart(manifests, 'myapp', { namespace: 'myapp' });
  // Default deny both ways, DNS, then exactly the seed's flows.
  const policies = new TieredNetworkPolicies(chart, 'Policies', {
    namespace: 'myapp',
    policyEngine: cluster.policyEngine,
    clusterRanges: [network.nodeSubnet.cidr, '10.244.0.0/16'],
  });
  const workloads = seedWorkloads(chart);
  const ingress = new AppIngress(chart, 'Ingress', {
    name: 'myapp-ingress',
    controller: nginx.controller,
    tls: [IngressTls.fromKeyVault(CERTIFICATE, ['myapp.local'])],
  });
  ingress.route('myapp.local', '/api', IngressTarget.service(workloads.apiService));
  ingress.route('myapp.local', '/', IngressTarget.service(workloads.webService));

  policies.addTier('web', { podLabels: { app: 'web' } });
  const api = policies.addTier('api', { podLabels: { app: 'api' } });
  const database = policies.addTier('database', { podLabels: { app: 'database' } });
  policies.allowIngress(ingress); // controller → web:80 and api:8080, derived from the routes
  api.allowTo(database, Port.tcp(5432));

  return [manifests];
}

if (require.main === module) {
  runExamples([build]);
}
