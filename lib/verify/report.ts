import type { Finding } from './rule-pack';
import { RuleSeverity } from './info';
import { markdownCell, markdownTable } from './markdown';
import { RuleDef } from './model';

/** Written next to the manifests of every cdk8s app. */
export const REPORT_FILE_NAME = 'security-report.md';

const order = (a: Finding, b: Finding) =>
  a.rule.id.localeCompare(b.rule.id) || a.path.localeCompare(b.path) || a.problem.localeCompare(b.problem);

/**
 * The report: suppressed findings with their reasons, warnings, further sections (e.g. what each
 * cluster may reach through the firewall), and the rules that ran. Deterministic.
 */
export function renderReport(
  findings: Finding[],
  rules: readonly RuleDef[],
  sections: readonly string[] = [],
): string {
  const suppressed = findings.filter((f) => f.suppressedBecause !== undefined).sort(order);
  const warnings = findings
    .filter((f) => f.suppressedBecause === undefined && f.rule.severity === RuleSeverity.WARNING)
    .sort(order);
  return [
    '# Security report',
    '',
    `${rules.length} rules ran over the Terraform JSON and these manifests. Errors fail synthesis, so none are listed here.`,
    '',
    '## Suppressed findings',
    '',
    markdownTable(
      ['rule', 'construct', 'resource', 'finding', 'reason'],
      suppressed.map((f) => [f.rule.id, f.path, f.subject, f.problem, f.suppressedBecause ?? '']),
    ),
    '## Warnings',
    '',
    markdownTable(
      ['rule', 'construct', 'resource', 'finding'],
      warnings.map((f) => [f.rule.id, f.path, f.subject, f.problem]),
    ),
    ...sections.filter((section) => section.length > 0),
    '## Rules',
    '',
    markdownTable(
      ['rule', 'severity', 'description', 'checkov', 'trivy', 'kube-linter', 'polaris'],
      rules.map((r) => [
        r.id,
        r.severity,
        r.description,
        r.checkov ?? '',
        r.trivy ?? '',
        r.kubeLinter ?? '',
        r.polaris ?? '',
      ]),
    ),
  ].join('\n');
}

/** The report's section saying the cross-layer checks were skipped, and why. */
export function crossLayerOptOutSection(reason: string): string {
  return [
    '## Cross-layer checks',
    '',
    `Skipped with CrossLayerChecks.optOut: ${markdownCell(reason)}. The Azure and Kubernetes sides were not compared.`,
    '',
  ].join('\n');
}
