/**
 * Offline validation of Gateway API objects, in two layers:
 *
 * 1. the typed models of `@kubernetes-models/gateway-api` 0.5.1 (the last release on the
 *    kubernetes-models 4.x / Node 20 line; 2.0.0 needs kubernetes-models 5 and Node 22), with strict
 *    field validation as for built-in kinds: a field the schema does not read is an error;
 * 2. a per-bundle field allow-list taken from the standard-channel CRDs of each bundle AKS installs
 *    (`gateway-api-fields.json`): the models describe the experimental channel of an older API, the
 *    allow-list says what the bundle really serves, values of enums included.
 *
 * Fields newer than the models (the CORS filter of v1.5.1) are checked by the allow-list alone.
 */
import { ajvMessage, checkMetadata, Manifest, tracked, unknownFields } from './k8s-schema';
import * as FIELDS from './gateway-api-fields.json';

interface ModelClass {
  prototype: { validate(): void };
}

interface KindFields {
  paths: string[];
  enums: Record<string, Array<string | number>>;
}

const MODELS: Record<string, () => ModelClass> = {
  /* eslint-disable @typescript-eslint/no-require-imports */
  'gateway.networking.k8s.io/v1/Gateway': () =>
    require('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway').Gateway,
  'gateway.networking.k8s.io/v1/HTTPRoute': () =>
    require('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute').HTTPRoute,
  'gateway.networking.k8s.io/v1beta1/ReferenceGrant': () =>
    require('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/ReferenceGrant').ReferenceGrant,
  /* eslint-enable @typescript-eslint/no-require-imports */
};

/** The bundles of the allow-list, oldest first. */
export const BUNDLES = ['v1.2.1', 'v1.3.0', 'v1.4.1', 'v1.5.1'];

function fieldsOf(bundle: string, kind: string): KindFields | undefined {
  return (FIELDS as unknown as Record<string, Record<string, KindFields>>)[bundle]?.[kind];
}

/** Every leaf value of `obj` with its concrete path and its `*`-normalized path. */
function leaves(value: unknown, at: string, out: Array<{ at: string; norm: string; value: unknown }>): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => leaves(v, `${at}/${i}`, out));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) leaves(v, `${at}/${k}`, out);
    return;
  }
  out.push({ at, norm: at.replace(/\/\d+(?=\/|$)/g, '/*'), value });
}

/** Errors of the object's spec against the fields one bundle serves. */
export function bundleFieldErrors(obj: Manifest, bundle: string): string[] {
  const kind = `${String(obj.apiVersion)}/${String(obj.kind)}`;
  const fields = fieldsOf(bundle, kind);
  if (!fields) return [`${kind} is not served by bundle ${bundle}`];
  const known = new Set(fields.paths);
  const isLeafMap = (p: string) => known.has(p) && !fields.paths.some((q) => q.startsWith(`${p}/`));
  const out: Array<{ at: string; norm: string; value: unknown }> = [];
  leaves(obj.spec, '/spec', out);
  const errors: string[] = [];
  for (const { at, norm, value } of out) {
    const parts = norm.split('/');
    const ancestors = parts.map((_, i) => parts.slice(0, i + 1).join('/')).filter((p) => p.length > 0);
    const mapAncestor = ancestors.find(isLeafMap);
    if (!known.has(norm) && !mapAncestor) {
      errors.push(`${at} is not a field of ${kind} in bundle ${bundle}`);
      continue;
    }
    const allowed = fields.enums[norm];
    if (allowed && !allowed.includes(value as string | number)) {
      errors.push(`${at} = ${String(value)} is not one of ${allowed.join(', ')} in bundle ${bundle}`);
    }
  }
  return errors;
}

/** Redirect statuses of v1.5.1 the models predate (they allow 301 and 302). */
const NEWER_REDIRECT_STATUS = [303, 307, 308];

/** The object without what the models predate (CORS filters, newer redirect statuses), for the model layer. */
function withoutNewerThanModels(obj: Manifest): Manifest {
  const copy = JSON.parse(JSON.stringify(obj)) as Manifest;
  const rules = ((copy.spec as Record<string, unknown> | undefined)?.rules ?? []) as Array<
    Record<string, unknown>
  >;
  for (const rule of rules) {
    if (Array.isArray(rule.filters)) {
      rule.filters = (rule.filters as Array<{ type?: string; requestRedirect?: { statusCode?: number } }>)
        .filter((f) => f.type !== 'CORS')
        .map((f) =>
          NEWER_REDIRECT_STATUS.includes(f.requestRedirect?.statusCode ?? 0)
            ? { ...f, requestRedirect: { ...f.requestRedirect, statusCode: 302 } }
            : f,
        );
      if ((rule.filters as unknown[]).length === 0) delete rule.filters;
    }
  }
  return copy;
}

/** Errors of one Gateway API object for a bundle (empty when valid). */
export function validateGatewayManifest(obj: Manifest, bundle = 'v1.2.1'): string[] {
  const kind = `${String(obj.apiVersion)}/${String(obj.kind)}`;
  const model = MODELS[kind];
  if (!model) return [`unknown kind ${kind}: no Gateway API model to validate it against`];
  const out: string[] = [];
  const data = withoutNewerThanModels(obj);
  const seen = new Map<string, Set<string> | 'map'>();
  // the models of this line look their schema up on the prototype: validate an instance of it
  const instance = Object.assign(Object.create(model().prototype), data) as { validate(): void };
  try {
    (tracked(instance, '', seen) as { validate(): void }).validate();
  } catch (e) {
    const errors = (e as { errors?: Parameters<typeof ajvMessage>[0][] }).errors;
    out.push(...(errors ? errors.map(ajvMessage) : [String(e)]));
  }
  unknownFields(data, '', seen, out);
  out.push(...bundleFieldErrors(obj, bundle));
  checkMetadata(obj, false, out);
  return out;
}

/** Jest helper: every Gateway API object is valid for `bundle`. */
export function expectValidGatewayObjects(objects: unknown[], bundle = 'v1.2.1'): void {
  const errors = objects
    .filter((o) => String((o as Manifest).apiVersion).startsWith('gateway.networking.k8s.io/'))
    .flatMap((o) =>
      validateGatewayManifest(o as Manifest, bundle).map(
        (e) =>
          `${String((o as Manifest).kind)} ${String(((o as Manifest).metadata as { name?: string })?.name)}: ${e}`,
      ),
    );
  if (errors.length > 0)
    throw new Error(`${errors.length} Gateway API schema error(s):\n  ${errors.join('\n  ')}`);
}
