import { IConstruct } from 'constructs';
import { AZURE_RULES } from './azure-rules';
import { SecurityRuleInfo } from './info';
import { K8S_RULES } from './k8s-rules';
import { RuleDef } from './model';
import { AksNetworkError } from '../core/errors';

/** Every rule of the pack. */
export const ALL_RULES: readonly RuleDef[] = [...AZURE_RULES, ...K8S_RULES];

/** Metadata type of a suppression: data on the construct, read by the rule pack. */
const SUPPRESSION = 'aks-network:suppress';

interface SuppressionData {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * The security rule pack that runs over the synthesized Terraform JSON and manifests.
 *
 * An `error` finding fails synthesis; a `warning` is annotated and listed in `security-report.md`.
 * A finding can only be accepted with `SecurityRules.suppress`, which needs a reason; every
 * suppression is listed in the report too.
 */
export class SecurityRules {
  /**
   * Accept the findings of one rule for `scope` and everything below it.
   * @param scope a construct (a cdktf resource or construct, a cdk8s chart or object)
   * @param ruleId the rule id, e.g. `AKSNET-K8S-012`
   * @param reason why the finding is acceptable here; listed in the security report
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    if (!ALL_RULES.some((r) => r.id === ruleId)) {
      throw new AksNetworkError(
        `'${ruleId}' is not a rule id`,
        `use one of ${ALL_RULES.map((r) => r.id).join(', ')}`,
        scope,
      );
    }
    if (typeof reason !== 'string' || reason.trim().length === 0) {
      throw new AksNetworkError(
        `suppressing ${ruleId} without a reason`,
        'say why the finding is acceptable here, e.g. "public demo endpoint, no data"',
        scope,
      );
    }
    const data: SuppressionData = { ruleId, reason: reason.trim() };
    scope.node.addMetadata(SUPPRESSION, data, { stackTrace: false });
  }

  /** Every rule of the pack, with its severity and the equivalent scanner checks. */
  public static rules(): SecurityRuleInfo[] {
    return ALL_RULES.map(({ id, severity, description, checkov, trivy, kubeLinter, polaris }) => ({
      id,
      severity,
      description,
      checkov,
      trivy,
      kubeLinter,
      polaris,
    }));
  }

  private constructor() {}
}

/** The reason a rule is suppressed for `construct` (on it or on a scope above it), if it is. */
export function suppressionFor(construct: IConstruct | undefined, ruleId: string): string | undefined {
  for (const scope of construct ? [...construct.node.scopes].reverse() : []) {
    const found = scope.node.metadata
      .filter((m) => m.type === SUPPRESSION)
      .map((m) => m.data as SuppressionData)
      .reverse()
      .find((d) => d.ruleId === ruleId);
    if (found) return found.reason;
  }
  return undefined;
}
