// A landing zone: one hub (firewall, policy, public IPs, hub VNet) run by the platform team, and two
// spoke clusters, each in its own stack. Spoke A lives in the hub's stack and joins the hub object;
// team B's stack joins by reference, through the hub's plain values (here cdktf cross-stack
// references; another team's app passes the same values as strings). Each spoke brings only its own
// route table, peering and one rule collection group; nothing of the hub is edited by team B.
//
// Deploy in order: `landing-zone-hub` first (hub, spoke A), then `landing-zone-team-b`. Spokes of one
// policy deploy one at a time: Azure serializes rule collection group changes per policy.
import * as cdk8s from 'cdk8s';
import { App, TerraformStack } from 'cdktf';
import {
  AksCluster,
  ApiServerAccess,
  ClusterNetwork,
  EgressHub,
  EgressPort,
  EgressSpoke,
  EgressTarget,
  IEgressHub,
  InternalNginxController,
  NetworkModel,
} from '../../lib';
import { exampleStack, manifestsFor, runExamples } from '../run';

const LOCATION = 'westeurope';
/** Clients allowed through the DNAT rules (replace with your own ranges). */
const CLIENT_RANGES = ['203.0.113.0/24'];

/** One spoke cluster: network, spoke of the hub, private cluster, internal ingress behind DNAT. */
function spokeCluster(
  stack: TerraformStack,
  hub: IEgressHub,
  apiServerDnsZone: ReturnType<EgressHub['apiServerDnsZone']>,
  spoke: { id: string; addressSpace: string; publicIpIndex: number; ruleGroupName?: string },
): cdk8s.App {
  const network = new ClusterNetwork(stack, `${spoke.id}Network`, {
    location: LOCATION,
    addressSpace: spoke.addressSpace,
    ingressSubnetPrefixLength: 27,
  });
  const egress = new EgressSpoke(stack, spoke.id, { hub, network, ruleGroupName: spoke.ruleGroupName });
  egress.allow(EgressTarget.fqdns('api.github.com', 'github.com'), EgressPort.https(), 'github');
  // Each spoke's ingress gets its own public IP of the hub: two spokes cannot share port 443 on one.
  const ingress = egress.ingressEndpoint();
  egress.addDnat({
    publicPort: 443,
    privatePort: 443,
    publicIpIndex: spoke.publicIpIndex,
    sourceAddresses: CLIENT_RANGES,
  });

  const cluster = new AksCluster(stack, `${spoke.id}Aks`, {
    network,
    egress,
    networkModel: NetworkModel.cilium({ podCidr: '10.244.0.0/16' }),
    // The zone is linked to the hub, where the firewall's DNS proxy resolves the API server name.
    apiServerAccess: ApiServerAccess.privateCluster({ privateDnsZone: apiServerDnsZone }),
  });
  const manifests = manifestsFor(stack.node.id);
  cluster.bindManifests(manifests);
  new InternalNginxController(new cdk8s.Chart(manifests, 'ingress'), 'Nginx', {
    privateIp: ingress.privateIp,
    subnetName: ingress.subnetName,
    // DNAT'd clients arrive with addresses of the hub's AzureFirewallSubnet
    sourceRanges: [egress.firewallSubnetCidr],
  });
  return manifests;
}

export function build(app: App): cdk8s.App[] {
  const platform = exampleStack(app, 'landing-zone-hub');
  const hub = new EgressHub(platform, 'Hub', {
    location: LOCATION,
    addressSpace: '10.200.0.0/24',
    // Every spoke shares the SNAT ports of these IPs (2,496 each per firewall instance).
    publicIpCount: 20,
  });
  const dnsZone = hub.apiServerDnsZone();
  const spokeA = spokeCluster(platform, hub, dnsZone, {
    id: 'SpokeA',
    addressSpace: '10.210.0.0/16',
    publicIpIndex: 0,
  });

  // Team B: another stack, joining by reference. The values are the hub's, as cdktf cross-stack
  // references; a team with its own app gets them from the platform team as plain strings.
  const teamB = exampleStack(app, 'landing-zone-team-b');
  const platformHub = EgressHub.fromAttributes(teamB, 'PlatformHub', hub.toAttributes());
  const spokeB = spokeCluster(teamB, platformHub, dnsZone, {
    id: 'TeamB',
    addressSpace: '10.211.0.0/16',
    publicIpIndex: 1,
    ruleGroupName: 'rcg-team-b',
  });
  return [spokeA, spokeB];
}

if (require.main === module) {
  runExamples([build]);
}
