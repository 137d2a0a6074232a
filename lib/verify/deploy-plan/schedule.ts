/**
 * A fresh `terraform apply` of one stack, simulated: Terraform starts every resource whose
 * dependencies are done (at most `parallelism` at once, 10 by default), and the provider's locks let
 * one resource at a time through each lock. Which waiting resource gets a lock first is not
 * determined; the simulation draws it from a fixed-seed generator, many times, so the same graph
 * always gives the same estimate.
 */

/** A resource as the scheduler sees it. */
export interface ScheduleNode {
  readonly address: string;
  readonly dependsOn: readonly string[];
  /** Lock ids it holds while it runs. */
  readonly locks: readonly string[];
}

/** Why a resource started when it did. */
export enum StartReason {
  /** At the start of the apply: it waits for nothing. */
  FIRST = 'first',
  /** When the last of its dependencies finished. */
  DEPENDENCY = 'dependency',
  /** When another resource released a lock it needs. */
  LOCK = 'lock',
  /** When a slot of Terraform's parallelism became free. */
  PARALLELISM = 'parallelism',
}

/** One resource in one simulated apply. */
export interface ScheduledResource {
  readonly address: string;
  readonly start: number;
  readonly end: number;
  readonly reason: StartReason;
  /** The resource it waited for last (dependency, lock holder or slot holder). */
  readonly after?: string;
  /** The lock it waited for, when the reason is a lock. */
  readonly lock?: string;
}

/** One simulated apply: when each resource ran, and the chain that decided the total. */
export interface SimulatedApply {
  readonly totalSeconds: number;
  readonly resources: ReadonlyMap<string, ScheduledResource>;
  /** From the first resource to the one that finished last, each waiting for the one before. */
  readonly criticalPath: readonly ScheduledResource[];
}

/**
 * Seconds a resource takes when it starts: it may depend on what is already done (a rule
 * collection group applied to a running firewall takes minutes, before that seconds).
 */
export type DurationOf = (address: string, done: ReadonlySet<string>) => number;

/** Terraform's default `-parallelism`. */
export const TERRAFORM_PARALLELISM = 10;

/** mulberry32: a small generator whose sequence depends only on the seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One apply. `random` picks among resources waiting for the same slot or lock; without it the one
 * first in address order goes first.
 */
export function simulate(
  nodes: readonly ScheduleNode[],
  durationOf: DurationOf,
  options: {
    readonly parallelism?: number;
    readonly random?: () => number;
    readonly ignoreLocks?: boolean;
  } = {},
): SimulatedApply {
  const parallelism = options.parallelism ?? TERRAFORM_PARALLELISM;
  const pick = <T>(items: T[]): T => {
    const i = options.random ? Math.floor(options.random() * items.length) : 0;
    return items.splice(i, 1)[0];
  };
  const byAddress = new Map(nodes.map((n) => [n.address, n] as const));
  const dependents = new Map<string, string[]>(nodes.map((n) => [n.address, []]));
  const waitingFor = new Map<string, number>();
  for (const n of nodes) {
    const deps = n.dependsOn.filter((d) => byAddress.has(d));
    waitingFor.set(n.address, deps.length);
    deps.forEach((d) => dependents.get(d)?.push(n.address));
  }
  const done = new Set<string>();
  const finished = new Map<string, ScheduledResource>();
  const readyAt = new Map<string, { time: number; after?: string }>();
  const slotAt = new Map<string, { time: number; after?: string }>();
  const holders = new Map<string, string>();
  const lastRelease = new Map<string, { time: number; by: string }>();
  let ready = nodes.filter((n) => waitingFor.get(n.address) === 0).map((n) => n.address);
  ready.forEach((a) => readyAt.set(a, { time: 0 }));
  let waitingForLock: string[] = [];
  let running: Array<{
    address: string;
    start: number;
    end: number;
    reason: StartReason;
    after?: string;
    lock?: string;
  }> = [];
  let lastSlotFreedBy: string | undefined;
  let now = 0;
  const locksOf = (a: string) => (options.ignoreLocks ? [] : (byAddress.get(a)?.locks ?? []));

  while (ready.length > 0 || waitingForLock.length > 0 || running.length > 0) {
    while (running.length + waitingForLock.length < parallelism && ready.length > 0) {
      const address = pick(ready);
      slotAt.set(address, { time: now, after: lastSlotFreedBy });
      waitingForLock.push(address);
    }
    for (;;) {
      const free = waitingForLock.filter((a) => locksOf(a).every((l) => !holders.has(l)));
      if (free.length === 0) break;
      const address = pick(free);
      waitingForLock = waitingForLock.filter((a) => a !== address);
      locksOf(address).forEach((l) => holders.set(l, address));
      const became = readyAt.get(address) ?? { time: 0 };
      const slot = slotAt.get(address) ?? became;
      const released = locksOf(address)
        .map((l) => ({ lock: l, ...lastRelease.get(l) }))
        .filter((r) => r.time === now && r.by !== undefined)[0];
      const start = { address, start: now, end: now + durationOf(address, done) };
      if (now === became.time) {
        running.push({
          ...start,
          reason: became.after ? StartReason.DEPENDENCY : StartReason.FIRST,
          after: became.after,
        });
      } else if (released) {
        running.push({ ...start, reason: StartReason.LOCK, after: released.by, lock: released.lock });
      } else {
        running.push({ ...start, reason: StartReason.PARALLELISM, after: slot.after });
      }
    }
    if (running.length === 0) break;
    now = Math.min(...running.map((r) => r.end));
    const ending = running.filter((r) => r.end === now).sort((a, b) => (a.address < b.address ? -1 : 1));
    running = running.filter((r) => r.end !== now);
    for (const r of ending) {
      finished.set(r.address, r);
      done.add(r.address);
      lastSlotFreedBy = r.address;
      for (const l of locksOf(r.address)) {
        holders.delete(l);
        lastRelease.set(l, { time: now, by: r.address });
      }
      for (const next of dependents.get(r.address) ?? []) {
        const left = (waitingFor.get(next) ?? 0) - 1;
        waitingFor.set(next, left);
        if (left === 0) {
          readyAt.set(next, { time: now, after: r.address });
          ready.push(next);
        }
      }
    }
    ready = ready.sort();
  }
  const last = [...finished.values()].sort((a, b) => b.end - a.end || (a.address < b.address ? -1 : 1))[0];
  const criticalPath: ScheduledResource[] = [];
  for (let r: ScheduledResource | undefined = last; r; r = r.after ? finished.get(r.after) : undefined) {
    criticalPath.unshift(r);
  }
  return { totalSeconds: last?.end ?? 0, resources: finished, criticalPath };
}

/** The spread of many simulated applies of one stack. */
export interface ApplyEstimate {
  /** Mean total over the runs. */
  readonly expectedSeconds: number;
  readonly fastest: SimulatedApply;
  readonly slowest: SimulatedApply;
  /** The same graph with no locks and unlimited parallelism: what the dependencies alone cost. */
  readonly dependenciesOnly: SimulatedApply;
  readonly runs: number;
}

/** Simulated applies of one graph, each drawing the lock order anew from a fixed seed. */
export function estimateApply(
  nodes: readonly ScheduleNode[],
  durationOf: DurationOf,
  runs = 200,
): ApplyEstimate {
  const random = generator(0x5eed);
  const applies = Array.from({ length: runs }, () => simulate(nodes, durationOf, { random }));
  const sorted = [...applies].sort((a, b) => a.totalSeconds - b.totalSeconds);
  return {
    expectedSeconds: applies.reduce((s, a) => s + a.totalSeconds, 0) / runs,
    fastest: sorted[0],
    slowest: sorted[sorted.length - 1],
    dependenciesOnly: simulate(nodes, durationOf, {
      ignoreLocks: true,
      parallelism: Number.MAX_SAFE_INTEGER,
    }),
    runs,
  };
}
