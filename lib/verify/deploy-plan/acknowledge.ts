import { IConstruct } from 'constructs';
import { DURATIONS, ResourceDurationInfo } from './durations';
import { AksNetworkError } from '../../core/errors';

/** Metadata type of an acknowledged replacement: data on the construct, read by the deploy plan. */
const ACKNOWLEDGEMENT = 'aks-network:acknowledge-replacement';

/**
 * The deploy plan that every `AksNetworkSynth.synth(...)` writes as `deploy-plan.md`: the estimated
 * critical path of a fresh deploy, and what changed since the previous local synthesis.
 *
 * Synthesis refuses, before anything is written, to replace an AKS cluster, a node pool, a firewall
 * or a virtual network (a ForceNew attribute changed, or a renamed construct id moved it to a new
 * address) unless the replacement is acknowledged with `DeployPlan.acknowledgeReplacement`.
 */
export class DeployPlan {
  /**
   * Accept that the resources of `scope` and everything below it are replaced (destroyed and created
   * again) by the next deploy. Remove the acknowledgement once that deploy is done: while it stays,
   * later replacements of the same resources pass without a question.
   * @param scope the construct whose resources may be replaced, e.g. the `AksCluster`
   * @param reason why the replacement is acceptable; listed in `deploy-plan.md`
   */
  public static acknowledgeReplacement(scope: IConstruct, reason: string): void {
    if (typeof reason !== 'string' || reason.trim().length === 0) {
      throw new AksNetworkError(
        'acknowledging a replacement without a reason',
        'say why destroying and re-creating these resources is acceptable, e.g. "new pod CIDR, workloads moved to the blue cluster"',
        scope,
      );
    }
    scope.node.addMetadata(ACKNOWLEDGEMENT, reason.trim(), { stackTrace: false });
  }

  /** The estimated create time of each resource type, with its source and date. */
  public static durations(): ResourceDurationInfo[] {
    return DURATIONS.map((d) => ({ ...d }));
  }

  private constructor() {}
}

/** The reason a replacement of `construct` was acknowledged (on it or on a scope above it), if it was. */
export function acknowledgementFor(construct: IConstruct | undefined): string | undefined {
  for (const scope of construct ? [...construct.node.scopes].reverse() : []) {
    const found = scope.node.metadata.filter((m) => m.type === ACKNOWLEDGEMENT).reverse()[0];
    if (found) return String(found.data);
  }
  return undefined;
}

/** Every acknowledgement in a tree: the construct path and the reason. */
export function acknowledgementsIn(root: IConstruct): Array<{ path: string; reason: string }> {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === ACKNOWLEDGEMENT)
        .map((m) => ({ path: c.node.path, reason: String(m.data) })),
    );
}
