/** `deploy-plan.md`: the plan of one or more stacks as Markdown. Deterministic: no dates, no paths. */
import { markdownTable } from '../markdown';
import { ChangeKind, ResourceChange } from './changes';
import { DURATIONS } from './durations';
import { FORCE_NEW_RELEASE } from './force-new';
import { PlanResource } from './graph';
import { LOCK_REASONS, LockKind } from './locks';
import { describeCause, StackPlan } from './plan';
import { StartReason, TERRAFORM_PARALLELISM } from './schedule';

/** Written next to the manifests of a cdk8s app, or into `cdktf.out/stacks/<stack>/` for a stack without one. */
export const DEPLOY_PLAN_FILE_NAME = 'deploy-plan.md';

/** `4 min`, `30 s`, `1 min 30 s`. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
const minutes = (seconds: number) => `${Math.round(seconds / 60)} min`;

const byAddress = new WeakMap<StackPlan, Map<string, PlanResource>>();
const resourceOf = (plan: StackPlan, address: string) => {
  if (!byAddress.has(plan)) byAddress.set(plan, new Map(plan.resources.map((r) => [r.address, r] as const)));
  return byAddress.get(plan)!.get(address);
};

/** A construct path without its stack, which the heading already names. */
function local(plan: StackPlan, address: string): string {
  const full = resourceOf(plan, address)?.path ?? address;
  const path = full.startsWith(`${plan.name}/`) ? full.slice(plan.name.length + 1) : full;
  // an L2 construct's provider resource is its `Resource` child: name the construct
  return path.endsWith('/Resource') ? path.slice(0, -'/Resource'.length) : path;
}

const typeOf = (plan: StackPlan, address: string) => resourceOf(plan, address)?.type ?? '';

/** How the expectation was formed. */
function weighting(e: StackPlan['estimate']): string {
  if (!e.exhaustive) {
    return `the mean of a fixed-seed sample of ${e.orders} of the many lock orders that change a duration`;
  }
  return e.orders === 1
    ? 'no lock order changes a duration'
    : `the mean over the ${e.orders} lock orders that change a duration, each weighted by its chance when the provider grants a lock first come, first served`;
}

function freshDeploy(plan: StackPlan): string[] {
  const e = plan.estimate;
  const spread =
    minutes(e.fastest.totalSeconds) === minutes(e.slowest.totalSeconds)
      ? 'about the same in every lock order'
      : `${minutes(e.fastest.totalSeconds)} to ${minutes(e.slowest.totalSeconds)} depending on the order in which the provider grants its locks`;
  const path = e.slowest.criticalPath;
  return [
    '### Fresh deploy',
    '',
    `Estimated **≈ ${minutes(e.expectedSeconds)}** (${spread}; ${minutes(e.dependenciesOnly.totalSeconds)} if nothing were serialized) for ${plan.resources.length} resources at Terraform's default parallelism of ${TERRAFORM_PARALLELISM}; ${weighting(e)}.`,
    '',
    `Critical path in the slowest order (${path.length} resources):`,
    '',
    markdownTable(
      ['#', 'starts', 'ends', 'construct', 'resource type', 'takes', 'starts after'],
      path.map((r, i) => [
        String(i + 1),
        clock(r.start),
        clock(r.end),
        local(plan, r.address),
        typeOf(plan, r.address),
        formatSeconds(r.end - r.start),
        r.reason === StartReason.FIRST || !r.after
          ? '—'
          : r.reason === StartReason.LOCK
            ? `the ${r.lock} lock, held by ${local(plan, r.after)}`
            : r.reason === StartReason.PARALLELISM
              ? `a free slot of the parallelism (${local(plan, r.after)})`
              : local(plan, r.after),
      ]),
    ),
    ...plan.unguardedClusters.map(
      (u) =>
        `- ${local(plan, u.cluster)} egresses through ${local(plan, u.firewall)} but its create does not wait for ${u.groups.map((g) => local(plan, g)).join(', ')}: nodes that bootstrap before those rules apply cannot reach the AKS endpoints and the create fails (OutboundConnFailVMExtensionError, https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/create-upgrade-delete/error-code-outboundconnfailvmextensionerror). The estimate assumes the rules arrive in time; make the firewall or the cluster depend on the groups.`,
    ),
    ...(plan.unguardedClusters.length > 0 ? [''] : []),
  ];
}

function serialized(plan: StackPlan): string[] {
  const kinds = [...new Set(plan.sharedLocks.map((l) => l.key.kind))].sort();
  return [
    '### What runs one at a time',
    '',
    markdownTable(
      ['lock', 'held in turn by (slowest order)'],
      plan.sharedLocks.map((l) => [
        `${l.key.kind} ${l.key.name}`,
        l.resources.map((a) => `${local(plan, a)} (${formatSeconds(plan.seconds.get(a) ?? 0)})`).join(', '),
      ]),
    ),
    ...kinds.flatMap((k) => [`- **${k}**: ${LOCK_REASONS[k as LockKind]}.`]),
    ...(plan.sharedLocks.some((l) => l.key.kind === LockKind.FIREWALL_POLICY)
      ? [
          '- A rule collection group created while a firewall already uses its policy updates that firewall (≈ 4 min each, one at a time); created before the firewall, it takes seconds. The firewall does not wait for the groups unless it depends on them.',
        ]
      : []),
    '',
  ];
}

const ORDER = [
  ChangeKind.REPLACED,
  ChangeKind.REMOVED,
  ChangeKind.IN_PLACE,
  ChangeKind.MOVED,
  ChangeKind.ADDED,
];

function detail(plan: StackPlan, c: ResourceChange): string {
  switch (c.kind) {
    case ChangeKind.REPLACED: {
      const ack = plan.acknowledged.get(c.address);
      return `${describeCause(c)}${ack !== undefined ? ` — acknowledged: ${ack}` : ''}`;
    }
    case ChangeKind.IN_PLACE: {
      const listed =
        c.attributes.slice(0, 8).join(', ') + (c.attributes.length > 8 ? `, … (${c.attributes.length})` : '');
      return c.rotated.length > 0
        ? `${listed}; rotates the node pool through temporary_name_for_rotation (${c.rotated.join(', ')})`
        : listed;
    }
    case ChangeKind.MOVED:
      return `moved from ${c.previousAddress ?? ''} by a moved block`;
    default:
      return '';
  }
}

function changes(plan: StackPlan): string[] {
  const head = ['### Changes since the previous local synthesis', ''];
  if (!plan.changes.compared) {
    return [
      ...head,
      `No previous local synthesis of this stack (${plan.previousFile}) to compare with, as in a clean checkout or a CI run: nothing to compare, every resource above is new to this synthesis.`,
      '',
    ];
  }
  const intro = `Compared with ${plan.previousFile} as the previous local synthesis left it — not with the deployed state; \`terraform plan\` has the last word. ForceNew attributes from ${FORCE_NEW_RELEASE}.`;
  const unused = plan.unusedAcknowledgements.map(
    (a) =>
      `- Acknowledged replacement at ${a.path} (${a.reason}): nothing is replaced since the previous local synthesis; remove it once that deploy is done.`,
  );
  if (plan.changes.changes.length === 0) {
    return [...head, intro, '', 'No changes.', '', ...unused, ...(unused.length > 0 ? [''] : [])];
  }
  const rows = [...plan.changes.changes]
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.address < b.address ? -1 : 1))
    .map((c) => [c.kind, c.address, c.path, detail(plan, c)]);
  return [
    ...head,
    intro,
    '',
    markdownTable(['change', 'resource', 'construct', 'detail'], rows),
    ...unused,
    ...(unused.length > 0 ? [''] : []),
  ];
}

/** The whole file for the stacks of one report (one section each, the durations once). */
export function renderDeployPlan(plans: readonly StackPlan[]): string {
  return [
    '# Deploy plan',
    '',
    'Estimates, not measurements. The durations are per resource type, each with its source and date (table at the end); the order follows the Terraform graph (`depends_on` and references) and the locks the azurerm provider takes, under which resources run one at a time; the spread comes from the orders in which the provider may grant a contended lock.',
    '',
    ...plans.flatMap((plan) => [
      `## Stack ${plan.name}`,
      '',
      ...freshDeploy(plan),
      ...serialized(plan),
      ...changes(plan),
    ]),
    '## Durations used',
    '',
    markdownTable(
      ['resource type', 'when', 'estimate', 'basis', 'source', 'date'],
      DURATIONS.map((d) => [
        d.resourceType,
        d.condition,
        formatSeconds(d.seconds),
        d.basis,
        d.source,
        d.sourceDate,
      ]),
    ),
    'Other resource types count as 30 s.',
    '',
  ].join('\n');
}
