import { IConstruct } from 'constructs';
import type { ConstructWarning } from '../core/warnings';
import { RuleSeverity } from './info';
import { Finding } from './rule-pack';
import { suppressionFor } from './suppressions';

/** A warning to show, once. */
export interface WarningToShow {
  /** Where it is shown. */
  readonly path: string;
  /** The text, starting with the rule id where a rule judges it. */
  readonly message: string;
  /** The construct a construct warning was recorded on. */
  readonly construct?: IConstruct;
  /** Whether it still has to be recorded (a settled construct warning or a rule finding, not an annotation yet). */
  readonly record: boolean;
}

const within = (path: string, scope: string) => path === scope || path.startsWith(`${scope}/`);

/**
 * Every warning once: a construct warning that a rule also judges is dropped when that rule is
 * suppressed there, and otherwise shown (with the rule id) in place of the rule's own findings below
 * it — the rule-pack warnings nothing covers follow. Suppressed findings are no warnings.
 */
export function warningsToShow(
  warnings: ConstructWarning[],
  findings: Finding[],
  side: 'terraform' | 'kubernetes',
): WarningToShow[] {
  const covered = new Set<Finding>();
  const shown: WarningToShow[] = [];
  for (const w of warnings) {
    const path = w.construct.node.path;
    if (w.ruleId === undefined) {
      shown.push({ path, message: w.message, construct: w.construct, record: false });
      continue;
    }
    const related = findings.filter((f) => f.rule.id === w.ruleId && within(f.path, path));
    related.forEach((f) => covered.add(f));
    if (suppressionFor(w.construct, w.ruleId) !== undefined || related.some((f) => f.suppressedBecause)) {
      continue;
    }
    shown.push({ path, message: `[${w.ruleId}] ${w.message}`, construct: w.construct, record: true });
  }
  for (const f of findings) {
    if (f.rule.severity === RuleSeverity.WARNING && f.suppressedBecause === undefined && !covered.has(f)) {
      // a Terraform finding's path is its resource already; a Kubernetes one names the object too
      const subject = side === 'kubernetes' ? `${f.subject}: ` : '';
      shown.push({ path: f.path, message: `[${f.rule.id}] ${subject}${f.problem}`, record: true });
    }
  }
  return shown;
}
