import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { AksNetworkError } from '../../../core/errors';
import { parseRange } from '../../../plan/cidr';
import { ApiServerAccess } from '../access';
import { DNS_ZONE_CONTRIBUTOR, PRIVATE_DNS_ZONE_CONTRIBUTOR } from '../cluster-identity';
import { ClusterWarning } from './cluster-warning';

/** AKS accepts at most 200 authorized ranges (without API server VNet integration). */
export const MAX_AUTHORIZED_RANGES = 200;
const DNS_PREFIX = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][a-zA-Z0-9-]{0,52}[a-zA-Z0-9]$/;
const PRIVATE_ZONE_NAME = /(^|\.)privatelink\.[a-z0-9]+\.azmk8s\.io$/i;

/** Check API server access — returns warnings. */
export function checkAccess(
  scope: IConstruct,
  access: ApiServerAccess,
  egressIpCount: number,
): ClusterWarning[] {
  const warnings: ClusterWarning[] = [];
  if (access.openToAll) {
    // rule AKSNET-AZ-003 judges it too (an error unless suppressed): settled at synthesis, shown once
    warnings.push({
      message:
        'the API server is public to every address; prefer ApiServerAccess.privateCluster() or publicRestricted([...])',
      ruleId: 'AKSNET-AZ-003',
    });
  }
  if (!access.isPrivate && !access.openToAll && access.authorizedIpRanges.length + egressIpCount === 0) {
    throw new AksNetworkError(
      'publicRestricted() with no authorized IP ranges',
      "list the ranges that may reach the API server, e.g. ['203.0.113.0/24'], or use ApiServerAccess.privateCluster()",
      scope,
    );
  }
  if (access.authorizedIpRanges.length + egressIpCount > MAX_AUTHORIZED_RANGES) {
    throw new AksNetworkError(
      `${access.authorizedIpRanges.length + egressIpCount} authorized IP ranges`,
      `AKS accepts at most ${MAX_AUTHORIZED_RANGES}; merge ranges`,
      scope,
    );
  }
  for (const range of access.authorizedIpRanges) {
    if (Token.isUnresolved(range)) continue;
    parseRange(range, { what: 'authorized IP range', scope, allowAddress: true });
  }
  const zone = access.privateDnsZone;
  if (zone?.isCustomZone && !Token.isUnresolved(zone.value)) {
    const name = zone.value.split('/').pop() ?? '';
    if (!/\/privatednszones\//i.test(zone.value) || !PRIVATE_ZONE_NAME.test(name)) {
      throw new AksNetworkError(
        `private DNS zone id '${zone.value}' is not a privatelink.<region>.azmk8s.io zone`,
        'give the resource id of a private DNS zone named privatelink.<region>.azmk8s.io (or a subzone of it)',
        scope,
      );
    }
  }
  if (zone && !zone.isCustomZone && zone.value === 'None') {
    warnings.push(
      'private DNS zone None: nodes and clients must resolve the API server name with your own DNS',
    );
  }
  return warnings;
}

/** The DNS prefix, checked against azurerm's rule (1-54 characters, alphanumeric ends). */
export function dnsPrefixFor(scope: IConstruct, prefix: string): string {
  if (!Token.isUnresolved(prefix) && !DNS_PREFIX.test(prefix)) {
    throw new AksNetworkError(
      `dns prefix '${prefix}' breaks the rule (1-54 letters, digits, hyphens, alphanumeric ends)`,
      'give dnsPrefix or a shorter clusterName',
      scope,
    );
  }
  return prefix;
}

/** One role per zone: DNS Zone Contributor on public zones, Private DNS Zone Contributor on private ones. */
export function appRoutingZoneRoles(zoneIds: string[]): Array<{ id: string; role: string; zoneId: string }> {
  return zoneIds.map((zoneId, i) => ({
    id: `AppRoutingDnsZone${i}`,
    role: /\/privatednszones\//i.test(zoneId) ? PRIVATE_DNS_ZONE_CONTRIBUTOR : DNS_ZONE_CONTRIBUTOR,
    zoneId,
  }));
}
