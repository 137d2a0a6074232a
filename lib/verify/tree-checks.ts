// The checks of one cdk8s tree (the rule pack, and the cross-layer checks of the cluster it is bound
// to), for the frameworks' own synthesis: the constructs register them with `node.addValidation`, so
// `k8sApp.synth()` runs them, and the Terraform side runs the same function for the apps bound to its
// clusters before it writes anything. Pure: rendering and output go through the effects it is given.
import { IConstruct } from 'constructs';
import type { ConstructWarning } from '../core/warnings';
import {
  bindingsOf,
  checksOn,
  crossLayerInputOf,
  crossLayerOptOut,
  recordChecks,
  RenderedObject,
  TreeChecks,
  workloadInputOf,
} from './construct-data';
import { workloadProblems } from './workload-checks';
import { crossLayerProblems, crossLayerWarnings } from './cross-layer';
import { Finding, formatFinding, isBlocking, kubernetesFindings } from './rule-pack';
import { warningsToShow, WarningToShow } from './warnings';

/** What the checks of one cdk8s tree found. */
export interface ManifestCheckResult {
  /** Problems that fail synthesis, each naming its construct. */
  readonly errors: string[];
  /** Every rule-pack finding (for the report). */
  readonly findings: Finding[];
  /** Warnings of the workload and cross-layer checks, each naming its construct. */
  readonly crossLayerWarnings: string[];
}

/**
 * The rule pack over the objects, and the cross-layer checks of each cluster the tree is bound to
 * (unless opted out). Several bindings are an error, as in `AksNetworkSynth`.
 */
export function checkManifests(
  root: IConstruct,
  objects: ReadonlyArray<RenderedObject>,
): ManifestCheckResult {
  const findings = kubernetesFindings(objects);
  const errors = findings.filter(isBlocking).map(formatFinding);
  // tiers, Services and flows against the workloads in the output, as AksNetworkSynth checks them
  const workloads = workloadProblems(workloadInputOf(root, objects));
  errors.push(...workloads.errors);
  const warnings = [...workloads.warnings];
  const bindings = bindingsOf(root);
  if (bindings.length > 1) {
    errors.push(
      `the cdk8s app is bound to ${bindings.length} clusters (${bindings.map((b) => b.cluster.node.path).join(', ')}); give each cluster its own cdk8s app and bind each once: cluster.bindManifests(app)`,
    );
  } else if (bindings.length === 1 && crossLayerOptOut(root, bindings[0].cluster) === undefined) {
    const input = crossLayerInputOf(bindings[0].facts(), root, objects);
    errors.push(...crossLayerProblems(input));
    return { errors, findings, crossLayerWarnings: [...warnings, ...crossLayerWarnings(input)] };
  }
  return { errors, findings, crossLayerWarnings: warnings };
}

/** What the checks of a cdk8s tree need from the layers that know cdk8s and the file system. */
export interface ManifestEffects {
  /** Whether this validation is the framework's synthesis of the app (not the rendering of one chart). */
  applies(): boolean;
  /** Render every object of the tree. */
  render(root: IConstruct): RenderedObject[];
  /** The warnings recorded on the tree's constructs. */
  warnings(root: IConstruct): ConstructWarning[];
  /** Nothing may be written: mark the tree's previous output and throw the problems. */
  fail(root: IConstruct, errors: string[]): never;
  /** The tree passed: clear a mark of a failed run and show its warnings. */
  pass(root: IConstruct, warnings: WarningToShow[]): void;
}

/**
 * Register the checks on the root of `scope`'s cdk8s tree, once per tree, so that the tree's own
 * `synth()` runs them before it writes a file (rendering one chart, e.g. cdk8s's
 * `Testing.synth(chart)`, does not). `AksNetworkSynth` suspends them and runs the same checks in its
 * own sequence.
 */
export function registerManifestChecks(scope: IConstruct, effects: ManifestEffects): void {
  const root = scope.node.root;
  if (checksOn(root)) return;
  const checks: TreeChecks = { suspended: false };
  recordChecks(root, checks);
  root.node.addValidation({
    validate: () => {
      // the constructs' own validations first: cdk8s reports those, and the rules judge valid trees only
      if (checks.suspended || !effects.applies() || otherValidationsFail(root)) return [];
      const result = checkManifests(root, effects.render(root));
      if (result.errors.length > 0) effects.fail(root, result.errors);
      effects.pass(root, [
        ...warningsToShow(effects.warnings(root), result.findings, 'kubernetes'),
        ...result.crossLayerWarnings.map((message) => ({ path: '', message, record: false })),
      ]);
      return [];
    },
  });
}

/** The constructs under `root` whose own validations count (not those carrying these checks). */
const validated = (root: IConstruct) => root.node.findAll().filter((c) => checksOn(c) === undefined);

/** Whether a construct under `root` has a validation that fails (the checks' own not counted). */
export function otherValidationsFail(root: IConstruct): boolean {
  return validated(root).some((c) => c.node.validate().length > 0);
}

/** The failing validations of the constructs under `root`, each naming its construct. */
export function validationMessages(root: IConstruct): string[] {
  return validated(root).flatMap((c) => c.node.validate().map((message) => `${c.node.path}: ${message}`));
}
