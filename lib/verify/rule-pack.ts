import { IConstruct } from 'constructs';
import { RuleSeverity } from './info';
import { Json, K8sItem, RuleDef, TfItem } from './model';
import { ALL_RULES, suppressionFor } from './suppressions';

/** One rule's verdict on one resource or object, after suppressions. */
export interface Finding {
  readonly rule: RuleDef;
  /** Construct path of the resource or object. */
  readonly path: string;
  /** `azurerm_x.name` or `Kind namespace/name`. */
  readonly subject: string;
  readonly problem: string;
  /** The reason given to `SecurityRules.suppress`, when suppressed. */
  readonly suppressedBecause?: string;
}

function evaluate<T>(
  items: T[],
  run: (rule: RuleDef, item: T) => unknown,
): { rule: RuleDef; item: T; problem: string }[] {
  return ALL_RULES.flatMap((rule) =>
    items.flatMap((item) => {
      const verdict = run(rule, item);
      return (Array.isArray(verdict) ? verdict : [verdict])
        .filter((p): p is string => typeof p === 'string' && p.length > 0)
        .map((problem) => ({ rule, item, problem }));
    }),
  );
}

/**
 * Findings over one stack's Terraform JSON. `constructAt` finds the construct of a resource by its
 * construct path (from the `//` metadata), for suppressions.
 */
export function terraformFindings(
  json: Json,
  constructAt: (path: string) => IConstruct | undefined,
): Finding[] {
  const items: TfItem[] = Object.entries((json.resource ?? {}) as Json).flatMap(([type, byName]) =>
    Object.entries(byName as Json).map(([name, body]) => {
      const address = `${type}.${name}`;
      const path = (((body as Json)['//'] as Json | undefined)?.metadata as Json | undefined)?.path;
      return { type, address, path: typeof path === 'string' ? path : address, body: body as Json };
    }),
  );
  return evaluate(items, (rule, item) => rule.terraform?.(item, items)).map(({ rule, item, problem }) => ({
    rule,
    path: item.path,
    subject: item.address,
    problem,
    suppressedBecause: suppressionFor(constructAt(item.path), rule.id),
  }));
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'NginxIngressController',
  'ClusterRole',
  'ClusterRoleBinding',
  'IngressClass',
  'GatewayClass',
]);

/** Kubernetes findings over plain objects, each with the construct that produced it (if known). */
export function kubernetesFindings(
  objects: ReadonlyArray<{ body: unknown; construct?: IConstruct }>,
): Finding[] {
  const items: (K8sItem & { construct?: IConstruct })[] = objects.map(({ body, construct }) => {
    const json = body as Json;
    const meta = (json.metadata ?? {}) as Json;
    const kind = String(json.kind);
    return {
      kind,
      name: String(meta.name),
      namespace: CLUSTER_SCOPED.has(kind) ? '' : String(meta.namespace ?? 'default'),
      path: construct?.node.path ?? `${kind}/${String(meta.name)}`,
      body: json,
      construct,
    };
  });
  return evaluate(items, (rule, item) => rule.kubernetes?.(item, items)).map(({ rule, item, problem }) => ({
    rule,
    path: item.path,
    subject: `${item.kind} ${item.namespace ? `${item.namespace}/` : ''}${item.name}`,
    problem,
    suppressedBecause: suppressionFor(item.construct, rule.id),
  }));
}

/**
 * A finding as one line: `path: [rule] subject: problem` — an error also says how to accept it
 * where it is intended.
 */
export const formatFinding = (f: Finding): string =>
  `${f.path}: [${f.rule.id}] ${f.subject}: ${f.problem}${
    isBlocking(f) ? ` (or accept it: SecurityRules.suppress(scope, '${f.rule.id}', reason))` : ''
  }`;

/** Whether a finding fails synthesis: an error nobody suppressed. */
export const isBlocking = (f: Finding): boolean =>
  f.rule.severity === RuleSeverity.ERROR && f.suppressedBecause === undefined;
