// DNAT planning: the internal ingress IP chosen at synth time and the checks on translated addresses.
import { fail } from '../../../core/errors';
import { Cidr } from '../../../plan/cidr';

/**
 * The ingress IP: the subnet's last Azure-usable address. Azure hands out dynamic NIC addresses from
 * the bottom of a subnet, so the top one stays free for a static load balancer frontend.
 */
export function pickIngressIp(subnetCidr: string): string {
  return Cidr.parse(subnetCidr).lastAzureUsable;
}

/** Checks that a translated address is a usable address of the ingress subnet. */
export function checkTranslatedIp(subject: string, ip: string, subnetName: string, subnetCidr: string): void {
  const subnet = Cidr.parse(subnetCidr);
  if (!subnet.containsAddress(ip)) {
    fail(
      subject,
      `DNAT translated address ${ip} is outside the ingress subnet ${subnetName} ${subnetCidr}`,
      `use an address of ${subnetCidr}, e.g. ${pickIngressIp(subnetCidr)} (ingressEndpoint())`,
    );
  }
  if (subnet.isAzureReserved(ip)) {
    fail(
      subject,
      `DNAT translated address ${ip} is reserved by Azure in ${subnetName} ${subnetCidr} (first four and last address)`,
      `use ${subnet.firstAzureUsable}-${subnet.lastAzureUsable}, e.g. ${pickIngressIp(subnetCidr)}`,
    );
  }
}
