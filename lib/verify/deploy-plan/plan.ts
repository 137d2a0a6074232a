/**
 * The deploy plan of one stack: the estimated fresh deploy (graph + locks + dated durations) and the
 * changes against the previous local synthesis, with the replacements synthesis refuses.
 */
import { ChangeKind, compareStacks, ResourceChange, StackChanges } from './changes';
import { ALWAYS, durationFor, LIVE_FIREWALL, UNKNOWN_SECONDS } from './durations';
import { FORCE_NEW_RELEASE, PROTECTED_TYPES } from './force-new';
import { PlanResource, resourcesOf } from './graph';
import { LockKey, lockId, LockKind, locksOf, StackNames } from './locks';
import { ApplyEstimate, estimateApply, ScheduleNode } from './schedule';
import { Json } from '../model';

/** What the synthesis knows of one stack when it plans it. */
export interface StackPlanInput {
  /** The stack's id (its folder under `cdktf.out/stacks/`). */
  readonly name: string;
  readonly json: Json;
  /** The stack's previous local synthesis — undefined when there is none. */
  readonly previous?: Json;
  /** Where the previous synthesis was read, relative to the cdktf outdir (for the report). */
  readonly previousFile: string;
  /** The acknowledgement reason for a construct path, if its replacement was acknowledged. */
  readonly acknowledgementFor: (path: string) => string | undefined;
  /** Every acknowledgement in the stack. */
  readonly acknowledgements: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

/** A lock held by more than one resource of the stack. */
export interface SharedLock {
  readonly key: LockKey;
  /** Addresses, in the order the slowest simulated apply ran them. */
  readonly resources: readonly string[];
}

/** The plan of one stack. */
export interface StackPlan {
  readonly name: string;
  readonly resources: readonly PlanResource[];
  readonly estimate: ApplyEstimate;
  readonly sharedLocks: readonly SharedLock[];
  /** Seconds each resource takes in the slowest apply (what it was estimated at). */
  readonly seconds: ReadonlyMap<string, number>;
  readonly previousFile: string;
  readonly changes: StackChanges;
  /** Replacements with the acknowledgement that allowed them, if any. */
  readonly acknowledged: ReadonlyMap<string, string>;
  /** Acknowledgements that no replacement of this synthesis needed. */
  readonly unusedAcknowledgements: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
  /** One message per replacement synthesis refuses (protected type, no acknowledgement). */
  readonly refusals: readonly string[];
  /** Clusters whose create does not wait for the rules of the firewall their nodes egress through. */
  readonly unguardedClusters: ReadonlyArray<{
    readonly cluster: string;
    readonly firewall: string;
    readonly groups: readonly string[];
  }>;
}

const RULE_GROUP = 'azurerm_firewall_policy_rule_collection_group';

/**
 * The schedule nodes of a stack: each resource with its locks and its duration, and a rule collection
 * group that starts after a firewall using its policy is done takes a firewall update instead.
 */
function scheduleNodes(
  resources: readonly PlanResource[],
  locks: ReadonlyMap<string, LockKey[]>,
): ScheduleNode[] {
  const policyOf = (address: string) =>
    (locks.get(address) ?? []).find((k) => k.kind === LockKind.FIREWALL_POLICY)?.name;
  const firewallsOf = new Map<string, string[]>();
  for (const r of resources.filter((x) => x.type === 'azurerm_firewall')) {
    const policy = policyOf(r.address);
    if (policy) firewallsOf.set(policy, [...(firewallsOf.get(policy) ?? []), r.address]);
  }
  return resources.map((r) => {
    const firewalls = r.type === RULE_GROUP ? (firewallsOf.get(policyOf(r.address) ?? '') ?? []) : [];
    const live = durationFor(r.type, LIVE_FIREWALL);
    return {
      address: r.address,
      dependsOn: r.dependsOn,
      locks: (locks.get(r.address) ?? []).map(lockId),
      seconds: durationFor(r.type, ALWAYS)?.seconds ?? UNKNOWN_SECONDS,
      ...(firewalls.length > 0 && live ? { slower: { onceDone: firewalls, seconds: live.seconds } } : {}),
    };
  });
}

const show = (v: unknown) => {
  if (v === undefined || v === null) return '(unset)';
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** Why a replacement happens, in one line. */
export function describeCause(change: ResourceChange): string {
  return change.causes
    .map((c) => {
      if (c.attribute === 'address') {
        return `its address changes from ${String(c.previous)} to ${String(c.next)} (a renamed construct id): Terraform destroys the old resource and creates the new one`;
      }
      if (c.via) return `${c.attribute} refers to ${c.via}, which is replaced (${c.source})`;
      return `${c.attribute} ${show(c.previous)} → ${show(c.next)} forces a new resource${c.condition ? ` (${c.condition})` : ''} (${c.source})`;
    })
    .join('; ');
}

function refusal(change: ResourceChange): string {
  return (
    `${change.path}: refusing to replace ${change.address}: ${describeCause(change)} [${FORCE_NEW_RELEASE}]; ` +
    `if destroying and re-creating it is intended, acknowledge it on the construct: ` +
    `DeployPlan.acknowledgeReplacement(<the construct at ${change.path.replace(/\/Resource$/, '')} or a scope above it>, '<why>'); ` +
    (change.causes.some((c) => c.attribute === 'address')
      ? 'otherwise keep the construct id (ids are public contract) or move the state with the resource’s moveFromId()/moveTo()'
      : 'otherwise revert the change')
  );
}

/** Every resource `address` waits for, directly or through others. */
function ancestors(address: string, byAddress: ReadonlyMap<string, PlanResource>): Set<string> {
  const seen = new Set<string>();
  const visit = (a: string) =>
    (byAddress.get(a)?.dependsOn ?? []).forEach((d) => {
      if (!seen.has(d)) {
        seen.add(d);
        visit(d);
      }
    });
  visit(address);
  return seen;
}

/**
 * Clusters that egress through a firewall of the stack (they wait for it) but not for every rule
 * collection group of its policy: nodes that bootstrap before the rules apply cannot reach the AKS
 * endpoints, and the create fails (OutboundConnFailVMExtensionError).
 */
function unguarded(resources: readonly PlanResource[], locks: ReadonlyMap<string, LockKey[]>) {
  const byAddress = new Map(resources.map((r) => [r.address, r] as const));
  const policyOf = (a: string) => (locks.get(a) ?? []).find((k) => k.kind === LockKind.FIREWALL_POLICY)?.name;
  return resources
    .filter((r) => r.type === 'azurerm_kubernetes_cluster')
    .flatMap((cluster) => {
      const before = ancestors(cluster.address, byAddress);
      return [...before]
        .filter((a) => byAddress.get(a)?.type === 'azurerm_firewall' && policyOf(a) !== undefined)
        .sort()
        .map((firewall) => ({
          cluster: cluster.address,
          firewall,
          groups: resources
            .filter((g) => g.type === RULE_GROUP && policyOf(g.address) === policyOf(firewall))
            .map((g) => g.address)
            .filter((g) => !before.has(g)),
        }))
        .filter((x) => x.groups.length > 0);
    });
}

/** Plan one stack. */
export function planStack(input: StackPlanInput): StackPlan {
  const resources = resourcesOf(input.json);
  const names = new StackNames(resources);
  const locks = new Map(resources.map((r) => [r.address, locksOf(r, names)] as const));
  const estimate = estimateApply(scheduleNodes(resources, locks));
  const slowest = estimate.slowest.resources;
  const startOf = (a: string) => slowest.get(a)?.start ?? 0;
  const byLock = new Map<string, { key: LockKey; resources: string[] }>();
  for (const [address, keys] of locks) {
    for (const key of keys) {
      const entry = byLock.get(lockId(key)) ?? { key, resources: [] };
      entry.resources.push(address);
      byLock.set(lockId(key), entry);
    }
  }
  const sharedLocks = [...byLock.values()]
    .filter((l) => l.resources.length > 1)
    .map((l) => ({
      key: l.key,
      resources: [...l.resources].sort((a, b) => startOf(a) - startOf(b) || (a < b ? -1 : 1)),
    }))
    .sort((a, b) => (lockId(a.key) < lockId(b.key) ? -1 : 1));
  const seconds = new Map([...slowest].map(([a, r]) => [a, r.end - r.start] as const));

  const changes = compareStacks(input.previous, input.json);
  const acknowledged = new Map<string, string>();
  const refusals: string[] = [];
  for (const change of changes.changes.filter((c) => c.kind === ChangeKind.REPLACED)) {
    const reason = input.acknowledgementFor(change.path);
    if (reason !== undefined) acknowledged.set(change.address, reason);
    else if (PROTECTED_TYPES.has(change.type)) refusals.push(refusal(change));
  }
  const replacedPaths = changes.changes.filter((c) => acknowledged.has(c.address)).map((c) => c.path);
  const unusedAcknowledgements = input.acknowledgements.filter(
    (a) => !replacedPaths.some((p) => p === a.path || p.startsWith(`${a.path}/`)),
  );
  return {
    name: input.name,
    resources,
    estimate,
    sharedLocks,
    seconds,
    previousFile: input.previousFile,
    changes,
    acknowledged,
    unusedAcknowledgements,
    refusals,
    unguardedClusters: unguarded(resources, locks),
  };
}
