/**
 * What a new synthesis changes against the previous local one (the stack's `cdk.tf.json` before it is
 * overwritten — not the deployed state): resources added, removed, changed in place, and replaced
 * because a ForceNew attribute changed, because they now refer to a replaced resource, or because
 * their address changed (a renamed construct id).
 */
import { FORCE_NEW, ForceNewAttribute, ROTATED } from './force-new';
import { META_KEYS, movesOf, PlanResource, referencesIn, resourcesOf } from './graph';
import { isObj, Json } from '../model';

/** How a resource changes. */
export enum ChangeKind {
  ADDED = 'added',
  REMOVED = 'removed',
  IN_PLACE = 'changed in place',
  REPLACED = 'replaced',
  /** Moved to a new address by a `moved` block, without replacement. */
  MOVED = 'moved',
}

/** Why a resource is replaced. */
export interface ReplacementCause {
  /** The attribute that forces it, or `address` for a renamed construct id. */
  readonly attribute: string;
  readonly previous: unknown;
  readonly next: unknown;
  /** Provider source (relative to `internal/services/`) of the ForceNew, when it is one. */
  readonly source?: string;
  readonly condition?: string;
  /** The replaced resource the attribute refers to, when that is the reason. */
  readonly via?: string;
}

/** One resource that changes. */
export interface ResourceChange {
  readonly kind: ChangeKind;
  readonly address: string;
  readonly type: string;
  /** Construct path (of the new resource — of the old one when removed). */
  readonly path: string;
  /** The address in the previous synthesis, when it differs. */
  readonly previousAddress?: string;
  /** Changed attribute paths. */
  readonly attributes: readonly string[];
  readonly causes: readonly ReplacementCause[];
  /** Node pool attributes that change by rotating the pool. */
  readonly rotated: readonly string[];
}

/** The comparison of one stack with its previous local synthesis. */
export interface StackChanges {
  /** Whether a previous synthesis existed to compare with. */
  readonly compared: boolean;
  readonly changes: readonly ResourceChange[];
}

/** Stable JSON with sorted keys, for comparing values. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObj(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The value at a dotted path — lists of blocks give the list of their values. */
export function valueAt(body: unknown, attribute: string): unknown {
  let values: unknown[] = [body];
  let list = false;
  for (const key of attribute.split('.')) {
    values = values.flatMap((v) => {
      if (Array.isArray(v)) {
        list = true;
        return v.filter(isObj).map((o) => o[key]);
      }
      return isObj(v) ? [v[key]] : [];
    });
  }
  const present = values.filter((v) => v !== undefined);
  if (present.length === 0) return undefined;
  return list ? present : present[0];
}

const isBlock = (v: unknown) => isObj(v) || (Array.isArray(v) && v.length > 0 && v.every(isObj));

/** Dotted paths of the attributes that differ, down to the first list or scalar. */
function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => prefix !== '' || !META_KEYS.has(k))
      .sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return same(a, b) ? [] : [prefix];
}

/** Whether `${address.attribute}` keeps its value when `address` is replaced (a literal that stays). */
function referenceStays(
  previous: PlanResource | undefined,
  next: PlanResource | undefined,
  attribute: string,
) {
  if (!previous || !next || attribute === '') return false;
  const before = valueAt(previous.body, attribute);
  const after = valueAt(next.body, attribute);
  const literal = (v: unknown) => v !== undefined && !canonical(v).includes('${');
  return literal(after) && same(before, after);
}

interface Pair {
  readonly previous: PlanResource;
  readonly next: PlanResource;
  /** How the pair was found when the addresses differ. */
  readonly link?: 'moved' | 'renamed';
}

/** Pairs of the previous and the new resources: same address, a `moved` block, or a renamed id. */
function pairResources(previous: PlanResource[], next: PlanResource[], moves: Map<string, string>) {
  const before = new Map(previous.map((r) => [r.address, r] as const));
  const after = new Map(next.map((r) => [r.address, r] as const));
  const pairs: Pair[] = [];
  for (const r of next) {
    const old = before.get(r.address);
    if (old) pairs.push({ previous: old, next: r });
  }
  for (const [from, to] of [...moves].sort()) {
    const old = before.get(from);
    const moved = after.get(to);
    if (old && moved && !after.has(from) && !before.has(to))
      pairs.push({ previous: old, next: moved, link: 'moved' });
  }
  const paired = (side: 'previous' | 'next', address: string) =>
    pairs.some((p) => p[side].address === address);
  const removed = previous.filter((r) => !paired('previous', r.address));
  const added = next.filter((r) => !paired('next', r.address));
  const strip = (body: Json) =>
    canonical(Object.fromEntries(Object.entries(body).filter(([k]) => !META_KEYS.has(k))));
  for (const old of removed) {
    const candidates = added.filter((r) => r.type === old.type && !paired('next', r.address));
    const name = old.body.name;
    const match =
      (typeof name === 'string' && !name.includes('${')
        ? candidates.find((r) => same(r.body.name, name))
        : undefined) ?? candidates.find((r) => strip(r.body) === strip(old.body));
    if (match) pairs.push({ previous: old, next: match, link: 'renamed' });
  }
  return {
    pairs,
    removed: previous.filter((r) => !paired('previous', r.address)),
    added: next.filter((r) => !paired('next', r.address)),
  };
}

/**
 * The previous bodies with references to moved or renamed resources rewritten to their new
 * addresses, so that only real value changes remain (a renamed resource counts as replaced itself).
 */
function withNewAddresses(pairs: Pair[]): Pair[] {
  const renames = pairs.filter((p) => p.link).map((p) => [p.previous.address, p.next.address] as const);
  if (renames.length === 0) return pairs;
  const rewrite = (body: Json): Json => {
    let text = JSON.stringify(body);
    for (const [from, to] of renames)
      text = text.split(`${from}.`).join(`${to}.`).split(`${from}}`).join(`${to}}`);
    return JSON.parse(text) as Json;
  };
  return pairs.map((p) => ({ ...p, previous: { ...p.previous, body: rewrite(p.previous.body) } }));
}

function forceNewCauses(pair: Pair, rules: readonly ForceNewAttribute[]): ReplacementCause[] {
  const causes: ReplacementCause[] = [];
  for (const rule of rules) {
    const before = valueAt(pair.previous.body, rule.attribute);
    const after = valueAt(pair.next.body, rule.attribute);
    const changed =
      isBlock(before) || isBlock(after)
        ? (before === undefined) !== (after === undefined)
        : !same(before, after);
    if (changed && (!rule.applies || rule.applies(before, after, pair.next.body))) {
      causes.push({
        attribute: rule.attribute,
        previous: before,
        next: after,
        source: rule.source,
        condition: rule.condition,
      });
    }
  }
  return causes;
}

/**
 * Compare a stack's Terraform JSON with its previous local synthesis.
 * @param previous the previous `cdk.tf.json`, or undefined when there was none
 */
export function compareStacks(previous: Json | undefined, next: Json): StackChanges {
  if (!previous) return { compared: false, changes: [] };
  const nextResources = resourcesOf(next);
  const paired = pairResources(resourcesOf(previous), nextResources, movesOf(next));
  const { removed, added } = paired;
  const pairs = withNewAddresses(paired.pairs);
  const previousOf = new Map(pairs.map((p) => [p.next.address, p.previous] as const));
  const nextAddresses = new Set(nextResources.map((r) => r.address));
  const addedAddresses = new Set(added.map((r) => r.address));
  const nextOf = new Map(nextResources.map((r) => [r.address, r] as const));

  // a replaced resource can replace those that refer to it: repeat until nothing more is replaced
  const replaced = new Map<string, ReplacementCause[]>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const pair of pairs) {
      const rules = FORCE_NEW[pair.next.type] ?? [];
      const causes = forceNewCauses(pair, rules);
      if (pair.link === 'renamed') {
        causes.unshift({ attribute: 'address', previous: pair.previous.address, next: pair.next.address });
      }
      for (const rule of rules) {
        const value = valueAt(pair.next.body, rule.attribute);
        if (causes.some((c) => c.attribute === rule.attribute)) continue;
        const via = referencesIn(value, nextAddresses).find(
          (ref) =>
            (replaced.has(ref.address) || addedAddresses.has(ref.address)) &&
            !referenceStays(previousOf.get(ref.address), nextOf.get(ref.address), ref.attribute),
        );
        if (via) {
          causes.push({
            attribute: rule.attribute,
            previous: value,
            next: value,
            source: rule.source,
            via: via.address,
          });
        }
      }
      if (causes.length > 0 && (replaced.get(pair.next.address)?.length ?? 0) !== causes.length) {
        replaced.set(pair.next.address, causes);
        changed = true;
      }
    }
  }

  const changes: ResourceChange[] = [];
  for (const pair of pairs) {
    const attributes = changedPaths(pair.previous.body, pair.next.body);
    const rotation = ROTATED[pair.next.type];
    const rotated = rotation
      ? rotation.attributes
          .map((a) => `${rotation.prefix}${a}`)
          .filter((a) => !same(valueAt(pair.previous.body, a), valueAt(pair.next.body, a)))
      : [];
    const causes = replaced.get(pair.next.address) ?? [];
    const kind =
      causes.length > 0
        ? ChangeKind.REPLACED
        : attributes.length > 0
          ? ChangeKind.IN_PLACE
          : pair.link === 'moved'
            ? ChangeKind.MOVED
            : undefined;
    if (kind === undefined) continue;
    changes.push({
      kind,
      address: pair.next.address,
      type: pair.next.type,
      path: pair.next.path,
      previousAddress: pair.link ? pair.previous.address : undefined,
      attributes,
      causes,
      rotated: kind === ChangeKind.REPLACED ? [] : rotated,
    });
  }
  const plain = (kind: ChangeKind) => (r: PlanResource) => ({
    kind,
    address: r.address,
    type: r.type,
    path: r.path,
    attributes: [],
    causes: [],
    rotated: [],
  });
  changes.push(...added.map(plain(ChangeKind.ADDED)), ...removed.map(plain(ChangeKind.REMOVED)));
  return {
    compared: true,
    changes: changes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
  };
}
