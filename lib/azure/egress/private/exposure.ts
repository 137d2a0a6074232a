// Egress rules that quietly open too much: refused or warned as a user adds them.
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { warn } from '../../../core/warnings';
import { Cidr } from '../../../plan/cidr';
import {
  ANY_DESTINATION,
  multiTenantWildcard,
  publicAddressCount,
  PUBLIC_SPAN_REFUSED,
  PUBLIC_SPAN_WARNED,
} from '../../../verify/egress-exposure';
import { EgressPort, EgressTarget, EgressTargetKind } from '../targets';

/**
 * Refuse a rule that opens the whole Internet on a port (network rules run before application
 * rules, so it bypasses the FQDN allow-list), warn loudly about broad public ranges and about
 * wildcards over services where anyone can own a name.
 */
export function checkExposure(owner: IConstruct, name: string, target: EgressTarget, port: EgressPort): void {
  const values = target.values;
  const bypass = port.application
    ? `an application rule to them lets workloads reach any ${port.protocol} endpoint there`
    : 'network rules are processed before application rules, so this bypasses the FQDN allow-list';
  if (target.kind === EgressTargetKind.CIDRS || target.kind === EgressTargetKind.SERVICE_TAG) {
    const any = values.find((v) => ANY_DESTINATION.includes(v));
    if (any !== undefined) {
      throw new AksNetworkError(
        `egress rule ${name} allows ${any}, the whole Internet, on ${port}; ${bypass}`,
        'list the addresses or FQDNs the workload needs',
        owner,
      );
    }
  }
  if (
    target.kind === EgressTargetKind.CIDRS &&
    values.every((v) => Cidr.isValid(v.includes('/') ? v : `${v}/32`))
  ) {
    const count = publicAddressCount(values);
    if (count >= PUBLIC_SPAN_REFUSED) {
      throw new AksNetworkError(
        `egress rule ${name} allows ${values.join(', ')} on ${port}: ${count.toLocaleString('en-US')} public addresses, much of the Internet; ${bypass}`,
        'list the addresses the workload needs, or use a service tag of the Azure service',
        owner,
      );
    }
    if (count >= PUBLIC_SPAN_WARNED) {
      warn(
        owner,
        `EGRESS OPENS A BROAD PUBLIC RANGE: rule ${name} allows ${values.join(', ')} (${count.toLocaleString('en-US')} public addresses) on ${port}; ${bypass}. Narrow it to the addresses the workload needs`,
      );
    }
  }
  if (target.kind === EgressTargetKind.FQDNS) {
    if (values.includes('*')) {
      throw new AksNetworkError(
        `egress rule ${name} allows FQDN *, every host, on ${port}`,
        'list the host names the workload needs',
        owner,
      );
    }
    for (const fqdn of values) {
      const domain = multiTenantWildcard(fqdn);
      if (domain !== undefined) {
        warn(
          owner,
          `DATA EXFILTRATION PATH: rule ${name} allows ${fqdn}, and anyone can create a name under ${domain} (their own storage account, web app, registry...), so a compromised workload can send data out to it; name your resources instead (e.g. myaccount.${domain}), or reach them through a private endpoint`,
        );
      }
    }
  }
}
