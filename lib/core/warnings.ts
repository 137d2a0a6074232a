import { Annotations, App } from 'cdktf';
import { IConstruct } from 'constructs';
import { where } from './errors';

/** Metadata type under which Kubernetes-side constructs record warnings (cdk8s has no annotations API). */
export const K8S_WARNING = 'aks-network:warning';
const CDKTF_WARNING = '@cdktf/warn';

/**
 * Record a legal but risky input on `scope`, as `<Kind> <path>: <message>`: a cdktf warning
 * annotation in a Terraform tree (so `cdktf synth` shows it too), metadata in a cdk8s tree.
 */
export function warn(scope: IConstruct, message: string): void {
  const text = `${where(scope)}: ${message}`;
  if (App.isApp(scope.node.root)) {
    Annotations.of(scope).addWarning(text);
  } else {
    scope.node.addMetadata(K8S_WARNING, text, { stackTrace: false });
  }
}

/** Every warning recorded on `root` and below, in tree order. */
export function warningsOf(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === K8S_WARNING || m.type === CDKTF_WARNING)
        .map((m) => String(m.data)),
    );
}
