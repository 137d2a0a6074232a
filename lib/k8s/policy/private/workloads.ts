// The workloads a TieredNetworkPolicies sees beside it while the app is being built: what a routed
// Service's selector resolves to, so that a cdk8s-plus Service (which selects its pods by
// `cdk8s.io/metadata.addr`) meets the tier that selects the same pods by their own labels.
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { WORKLOAD_KINDS } from '../../../verify/model';
import { selectedBy, Workload, workloadsIn } from '../../../verify/workloads';

/** The workloads of the construct tree `scope` belongs to, rendered now (workload kinds only). */
export function workloadsBeside(scope: IConstruct): Workload[] {
  const objects = scope.node.root.node
    .findAll()
    .filter((c): c is ApiObject => ApiObject.isApiObject(c) && WORKLOAD_KINDS.includes(c.kind));
  return workloadsIn(objects.map((o) => ({ kind: o.constructor.name, path: o.node.path, body: o.toJson() })));
}

/** Whether two selectors select the same workloads of `namespace`, and at least one. */
export function sameWorkloads(
  workloads: readonly Workload[],
  namespace: string,
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  const first = selectedBy(workloads, namespace, a);
  const second = selectedBy(workloads, namespace, b);
  return first.length > 0 && first.length === second.length && first.every((w) => second.includes(w));
}
