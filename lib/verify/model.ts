/**
 * The shapes the security rules work on: Terraform resources and Kubernetes objects read back
 * from the synthesized output, each with the construct path it came from.
 */
import { RuleSeverity, SecurityRuleInfo } from './info';

export type Json = Record<string, unknown>;

/** One resource of a synthesized stack. */
export interface TfItem {
  readonly type: string;
  /** Terraform address, `type.name`. */
  readonly address: string;
  /** Construct path from the `//` metadata (the address when absent). */
  readonly path: string;
  readonly body: Json;
}

/** One Kubernetes object of a cdk8s app. */
export interface K8sItem {
  readonly kind: string;
  readonly name: string;
  /** `default` when the object names none (namespaced kinds). */
  readonly namespace: string;
  /** Construct path of the ApiObject. */
  readonly path: string;
  readonly body: Json;
}

/** A rule's verdict on one item: the problem with its bad value and the fix, or nothing. */
export type Verdict = string | undefined;

/** A rule with its checks. A rule may look at Terraform, at manifests, or both. */
export interface RuleDef extends SecurityRuleInfo {
  terraform?(item: TfItem, all: readonly TfItem[]): Verdict[] | Verdict;
  kubernetes?(item: K8sItem, all: readonly K8sItem[]): Verdict[] | Verdict;
}

export const ERROR = RuleSeverity.ERROR;
export const WARNING = RuleSeverity.WARNING;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** cdktf writes single blocks as objects and repeatable ones as arrays — read both alike. */
export const blocks = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObj) : isObj(v) ? [v] : []);
export const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
export const get = (v: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((o, k) => (isObj(o) ? o[k] : undefined), v);

const WORKLOAD_TEMPLATE: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The kinds whose objects run pods (a Pod, or a workload with a pod template). */
export const WORKLOAD_KINDS: readonly string[] = [...Object.keys(WORKLOAD_TEMPLATE), 'Pod'];

/** The pod template (metadata + spec) of a workload, the object itself for a Pod. */
export function podTemplate(o: K8sItem): { labels: Record<string, string>; spec: Json } | undefined {
  if (o.kind === 'Pod') {
    return {
      labels: (get(o.body, 'metadata', 'labels') ?? {}) as Record<string, string>,
      spec: (o.body.spec ?? {}) as Json,
    };
  }
  const at = WORKLOAD_TEMPLATE[o.kind];
  if (!at) return undefined;
  const template = get(o.body, ...at);
  return {
    labels: (get(template, 'metadata', 'labels') ?? {}) as Record<string, string>,
    spec: (get(template, 'spec') ?? {}) as Json,
  };
}

/** Every container (init containers included) of a workload, with a label for messages. */
export function containers(o: K8sItem): { label: string; c: Json; pod: Json }[] {
  const t = podTemplate(o);
  if (!t) return [];
  return ['initContainers', 'containers'].flatMap((key) =>
    blocks(t.spec[key]).map((c) => ({ label: `container ${String(c.name)}`, c, pod: t.spec })),
  );
}

/** A container setting, falling back to the pod-level securityContext where Kubernetes does. */
export function securitySetting(c: Json, pod: Json, key: string): unknown {
  const own = get(c, 'securityContext', key);
  return own !== undefined ? own : get(pod, 'securityContext', key);
}

/** Whether a label selector (matchLabels + matchExpressions) selects the labels. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  const ml = (selector.matchLabels ?? {}) as Record<string, string>;
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  return blocks(selector.matchExpressions).every((e) => {
    const key = String(e.key);
    const values = strings(e.values);
    switch (e.operator) {
      case 'In':
        return key in labels && values.includes(labels[key]);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        return false;
    }
  });
}
