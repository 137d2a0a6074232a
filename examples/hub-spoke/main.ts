// Hub and spoke: the firewall lives in a hub VNet of its own (EgressHub), and the cluster's network
// joins it as a spoke: peered both ways, its subnets route 0.0.0.0/0 to the firewall, and its rules
// are one rule collection group in the hub's policy. The private cluster's API server name is in a
// private DNS zone linked to the hub, where the firewall's DNS proxy (the spoke's DNS) resolves it.
import * as cdk8s from 'cdk8s';
import { App } from 'cdktf';
import {
  AksCluster,
  ApiServerAccess,
  ClusterNetwork,
  EgressFeature,
  EgressHub,
  EgressPort,
  EgressSpoke,
  EgressTarget,
  FirewallTier,
  NetworkModel,
  NtpRule,
} from '../../lib';
import { exampleStack, runExamples } from '../run';

const LOCATION = 'northeurope';

export function build(app: App): cdk8s.App[] {
  const stack = exampleStack(app, 'hub-spoke');
  const hub = new EgressHub(stack, 'Hub', {
    location: LOCATION,
    addressSpace: '10.250.0.0/24',
    tier: FirewallTier.PREMIUM,
    // SNAT ports scale with public IPs; production clusters want 20 or more.
    publicIpCount: 2,
  });
  const spoke = new ClusterNetwork(stack, 'Spoke', {
    location: LOCATION,
    addressSpace: '10.242.0.0/16',
    podSubnetPrefixLength: 20,
    ingressSubnetPrefixLength: 27,
  });
  const egress = new EgressSpoke(stack, 'Egress', {
    hub,
    network: spoke,
    // NTP by name: a network-rule FQDN, so the spoke's DNS points at the firewall's DNS proxy.
    ntp: NtpRule.UBUNTU_FQDN,
    features: [EgressFeature.OS_UPDATES, EgressFeature.KEY_VAULT],
  });
  // Name the storage account: a wildcard over blob.core.windows.net would reach anyone's account.
  egress.allow(
    EgressTarget.fqdns('stcontosoartifacts.blob.core.windows.net'),
    EgressPort.https(),
    'artifacts',
  );
  egress.allow(EgressTarget.cidrs('198.51.100.0/28'), EgressPort.tcp(5432), 'partner-postgres');
  egress.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
  spoke.useDnsServers([hub.firewallPrivateIp]);

  new AksCluster(stack, 'Aks', {
    network: spoke,
    egress,
    // Pods get VNet addresses from the pod subnet, so the firewall sees (and allows) them by subnet.
    networkModel: NetworkModel.azureCniPodSubnet(),
    apiServerAccess: ApiServerAccess.privateCluster({ privateDnsZone: hub.apiServerDnsZone() }),
    workloadIdentityEnabled: true,
  });
  return [];
}

if (require.main === module) {
  runExamples([build]);
}
