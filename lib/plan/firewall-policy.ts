// Azure Firewall policy arithmetic: rule collection group priorities for many clusters on one policy,
// and the policy limits they are checked against. Pure: plain values in, plain values or errors out.
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../core/errors';

/**
 * Azure Firewall (policy) limits, with the document they come from.
 *
 * Read from MicrosoftDocs/azure-docs `includes/firewall-limits.md` (ms.date 2023-10-10), shown on
 * https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-firewall-limits.
 * UNCERTAIN: later third-party summaries (2024) quote 90 rule collection groups per policy; the
 * primary text read says 60 (50 for policies created before July 2022). Decision: check against 60 and
 * warn above 50; `ruleCollectionGroupLimit` on a hub raises the check where Microsoft raised the limit.
 */
export const FIREWALL_POLICY_LIMITS = {
  /** Rule collection groups per firewall policy created after July 2022. */
  ruleCollectionGroups: 60,
  /** ... for policies created before July 2022 (a policy of another team may be one). */
  ruleCollectionGroupsBeforeJuly2022: 50,
  /** Total size of the rules of one rule collection group, bytes (2 MB — 1 MB before July 2022). */
  ruleCollectionGroupBytes: 2 * 1024 * 1024,
  ruleCollectionGroupBytesBeforeJuly2022: 1024 * 1024,
  /** Public IPs per firewall. */
  publicIps: 250,
  /** Public IPs + unique DNAT destinations (destination address, port, protocol). */
  dnatDestinationsPlusPublicIps: 250,
  /** Rule collection group priorities. */
  priorityRange: [100, 65000] as const,
  /** SNAT ports per public IP per firewall instance (2,496). */
  snatPortsPerPublicIp: 2496,
  /** Public IPs the AKS egress guide recommends for production (SNAT port exhaustion). */
  recommendedPublicIps: 20,
  source:
    'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-firewall-limits',
} as const;

/**
 * Cluster rule collection groups take priorities from here up — 100-999 stay free for the platform
 * team's own groups (e.g. deny collections that must win over every cluster's allows).
 */
export const CLUSTER_GROUP_PRIORITY_FIRST = 1000;
/** The last priority a derived cluster group priority takes. */
export const CLUSTER_GROUP_PRIORITY_LAST = 64999;

/**
 * The priority a cluster's rule collection group gets when none is given: derived from the group's
 * name alone (FNV-1a), so that adding, removing or reordering other spokes never renumbers it. Two
 * names can land on the same priority (about 2 % for 50 groups); the hub refuses that and asks for an
 * explicit priority.
 */
export function derivedGroupPriority(groupName: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < groupName.length; i++) {
    hash ^= groupName.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const span = CLUSTER_GROUP_PRIORITY_LAST - CLUSTER_GROUP_PRIORITY_FIRST + 1;
  return CLUSTER_GROUP_PRIORITY_FIRST + (hash % span);
}

/** A priority given by the user is a whole number in the policy's range. */
export function checkGroupPriority(priority: number, scope?: IConstruct): void {
  const [low, high] = FIREWALL_POLICY_LIMITS.priorityRange;
  if (!Number.isInteger(priority) || priority < low || priority > high) {
    throw new AksNetworkError(
      `rule collection group priority ${priority} is out of range`,
      `use a whole number from ${low} to ${high} (cluster groups conventionally ${CLUSTER_GROUP_PRIORITY_FIRST} or above)`,
      scope,
    );
  }
}

/** The rendered size of a rule collection group (its JSON, as the provider sends it), checked. */
export function checkGroupSize(groupName: string, bytes: number): { error?: string; warning?: string } {
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  if (bytes > FIREWALL_POLICY_LIMITS.ruleCollectionGroupBytes) {
    return {
      error: `rule collection group ${groupName} is about ${kb(bytes)}, above the ${kb(FIREWALL_POLICY_LIMITS.ruleCollectionGroupBytes)} Azure Firewall allows per group; move rules into an IP group (sourceIpGroup) or split the cluster's rules`,
    };
  }
  if (bytes > FIREWALL_POLICY_LIMITS.ruleCollectionGroupBytesBeforeJuly2022) {
    return {
      warning: `rule collection group ${groupName} is about ${kb(bytes)}: policies created before July 2022 allow only ${kb(FIREWALL_POLICY_LIMITS.ruleCollectionGroupBytesBeforeJuly2022)} per group`,
    };
  }
  return {};
}

/** SNAT ports per firewall instance that `publicIps` public IPs provide. */
export function snatPortsPerInstance(publicIps: number): number {
  return publicIps * FIREWALL_POLICY_LIMITS.snatPortsPerPublicIp;
}
