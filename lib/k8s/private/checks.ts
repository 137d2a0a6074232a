import { IConstruct } from 'constructs';
import { MANIFEST_EFFECTS } from '../../core/tree-effects';
import { registerManifestChecks } from '../../verify/tree-checks';

/** Give the cdk8s tree of `scope` the library's checks, run by its own `synth()` (once per tree). */
export function checkedTree(scope: IConstruct): void {
  registerManifestChecks(scope, MANIFEST_EFFECTS);
}
