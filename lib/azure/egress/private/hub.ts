import { azurerm } from '../../../core/azurerm';
// The hub VNet a firewall can live in, peered both ways with the cluster VNet.
import { Construct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { Cidr } from '../../../plan/cidr';
import { IClusterNetwork, NetworkSubnet } from '../../network/cluster-network';
import { peer } from './routing';

export interface HubNetwork {
  readonly vnetId: string;
  /** Create the next subnet of the hub (firewall, then management subnet). */
  subnet(name: string, prefixLength: number): NetworkSubnet;
}

export function createHub(
  scope: Construct,
  network: IClusterNetwork,
  hub: { readonly addressSpace: string; readonly vnetName?: string },
  baseName: string,
): HubNetwork {
  const space = Cidr.parse(hub.addressSpace, scope);
  // Registering the hub as an external range of the spoke makes the plan reject any overlap now and later.
  network.plan.addExternalRange('hub', space.toString(), scope);
  const vnet = new azurerm.VirtualNetwork(scope, 'HubVnet', {
    name: hub.vnetName ?? `vnet-hub-${baseName}`,
    location: network.location,
    resourceGroupName: network.resourceGroupName,
    addressSpace: [space.toString()],
  });
  peer(scope, {
    spoke: {
      vnetName: network.vnetName,
      resourceGroupName: network.vnetResourceGroupName,
      vnetId: network.vnetId,
    },
    hub: { vnetName: vnet.name, resourceGroupName: network.resourceGroupName, vnetId: vnet.id },
    spokeToHubName: `peer-${network.vnetName}-to-hub`,
    hubToSpokeName: `peer-hub-to-${network.vnetName}`,
    hubSide: true,
  });
  let next = space.networkValue;
  return {
    vnetId: vnet.id,
    subnet(name: string, prefixLength: number): NetworkSubnet {
      const size = 2 ** (32 - prefixLength);
      const start = Math.ceil(next / size) * size;
      const block = Cidr.fromValue(start, prefixLength);
      if (prefixLength < space.prefixLength || !space.contains(block)) {
        throw new AksNetworkError(
          `hub ${space} has no room for ${name} /${prefixLength}`,
          'give the hub a larger address space, e.g. a /24',
          scope,
        );
      }
      next = start + size;
      const subnet = new azurerm.Subnet(scope, `Hub${name}`, {
        name,
        resourceGroupName: network.resourceGroupName,
        virtualNetworkName: vnet.name,
        addressPrefixes: [block.toString()],
      });
      return { name, cidr: block.toString(), id: subnet.id };
    },
  };
}
