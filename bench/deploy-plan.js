// The deploy plan's estimate of a fresh deploy for the flagship and the 4-group stacks: each example
// synthesized in a fresh process, its Terraform JSON planned by the compiled library
// (lib/verify/deploy-plan). Estimates from dated per-type durations, not measurements.
//
// `node bench/deploy-plan.js` prints the table alone (compile first); bench/run.js includes it and
// keeps the figures in results.json, so a run shows the previous run's estimate next to this one.
// `node bench/deploy-plan.js --record-baseline` stores today's figures in bench/deploy-plan-baseline.json
// as the "before" column (recorded before the one-group-per-cluster layout of issue 19).
'use strict';

const fs = require('fs');
const path = require('path');
const { ROOT, runNode, removeDir } = require('./measure');

const EXAMPLES = ['secure-baseline', 'hub-spoke', 'locked-down-egress'];
const BASELINE = path.join(__dirname, 'deploy-plan-baseline.json');
const RULE_GROUP = 'azurerm_firewall_policy_rule_collection_group';

const minutes = (seconds) => Math.round(seconds / 6) / 10;

/** A construct path without its stack and without an L2's `Resource` child. */
function local(plan, address) {
  const full = (plan.resources.find((r) => r.address === address) || {}).path || address;
  const p = full.startsWith(`${plan.name}/`) ? full.slice(plan.name.length + 1) : full;
  return p.endsWith('/Resource') ? p.slice(0, -'/Resource'.length) : p;
}

function figuresOf(example, planStack) {
  const script = path.join(ROOT, 'examples', example, 'main.js');
  if (!fs.existsSync(script)) {
    return [{ example, unavailable: `examples/${example}/main.js not compiled` }];
  }
  const res = runNode([script], { tag: `plan-${example}`, keep: true });
  try {
    if (res.status !== 0) {
      return [{ example, failed: `exit ${res.status}: ${(res.stderr || '').trim().split('\n').slice(-3).join(' ')}` }];
    }
    const stacks = path.join(res.dir, 'cdktf.out', 'stacks');
    return fs
      .readdirSync(stacks)
      .sort()
      .map((stack) => {
        const json = JSON.parse(fs.readFileSync(path.join(stacks, stack, 'cdk.tf.json'), 'utf8'));
        const plan = planStack({ name: stack, json, previousFile: '', acknowledgementFor: () => undefined, acknowledgements: [] });
        const e = plan.estimate;
        return {
          example,
          stack,
          resources: plan.resources.length,
          ruleGroups: plan.resources.filter((r) => r.type === RULE_GROUP).length,
          expectedMin: minutes(e.expectedSeconds),
          fastestMin: minutes(e.fastest.totalSeconds),
          slowestMin: minutes(e.slowest.totalSeconds),
          dependenciesOnlyMin: minutes(e.dependenciesOnly.totalSeconds),
          clustersNotWaitingForRules: plan.unguardedClusters.length,
          criticalPath: e.slowest.criticalPath.map((r) => ({
            construct: local(plan, r.address),
            startMin: minutes(r.start),
            endMin: minutes(r.end),
            waitedFor: r.reason,
          })),
        };
      });
  } finally {
    removeDir(res.dir);
  }
}

/** The estimate for every stack of the examples above. */
function deployPlanFigures() {
  const compiled = path.join(ROOT, 'lib', 'verify', 'deploy-plan', 'plan.js');
  if (!fs.existsSync(compiled)) {
    return [{ example: EXAMPLES[0], unavailable: 'lib/verify/deploy-plan/plan.js not compiled' }];
  }
  const { planStack } = require(compiled);
  return EXAMPLES.flatMap((example) => figuresOf(example, planStack));
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function readBaseline() {
  try {
    return JSON.parse(fs.readFileSync(BASELINE, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Prints the estimates next to the recorded baseline ("before") and the previous run's expected
 * figure when results.json had one.
 */
function printDeployPlan(figures, previous) {
  const byStack = (list) => new Map((list || []).filter((f) => f.stack).map((f) => [f.stack, f]));
  const before = byStack(previous);
  const baseline = readBaseline();
  const base = byStack(baseline && baseline.figures);
  const rows = figures.map((f) => {
    if (!f.stack) {
      return [f.example, f.unavailable ? 'not available yet' : 'FAILED', '', '', '', '', '', '', f.unavailable || f.failed];
    }
    const prev = before.get(f.stack);
    const b = base.get(f.stack);
    return [
      f.stack,
      f.resources,
      f.ruleGroups,
      f.expectedMin,
      `${f.fastestMin}-${f.slowestMin}`,
      f.dependenciesOnlyMin,
      b ? `${b.expectedMin} (${b.fastestMin}-${b.slowestMin}, ${b.ruleGroups} groups)` : '',
      prev ? prev.expectedMin : '',
      f.criticalPath.map((s) => (s.waitedFor === 'lock' ? `(lock) ${s.construct}` : s.construct)).join(' > '),
    ];
  });
  const out = [
    '',
    'deploy plan: estimated fresh deploy in minutes (mean of simulated lock orders; estimates, see deploy-plan.md for sources)',
    table(
      ['stack', 'resources', 'rule groups', 'expected', 'range', 'deps only', 'before', 'previous run', 'critical path, slowest order'],
      rows,
    ),
    baseline ? `before: ${baseline.note}` : 'before: no baseline recorded (node bench/deploy-plan.js --record-baseline)',
  ];
  console.log(out.join('\n'));
}

module.exports = { deployPlanFigures, printDeployPlan };

if (require.main === module && process.argv.includes('--record-baseline')) {
  const { execFileSync } = require('child_process');
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const date = new Date().toISOString().slice(0, 10);
  const figures = deployPlanFigures();
  const note = `recorded ${date} at ${commit}, before one rule collection group per cluster policy`;
  fs.writeFileSync(BASELINE, `${JSON.stringify({ note, figures }, null, 2)}\n`);
  console.log(`baseline written to ${path.relative(process.cwd(), BASELINE)}: ${note}`);
} else if (require.main === module) {
  let previous;
  try {
    previous = JSON.parse(fs.readFileSync(path.join(__dirname, 'results.json'), 'utf8')).deployPlan;
  } catch {
    previous = undefined;
  }
  printDeployPlan(deployPlanFigures(), previous);
}
