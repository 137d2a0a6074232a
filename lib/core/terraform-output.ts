import * as fs from 'fs';
import * as path from 'path';
import { App, Manifest, TerraformStack } from 'cdktf';
import { invokeAspects, StackSynthesizer } from 'cdktf/lib/synthesize/synthesizer';
import { IConstruct } from 'constructs';

/** One stack's Terraform JSON, rendered once and used by the checks and for the file. */
export interface RenderedStack {
  readonly stack: TerraformStack;
  readonly json: Record<string, unknown>;
}

/** The Terraform side of one synthesis: rendered in memory first, written only when told to. */
export interface TerraformOutput {
  readonly stacks: ReadonlyArray<RenderedStack>;
  /** Problems found while rendering (validations after aspects, error annotations). */
  readonly errors: ReadonlyArray<string>;
  /** Write cdktf.out exactly as `cdktf synth` does. */
  write(): void;
}

interface Annotation {
  readonly constructPath: string;
  readonly level: string;
  readonly message: unknown;
}

/** Where cdktf keeps a construct's custom synthesis (assets): `addCustomSynthesis` in its synthesizer. */
const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');
const ANNOTATION_LEVELS = ['@cdktf/info', '@cdktf/warn', '@cdktf/error'];
const ERROR_LEVEL = '@cdktf/error';

/**
 * Render every stack of `app` once, for the synthesis checks and for the file alike.
 *
 * `App.synth()` renders each stack twice (a preparing resolve pass, then the JSON), and any check
 * on the JSON before writing needs a third render. For the common case, stacks with cdktf's own
 * JSON synthesizer and no assets or resource moves, this does what `App.synth()` and
 * `StackSynthesizer.synthesize()` do in cdktf 0.21 (prepare every stack, invoke aspects once,
 * validate, collect annotations, render), but keeps the JSON in memory until `write()`. A
 * single-stack app skips the preparing resolve pass: it only registers cross-stack references.
 * Anything else (HCL output, custom synthesizers, assets, moved resources) takes cdktf's own path.
 */
export function renderTerraform(app: App, validate: (scope: IConstruct) => string[]): TerraformOutput {
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  if (!stacks.every(isPlain)) {
    return {
      stacks: stacks.map((stack) => ({ stack, json: stack.toTerraform() as Record<string, unknown> })),
      errors: [],
      write: () => {
        app.synth();
        dropStackTraces(app.outdir);
      },
    };
  }
  if (stacks.length === 1) {
    stacks[0].ensureBackendExists();
  } else {
    stacks.forEach((stack) => stack.prepareStack());
  }
  const errors: string[] = [];
  for (const stack of stacks) {
    // aspects may add or change constructs: validate again afterwards, as cdktf does
    invokeAspects(stack);
    if (!app.skipValidation) {
      errors.push(...validate(stack));
    }
    if (
      !(stack.synthesizer as unknown as { continueOnErrorAnnotations: boolean }).continueOnErrorAnnotations
    ) {
      errors.push(
        ...annotationsOf(stack)
          .filter((a) => a.level === ERROR_LEVEL)
          .map((a) => `${a.constructPath}: ${String(a.message)}`),
      );
    }
  }
  if (!app.skipValidation) {
    errors.push(...app.node.validate().map((msg) => `${app.node.path || 'App'}: ${msg}`));
  }
  const rendered =
    errors.length > 0
      ? []
      : stacks.map((stack) => ({ stack, json: stack.toTerraform() as Record<string, unknown> }));
  return {
    stacks: rendered,
    errors,
    write: () => {
      const stringify = stableStringify();
      for (const { stack, json } of rendered) {
        const manifest = app.manifest.forStack(stack);
        fs.mkdirSync(path.join(app.outdir, manifest.workingDirectory), { recursive: true });
        // collected last: the synthesis checks add warnings and infos
        (manifest as { annotations: Annotation[] }).annotations = annotationsOf(stack);
        fs.writeFileSync(path.join(app.outdir, manifest.synthesizedStackPath), stringify(json, { space: 2 }));
      }
      app.manifest.writeToFile();
    },
  };
}

/** cdktf's own JSON synthesizer, no assets, no resource moves: the case `renderTerraform` handles itself. */
function isPlain(stack: TerraformStack): boolean {
  const synthesizer: unknown = stack.synthesizer;
  return (
    synthesizer instanceof StackSynthesizer &&
    !(synthesizer as unknown as { hclOutput?: boolean }).hclOutput &&
    !stack.hasResourceMove() &&
    !stack.node
      .findAll()
      .some((c) => (c as unknown as Record<symbol, unknown>)[CUSTOM_SYNTHESIS] !== undefined)
  );
}

/** The annotations cdktf puts into manifest.json, without the stack traces (absolute paths). */
function annotationsOf(stack: TerraformStack): Annotation[] {
  return stack.node
    .findAll()
    .flatMap((node) =>
      node.node.metadata
        .filter((m) => ANNOTATION_LEVELS.includes(m.type))
        .map((m) => ({ constructPath: node.node.path, level: m.type, message: m.data as unknown })),
    );
}

/**
 * cdktf stores a stack trace (absolute paths, call sites) with every annotation in manifest.json,
 * which makes the output differ between machines and callers — drop it (the CLI needs only level,
 * path and message). Apps created with the `@cdktf/disable_stack_trace_in_metadata` context have none, and the
 * path `renderTerraform` writes itself never stores them.
 */
function dropStackTraces(outdir: string): void {
  const file = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(file)) {
    return;
  }
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    stacks?: Record<string, { annotations?: Array<{ stacktrace?: string[] }> }>;
  };
  const annotations = Object.values(manifest.stacks ?? {}).flatMap((stack) => stack.annotations ?? []);
  if (annotations.some((a) => a.stacktrace !== undefined)) {
    annotations.forEach((a) => delete a.stacktrace);
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
  }
}

type Stringify = (value: unknown, options: { space: number }) => string;

/**
 * cdktf's own JSON writer (json-stable-stringify, sorted keys), so the files are byte-identical. cdktf
 * bundles it, so it always sits in cdktf's own node_modules; a literal path keeps it visible to bundlers.
 */
function stableStringify(): Stringify {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('cdktf/node_modules/json-stable-stringify') as Stringify;
}

/** The folder cdktf writes a stack into: `<outdir>/stacks/<stack id>`. */
export function stackDirectory(app: App, stack: TerraformStack): string {
  return path.join(app.outdir, Manifest.stacksFolder, stack.node.id);
}

/**
 * The stack's Terraform JSON as the previous local synthesis left it, read before this synthesis
 * writes anything — undefined when there is none (a clean checkout, CI) or it is not JSON.
 */
export function previousSynthesis(app: App, stack: TerraformStack): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(
      fs.readFileSync(path.join(stackDirectory(app, stack), 'cdk.tf.json'), 'utf8'),
    );
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
