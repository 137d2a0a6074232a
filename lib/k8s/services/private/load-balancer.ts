// The checks of an internal load balancer's address and subnet, shared by the annotations factory
// (which names itself) and the constructs that take the address as a prop (which name themselves).
import { isPrivateOrShared } from '../../../plan/address-plan';
import { Cidr } from '../../../plan/cidr';
import { parseIpv4 } from '../../../plan/ipv4';

/** What is wrong with an internal load balancer's IP or subnet name, as [problem, fix], if anything. */
export function internalLoadBalancerProblem(ip?: string, subnetName?: string): [string, string] | undefined {
  if (ip !== undefined) {
    if (parseIpv4(ip) === undefined) {
      return [`load balancer IP '${ip}' is not an IPv4 address`, 'give an address such as 10.240.4.14'];
    }
    if (!isPrivateOrShared(Cidr.parse(`${ip}/32`))) {
      return [
        `internal load balancer IP ${ip} is not a private address`,
        'pick a free address in the cluster VNet subnet',
      ];
    }
  }
  if (subnetName !== undefined && !/^[a-zA-Z0-9]([\w\-.]*\w)?$/.test(subnetName)) {
    return [`subnet name '${subnetName}' is not an Azure subnet name`, 'give the subnet name, not its id'];
  }
  return undefined;
}
