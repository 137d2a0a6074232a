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
  /** Seconds it takes. */
  readonly seconds: number;
  /**
   * Seconds it takes instead when one of these resources is done before it starts (a rule
   * collection group applied to a running firewall takes minutes, before that seconds).
   */
  readonly slower?: { readonly onceDone: readonly string[]; readonly seconds: number };
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

/** The graph by index, built once for all the runs. */
interface Compiled {
  readonly nodes: readonly ScheduleNode[];
  readonly deps: readonly number[][];
  readonly dependents: readonly number[][];
  readonly locks: readonly number[][];
  readonly lockNames: readonly string[];
  readonly slowerAfter: ReadonlyArray<readonly number[]>;
  /** Resources of one class are interchangeable: same duration, locks and dependents. */
  readonly classOf: Int32Array;
}

function compile(nodes: readonly ScheduleNode[], ignoreLocks: boolean): Compiled {
  const index = new Map(nodes.map((n, i) => [n.address, i] as const));
  const lockIndex = new Map<string, number>();
  const deps = nodes.map((n) => n.dependsOn.flatMap((d) => (index.has(d) ? [index.get(d)!] : [])));
  const dependents: number[][] = nodes.map(() => []);
  deps.forEach((ds, i) => ds.forEach((d) => dependents[d].push(i)));
  const locks = nodes.map((n) =>
    ignoreLocks
      ? []
      : n.locks.map((l) => {
          if (!lockIndex.has(l)) lockIndex.set(l, lockIndex.size);
          return lockIndex.get(l)!;
        }),
  );
  const slowerAfter = nodes.map((n) =>
    (n.slower?.onceDone ?? []).flatMap((a) => (index.has(a) ? [index.get(a)!] : [])),
  );
  const classes = new Map<string, number>();
  const classOf = Int32Array.from(nodes, (n, i) => {
    const key = JSON.stringify([n.seconds, n.slower ?? null, locks[i], dependents[i]]);
    if (!classes.has(key)) classes.set(key, classes.size);
    return classes.get(key)!;
  });
  return { nodes, deps, dependents, locks, lockNames: [...lockIndex.keys()], slowerAfter, classOf };
}

/**
 * Picks which of several resources waiting for the same lock or slot goes first: a position in
 * `candidates` (ascending indices).
 */
type Chooser = (candidates: readonly number[]) => number;

const NONE = -1;
const REASONS = [StartReason.FIRST, StartReason.DEPENDENCY, StartReason.LOCK, StartReason.PARALLELISM];

/** One run by index: start, end, why (index into REASONS), after whom, which lock. */
interface Run {
  readonly total: number;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly reason: Int8Array;
  readonly after: Int32Array;
  readonly lock: Int32Array;
}

/** Buffers of one graph, reused by every run (the runs are many and the graphs small). */
class Workspace {
  public readonly readyAt: Float64Array;
  public readonly readyAfter: Int32Array;
  public readonly left: Int32Array;
  public readonly done: Uint8Array;
  public readonly holder: Int32Array;
  public readonly releasedAt: Float64Array;
  public readonly releasedBy: Int32Array;
  public readonly ready: number[] = [];
  public readonly waiting: number[] = [];
  public readonly running: number[] = [];
  public readonly free: number[] = [];
  public readonly start: Float64Array;
  public readonly end: Float64Array;
  public readonly reason: Int8Array;
  public readonly after: Int32Array;
  public readonly lock: Int32Array;

  constructor(private readonly g: Compiled) {
    const n = g.nodes.length;
    const locks = g.lockNames.length;
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
    this.reason = new Int8Array(n);
    this.after = new Int32Array(n);
    this.lock = new Int32Array(n);
    this.readyAt = new Float64Array(n);
    this.readyAfter = new Int32Array(n);
    this.left = new Int32Array(n);
    this.done = new Uint8Array(n);
    this.holder = new Int32Array(locks);
    this.releasedAt = new Float64Array(locks);
    this.releasedBy = new Int32Array(locks);
  }

  /** The last run, copied out of the buffers. */
  public snapshot(total: number): Run {
    return {
      total,
      start: this.start.slice(),
      end: this.end.slice(),
      reason: this.reason.slice(),
      after: this.after.slice(),
      lock: this.lock.slice(),
    };
  }

  public reset(): void {
    this.after.fill(NONE);
    this.lock.fill(NONE);
    this.readyAt.fill(0);
    this.readyAfter.fill(NONE);
    this.g.deps.forEach((d, i) => (this.left[i] = d.length));
    this.done.fill(0);
    this.holder.fill(NONE);
    this.releasedAt.fill(-1);
    this.releasedBy.fill(NONE);
    this.ready.length = 0;
    this.waiting.length = 0;
    this.running.length = 0;
  }
}

/** One run into the workspace's buffers — returns the total seconds. */
function run(g: Compiled, parallelism: number, ws: Workspace, choose?: Chooser): number {
  const n = g.nodes.length;
  ws.reset();
  const { start, end, reason, after, lock } = ws;
  const { readyAt, readyAfter, left, done, holder, releasedAt, releasedBy, ready, waiting, running, free } =
    ws;
  /** Keeps `ready` in index order: Terraform's walk order is stable, and slots go in that order. */
  const insert = (i: number) => {
    let lo = head;
    let hi = ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ready[mid] < i) lo = mid + 1;
      else hi = mid;
    }
    ready.splice(lo, 0, i);
  };
  for (let i = 0; i < n; i++) if (left[i] === 0) ready.push(i);
  let head = 0;
  let lastFreed = NONE;
  let now = 0;
  let total = 0;
  while (head < ready.length || waiting.length > 0 || running.length > 0) {
    while (running.length + waiting.length < parallelism && head < ready.length) waiting.push(ready[head++]);
    if (head > 64) {
      ready.splice(0, head);
      head = 0;
    }
    for (;;) {
      free.length = 0;
      for (const i of waiting) if (g.locks[i].every((l) => holder[l] === NONE)) free.push(i);
      if (free.length === 0) break;
      // a resource that shares no lock with another one waiting starts now whatever the order: only
      // the order among those that do share one is a choice
      const alone = free.findIndex(
        (a) => !free.some((b) => b !== a && g.locks[a].some((l) => g.locks[b].includes(l))),
      );
      const i = free[alone >= 0 || !choose ? Math.max(alone, 0) : choose(free)];
      waiting.splice(waiting.indexOf(i), 1);
      for (const l of g.locks[i]) holder[l] = i;
      const slower = g.nodes[i].slower;
      const seconds =
        slower && g.slowerAfter[i].some((d) => done[d] === 1) ? slower.seconds : g.nodes[i].seconds;
      start[i] = now;
      end[i] = now + seconds;
      const released = g.locks[i].find((l) => releasedAt[l] === now && releasedBy[l] !== NONE);
      if (now === readyAt[i]) {
        reason[i] = readyAfter[i] === NONE ? 0 : 1;
        after[i] = readyAfter[i];
      } else if (released !== undefined) {
        reason[i] = 2;
        after[i] = releasedBy[released];
        lock[i] = released;
      } else {
        reason[i] = 3;
        after[i] = lastFreed;
      }
      running.push(i);
    }
    if (running.length === 0) break;
    now = Infinity;
    for (const i of running) if (end[i] < now) now = end[i];
    // finish in index order, so that the same graph always releases in the same order
    running.sort((a, b) => a - b);
    for (let k = 0; k < running.length; ) {
      const i = running[k];
      if (end[i] !== now) {
        k++;
        continue;
      }
      running.splice(k, 1);
      done[i] = 1;
      total = now;
      lastFreed = i;
      for (const l of g.locks[i]) {
        holder[l] = NONE;
        releasedAt[l] = now;
        releasedBy[l] = i;
      }
      for (const next of g.dependents[i]) {
        if (--left[next] === 0) {
          readyAt[next] = now;
          readyAfter[next] = i;
          insert(next);
        }
      }
    }
  }
  return total;
}

function toApply(g: Compiled, r: Run): SimulatedApply {
  const resources = new Map<string, ScheduledResource>();
  const at = (i: number): ScheduledResource => ({
    address: g.nodes[i].address,
    start: r.start[i],
    end: r.end[i],
    reason: REASONS[r.reason[i]],
    ...(r.after[i] === NONE ? {} : { after: g.nodes[r.after[i]].address }),
    ...(r.lock[i] === NONE ? {} : { lock: g.lockNames[r.lock[i]] }),
  });
  g.nodes.forEach((node, i) => resources.set(node.address, at(i)));
  let last = NONE;
  g.nodes.forEach((_, i) => {
    if (last === NONE || r.end[i] > r.end[last]) last = i;
  });
  const criticalPath: ScheduledResource[] = [];
  for (let i = last; i !== NONE; i = r.after[i]) criticalPath.unshift(at(i));
  return { totalSeconds: r.total, resources, criticalPath };
}

/**
 * One apply. `random` picks among resources waiting for the same slot or lock; without it the one
 * first in the given order goes first.
 */
export function simulate(
  nodes: readonly ScheduleNode[],
  options: {
    readonly parallelism?: number;
    readonly random?: () => number;
    readonly ignoreLocks?: boolean;
  } = {},
): SimulatedApply {
  const g = compile(nodes, options.ignoreLocks ?? false);
  const ws = new Workspace(g);
  const random = options.random;
  const choose = random ? (items: readonly number[]) => Math.floor(random() * items.length) : undefined;
  return toApply(g, ws.snapshot(run(g, options.parallelism ?? TERRAFORM_PARALLELISM, ws, choose)));
}

/** The spread of the possible applies of one stack. */
export interface ApplyEstimate {
  /** The mean total over the lock orders, each weighted by its chance under first-come locking. */
  readonly expectedSeconds: number;
  readonly fastest: SimulatedApply;
  readonly slowest: SimulatedApply;
  /** The same graph with no locks and unlimited parallelism: what the dependencies alone cost. */
  readonly dependenciesOnly: SimulatedApply;
  /** Lock orders simulated: all that can change a duration, or a seeded sample of them when there are too many. */
  readonly orders: number;
  /** Whether every such order was simulated (the expectation is exact for the model), not a sample. */
  readonly exhaustive: boolean;
}

/**
 * The waiters whose order can change a duration: those that take longer once another of them is
 * done, and those others. Empty when there are none.
 */
function contenders(g: Compiled, items: readonly number[]): number[] {
  const slow = items.filter((i) => g.slowerAfter[i].some((j) => items.includes(j)));
  return slow.length === 0
    ? []
    : items.filter((i) => slow.includes(i) || slow.some((k) => g.slowerAfter[k].includes(i)));
}

/** Orders beyond which the estimate samples instead of enumerating. */
const MAX_ORDERS = 256;
/** Samples drawn when there are more orders. */
const SAMPLES = 128;

/**
 * Every apply that can differ: where resources wait for the same lock and one of them takes longer
 * once another is done (a rule collection group after its firewall), each class of interchangeable
 * waiters goes first once, with the chance that first-come locking gives it (its share of the
 * waiters) — every other tie goes in address order, as do Terraform's slots. With more than
 * `MAX_ORDERS` orders (many firewalls in one stack), a fixed-seed sample.
 */
export function estimateApply(nodes: readonly ScheduleNode[]): ApplyEstimate {
  const g = compile(nodes, false);
  const ws = new Workspace(g);
  let fastest: Run | undefined;
  let slowest: Run | undefined;
  const record = (total: number) => {
    if (!fastest || total < fastest.total) fastest = ws.snapshot(total);
    if (!slowest || total > slowest.total) slowest = ws.snapshot(total);
  };
  // the order the simulation takes at each decision that matters: a class, and how many there were
  const script: number[] = [];
  const options: Array<{ classes: number[]; weights: number[] }> = [];
  let expected = 0;
  let orders = 0;
  let exhaustive = true;
  for (;;) {
    let position = 0;
    let chance = 1;
    const choose: Chooser = (all) => {
      const items = contenders(g, all);
      if (items.length === 0) return 0;
      const classes: number[] = [];
      const weights: number[] = [];
      items.forEach((i) => {
        const at = classes.indexOf(g.classOf[i]);
        if (at < 0) {
          classes.push(g.classOf[i]);
          weights.push(1);
        } else weights[at]++;
      });
      if (classes.length === 1) return 0;
      if (position === script.length) script.push(0);
      options[position] = { classes, weights };
      const pick = script[position++];
      chance *= weights[pick] / items.length;
      return all.indexOf(items.find((i) => g.classOf[i] === classes[pick])!);
    };
    const total = run(g, TERRAFORM_PARALLELISM, ws, choose);
    expected += chance * total;
    orders++;
    record(total);
    script.length = position;
    while (script.length > 0 && script[script.length - 1] === options[script.length - 1].classes.length - 1) {
      script.pop();
    }
    if (script.length === 0) break;
    script[script.length - 1]++;
    if (orders >= MAX_ORDERS) {
      exhaustive = false;
      break;
    }
  }
  if (!exhaustive) {
    const random = generator(0x5eed);
    const sample: Chooser = (all) => {
      const items = contenders(g, all);
      return items.length === 0 ? 0 : all.indexOf(items[Math.floor(random() * items.length)]);
    };
    expected = 0;
    // large stacks take fewer samples: each run costs in proportion to the resources
    const samples = Math.max(16, Math.min(SAMPLES, Math.floor(20_000 / Math.max(1, nodes.length))));
    for (let k = 0; k < samples; k++) {
      const total = run(g, TERRAFORM_PARALLELISM, ws, sample);
      expected += total / samples;
      record(total);
    }
    orders = samples;
  }
  const free = compile(nodes, true);
  const freeWs = new Workspace(free);
  return {
    expectedSeconds: expected,
    fastest: toApply(g, fastest!),
    slowest: toApply(g, slowest!),
    dependenciesOnly: toApply(free, freeWs.snapshot(run(free, Number.MAX_SAFE_INTEGER, freeWs))),
    orders,
    exhaustive,
  };
}
