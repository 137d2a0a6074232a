import { IConstruct } from 'constructs';
// DNAT planning: the internal ingress IP chosen at synth time and the checks on translated addresses.
import { AksNetworkError } from '../../../core/errors';
import { Cidr } from '../../../plan/cidr';
import type { IClusterNetwork } from '../../network/cluster-network';
import type { IngressEndpoint } from '../secure-egress-props';

/**
 * The ingress IP: the subnet's last Azure-usable address. Azure hands out dynamic NIC addresses from
 * the bottom of a subnet, so the top one stays free for a static load balancer frontend.
 */
export function pickIngressIp(subnetCidr: string): string {
  return Cidr.parse(subnetCidr).lastAzureUsable;
}

/**
 * The endpoint a network's internal ingress load balancer should use (the address `pickIngressIp`
 * chooses in its ingress subnet); `networkLabel` names the network in the error ("the cluster network").
 */
export function ingressEndpointOf(
  scope: IConstruct,
  network: IClusterNetwork,
  networkLabel: string,
): IngressEndpoint {
  const subnet = network.ingressSubnet;
  if (!subnet) {
    throw new AksNetworkError(
      `${networkLabel} has no ingress subnet`,
      'set ingressSubnetPrefixLength on the ClusterNetwork, e.g. 27',
      scope,
    );
  }
  return { privateIp: pickIngressIp(subnet.cidr), subnetName: subnet.name, subnetCidr: subnet.cidr };
}

/** Checks that a translated address is a usable address of the ingress subnet. */
export function checkTranslatedIp(
  scope: IConstruct,
  ip: string,
  subnetName: string,
  subnetCidr: string,
): void {
  const subnet = Cidr.parse(subnetCidr);
  if (!subnet.containsAddress(ip)) {
    throw new AksNetworkError(
      `DNAT translated address ${ip} is outside the ingress subnet ${subnetName} ${subnetCidr}`,
      `use an address of ${subnetCidr}, e.g. ${pickIngressIp(subnetCidr)} (ingressEndpoint())`,
      scope,
    );
  }
  if (subnet.isAzureReserved(ip)) {
    throw new AksNetworkError(
      `DNAT translated address ${ip} is reserved by Azure in ${subnetName} ${subnetCidr} (first four and last address)`,
      `use ${subnet.firstAzureUsable}-${subnet.lastAzureUsable}, e.g. ${pickIngressIp(subnetCidr)}`,
      scope,
    );
  }
}
