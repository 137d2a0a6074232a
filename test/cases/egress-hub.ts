// Bad inputs of a landing zone: EgressHub, EgressSpoke and hubs joined by reference.
import { TerraformStack } from 'cdktf';
import {
  AksCluster,
  AzureCloud,
  ClusterNetwork,
  EgressHub,
  EgressHubAttributes,
  EgressHubProps,
  EgressSpoke,
  EgressSpokeProps,
  FirewallPlacement,
  IEgressHub,
  NetworkModel,
  SecureEgress,
} from '../../lib';
import { BadInput, Scopes } from '../tools/helpers';

/** The hub of the cases: westeurope, 10.250.0.0/24, one public IP. */
export const hubIn = (stack: TerraformStack, props: Partial<EgressHubProps> = {}): EgressHub =>
  new EgressHub(stack, 'Hub', { location: 'westeurope', addressSpace: '10.250.0.0/24', ...props });

/** A spoke `id` on `addressSpace` (network `<id>Net`, ingress subnet /27). */
export function spokeOf(
  stack: TerraformStack,
  hub: IEgressHub,
  id: string,
  addressSpace: string,
  props: Partial<EgressSpokeProps> = {},
  location = 'westeurope',
): EgressSpoke {
  const network = new ClusterNetwork(stack, `${id}Net`, {
    location,
    addressSpace,
    ingressSubnetPrefixLength: 27,
  });
  return new EgressSpoke(stack, id, { hub, network, ...props });
}

/** Plain values of a hub of another team. */
export const OTHER_TEAM_HUB: EgressHubAttributes = {
  location: 'westeurope',
  firewallPrivateIp: '10.250.0.4',
  firewallPolicyId:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/afwp-hub',
  publicIps: ['20.50.1.10', '20.50.1.11'],
  firewallSubnetCidr: '10.250.0.0/26',
  hubVnetId:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub',
  hubVnetName: 'vnet-hub',
  hubResourceGroupName: 'rg-hub',
  hubAddressSpaces: ['10.250.0.0/24'],
};

const SPOKE = 'EgressSpoke Prod/Spoke';
const js = <T>(value: unknown): T => value as T;

export const HUB_CASES: BadInput[] = [
  [
    'spoke overlapping the hub',
    (s: Scopes) => spokeOf(s.stack, hubIn(s.stack), 'Spoke', '10.250.0.0/16'),
    SPOKE,
    "the spoke's VNet space 10.250.0.0/16 overlaps 10.250.0.0/24 of hub Prod/Hub",
    'give every spoke an address space of its own',
  ],
  [
    'spoke overlapping another spoke',
    (s: Scopes) => {
      const hub = hubIn(s.stack);
      spokeOf(s.stack, hub, 'A', '10.1.0.0/16');
      spokeOf(s.stack, hub, 'Spoke', '10.1.128.0/17');
    },
    SPOKE,
    "the spoke's VNet space 10.1.128.0/17 overlaps 10.1.0.0/16 of spoke Prod/A",
    'give every spoke an address space of its own',
  ],
  [
    'spoke overlapping a spoke that joined a hub of another team before',
    (s: Scopes) =>
      spokeOf(
        s.stack,
        EgressHub.fromAttributes(s.stack, 'Hub', { ...OTHER_TEAM_HUB, spokeAddressSpaces: ['10.1.0.0/16'] }),
        'Spoke',
        '10.1.0.0/20',
      ),
    SPOKE,
    "the spoke's VNet space 10.1.0.0/20 overlaps 10.1.0.0/16 of a spoke that joined before",
    'give every spoke an address space of its own',
  ],
  [
    'spoke in a region the hub does not serve',
    (s: Scopes) => spokeOf(s.stack, hubIn(s.stack), 'Spoke', '10.1.0.0/16', {}, 'northeurope'),
    SPOKE,
    'the spoke network is in northeurope, but hub Prod/Hub serves westeurope',
    'create a hub in northeurope (a firewall per region), or add northeurope to the hub',
  ],
  [
    'two spokes with the same rule group name',
    (s: Scopes) => {
      const hub = hubIn(s.stack);
      spokeOf(s.stack, hub, 'A', '10.1.0.0/16', { ruleGroupName: 'rcg-team' });
      spokeOf(s.stack, hub, 'Spoke', '10.2.0.0/16', { ruleGroupName: 'rcg-team' });
    },
    SPOKE,
    'rule collection group name rcg-team is already used in the policy of hub Prod/Hub by Prod/A',
    'give each spoke its own ruleGroupName',
  ],
  [
    'a rule group name the other team uses already',
    (s: Scopes) =>
      spokeOf(
        s.stack,
        EgressHub.fromAttributes(s.stack, 'Hub', { ...OTHER_TEAM_HUB, ruleGroupNamesInUse: ['rcg-spoke'] }),
        'Spoke',
        '10.1.0.0/16',
      ),
    SPOKE,
    'rule collection group name rcg-spoke is already used in the policy of hub Prod/Hub',
    'give each spoke its own ruleGroupName',
  ],
  [
    'two spokes with the same rule group priority',
    (s: Scopes) => {
      const hub = hubIn(s.stack);
      spokeOf(s.stack, hub, 'A', '10.1.0.0/16', { rulePriority: 2000 });
      spokeOf(s.stack, hub, 'Spoke', '10.2.0.0/16', { rulePriority: 2000 });
    },
    SPOKE,
    'rule collection group priority 2000 is already used in the policy of hub Prod/Hub by Prod/A (rcg-a)',
    'give this spoke an explicit rulePriority that no other group of the policy uses',
  ],
  [
    'a rule group priority out of range',
    (s: Scopes) => spokeOf(s.stack, hubIn(s.stack), 'Spoke', '10.1.0.0/16', { rulePriority: 70000 }),
    SPOKE,
    'rule collection group priority 70000 is out of range',
    'use a whole number from 100 to 65000',
  ],
  [
    'more rule collection groups than the policy takes',
    (s: Scopes) =>
      spokeOf(
        s.stack,
        EgressHub.fromAttributes(s.stack, 'Hub', { ...OTHER_TEAM_HUB, ruleCollectionGroupsInUse: 60 }),
        'Spoke',
        '10.1.0.0/16',
      ),
    SPOKE,
    'the policy of hub Prod/Hub would hold 61 rule collection groups, above its limit of 60',
    'serve further spokes from another hub',
  ],
  [
    'joining a hub without its VNet (no peering)',
    (s: Scopes) => EgressHub.fromAttributes(s.stack, 'Hub', { ...OTHER_TEAM_HUB, hubVnetId: '' }),
    'ImportedEgressHub Prod/Hub',
    'the hub attributes have no hubVnetId',
    'give the hub VNet: every spoke is peered with it',
  ],
  [
    "a cluster outside its spoke's network (never peered)",
    (s: Scopes) => {
      const egress = spokeOf(s.stack, hubIn(s.stack), 'Spoke', '10.1.0.0/16');
      const other = new ClusterNetwork(s.stack, 'Elsewhere', {
        location: 'westeurope',
        addressSpace: '10.9.0.0/16',
      });
      new AksCluster(s.stack, 'Aks', { network: other, egress });
    },
    SPOKE,
    'cluster Prod/Aks is in another network than the one this egress path routes',
    'give the cluster the network of its egress path',
  ],
  [
    'a hub that is not an EgressHub',
    (s: Scopes) =>
      new EgressSpoke(s.stack, 'Spoke', {
        hub: js({ firewallPrivateIp: '10.0.0.4', firewallPolicyId: 'x', hubVnetId: 'y' }),
        network: new ClusterNetwork(s.stack, 'Net', { location: 'westeurope', addressSpace: '10.1.0.0/16' }),
      }),
    SPOKE,
    'hub is not an EgressHub',
    'pass an EgressHub, or EgressHub.fromAttributes(...)',
  ],
  [
    'two spokes publishing the same port on one public IP',
    (s: Scopes) => {
      const hub = hubIn(s.stack, { publicIpCount: 2 });
      spokeOf(s.stack, hub, 'A', '10.1.0.0/16').addDnat({
        publicPort: 443,
        privatePort: 443,
        sourceAddresses: ['203.0.113.0/24'],
      });
      spokeOf(s.stack, hub, 'Spoke', '10.2.0.0/16').addDnat({
        publicPort: 443,
        privatePort: 443,
        sourceAddresses: ['203.0.113.0/24'],
      });
    },
    SPOKE,
    'public port 443 of hub public IP 0 is already forwarded to Prod/A (dnat-443)',
    "give this spoke's ingress its own public IP (addDnat({ publicIpIndex: 1, ... }))",
  ],
  [
    'a DNAT rule on a public IP the hub does not have',
    (s: Scopes) =>
      spokeOf(s.stack, hubIn(s.stack), 'Spoke', '10.1.0.0/16').addDnat({
        publicPort: 443,
        privatePort: 443,
        publicIpIndex: 1,
        sourceAddresses: ['203.0.113.0/24'],
      }),
    SPOKE,
    "DNAT publicIpIndex 1 does not name one of the firewall's 1 public IP(s)",
    'use 0 to 0, or give the firewall more public IPs',
  ],
  [
    'a second firewall in the hub firewall subnet',
    (s: Scopes) => {
      const hub = hubIn(s.stack);
      const network = new ClusterNetwork(s.stack, 'Net', {
        location: 'westeurope',
        addressSpace: '10.1.0.0/16',
      });
      new SecureEgress(s.stack, 'Egress', {
        network,
        placement: FirewallPlacement.existingSubnet({
          name: 'AzureFirewallSubnet',
          id: hub.firewallSubnet.id,
          cidr: hub.firewallSubnet.cidr,
        }),
      });
    },
    'SecureEgress Prod/Egress',
    'Prod/Hub already has a firewall in this AzureFirewallSubnet, and a subnet holds one firewall',
    'let further clusters join that firewall as spokes',
  ],
  [
    "a second firewall in the subnet of another team's firewall",
    (s: Scopes) => {
      const subnetId =
        '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/AzureFirewallSubnet';
      EgressHub.fromAttributes(s.stack, 'Hub', { ...OTHER_TEAM_HUB, firewallSubnetId: subnetId });
      const network = new ClusterNetwork(s.stack, 'Net', {
        location: 'westeurope',
        addressSpace: '10.1.0.0/16',
      });
      new SecureEgress(s.stack, 'Egress', {
        network,
        placement: FirewallPlacement.existingSubnet({
          name: 'AzureFirewallSubnet',
          id: subnetId,
          cidr: '10.250.0.0/26',
        }),
      });
    },
    'SecureEgress Prod/Egress',
    'Prod/Hub already has a firewall in this AzureFirewallSubnet',
    'EgressHub.fromAttributes for a firewall of another team',
  ],
  [
    'a zone list in a region without zones (firewall)',
    (s: Scopes) =>
      new EgressHub(s.stack, 'Hub', {
        location: 'chinaeast2',
        cloud: AzureCloud.CHINA,
        addressSpace: '10.250.0.0/24',
        zones: ['1', '2'],
      }),
    'EgressHub Prod/Hub',
    'firewall and public IPs: zones 1, 2 in chinaeast2, which has no availability zones',
    'leave zones unset (no zones) or use [], or deploy to a region with zones',
  ],
  [
    'a zone list in a region without zones (node pool)',
    (s: Scopes) =>
      new AksCluster(s.stack, 'Aks', {
        location: 'chinaeast2',
        cloud: AzureCloud.CHINA,
        systemNodePool: { zones: ['1', '2', '3'] },
      }),
    'AksCluster Prod/Aks',
    'node pool system: zones 1, 2, 3 in chinaeast2, which has no availability zones',
    'leave zones unset (no zones) or use []',
  ],
  [
    'a private cluster with custom DNS and the System zone',
    (s: Scopes) => {
      const hub = hubIn(s.stack);
      const egress = spokeOf(s.stack, hub, 'Spoke', '10.1.0.0/16');
      const network = s.stack.node.findChild('SpokeNet') as ClusterNetwork;
      network.useDnsServers([hub.firewallPrivateIp]);
      new AksCluster(s.stack, 'Aks', { network, egress });
    },
    SPOKE,
    "private cluster Prod/Aks uses the System private DNS zone, which AKS links only to the cluster VNet, while the VNet resolves names through the firewall's DNS proxy outside it",
    'give the cluster a privatelink.<region>.azmk8s.io zone linked to the hub: ApiServerAccess.privateCluster({ privateDnsZone: hub.apiServerDnsZone() })',
    'validation',
  ],
  [
    "a pod CIDR overlapping another spoke's network",
    (s: Scopes) => {
      const hub = hubIn(s.stack);
      const egress = spokeOf(s.stack, hub, 'A', '10.1.0.0/16');
      spokeOf(s.stack, hub, 'B', '10.2.0.0/16');
      new AksCluster(s.stack, 'Aks', {
        network: s.stack.node.findChild('ANet') as ClusterNetwork,
        egress,
        networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.2.0.0/16' }),
      });
    },
    'EgressHub Prod/Hub',
    'pod CIDR 10.2.0.0/16 of spoke Prod/A overlaps VNet space 10.2.0.0/16 of spoke Prod/B',
    'pick a pod CIDR outside every network of the landing zone',
    'validation',
  ],
];
