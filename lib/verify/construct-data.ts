// What the checks read off the construct trees, recorded as data on the constructs (metadata, like a
// suppression): facts of the Kubernetes constructs, the binding of a cdk8s app to its cluster, the
// opt-out of the cross-layer checks and the checks each tree carries. Pure: the `constructs` API only,
// so both synthesis paths (AksNetworkSynth and the frameworks' own synth) read the same facts.
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../core/errors';
import type { ClusterFacts, ConstructRef, CrossLayerInput } from './cross-layer';
import type { NamespaceDescription } from './policy/connectivity';
import type { WorkloadInput } from './workloads';

const FACT = 'aks-network:fact';
const BINDING = 'aks-network:binding';
const OPT_OUT = 'aks-network:cross-layer-opt-out';
const CHECKS = 'aks-network:checks';
const BOUND_APP = 'aks-network:bound-app';

/** A fact a Kubernetes construct of this library states about itself. */
export type KubernetesFact =
  /** An ingress controller or gateway on an internal load balancer at a planned IP. */
  | { readonly kind: 'ingress-endpoint'; readonly privateIp: string }
  /**
   * NetworkPolicies generated for a policy engine, with the namespace they describe (tiers, flows,
   * policies as plain values — read when the checks run, after every flow is declared).
   */
  | { readonly kind: 'policies'; readonly engine: string; readonly describe?: () => NamespaceDescription }
  /** An IngressClass served by a controller installed outside this app (ingress-nginx, a custom one). */
  | { readonly kind: 'external-ingress-class'; readonly ingressClassName: string };

/** Record a fact on the construct it is about. */
export function recordFact(scope: IConstruct, fact: KubernetesFact): void {
  scope.node.addMetadata(FACT, fact, { stackTrace: false });
}

/** Every fact recorded under `root`, with the construct it is about. */
export function factsIn(root: IConstruct): Array<{ construct: IConstruct; fact: KubernetesFact }> {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((m) => m.type === FACT)
        .map((m) => ({ construct, fact: m.data as KubernetesFact })),
    );
}

/** A construct as messages name it: its class and path. */
export const refOf = (c: IConstruct): ConstructRef => ({
  kind: c.constructor.name || 'Construct',
  path: c.node.path,
});

/** A cdk8s app bound to a cluster: the cluster, and its facts read when the checks run. */
export interface Binding {
  readonly cluster: IConstruct;
  readonly facts: () => ClusterFacts;
}

/** Record on a cdk8s app that its manifests run on `binding.cluster`. */
export function recordBinding(manifests: IConstruct, binding: Binding): void {
  if (!bindingsOf(manifests).some((b) => b.cluster === binding.cluster)) {
    manifests.node.addMetadata(BINDING, binding, { stackTrace: false });
    binding.cluster.node.addMetadata(BOUND_APP, manifests, { stackTrace: false });
  }
}

/** The cdk8s apps bound to the clusters under `roots`. */
export function boundAppsIn(roots: ReadonlyArray<IConstruct>): IConstruct[] {
  const apps = roots.flatMap((root) =>
    root.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === BOUND_APP).map((m) => m.data as IConstruct)),
  );
  return [...new Set(apps)];
}

/** The clusters a cdk8s app is bound to. */
export function bindingsOf(manifests: IConstruct): Binding[] {
  return manifests.node.metadata.filter((m) => m.type === BINDING).map((m) => m.data as Binding);
}

/**
 * The cross-layer checks compare a cluster with the manifests bound to it (DNAT targets, policy
 * engine, ingress classes, Key Vault TLS, public load balancers behind a firewall). They always run;
 * this is the one way to turn them off, with a reason that the security report lists.
 */
export class CrossLayerChecks {
  /**
   * Skip the cross-layer checks of a cdk8s app (or of every app bound to a cluster).
   * @param scope a cdk8s `App` or an `AksCluster`
   * @param reason why the two sides need not agree here; listed in `security-report.md`
   */
  public static optOut(scope: IConstruct, reason: string): void {
    if (typeof reason !== 'string' || reason.trim().length === 0) {
      throw new AksNetworkError(
        'opting out of the cross-layer checks without a reason',
        'say why the Azure and Kubernetes sides need not agree here, e.g. "manifests deployed to a test cluster"',
        scope,
      );
    }
    scope.node.addMetadata(OPT_OUT, reason.trim(), { stackTrace: false });
  }

  private constructor() {}
}

/** The reason the cross-layer checks are off for `constructs` (any of them), if they are. */
export function crossLayerOptOut(...constructs: IConstruct[]): string | undefined {
  for (const c of constructs) {
    const found = c.node.metadata.find((m) => m.type === OPT_OUT);
    if (found)
      return c.node.scope
        ? `${String(found.data)} (on ${c.constructor.name} ${c.node.path})`
        : String(found.data);
  }
  return undefined;
}

/** Checks a construct tree carries for the frameworks' own synthesis (`node.addValidation`). */
export interface TreeChecks {
  /** While set, the checks do nothing: `AksNetworkSynth` runs the same checks itself, once. */
  suspended: boolean;
  /** Whether the warnings were shown already (a tree validated twice shows them once). */
  warned?: boolean;
}

/** Record the checks registered on `scope`, so that they are registered once and can be found. */
export function recordChecks(scope: IConstruct, checks: TreeChecks): void {
  scope.node.addMetadata(CHECKS, checks, { stackTrace: false });
}

/** The checks registered on `scope` itself. */
export function checksOn(scope: IConstruct): TreeChecks | undefined {
  return scope.node.metadata.find((m) => m.type === CHECKS)?.data as TreeChecks | undefined;
}

/** Every check registered in the tree of `root`. */
export function checksIn(root: IConstruct): TreeChecks[] {
  return root.node.findAll().flatMap((c) => {
    const checks = checksOn(c);
    return checks ? [checks] : [];
  });
}

/** One rendered Kubernetes object, with the construct the user wrote for it. */
export interface RenderedObject {
  /** The ApiObject. */
  readonly construct: IConstruct;
  /** The construct the user wrote (the ApiObject, or the construct of theirs or ours it belongs to). */
  readonly owner: IConstruct;
  readonly body: unknown;
}

/** The cross-layer facts of a cluster and the objects of the manifests bound to it. */
export function crossLayerInputOf(
  cluster: ClusterFacts,
  root: IConstruct,
  objects: ReadonlyArray<RenderedObject>,
): CrossLayerInput {
  const facts = factsIn(root);
  return {
    cluster,
    ingressEndpoints: facts.flatMap(({ construct, fact }) =>
      fact.kind === 'ingress-endpoint' ? [{ ...refOf(construct), privateIp: fact.privateIp }] : [],
    ),
    policies: facts.flatMap(({ construct, fact }) =>
      fact.kind === 'policies' ? [{ ...refOf(construct), engine: fact.engine }] : [],
    ),
    externalIngressClasses: facts.flatMap(({ fact }) =>
      fact.kind === 'external-ingress-class' ? [fact.ingressClassName] : [],
    ),
    manifests: objects.map(({ owner, body }) => ({ ...refOf(owner), body })),
  };
}

/** The workload checks' input: the objects, and every TieredNetworkPolicies under `root` as plain values. */
export function workloadInputOf(root: IConstruct, objects: ReadonlyArray<RenderedObject>): WorkloadInput {
  return {
    manifests: objects.map(({ owner, body }) => ({ ...refOf(owner), body })),
    policies: factsIn(root).flatMap(({ construct, fact }) =>
      fact.kind === 'policies' && fact.describe
        ? [{ ref: refOf(construct), description: fact.describe() }]
        : [],
    ),
  };
}
