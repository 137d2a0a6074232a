import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { AksNetworkError } from './errors';
import { renderTerraform } from './terraform-output';
import { warningsOf } from './warnings';

/** A file written next to a cdk8s app's manifests (e.g. the connectivity report). */
export interface ExtraFile {
  /** File name relative to the cdk8s app's outdir. */
  readonly fileName: string;
  /** Produces the content; called only when synthesis goes ahead. */
  readonly render: () => string;
}

const EXTRA_FILES = Symbol.for('cdktf-aks-network.extraFiles');

interface WithExtraFiles {
  [EXTRA_FILES]?: ExtraFile[];
}

/** Register a file to be written into the outdir of the cdk8s app that holds `scope`. */
export function addExtraFile(scope: IConstruct, file: ExtraFile): void {
  const app = scope.node.root as unknown as WithExtraFiles;
  (app[EXTRA_FILES] ??= []).push(file);
}

/** Manifests rendered during the synthesis under way, or undefined outside one. */
let rendered: Map<cdk8s.ApiObject, unknown> | undefined;

/**
 * The manifest of `obj`. During a synthesis the construct trees no longer change, so each object is
 * rendered once there and shared by the validations, the checks and the files; outside one this is
 * `obj.toJson()`. Callers only read the result.
 */
export function manifestOf(obj: cdk8s.ApiObject): unknown {
  if (!rendered) {
    return obj.toJson();
  }
  if (!rendered.has(obj)) {
    rendered.set(obj, obj.toJson());
  }
  return rendered.get(obj);
}

/** One check that runs over the whole synthesized output before anything is written. */
export interface SynthesisCheck {
  /** Returns error messages; an empty list means the output passes. */
  run(input: SynthesisInput): string[];
}

/** What a {@link SynthesisCheck} sees: the Terraform JSON of every stack and the manifests of every cdk8s app. */
export interface SynthesisInput {
  readonly terraform: ReadonlyArray<{
    readonly stack: TerraformStack;
    readonly json: Record<string, unknown>;
  }>;
  readonly kubernetes: ReadonlyArray<{
    readonly app: cdk8s.App;
    /** Every API object of the app with its JSON, computed once for all checks. */
    readonly objects: ReadonlyArray<{ readonly construct: cdk8s.ApiObject; readonly body: unknown }>;
  }>;
}

const CHECKS: SynthesisCheck[] = [];

/** Register a check that every {@link synthesize} call runs. */
export function registerSynthesisCheck(check: SynthesisCheck): void {
  if (!CHECKS.includes(check)) {
    CHECKS.push(check);
  }
}

/**
 * The library's own checks (the security rule pack) register themselves when their module loads.
 * Load it here, lazily (it imports this module), so that it runs however the caller imported the
 * library, e.g. by deep path.
 */
function loadBuiltInChecks(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../verify/security-rules');
}

function validationErrors(root: IConstruct): string[] {
  return root.node.findAll().flatMap((c) => c.node.validate().map((msg) => `${c.node.path}: ${msg}`));
}

/**
 * Validate both construct trees completely, then write the Terraform JSON and the manifests.
 * Any failure throws before a single file is written.
 */
export function synthesize(terraform: App, kubernetes: cdk8s.App[] = []): void {
  loadBuiltInChecks();
  rendered = new Map();
  try {
    synthesizeOnce(terraform, kubernetes);
  } catch (error) {
    // also when a construct throws while rendering: leave no empty cdktf.out behind
    removeIfEmpty(terraform.outdir);
    throw error;
  } finally {
    rendered = undefined;
  }
}

function synthesizeOnce(terraform: App, kubernetes: cdk8s.App[]): void {
  const errors = [validationErrors(terraform), ...kubernetes.map(validationErrors)].flat();
  const output = errors.length === 0 ? renderTerraform(terraform, validationErrors) : undefined;
  errors.push(...(output?.errors ?? []));
  const readyToCheck = output !== undefined && errors.length === 0;
  const input: SynthesisInput = {
    terraform: output?.stacks ?? [],
    kubernetes: readyToCheck
      ? kubernetes.map((app) => ({
          app,
          // per object (manifestOf), not Chart.toJson: that validates the whole app again, once per chart
          objects: app.node
            .findAll()
            .filter((c): c is cdk8s.ApiObject => cdk8s.ApiObject.isApiObject(c))
            .map((construct) => ({ construct, body: manifestOf(construct) })),
        }))
      : [],
  };
  if (readyToCheck) {
    errors.push(...CHECKS.flatMap((check) => check.run(input)));
  }
  if (!output || errors.length > 0) {
    removeIfEmpty(terraform.outdir);
    throw new AksNetworkError(
      'synthesis',
      `${errors.length} problem(s) found, nothing was written:\n  ${errors.join('\n  ')}`,
      'fix the inputs named above and synthesize again',
    );
  }
  output.write();
  for (const { app, objects } of input.kubernetes) {
    for (const warning of warningsOf(app)) {
      process.stderr.write(`[WARNING] ${warning}\n`);
    }
    synthWithBodies(app, objects);
    for (const file of (app as unknown as WithExtraFiles)[EXTRA_FILES] ?? []) {
      fs.writeFileSync(path.join(app.outdir, file.fileName), file.render());
    }
  }
}

/**
 * `cdk8s.App.synth()` renders every object again (`ApiObject.toJson`) to write it, and each
 * `Chart.toJson` it calls first re-derives the dependencies of the whole app and validates the
 * whole app again (quadratic in the number of charts). `App.synth()` has done both once already
 * when it reaches the charts, and the bodies rendered above are what it would get (same tree, same
 * resolvers) and what the checks passed. So for the duration of the call each object answers with
 * its body and each chart with its objects in cdk8s's own order (dependency topology, objects of
 * nested charts left to them); cdk8s still validates, orders charts, names and writes the files.
 */
function synthWithBodies(app: cdk8s.App, objects: SynthesisInput['kubernetes'][number]['objects']): void {
  const charts = app.node.findAll().filter((c): c is cdk8s.Chart => cdk8s.Chart.isChart(c));
  const answer = (target: IConstruct, value: () => unknown) =>
    Object.defineProperty(target, 'toJson', { value, configurable: true, writable: true });
  for (const { construct, body } of objects) {
    answer(construct, () => body);
  }
  for (const chart of charts) {
    answer(chart, () =>
      new cdk8s.DependencyGraph(chart.node)
        .topology()
        .filter((c): c is cdk8s.ApiObject => cdk8s.ApiObject.isApiObject(c) && cdk8s.Chart.of(c) === chart)
        .map((c) => c.toJson()),
    );
  }
  try {
    app.synth();
  } finally {
    for (const target of [...objects.map((o) => o.construct), ...charts]) {
      delete (target as { toJson?: unknown }).toJson;
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

/**
 * Synthesizes a cdktf app and its cdk8s apps together, all or nothing.
 *
 * Every construct of both trees is validated and the synthesis checks run on the
 * in-memory output first; only when all pass are `cdktf.out/` and the manifest
 * folders written (plus reports such as `connectivity.md`).
 */
export class AksNetworkSynth {
  /**
   * Validate everything, then write the Terraform JSON and the Kubernetes manifests.
   * @param terraform the cdktf app
   * @param kubernetes the cdk8s apps (one per stack, each with its own outdir)
   */
  public static synth(terraform: App, kubernetes?: cdk8s.App[]): void {
    synthesize(terraform, kubernetes ?? []);
  }

  private constructor() {}
}
