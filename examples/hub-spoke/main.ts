// Hub and spoke: the firewall lives in a hub VNet of its own (checked not to overlap the spoke),
// peered both ways; the spoke's subnets route 0.0.0.0/0 to it.
import * as cdk8s from 'cdk8s';
import { App } from 'cdktf';
import {
  AksCluster,
  ApiServerAccess,
  ClusterNetwork,
  EgressFeature,
  EgressPort,
  EgressTarget,
  FirewallPlacement,
  FirewallTier,
  NetworkModel,
  NtpRule,
  SecureEgress,
} from '../../lib';
import { exampleStack, runExamples } from '../run';

const LOCATION = 'northeurope';

export function build(app: App): cdk8s.App[] {
  const stack = exampleStack(app, 'hub-spoke');
  const spoke = new ClusterNetwork(stack, 'Spoke', {
    location: LOCATION,
    addressSpace: '10.242.0.0/16',
    podSubnetPrefixLength: 20,
    ingressSubnetPrefixLength: 27,
  });
  const egress = new SecureEgress(stack, 'Egress', {
    network: spoke,
    placement: FirewallPlacement.hub({ addressSpace: '10.250.0.0/24' }),
    tier: FirewallTier.PREMIUM,
    // SNAT ports scale with public IPs; production clusters want 20 or more.
    publicIpCount: 2,
    // NTP by name: a network-rule FQDN, so the spoke's DNS points at the firewall's DNS proxy.
    ntp: NtpRule.UBUNTU_FQDN,
    features: [EgressFeature.OS_UPDATES, EgressFeature.KEY_VAULT],
  });
  egress.allow(EgressTarget.fqdns('*.blob.core.windows.net'), EgressPort.https(), 'blob-storage');
  egress.allow(EgressTarget.cidrs('198.51.100.0/28'), EgressPort.tcp(5432), 'partner-postgres');
  egress.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
  spoke.useDnsServers([egress.firewallPrivateIp]);

  new AksCluster(stack, 'Aks', {
    network: spoke,
    egress,
    // Pods get VNet addresses from the pod subnet, so the firewall sees (and allows) them by subnet.
    networkModel: NetworkModel.azureCniPodSubnet(),
    apiServerAccess: ApiServerAccess.privateCluster(),
    workloadIdentityEnabled: true,
  });
  return [];
}

if (require.main === module) {
  runExamples([build]);
}
