// The checks of a Terraform tree for the frameworks' own synthesis (`app.synth()`, `cdktf synth`,
// `Testing.synth(stack, true)`): a validation on the stack, which throws (cdktf synth goes on past
// error annotations, not past a throw). `App.synth()` writes each stack before it validates the next,
// so the first stack's validation checks every stack and every cdk8s app bound to a cluster of the
// app before anything is written; each later stack is checked again after its own aspects ran.
import { Annotations, App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { synthesisError } from '../../core/errors';
import { renderApiObjects } from '../../core/manifests';
import { clearFailed, markFailed } from '../../core/output-marker';
import { outdirOf } from '../../core/tree-effects';
import { constructWarnings, printWarnings } from '../../core/warnings';
import { boundAppsIn, checksOn, recordChecks, TreeChecks } from '../../verify/construct-data';
import { Finding, formatFinding, isBlocking, terraformFindings } from '../../verify/rule-pack';
import { checkManifests, otherValidationsFail, validationMessages } from '../../verify/tree-checks';
import { warningsToShow } from '../../verify/warnings';

/** Give the stack of `scope` (and the first stack of its app) the library's checks, once each. */
export function checkedStack(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  const first = App.of(stack).node.findAll().find(TerraformStack.isStack) ?? stack;
  for (const s of new Set([first, stack])) {
    if (checksOn(s)) continue;
    const checks: TreeChecks = { suspended: false };
    recordChecks(s, checks);
    s.node.addValidation({
      validate: () => (checks.suspended || otherValidationsFail(s) ? [] : runChecks(s, checks)),
    });
  }
}

function runChecks(stack: TerraformStack, checks: TreeChecks): string[] {
  const app = App.of(stack);
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  const appWide = stacks[0] === stack;
  const checked = appWide ? stacks : [stack];
  // cdktf reports this stack's own validations; those of the stacks it has not reached yet must
  // stop this one from being written too
  const errors: string[] = checked.filter((s) => s !== stack).flatMap(validationMessages);
  const byStack = checked.map((s) => {
    const constructs = new Map(s.node.findAll().map((c) => [c.node.path, c] as const));
    const findings = terraformFindings(s.toTerraform() as Record<string, unknown>, (p) => constructs.get(p));
    errors.push(...findings.filter(isBlocking).map(formatFinding));
    return { stack: s, constructs, findings };
  });
  const manifests = boundAppsIn(checked);
  for (const root of manifests) {
    errors.push(...checkManifests(root, renderApiObjects(root)).errors);
  }
  const outdirs = [app.outdir, ...manifests.flatMap(outdirOf)];
  if (errors.length > 0) {
    markFailed(outdirs, errors);
    throw synthesisError(errors);
  }
  clearFailed([app.outdir]);
  if (appWide && !checks.warned) {
    checks.warned = true;
    for (const { stack: s, constructs, findings } of byStack) showWarnings(s, constructs, findings);
  }
  return [];
}

/** Record the settled warnings as annotations (so `cdktf synth` prints them) and print them once. */
function showWarnings(stack: TerraformStack, constructs: Map<string, IConstruct>, findings: Finding[]): void {
  const shown = warningsToShow(constructWarnings(stack), findings, 'terraform');
  for (const w of shown.filter((s) => s.record)) {
    const at = w.construct ?? constructs.get(w.path);
    if (at) Annotations.of(at).addWarning(w.message);
  }
  for (const f of findings.filter((x) => x.suppressedBecause !== undefined)) {
    const at = constructs.get(f.path);
    if (at) Annotations.of(at).addInfo(`[${f.rule.id}] suppressed (${f.suppressedBecause}): ${f.problem}`);
  }
  printWarnings(shown, 'terraform');
}
