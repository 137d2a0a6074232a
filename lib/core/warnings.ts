import { Annotations, App } from 'cdktf';
import { IConstruct } from 'constructs';
import { where } from './errors';

/** Metadata type under which Kubernetes-side constructs record warnings (cdk8s has no annotations API). */
export const K8S_WARNING = 'aks-network:warning';
/** Metadata type of a warning that a rule of the pack also judges: settled at synthesis. */
const RULE_WARNING = 'aks-network:rule-warning';
const CDKTF_WARNING = '@cdktf/warn';

/** A warning recorded on a construct. */
export interface ConstructWarning {
  readonly construct: IConstruct;
  readonly message: string;
  /** The rule of the pack that judges the same thing, if any. */
  readonly ruleId?: string;
}

/**
 * Record a legal but risky input on `scope`: a cdktf warning annotation in a Terraform tree (so
 * `cdktf synth` shows it too), metadata in a cdk8s tree. The construct's path goes with it, so the
 * message does not repeat it.
 *
 * With `ruleId` (a rule that judges the same thing), the warning is settled at synthesis instead:
 * dropped when the rule is suppressed for the construct, shown once (with the rule id) otherwise.
 */
export function warn(scope: IConstruct, message: string, ruleId?: string): void {
  if (ruleId !== undefined) {
    scope.node.addMetadata(RULE_WARNING, { message, ruleId }, { stackTrace: false });
  } else if (App.isApp(scope.node.root)) {
    Annotations.of(scope).addWarning(message);
  } else {
    scope.node.addMetadata(K8S_WARNING, message, { stackTrace: false });
  }
}

/** Every warning recorded on `root` and below, in tree order. */
export function constructWarnings(root: IConstruct): ConstructWarning[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata.flatMap((m): ConstructWarning[] => {
      if (m.type === K8S_WARNING || m.type === CDKTF_WARNING) return [{ construct, message: String(m.data) }];
      if (m.type === RULE_WARNING) {
        const data = m.data as { message: string; ruleId: string };
        return [{ construct, message: data.message, ruleId: data.ruleId }];
      }
      return [];
    }),
  );
}

/**
 * Every warning recorded on `root` and below as `<Kind> <path>: message`, in tree order (those a
 * rule also judges included: synthesis shows them with the rule id, unless the rule is suppressed).
 */
export function warningsOf(root: IConstruct): string[] {
  return constructWarnings(root).map((w) => `${where(w.construct)}: ${w.message}`);
}

/** One warning as printed: where, and the text (with its rule id, if any). */
export interface WarningLine {
  readonly path: string;
  readonly message: string;
}

/**
 * Whether the program runs under `cdktf synth`, which prints the Terraform annotations itself (from
 * manifest.json) and shows the program's stdout as it is, its stderr as errors.
 */
export function underCdktfCli(): boolean {
  return process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

/**
 * Print each warning once, in the form `cdktf synth` prints annotations (`WARN [path]: message`).
 * Terraform-side warnings are annotations too: under `cdktf synth` the CLI prints those.
 */
export function printWarnings(lines: ReadonlyArray<WarningLine>, side: 'terraform' | 'kubernetes'): void {
  const cli = underCdktfCli();
  if (cli && side === 'terraform') return;
  const seen = new Set<string>();
  for (const line of lines) {
    // a line without a path names its constructs in the message (the cross-layer warnings)
    const text = line.path ? `WARN [${line.path}]: ${line.message}\n` : `WARN ${line.message}\n`;
    if (seen.has(text)) continue;
    seen.add(text);
    (cli ? process.stdout : process.stderr).write(text);
  }
}
