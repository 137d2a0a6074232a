// A private cluster whose only way out is an Azure Firewall in its own VNet, with inbound HTTPS
// DNAT'd to the internal ingress IP; plus the same pattern on Azure operated by 21Vianet.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import * as cdk8s from 'cdk8s';
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import {
  AksCluster,
  ApiServerAccess,
  AzureCloud,
  ClusterNetwork,
  EgressFeature,
  EgressPort,
  EgressTarget,
  InternalNginxController,
  SecureEgress,
} from '../../lib';
import { exampleStack, manifestsFor, runExamples } from '../run';

/** Clients allowed through the DNAT rule (replace with your own ranges). */
const CLIENT_RANGES = ['203.0.113.0/24'];

function lockedDown(
  stack: TerraformStack,
  location: string,
  cloud: AzureCloud,
  addressSpace: string,
): cdk8s.App {
  const network = new ClusterNetwork(stack, 'Network', {
    location,
    addressSpace,
    ingressSubnetPrefixLength: 27,
    firewallSubnetPrefixLength: 26,
  });
  const egress = new SecureEgress(stack, 'Egress', {
    network,
    cloud,
    features: [EgressFeature.OS_UPDATES],
  });
  // The workloads' own dependencies, as intents.
  egress.allow(EgressTarget.fqdns('api.github.com', 'github.com'), EgressPort.https(), 'github');
  egress.allow(EgressTarget.serviceTag('AzureMonitor'), EgressPort.tcp(443), 'azure-monitor');

  // The internal ingress controller gets this address; it is a plain value for the manifests.
  const ingress = egress.ingressEndpoint();
  egress.addDnat({
    publicPort: 443,
    privatePort: 443,
    privateIp: ingress.privateIp,
    sourceAddresses: CLIENT_RANGES,
  });

  const cluster = new AksCluster(stack, 'Aks', {
    network,
    egress,
    apiServerAccess: ApiServerAccess.privateCluster(),
    egressFeatures: [EgressFeature.MONITOR, EgressFeature.POLICY],
  });
  new TerraformOutput(stack, 'ingress_private_ip', { value: ingress.privateIp });

  // Kubernetes side: the internal controller on the planned address. DNAT'd clients arrive with
  // AzureFirewallSubnet source addresses, so that is the range the load balancer admits.
  const manifests = manifestsFor(stack.node.id);
  cluster.bindManifests(manifests);
  new InternalNginxController(new cdk8s.Chart(manifests, 'ingress'), 'Nginx', {
    privateIp: ingress.privateIp,
    subnetName: ingress.subnetName,
    sourceRanges: [egress.firewallSubnet.cidr],
  });
  return manifests;
}

export function build(app: App): cdk8s.App[] {
  const global = lockedDown(
    exampleStack(app, 'locked-down-egress'),
    'westeurope',
    AzureCloud.PUBLIC,
    '10.240.0.0/16',
  );

  // 21Vianet: its own provider environment, catalogue (TCP 22, *.tun, .cn hosts) and region.
  const china = new TerraformStack(app, 'locked-down-egress-china');
  new AzurermProvider(china, 'azurerm', { features: [{}], environment: 'china' });
  new LocalBackend(china, { path: '../../../terraform.locked-down-egress-china.tfstate' });
  return [global, lockedDown(china, 'chinaeast2', AzureCloud.CHINA, '10.241.0.0/16')];
}

if (require.main === module) {
  runExamples([build]);
}
