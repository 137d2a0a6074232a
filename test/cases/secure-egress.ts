// Bad inputs of SecureEgress: rules, tiers, placement, DNAT, and props of the wrong kind.
import { AksCluster } from '../../lib/azure/cluster';
import { ClusterNetwork, ClusterNetworkProps } from '../../lib/azure/network/cluster-network';
import {
  EgressPort,
  EgressTarget,
  FirewallPlacement,
  FirewallTier,
  NtpRule,
  SecureEgress,
  SecureEgressProps,
  ThreatIntelMode,
} from '../../lib';
import { BadInput, Scopes, clusterNetwork } from '../tools/helpers';

const EGRESS = 'SecureEgress Prod/Egress';
/** The network of the cases: nodes /22, ingress /27, firewall /26 (and the management /26 for Basic). */
export const EGRESS_NETWORK: Partial<ClusterNetworkProps> = {
  ingressSubnetPrefixLength: 27,
  firewallSubnetPrefixLength: 26,
};
const secureEgress =
  (
    props: Partial<SecureEgressProps> = {},
    then?: (e: SecureEgress, s: Scopes, network: ClusterNetwork) => void,
    networkProps: Partial<ClusterNetworkProps> = EGRESS_NETWORK,
  ) =>
  (s: Scopes) => {
    const network = clusterNetwork(s.stack, networkProps, 'Net');
    const egress = new SecureEgress(s.stack, 'Egress', { network, ...props });
    then?.(egress, s, network);
  };
const BASIC_NETWORK = { ...EGRESS_NETWORK, firewallManagementSubnetPrefixLength: 26 };
const basic = (props: Partial<SecureEgressProps>, then?: (e: SecureEgress) => void) =>
  secureEgress({ tier: FirewallTier.BASIC, ...props }, then, BASIC_NETWORK);
const js = <T>(value: unknown): T => value as T;

export const EGRESS_CASES: BadInput[] = [
  [
    'service tag on HTTPS',
    secureEgress({}, (e) => e.allow(EgressTarget.serviceTag('AzureMonitor'), EgressPort.https())),
    EGRESS,
    'service tag AzureMonitor cannot be used with Https:443 (service tags only work in network rules)',
    'use EgressPort.tcp(443) for a network rule',
  ],
  [
    'wildcard FQDN on TCP 22',
    secureEgress({}, (e) => e.allow(EgressTarget.fqdns('*.example.com'), EgressPort.tcp(22))),
    EGRESS,
    'wildcard FQDN *.example.com cannot be used with TCP:22 (network rule FQDNs are resolved by the DNS proxy and take no wildcards)',
    'list the host names, or use EgressPort.https()/http() for an application rule',
  ],
  [
    'destination not a CIDR',
    secureEgress({}, (e) => e.allow(EgressTarget.cidrs('10.0.0.300/8'), EgressPort.tcp(22))),
    EGRESS,
    "egress destination '10.0.0.300/8' is not an IPv4 address or CIDR",
    'write it as a.b.c.d or a.b.c.d/n',
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
    'TCP port 70000',
    secureEgress({}, (e) => e.allow(EgressTarget.cidrs('203.0.113.0/24'), EgressPort.tcp(70000))),
    'EgressPort.tcp',
    'port 70000 is out of range',
    'use a whole number from 1 to 65535',
  ],
  [
    'no FQDN given',
    secureEgress({}, (e) => e.allow(EgressTarget.fqdns(), EgressPort.https())),
    'EgressTarget.fqdns',
    'no value given',
    'give at least one value',
  ],
  [
    'FQDN network rule without DNS proxy',
    secureEgress({ dnsProxy: false }, (e) =>
      e.allow(EgressTarget.fqdns('smtp.example.com'), EgressPort.tcp(587)),
    ),
    EGRESS,
    'FQDN network rule smtp.example.com on TCP:587 needs the firewall DNS proxy, which is off',
    'enable dnsProxy (Standard or Premium tier), or use EgressTarget.cidrs(...)',
  ],
  [
    'NTP by FQDN without DNS proxy',
    secureEgress({ dnsProxy: false, ntp: NtpRule.UBUNTU_FQDN }),
    EGRESS,
    'NTP rule ntp.ubuntu.com (UDP 123) names an FQDN in a network rule, which needs the firewall DNS proxy, but dnsProxy is off',
    'enable dnsProxy (Standard or Premium), or allow NTP with NtpRule.ANY_ADDRESS',
  ],
  [
    'FQDN network rule without the DNS servers pointing at the firewall',
    secureEgress({}, (e) => e.allow(EgressTarget.fqdns('smtp.example.com'), EgressPort.tcp(587), 'smtp')),
    EGRESS,
    "rule smtp is an FQDN network rule, which matches only when the nodes resolve names through the firewall's DNS proxy, but the network's DNS servers are Azure-provided",
    'point them at the firewall: network.useDnsServers([egress.firewallPrivateIp])',
    'validation',
  ],
  [
    'NTP by FQDN without the DNS servers pointing at the firewall',
    secureEgress({ ntp: NtpRule.UBUNTU_FQDN }, undefined, { ...EGRESS_NETWORK, dnsServers: ['10.1.0.4'] }),
    EGRESS,
    "NTP rule ntp.ubuntu.com (UDP 123) is an FQDN network rule, which matches only when the nodes resolve names through the firewall's DNS proxy, but the network's DNS servers are 10.1.0.4",
    'point them at the firewall: network.useDnsServers([egress.firewallPrivateIp])',
    'validation',
  ],
  [
    'Basic without management subnet',
    secureEgress({ tier: FirewallTier.BASIC }),
    EGRESS,
    'tier Basic needs AzureFirewallManagementSubnet and a management public IP, and the placement has none',
    'set firewallManagementSubnetPrefixLength: 26 on the ClusterNetwork (or managementSubnetPrefixLength in FirewallPlacement.hub()), or use FirewallTier.STANDARD',
  ],
  [
    'Basic in a hub without management subnet',
    secureEgress({
      tier: FirewallTier.BASIC,
      placement: FirewallPlacement.hub({ addressSpace: '10.250.0.0/24' }),
    }),
    EGRESS,
    'tier Basic needs AzureFirewallManagementSubnet and a management public IP, and the placement has none',
    'managementSubnetPrefixLength in FirewallPlacement.hub()',
  ],
  [
    'DNS proxy on Basic',
    basic({ dnsProxy: true }),
    EGRESS,
    'dnsProxy true on the Basic tier, which has no DNS proxy',
    'set tier FirewallTier.STANDARD, or leave dnsProxy unset',
  ],
  [
    'threat intel Deny on Basic',
    basic({ threatIntelMode: ThreatIntelMode.DENY }),
    EGRESS,
    'threatIntelMode Deny on the Basic tier, which can only alert',
    'use ThreatIntelMode.ALERT or tier FirewallTier.STANDARD',
  ],
  [
    'NTP by FQDN on Basic',
    basic({ ntp: NtpRule.UBUNTU_FQDN }),
    EGRESS,
    'needs the firewall DNS proxy',
    'enable dnsProxy (Standard or Premium)',
  ],
  [
    'FQDN network rule on Basic',
    basic({}, (e) => e.allow(EgressTarget.fqdns('smtp.example.com'), EgressPort.tcp(587))),
    EGRESS,
    'needs the firewall DNS proxy',
    'enable dnsProxy (Standard or Premium tier)',
  ],
  [
    'no public IPs',
    secureEgress({ publicIpCount: 0 }),
    EGRESS,
    'publicIpCount 0 is out of range',
    'use 1 to 250 (20 or more in production)',
  ],
  [
    'no firewall subnet in the cluster VNet',
    secureEgress({}, undefined, { ingressSubnetPrefixLength: 27 }),
    EGRESS,
    'the cluster network has no AzureFirewallSubnet',
    'set firewallSubnetPrefixLength: 26 on the ClusterNetwork',
  ],
  [
    'hub firewall subnet /27',
    (s) =>
      secureEgress({
        placement: FirewallPlacement.hub({ addressSpace: '10.250.0.0/24', firewallSubnetPrefixLength: 27 }),
      })(s),
    'FirewallPlacement',
    'AzureFirewallSubnet /27 is too small; Azure Firewall needs at least a /26',
    'use a prefix length of 26 or less',
  ],
  [
    'hub management subnet /27',
    (s) =>
      basic({
        placement: FirewallPlacement.hub({ addressSpace: '10.250.0.0/24', managementSubnetPrefixLength: 27 }),
      })(s),
    'FirewallPlacement',
    'AzureFirewallManagementSubnet /27 is too small',
    'use a prefix length of 26 or less',
  ],
  [
    'firewall subnet misnamed',
    (s) =>
      secureEgress({
        placement: FirewallPlacement.existingSubnet({
          name: 'snet-firewall',
          id: '/subscriptions/x',
          cidr: '10.1.0.0/26',
        }),
      })(s),
    'FirewallPlacement.existingSubnet',
    'the subnet is named snet-firewall',
    'Azure Firewall only deploys into a subnet named exactly AzureFirewallSubnet',
  ],
  [
    'existing firewall subnet /28',
    (s) =>
      secureEgress({
        placement: FirewallPlacement.existingSubnet({
          name: 'AzureFirewallSubnet',
          id: '/subscriptions/x',
          cidr: '10.1.0.0/28',
        }),
      })(s),
    'FirewallPlacement',
    'AzureFirewallSubnet /28 is too small',
    'use a prefix length of 26 or less',
  ],
  [
    'hub overlapping the spoke',
    secureEgress({ placement: FirewallPlacement.hub({ addressSpace: '10.240.128.0/24' }) }),
    EGRESS,
    'external range hub 10.240.128.0/24 overlaps VNet address space 10.240.0.0/16',
    'pick ranges that do not share addresses',
  ],
  [
    'hub without room for the firewall subnet',
    secureEgress({ placement: FirewallPlacement.hub({ addressSpace: '10.250.0.0/27' }) }),
    EGRESS,
    'hub 10.250.0.0/27 has no room for AzureFirewallSubnet /26',
    'give the hub a larger address space',
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
    'DNAT translated address 10.240.0.10 is outside the ingress subnet snet-aks-ingress 10.240.4.0/27',
    'use an address of 10.240.4.0/27, e.g. 10.240.4.30',
  ],
  ...['10.240.4.0', '10.240.4.1', '10.240.4.3', '10.240.4.31'].map(
    (reserved): BadInput => [
      `DNAT to the Azure-reserved ${reserved}`,
      secureEgress({}, (e) => e.addDnat({ publicPort: 80, privatePort: 80, privateIp: reserved })),
      EGRESS,
      `DNAT translated address ${reserved} is reserved by Azure in snet-aks-ingress`,
      'use 10.240.4.4-10.240.4.30',
    ],
  ),
  [
    'DNAT public port 0',
    secureEgress({}, (e) => e.addDnat({ publicPort: 0, privatePort: 80 })),
    EGRESS,
    'DNAT publicPort 0 is out of range',
    'use 1-65535',
  ],
  [
    'ingress endpoint without ingress subnet',
    secureEgress({}, (e) => e.ingressEndpoint(), { firewallSubnetPrefixLength: 26 }),
    EGRESS,
    'the cluster network has no ingress subnet',
    'set ingressSubnetPrefixLength on the ClusterNetwork',
  ],
  [
    'a second cluster on one egress path',
    secureEgress({}, (egress, s, network) => {
      new AksCluster(s.stack, 'Aks', { network, egress });
      const other = clusterNetwork(s.stack, { addressSpace: '10.241.0.0/16' }, 'OtherNet');
      new AksCluster(s.stack, 'Other', { network: other, egress });
    }),
    EGRESS,
    'cluster Prod/Other attached, but Prod/Aks already uses this egress path',
    'give each cluster its own SecureEgress',
  ],
  // JavaScript and the other jsii languages can pass anything
  [
    'a string as the tier',
    secureEgress({ tier: js('basic') }),
    EGRESS,
    "tier is 'basic', not a FirewallTier",
    'use one of FirewallTier.BASIC, FirewallTier.STANDARD, FirewallTier.PREMIUM',
  ],
  [
    'a plain object as the placement',
    secureEgress({ placement: js({ hub: { addressSpace: '10.250.0.0/24' } }) }),
    EGRESS,
    'placement is a plain object, not a FirewallPlacement',
    'use a FirewallPlacement factory, e.g. FirewallPlacement.clusterVnet()',
  ],
  [
    'the network id instead of the network',
    (s) => new SecureEgress(s.stack, 'Egress', { network: js('/subscriptions/0/virtualNetworks/vnet') }),
    EGRESS,
    "network is '/subscriptions/0/virtualNetworks/vnet', which has no plan, nodeSubnet, vnetId",
    'pass a ClusterNetwork or ExistingClusterNetwork',
  ],
  [
    'a string as an egress feature',
    secureEgress({ features: js(['monitor', 'gpus']) }),
    EGRESS,
    "features[1] is 'gpus', not a EgressFeature",
    'use one of EgressFeature.OS_UPDATES',
  ],
];
