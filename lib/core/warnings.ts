import { IConstruct } from 'constructs';

/** Metadata type under which Kubernetes-side constructs record warnings (cdk8s has no annotations API). */
export const K8S_WARNING = 'aks-network:warning';

/** Record a warning on a cdk8s construct; the synth runner prints it, tests read it with {@link warningsOf}. */
export function addK8sWarning(scope: IConstruct, message: string): void {
  scope.node.addMetadata(K8S_WARNING, message, { stackTrace: false });
}

/** Every warning recorded on `root` and below, as `path: message`. */
export function warningsOf(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata.filter((m) => m.type === K8S_WARNING).map((m) => `${c.node.path}: ${m.data}`),
    );
}
