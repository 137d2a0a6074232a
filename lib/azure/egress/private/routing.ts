// The route table of a cluster network behind a firewall (its own VNet's or a hub's), and the
// peering of a spoke VNet with a hub.
import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { azurerm, type RouteTable } from '../../../core/azurerm';
import { IClusterNetwork, NetworkSubnet } from '../../network/cluster-network';

/** What the route table sends where. */
export interface RoutingSpec {
  readonly baseName: string;
  readonly network: IClusterNetwork;
  /** Next hop of `0.0.0.0/0`. */
  readonly firewallPrivateIp: string;
  /** Each gets a `/32` route to Internet. */
  readonly firewallPublicIps: string[];
  readonly bgpRoutePropagation: boolean;
}

/**
 * Route table with `azurerm_route` entries only (never inline: kubenet clusters add their pod routes
 * to this table, and an inline route set would remove them on the next apply), associated with the
 * node, pod and ingress subnets.
 */
export function createRoutes(
  scope: Construct,
  spec: RoutingSpec,
): { table: RouteTable; dependencies: ITerraformDependable[] } {
  const n = spec.network;
  const table = new azurerm.RouteTable(scope, 'RouteTable', {
    name: `rt-${spec.baseName}`,
    location: n.location,
    resourceGroupName: n.resourceGroupName,
    bgpRoutePropagationEnabled: spec.bgpRoutePropagation,
  });
  const route = (id: string, name: string, addressPrefix: string, nextHopInIpAddress?: string) =>
    new azurerm.Route(scope, id, {
      name,
      resourceGroupName: n.resourceGroupName,
      routeTableName: table.name,
      addressPrefix,
      nextHopType: nextHopInIpAddress ? 'VirtualAppliance' : 'Internet',
      nextHopInIpAddress,
    });
  const routes = [
    route('RouteDefault', 'default-via-firewall', '0.0.0.0/0', spec.firewallPrivateIp),
    // Replies to DNAT'd clients leave via the firewall's public IP, not the default route.
    ...spec.firewallPublicIps.map((ip, i) =>
      route(`RouteFirewallPip${i + 1}`, `firewall-pip-${i + 1}-internet`, `${ip}/32`),
    ),
  ];
  const subnets = [n.nodeSubnet, n.podSubnet, n.ingressSubnet].filter(
    (s): s is NetworkSubnet => s !== undefined,
  );
  const associations = subnets.map(
    (s) =>
      new azurerm.SubnetRouteTableAssociation(scope, `RouteTableAssociation-${s.name}`, {
        subnetId: s.id,
        routeTableId: table.id,
      }),
  );
  // AKS checks the default route when it creates a UDR cluster, so the routes are dependencies too.
  return { table, dependencies: [...associations, ...routes] };
}

/** The two ends of a peering. */
export interface PeeringEnds {
  readonly spoke: { readonly vnetName: string; readonly resourceGroupName: string; readonly vnetId: string };
  readonly hub: { readonly vnetName: string; readonly resourceGroupName: string; readonly vnetId: string };
  /** Names of the two peerings. */
  readonly spokeToHubName: string;
  readonly hubToSpokeName: string;
  /** Whether to create the hub's side too (it needs rights on the hub VNet). */
  readonly hubSide: boolean;
  /** Provider of the hub's subscription, for the hub side. */
  readonly hubProvider?: TerraformProvider;
}

/**
 * Peer a spoke with its hub. UNCERTAIN (facts §9.11): allow_forwarded_traffic stays false both ways,
 * as in the AKS baseline: the firewall SNATs what it forwards, so spoke and hub only see each other's
 * own addresses.
 */
export function peer(scope: Construct, ends: PeeringEnds): ITerraformDependable[] {
  const spokeSide = new azurerm.VirtualNetworkPeering(scope, 'PeeringSpokeToHub', {
    name: ends.spokeToHubName,
    resourceGroupName: ends.spoke.resourceGroupName,
    virtualNetworkName: ends.spoke.vnetName,
    remoteVirtualNetworkId: ends.hub.vnetId,
    allowVirtualNetworkAccess: true,
    allowForwardedTraffic: false,
  });
  if (!ends.hubSide) {
    return [spokeSide];
  }
  const hubSide = new azurerm.VirtualNetworkPeering(scope, 'PeeringHubToSpoke', {
    name: ends.hubToSpokeName,
    resourceGroupName: ends.hub.resourceGroupName,
    virtualNetworkName: ends.hub.vnetName,
    remoteVirtualNetworkId: ends.spoke.vnetId,
    allowVirtualNetworkAccess: true,
    allowForwardedTraffic: false,
    provider: ends.hubProvider,
  });
  return [spokeSide, hubSide];
}
