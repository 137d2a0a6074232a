import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { Annotations, App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  clusterOf,
  crossLayerInput,
  renderManifests,
  RenderedManifests,
  stacksOf,
  workloadInput,
} from './facts';
import { AksNetworkError, synthesisError, where } from '../core/errors';
import { writeManifests } from '../core/kube-output';
import { clearFailed, markFailed } from '../core/output-marker';
import { previousSynthesis, RenderedStack, renderTerraform, stackDirectory } from '../core/terraform-output';
import { constructWarnings, printWarnings } from '../core/warnings';
import { checksIn, crossLayerOptOut } from '../verify/construct-data';
import { crossLayerProblems, crossLayerWarnings, fqdnEgressFacts } from '../verify/cross-layer';
import { acknowledgementFor, acknowledgementsIn } from '../verify/deploy-plan/acknowledge';
import { planStack, StackPlan } from '../verify/deploy-plan/plan';
import { ingressTransitionProblems } from '../verify/deploy-plan/transitions';
import { DEPLOY_PLAN_FILE_NAME, renderDeployPlan } from '../verify/deploy-plan/report';
import { renderEgressReach } from '../verify/egress-reach';
import { renderConnectivityReport } from '../verify/policy/connectivity';
import { renderFqdnEgressSection } from '../verify/policy/fqdn-report';
import { workloadConnectivity } from '../verify/policy/workload-model';
import { crossLayerOptOutSection, REPORT_FILE_NAME, renderReport } from '../verify/report';
import {
  Finding,
  formatFinding,
  isBlocking,
  kubernetesFindings,
  terraformFindings,
} from '../verify/rule-pack';
import { ALL_RULES } from '../verify/suppressions';
import { warningsToShow, WarningToShow } from '../verify/warnings';
import { workloadProblems } from '../verify/workload-checks';

/** The connectivity report written next to the manifests of a cdk8s app with NetworkPolicies. */
export const CONNECTIVITY_FILE_NAME = 'connectivity.md';

/** A file written next to a cdk8s app's manifests. */
interface ReportFile {
  readonly fileName: string;
  readonly content: string;
}

/** Everything one synthesis produces before it decides to write: owned by that synthesis alone. */
class SynthesisContext {
  public readonly errors: string[] = [];
  public stacks: ReadonlyArray<RenderedStack> = [];
  public manifests: RenderedManifests[] = [];
  /** Findings and warnings recorded on Terraform constructs before the files are written. */
  public readonly annotations: Array<{ construct: IConstruct; level: 'warning' | 'info'; message: string }> =
    [];
  /** The warnings to show once the files are written, per tree side. */
  public readonly warnings: Array<{ side: 'terraform' | 'kubernetes'; shown: WarningToShow[] }> = [];
  public readonly files = new Map<cdk8s.App, ReportFile[]>();
  /** The deploy plan of each stack, computed from its rendered JSON and its previous synthesis. */
  public readonly plans = new Map<TerraformStack, StackPlan>();
  /** Files written into a stack's own folder (the deploy plan of a stack no cdk8s app reports). */
  public readonly stackFiles = new Map<TerraformStack, ReportFile[]>();

  public addFile(app: cdk8s.App, file: ReportFile): void {
    this.files.set(app, [...(this.files.get(app) ?? []), file]);
  }
}

/** Every validation message of a tree, each starting with the construct it came from. */
function validationErrors(root: IConstruct): string[] {
  return root.node.findAll().flatMap((c) => c.node.validate().map((msg) => `${where(c)}: ${msg}`));
}

/**
 * The one synthesis sequence: validate both trees → render each once → run the checks → write
 * everything, or write nothing (and mark the previous output as stale). With `checkOnly`, it stops
 * after the checks and writes nothing in any case.
 */
function synthesize(terraform: App, kubernetes: cdk8s.App[], checkOnly: boolean): SynthesisContext {
  const ctx = new SynthesisContext();
  // the checks the constructs registered for the frameworks' own synthesis run here, once, instead
  const registered = [terraform, ...kubernetes].flatMap(checksIn);
  registered.forEach((c) => (c.suspended = true));
  try {
    ctx.errors.push(...[terraform, ...kubernetes].flatMap(validationErrors));
    const output = ctx.errors.length === 0 ? renderTerraform(terraform, validationErrors) : undefined;
    ctx.errors.push(...(output?.errors ?? []));
    if (output && ctx.errors.length === 0) {
      ctx.stacks = output.stacks;
      ctx.manifests = kubernetes.map(renderManifests);
      runChecks(terraform, ctx);
    }
    const outdirs = [terraform.outdir, ...kubernetes.map((k) => k.outdir)];
    if (checkOnly) return ctx;
    if (!output || ctx.errors.length > 0) {
      markFailed(outdirs, ctx.errors);
      throw synthesisError(ctx.errors);
    }
    for (const { construct, level, message } of ctx.annotations) {
      if (level === 'info') Annotations.of(construct).addInfo(message);
      else Annotations.of(construct).addWarning(message);
    }
    output.write();
    for (const [stack, files] of ctx.stackFiles) {
      for (const file of files)
        fs.writeFileSync(path.join(stackDirectory(terraform, stack), file.fileName), file.content);
    }
    for (const { app, objects } of ctx.manifests) {
      const bodies = new Map(objects.map((o) => [o.construct, o.body] as const));
      // the bodies the checks passed, not a second rendering
      writeManifests(app, (obj) => bodies.get(obj) ?? obj.toJson());
      for (const file of ctx.files.get(app) ?? []) {
        fs.writeFileSync(path.join(app.outdir, file.fileName), file.content);
      }
    }
    clearFailed(outdirs);
    for (const { side, shown } of ctx.warnings) printWarnings(shown, side);
    return ctx;
  } finally {
    registered.forEach((c) => (c.suspended = false));
  }
}

/**
 * The checks, in order: the rule pack and the deploy plan of each stack (which refuses unacknowledged
 * replacements), the cross-layer checks of each cluster, the reports.
 */
function runChecks(terraform: App, ctx: SynthesisContext): void {
  const byStack = new Map<TerraformStack, Finding[]>();
  for (const { stack, json } of ctx.stacks) {
    const constructs = new Map(stack.node.findAll().map((c) => [c.node.path, c] as const));
    const previous = previousSynthesis(terraform, stack);
    ctx.errors.push(...ingressTransitionProblems(previous, json));
    const plan = planStack({
      name: stack.node.id,
      json,
      previous,
      previousFile: `stacks/${stack.node.id}/cdk.tf.json`,
      acknowledgementFor: (p) => acknowledgementFor(constructs.get(p)),
      acknowledgements: acknowledgementsIn(stack),
    });
    ctx.plans.set(stack, plan);
    ctx.errors.push(...plan.refusals);
    const findings = terraformFindings(json, (p) => constructs.get(p));
    byStack.set(stack, findings);
    ctx.errors.push(...findings.filter(isBlocking).map(formatFinding));
    const shown = warningsToShow(constructWarnings(stack), findings, 'terraform');
    for (const w of shown.filter((x) => x.record)) {
      const construct = w.construct ?? constructs.get(w.path);
      if (construct) ctx.annotations.push({ construct, level: 'warning', message: w.message });
    }
    for (const f of findings.filter((x) => x.suppressedBecause !== undefined)) {
      const construct = constructs.get(f.path);
      const message = `[${f.rule.id}] suppressed (${f.suppressedBecause}): ${f.problem}`;
      if (construct) ctx.annotations.push({ construct, level: 'info', message });
    }
    ctx.warnings.push({ side: 'terraform', shown });
  }
  const reported = new Set<TerraformStack>();
  for (const manifests of ctx.manifests) {
    const cluster = clusterOf(terraform, manifests.app);
    const k8sFindings = kubernetesFindings(manifests.objects);
    ctx.errors.push(...k8sFindings.filter(isBlocking).map(formatFinding));
    const optOut = cluster ? crossLayerOptOut(manifests.app, cluster) : undefined;
    const input = cluster && optOut === undefined ? crossLayerInput(cluster, manifests) : undefined;
    const shown = warningsToShow(constructWarnings(manifests.app), k8sFindings, 'kubernetes');
    if (input) {
      ctx.errors.push(...crossLayerProblems(input));
      // each names its construct already
      shown.push(...crossLayerWarnings(input).map((message) => ({ path: '', message, record: false })));
    }
    ctx.warnings.push({ side: 'kubernetes', shown });
    const stacks = stacksOf(terraform, cluster);
    const stackFindings = stacks.flatMap((s) => byStack.get(s) ?? []);
    const reach = renderEgressReach(ctx.stacks.filter((s) => stacks.includes(s.stack)).map((s) => s.json));
    const sections = [...(optOut !== undefined ? [crossLayerOptOutSection(optOut)] : []), reach];
    ctx.addFile(manifests.app, {
      fileName: REPORT_FILE_NAME,
      content: renderReport([...stackFindings, ...k8sFindings], ALL_RULES, sections),
    });
    const plans = stacks.flatMap((s) => ctx.plans.get(s) ?? []);
    if (plans.length > 0) {
      ctx.addFile(manifests.app, { fileName: DEPLOY_PLAN_FILE_NAME, content: renderDeployPlan(plans) });
      stacks.forEach((s) => reported.add(s));
    }
    // tiers, Services and flows against the workloads in the output; the report over those workloads
    const workloads = workloadInput(manifests);
    const found = workloadProblems(workloads);
    ctx.errors.push(...found.errors);
    // each names its construct already
    ctx.warnings.push({
      side: 'kubernetes',
      shown: found.warnings.map((message) => ({ path: '', message, record: false })),
    });
    if (workloads.policies.length > 0) {
      ctx.addFile(manifests.app, {
        fileName: CONNECTIVITY_FILE_NAME,
        content:
          renderConnectivityReport(workloadConnectivity(workloads)) +
          renderFqdnEgressSection(input ? fqdnEgressFacts(input) : []),
      });
    }
  }
  // a stack no cdk8s app reports on keeps its deploy plan in its own folder, next to cdk.tf.json
  for (const [stack, plan] of ctx.plans) {
    if (!reported.has(stack)) {
      ctx.stackFiles.set(stack, [{ fileName: DEPLOY_PLAN_FILE_NAME, content: renderDeployPlan([plan]) }]);
    }
  }
}

/** Undo what the cdktf App constructor created (its outdir with an empty `stacks/`), never more. */
function removeIfEmpty(dir: string): void {
  try {
    const stacks = path.join(dir, 'stacks');
    if (fs.existsSync(stacks) && fs.readdirSync(stacks).length === 0) {
      fs.rmdirSync(stacks);
    }
    if (fs.readdirSync(dir).length === 0) {
      fs.rmdirSync(dir);
    }
  } catch {
    // not there: nothing to clean up
  }
}

/** What `AksNetworkSynth.check` found, without writing anything. */
export interface SynthesisCheck {
  /** Every problem that would fail synthesis, each naming its construct (empty: it would pass). */
  readonly problems: string[];
  /** Every warning synthesis would show, once each, as `path: [rule] message`. */
  readonly warnings: string[];
}

/**
 * Synthesizes a cdktf app and its cdk8s apps together, all or nothing.
 *
 * Every construct of both trees is validated, each tree is rendered once, and the security rule
 * pack, the deploy plan and the cross-layer checks run on that output; only when all pass are
 * `cdktf.out/` and the manifest folders written, with `security-report.md`, `deploy-plan.md` and
 * `connectivity.md` next to the manifests (a stack without a cdk8s app gets its `deploy-plan.md` in
 * `cdktf.out/stacks/<stack>/`). Synthesis refuses to replace an AKS cluster, a node pool, a
 * firewall or a VNet against the previous local synthesis unless the replacement is acknowledged
 * with `DeployPlan.acknowledgeReplacement(scope, reason)`.
 * Each cdk8s app is checked against its cluster: the one bound with `cluster.bindManifests(app)`,
 * or the only cluster of the Terraform app. When synthesis fails, nothing is written, and each
 * output folder holding an earlier run gets a `SYNTHESIS-FAILED.txt` naming the problems.
 *
 * The frameworks' own synthesis (`app.synth()` and `k8sApp.synth()`, `cdktf synth`,
 * `Testing.synth(stack, true)`) runs the same rule pack and cross-layer checks, registered by the
 * constructs as validations; the reports are written by `AksNetworkSynth.synth` only.
 */
export class AksNetworkSynth {
  /**
   * Validate everything, then write the Terraform JSON and the Kubernetes manifests.
   * @param terraform the cdktf app
   * @param kubernetes the cdk8s apps (each with its own outdir)
   */
  public static synth(terraform: App, kubernetes?: cdk8s.App[]): void {
    try {
      synthesize(terraform, kubernetes ?? [], false);
    } catch (error) {
      // also when a construct throws while rendering: leave no empty cdktf.out behind
      removeIfEmpty(terraform.outdir);
      throw error;
    }
  }

  /**
   * Run every check of `synth` and return what it found, writing nothing: for unit tests. It renders
   * the trees (aspects included), so synthesize a freshly built app afterwards, not this one.
   * @param terraform the cdktf app
   * @param kubernetes the cdk8s apps
   */
  public static check(terraform: App, kubernetes?: cdk8s.App[]): SynthesisCheck {
    try {
      const ctx = synthesize(terraform, kubernetes ?? [], true);
      return {
        problems: [...ctx.errors],
        warnings: ctx.warnings.flatMap(({ shown }) => shown.map((w) => `${w.path}: ${w.message}`)),
      };
    } catch (error) {
      if (error instanceof AksNetworkError) return { problems: [error.message], warnings: [] };
      throw error;
    } finally {
      removeIfEmpty(terraform.outdir);
    }
  }

  private constructor() {}
}
