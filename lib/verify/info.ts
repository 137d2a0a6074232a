/** How a finding affects synthesis. */
export enum RuleSeverity {
  /** The finding fails synthesis (unless suppressed with a reason). */
  ERROR = 'error',
  /** The finding is reported and annotated — synthesis goes ahead. */
  WARNING = 'warning',
}

/** A security rule of the pack, with the equivalent checks of common scanners. */
export interface SecurityRuleInfo {
  /** Our id, e.g. `AKSNET-AZ-001`; use it with `SecurityRules.suppress`. */
  readonly id: string;
  /** Error fails synthesis — warning annotates it. */
  readonly severity: RuleSeverity;
  /** What the rule requires and why. */
  readonly description: string;
  /**
   * Equivalent checkov check id(s), e.g. `CKV_AZURE_6`.
   * @default - none exists
   */
  readonly checkov?: string;
  /**
   * Equivalent trivy (Aqua AVD) id.
   * @default - none exists
   */
  readonly trivy?: string;
  /**
   * Equivalent kube-linter check name.
   * @default - none exists
   */
  readonly kubeLinter?: string;
  /**
   * Equivalent polaris check name.
   * @default - none exists
   */
  readonly polaris?: string;
}
