// What the checks of the frameworks' own synthesis do outside the construct trees: render, print,
// mark stale output, fail. The checks themselves are pure (lib/verify/tree-checks.ts).
import { App as Cdk8sApp } from 'cdk8s';
import { IConstruct } from 'constructs';
import { synthesisError } from './errors';
import { renderApiObjects } from './manifests';
import { clearFailed, markFailed } from './output-marker';
import { constructWarnings, printWarnings, WarningLine } from './warnings';

/** The folder a cdk8s tree writes to. */
export function outdirOf(root: IConstruct): string[] {
  return root instanceof Cdk8sApp ? [root.outdir] : [];
}

// the frames of cdk8s's own methods (compiled, or mapped back to its sources under a source-map runtime)
const CDK8S_APP = /\.(synth|synthYaml) \(.*cdk8s[\\/](lib|src)[\\/]app\.[jt]s:/;
const CDK8S_CHART_JSON = /\.toJson \(.*cdk8s[\\/](lib|src)[\\/]chart\.[jt]s:/;

/**
 * Whether cdk8s validates the app because it writes it (`App.synth`, `App.synthYaml`), not because
 * one chart is rendered (`Chart.toJson`: cdk8s's `Testing.synth(chart)`, and the writing of each
 * chart, which validates the whole app again each time). cdk8s tells the two apart nowhere else.
 */
function cdk8sWritesTheApp(): boolean {
  const frames: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  Error.captureStackTrace(frames);
  Error.stackTraceLimit = limit;
  const stack = frames.stack ?? '';
  return CDK8S_APP.test(stack) && !CDK8S_CHART_JSON.test(stack);
}

/** The effects of the checks registered on a cdk8s tree. */
export const MANIFEST_EFFECTS = {
  applies: cdk8sWritesTheApp,
  render: renderApiObjects,
  warnings: constructWarnings,
  fail(root: IConstruct, errors: string[]): never {
    markFailed(outdirOf(root), errors);
    throw synthesisError(errors);
  },
  pass(root: IConstruct, warnings: ReadonlyArray<WarningLine>): void {
    clearFailed(outdirOf(root));
    printWarnings(warnings, 'kubernetes');
  },
};
