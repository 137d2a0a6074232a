// Which Gateway API kinds and fields each managed Gateway API bundle of AKS serves (standard channel).
// Pure data and one pure check over manifests: the constructs render for the bundle they are given,
// the cross-layer checks compare the manifests with the bundle the cluster really runs.
//
// Sources: AKS docs `managed-gateway-api.md` (bundle per Kubernetes version: v1.2.1 on 1.26–1.33,
// v1.3.0 on 1.34, v1.4.1 on 1.35, v1.5.1 on 1.36+) and the standard-channel CRDs of
// kubernetes-sigs/gateway-api at those tags (config/crd/standard), compared field by field.

/** The bundles AKS installs, oldest first. */
export const GATEWAY_API_BUNDLE_VERSIONS = ['v1.2.1', 'v1.3.0', 'v1.4.1', 'v1.5.1'];

/** The Gateway API group. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The label the Gateway API implementation puts on every proxy pod of a Gateway. */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/**
 * GatewayClasses whose implementation deploys a Gateway's proxies as pods in the Gateway's namespace
 * (Deployment `<gateway>-<class>`, pods labelled `GATEWAY_NAME_LABEL`, listening on the listener
 * ports): the app routing add-on's meshless Istio and the Istio add-on.
 */
export const IN_CLUSTER_GATEWAY_CLASSES = ['approuting-istio', 'istio'];

/** Kinds (`apiVersion/kind`) and the first bundle whose standard channel serves them. */
export const GATEWAY_API_KINDS: ReadonlyArray<{ readonly kind: string; readonly since: string }> = [
  { kind: `${GATEWAY_API_GROUP}/v1/GatewayClass`, since: 'v1.2.1' },
  { kind: `${GATEWAY_API_GROUP}/v1/Gateway`, since: 'v1.2.1' },
  { kind: `${GATEWAY_API_GROUP}/v1/HTTPRoute`, since: 'v1.2.1' },
  { kind: `${GATEWAY_API_GROUP}/v1/GRPCRoute`, since: 'v1.2.1' },
  { kind: `${GATEWAY_API_GROUP}/v1beta1/ReferenceGrant`, since: 'v1.2.1' },
  { kind: `${GATEWAY_API_GROUP}/v1/BackendTLSPolicy`, since: 'v1.4.1' },
  { kind: `${GATEWAY_API_GROUP}/v1/ListenerSet`, since: 'v1.5.1' },
  { kind: `${GATEWAY_API_GROUP}/v1/TLSRoute`, since: 'v1.5.1' },
  { kind: `${GATEWAY_API_GROUP}/v1/ReferenceGrant`, since: 'v1.5.1' },
];

/**
 * A field (or a value of a field) that a later bundle added to a kind of v1.2.1. `path` is a JSON
 * path below the object with `*` for list items; `value`, when given, is the one value that is new.
 */
export interface GatewayApiFieldFeature {
  readonly kind: string;
  readonly path: string;
  readonly value?: string | number;
  readonly since: string;
  readonly what: string;
}

const HTTPROUTE = `${GATEWAY_API_GROUP}/v1/HTTPRoute`;
const GATEWAY = `${GATEWAY_API_GROUP}/v1/Gateway`;
const FILTER_PATHS = ['/spec/rules/*/filters/*', '/spec/rules/*/backendRefs/*/filters/*'];

/** Everything the standard channel added to Gateway and HTTPRoute after v1.2.1. */
export const GATEWAY_API_FIELD_FEATURES: GatewayApiFieldFeature[] = [
  ...FILTER_PATHS.flatMap((f) => [
    {
      kind: HTTPROUTE,
      path: `${f}/requestMirror/fraction`,
      since: 'v1.3.0',
      what: 'percentage-based request mirroring',
    },
    {
      kind: HTTPROUTE,
      path: `${f}/requestMirror/percent`,
      since: 'v1.3.0',
      what: 'percentage-based request mirroring',
    },
    { kind: HTTPROUTE, path: `${f}/type`, value: 'CORS', since: 'v1.5.1', what: 'the CORS filter' },
    { kind: HTTPROUTE, path: `${f}/cors`, since: 'v1.5.1', what: 'the CORS filter' },
    ...[303, 307, 308].map((code) => ({
      kind: HTTPROUTE,
      path: `${f}/requestRedirect/statusCode`,
      value: code,
      since: 'v1.5.1',
      what: `redirect status ${code} (v1.2.1 allows 301 and 302)`,
    })),
  ]),
  { kind: HTTPROUTE, path: '/spec/rules/*/name', since: 'v1.4.1', what: 'named route rules' },
  { kind: GATEWAY, path: '/spec/allowedListeners', since: 'v1.5.1', what: 'ListenerSet attachment' },
  { kind: GATEWAY, path: '/spec/tls', since: 'v1.5.1', what: 'Gateway-level TLS settings' },
];

/** Whether bundle `a` is `b` or newer (unknown versions are never newer). */
export function bundleAtLeast(a: string, b: string): boolean {
  const ia = GATEWAY_API_BUNDLE_VERSIONS.indexOf(a);
  const ib = GATEWAY_API_BUNDLE_VERSIONS.indexOf(b);
  return ia >= 0 && ib >= 0 && ia >= ib;
}

/** Every value at a `*`-path of an object, with its concrete path. */
function valuesAt(obj: unknown, path: string): Array<{ at: string; value: unknown }> {
  let level: Array<{ at: string; value: unknown }> = [{ at: '', value: obj }];
  for (const part of path.split('/').slice(1)) {
    const next: Array<{ at: string; value: unknown }> = [];
    for (const { at, value } of level) {
      if (typeof value !== 'object' || value === null) continue;
      if (part === '*') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ at: `${at}/${i}`, value: v }));
      } else if (!Array.isArray(value) && (value as Record<string, unknown>)[part] !== undefined) {
        next.push({ at: `${at}/${part}`, value: (value as Record<string, unknown>)[part] });
      }
    }
    level = next;
  }
  return level;
}

/**
 * What an object uses that `bundle` does not serve: its kind, or a field or value a later bundle
 * added. Objects outside the Gateway API group have nothing to report.
 */
export function gatewayApiBundleProblems(bundle: string, body: unknown): string[] {
  const obj = body as { apiVersion?: string; kind?: string; metadata?: { name?: string } };
  if (!obj?.apiVersion?.startsWith(`${GATEWAY_API_GROUP}/`)) return [];
  const kind = `${obj.apiVersion}/${obj.kind}`;
  const name = `${obj.kind} ${obj.metadata?.name}`;
  const known = GATEWAY_API_KINDS.find((k) => k.kind === kind);
  if (!known) {
    return [`${name}: ${kind} is in no standard-channel bundle AKS installs`];
  }
  if (!bundleAtLeast(bundle, known.since)) {
    return [`${name}: ${kind} needs Gateway API bundle ${known.since}, the cluster runs ${bundle}`];
  }
  const problems: string[] = [];
  for (const feature of GATEWAY_API_FIELD_FEATURES.filter((f) => f.kind === kind)) {
    if (bundleAtLeast(bundle, feature.since)) continue;
    for (const { at, value } of valuesAt(body, feature.path)) {
      if (feature.value === undefined || feature.value === value) {
        problems.push(
          `${name}: ${at}${feature.value !== undefined ? ` = ${feature.value}` : ''} (${feature.what}) needs Gateway API bundle ${feature.since}, the cluster runs ${bundle}`,
        );
      }
    }
  }
  return problems;
}
