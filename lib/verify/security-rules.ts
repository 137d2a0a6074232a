import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { Annotations, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { AZURE_RULES } from './azure-rules';
import { RuleSeverity, SecurityRuleInfo } from './info';
import { K8S_RULES } from './k8s-rules';
import { Json, K8sItem, RuleDef, TfItem } from './model';
import { renderReport, REPORT_FILE_NAME } from './report';
import { AksNetworkError } from '../core/errors';
import { addExtraFile, registerSynthesisCheck, SynthesisInput } from '../core/synth';

const RULES: RuleDef[] = [...AZURE_RULES, ...K8S_RULES];
const SUPPRESSIONS = new WeakMap<IConstruct, Map<string, string>>();

/** One rule's verdict on one resource or object, after suppressions. */
export interface Finding {
  readonly rule: RuleDef;
  /** Construct path of the resource or object. */
  readonly path: string;
  /** `azurerm_x.name` or `Kind namespace/name`. */
  readonly subject: string;
  readonly problem: string;
  /** The reason given to `SecurityRules.suppress`, when suppressed. */
  readonly suppressedBecause?: string;
}

/**
 * The security rule pack that runs over the synthesized Terraform JSON and manifests.
 *
 * An `error` finding fails synthesis; a `warning` is annotated (cdktf warning for Terraform
 * resources) and listed in `security-report.md`, which is written next to the manifests of every
 * cdk8s app. A finding can only be accepted with {@link SecurityRules.suppress}, which needs a
 * reason; every suppression is listed in the report too.
 */
export class SecurityRules {
  /**
   * Accept the findings of one rule for `scope` and everything below it.
   * @param scope a construct (a cdktf resource or construct, a cdk8s chart or object)
   * @param ruleId the rule id, e.g. `AKSNET-K8S-012`
   * @param reason why the finding is acceptable here; listed in the security report
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    const where = `SecurityRules ${scope.node.path || '<root>'}`;
    if (!RULES.some((r) => r.id === ruleId)) {
      throw new AksNetworkError(
        where,
        `'${ruleId}' is not a rule id`,
        `use one of ${RULES.map((r) => r.id).join(', ')}`,
      );
    }
    if (typeof reason !== 'string' || reason.trim().length === 0) {
      throw new AksNetworkError(
        where,
        `suppressing ${ruleId} without a reason`,
        'say why the finding is acceptable here, e.g. "public demo endpoint, no data"',
      );
    }
    const map = SUPPRESSIONS.get(scope) ?? new Map<string, string>();
    map.set(ruleId, reason.trim());
    SUPPRESSIONS.set(scope, map);
  }

  /** Every rule of the pack, with its severity and the equivalent scanner checks. */
  public static rules(): SecurityRuleInfo[] {
    return RULES.map(({ id, severity, description, checkov, trivy, kubeLinter, polaris }) => ({
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

function suppressionFor(construct: IConstruct | undefined, ruleId: string): string | undefined {
  for (const scope of construct ? [...construct.node.scopes].reverse() : []) {
    const reason = SUPPRESSIONS.get(scope)?.get(ruleId);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function evaluate<T>(
  items: T[],
  run: (rule: RuleDef, item: T) => unknown,
): { rule: RuleDef; item: T; problem: string }[] {
  return RULES.flatMap((rule) =>
    items.flatMap((item) => {
      const verdict = run(rule, item);
      return (Array.isArray(verdict) ? verdict : [verdict])
        .filter((p): p is string => typeof p === 'string' && p.length > 0)
        .map((problem) => ({ rule, item, problem }));
    }),
  );
}

/** Terraform findings of one stack. */
export function terraformFindings(stack: TerraformStack | undefined, json: Json): Finding[] {
  const byPath = new Map((stack?.node.findAll() ?? []).map((c) => [c.node.path, c] as const));
  const items: TfItem[] = Object.entries((json.resource ?? {}) as Json).flatMap(([type, byName]) =>
    Object.entries(byName as Json).map(([name, body]) => {
      const address = `${type}.${name}`;
      const path = (((body as Json)['//'] as Json | undefined)?.metadata as Json | undefined)?.path;
      return { type, address, path: typeof path === 'string' ? path : address, body: body as Json };
    }),
  );
  return evaluate(items, (rule, item) => rule.terraform?.(item, items)).map(({ rule, item, problem }) => {
    const construct = byPath.get(item.path);
    return {
      rule,
      path: item.path,
      subject: item.address,
      problem,
      suppressedBecause: suppressionFor(construct, rule.id),
    };
  });
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'NginxIngressController',
  'ClusterRole',
  'ClusterRoleBinding',
  'IngressClass',
]);

/** Kubernetes findings over plain objects, each with the construct that produced it (if known). */
export function kubernetesFindings(objects: { body: Json; construct?: IConstruct }[]): Finding[] {
  const items: (K8sItem & { construct?: IConstruct })[] = objects.map(({ body, construct }) => {
    const meta = (body.metadata ?? {}) as Json;
    const kind = String(body.kind);
    return {
      kind,
      name: String(meta.name),
      namespace: CLUSTER_SCOPED.has(kind) ? '' : String(meta.namespace ?? 'default'),
      path: construct?.node.path ?? `${kind}/${String(meta.name)}`,
      body,
      construct,
    };
  });
  return evaluate(items, (rule, item) => rule.kubernetes?.(item, items)).map(({ rule, item, problem }) => ({
    rule,
    path: item.path,
    subject: `${item.kind} ${item.namespace ? `${item.namespace}/` : ''}${item.name}`,
    problem,
    suppressedBecause: suppressionFor(item.construct, rule.id),
  }));
}

export const formatFinding = (f: Finding) => `${f.path}: [${f.rule.id}] ${f.subject}: ${f.problem}`;

const REPORTED = new WeakMap<cdk8s.App, Finding[]>();

function check(input: SynthesisInput): string[] {
  const byStack = input.terraform.map(({ stack, json }) => ({
    stack: stack.node.id,
    findings: terraformFindings(stack, json),
  }));
  const tf = byStack.flatMap((s) => s.findings);
  // Terraform warnings and suppressions also show in cdktf's own output (manifest.json annotations)
  const constructs = new Map(
    input.terraform.flatMap(({ stack }) => stack.node.findAll()).map((c) => [c.node.path, c] as const),
  );
  for (const f of tf) {
    const construct = constructs.get(f.path);
    if (!construct) continue;
    if (f.suppressedBecause !== undefined) {
      Annotations.of(construct).addInfo(`[${f.rule.id}] suppressed (${f.suppressedBecause}): ${f.problem}`);
    } else if (f.rule.severity === RuleSeverity.WARNING) {
      Annotations.of(construct).addWarning(`[${f.rule.id}] ${f.problem}`);
    }
  }
  const all = [...tf];
  for (const { app, objects } of input.kubernetes) {
    // manifests of stack <stack> go to `.../<stack>`: report that stack's Terraform findings with them
    const ownStack = byStack.find((s) => s.stack === path.basename(app.outdir));
    const stackFindings = ownStack ? ownStack.findings : tf;
    const k8sFindings = kubernetesFindings(
      objects.map((o) => ({ body: o.body as Json, construct: o.construct })),
    );
    const findings = [...stackFindings, ...k8sFindings];
    all.push(...k8sFindings);
    if (!REPORTED.has(app))
      addExtraFile(app, {
        fileName: REPORT_FILE_NAME,
        render: () => renderReport(REPORTED.get(app) ?? [], RULES),
      });
    REPORTED.set(app, findings);
  }
  return all
    .filter((f) => f.rule.severity === RuleSeverity.ERROR && f.suppressedBecause === undefined)
    .map(formatFinding);
}

registerSynthesisCheck({ run: check });

/** The rule definitions (for tests and the report). */
export const ALL_RULES: readonly RuleDef[] = RULES;
