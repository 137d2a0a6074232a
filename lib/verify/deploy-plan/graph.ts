/**
 * The resources of one synthesized stack as a graph: each with its construct path, its body and
 * the resources it waits for (`depends_on` and every `${type.name...}` reference).
 */
import { isObj, Json } from '../model';

/** One resource of a stack's Terraform JSON. */
export interface PlanResource {
  /** `type.name`, the Terraform address. */
  readonly address: string;
  readonly type: string;
  /** Construct path from the `//` metadata (the address when absent). */
  readonly path: string;
  readonly body: Json;
  /** Addresses of the resources of the same stack it waits for, sorted. */
  readonly dependsOn: readonly string[];
}

/** A reference to another resource's attribute, `${azurerm_subnet.Nodes.id}`. */
export interface Reference {
  readonly address: string;
  /** The attribute read, e.g. `id`, `name`; empty for a whole-resource reference. */
  readonly attribute: string;
}

/** Keys of a resource body that are Terraform meta-arguments or cdktf metadata, not attributes. */
export const META_KEYS = new Set([
  '//',
  'depends_on',
  'lifecycle',
  'provider',
  'count',
  'for_each',
  'provisioner',
]);

const TOKEN = /\$\{([^}]*)\}/g;
const SOLE = /^\$\{([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_]+))?\}$/;
const TRAVERSAL = /(?:^|[^A-Za-z0-9_.])([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_]+))?/g;

/** Every resource reference inside a value (strings anywhere in nested objects and lists). */
export function referencesIn(value: unknown, addresses: ReadonlySet<string>): Reference[] {
  if (typeof value === 'string') {
    if (!value.includes('${')) return [];
    const found: Reference[] = [];
    for (const [, expression] of value.matchAll(TOKEN)) {
      for (const [, type, name, attribute] of expression.matchAll(TRAVERSAL)) {
        const address = `${type}.${name}`;
        if (addresses.has(address)) found.push({ address, attribute: attribute ?? '' });
      }
    }
    return found;
  }
  if (Array.isArray(value)) return value.flatMap((v) => referencesIn(v, addresses));
  if (isObj(value)) return Object.values(value).flatMap((v) => referencesIn(v, addresses));
  return [];
}

/** The reference when a value is exactly one `${type.name.attribute}`, e.g. `subnet_id`. */
export function soleReference(value: unknown, addresses: ReadonlySet<string>): Reference | undefined {
  const m = typeof value === 'string' ? SOLE.exec(value) : null;
  return m && addresses.has(`${m[1]}.${m[2]}`)
    ? { address: `${m[1]}.${m[2]}`, attribute: m[3] ?? '' }
    : undefined;
}

/** The resources of a stack, sorted by address, with what each waits for. */
export function resourcesOf(json: Json): PlanResource[] {
  const entries = Object.entries((json.resource ?? {}) as Json).flatMap(([type, byName]) =>
    Object.entries(isObj(byName) ? byName : {}).map(([name, body]) => ({
      type,
      address: `${type}.${name}`,
      body: (isObj(body) ? body : {}) as Json,
    })),
  );
  const addresses = new Set(entries.map((e) => e.address));
  return entries
    .map(({ type, address, body }) => {
      const path = (((body['//'] as Json | undefined)?.metadata as Json | undefined)?.path ??
        address) as string;
      const attributes = Object.fromEntries(Object.entries(body).filter(([k]) => !META_KEYS.has(k)));
      const explicit = (Array.isArray(body.depends_on) ? body.depends_on : [])
        .map((d) => String(d).replace(/^\$\{(.*)\}$/, '$1'))
        .filter((d) => addresses.has(d));
      const implicit = referencesIn(attributes, addresses).map((r) => r.address);
      const dependsOn = [...new Set([...explicit, ...implicit])].filter((d) => d !== address).sort();
      return { address, type, path: String(path), body, dependsOn };
    })
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** `moved` blocks of a stack (cdktf's `moveTo` / `moveFromId`): old address → new address. */
export function movesOf(json: Json): Map<string, string> {
  const moved = Array.isArray(json.moved) ? json.moved.filter(isObj) : [];
  return new Map(moved.map((m) => [String(m.from), String(m.to)] as const));
}
