// `npm run bench`: every figure from fresh Node processes, BENCH_RUNS runs each (default 5),
// median and spread, targets marked pass/miss; writes bench/results.json.
//
// Env: BENCH_RUNS (runs per figure, default 5), BENCH_WARMUP (uncounted runs first, default 1),
// BENCH_SKIP_TEST=1 (skip `npm test`), BENCH_SKIP_COMPILE=1 (use the compiled JS as it is),
// BENCH_ONLY=<comma-separated figure ids> (run a subset), BENCH_OUT (results path).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { ROOT, HAS_GNU_TIME, EXIT_UNAVAILABLE, runNode, countOutputs, stats, removeDir } = require('./measure');
const { evaluateTargets } = require('./targets');
const { printReport } = require('./report');
const { deployPlanFigures, printDeployPlan } = require('./deploy-plan');

const RUNS = positiveInt(process.env.BENCH_RUNS, 5);
const WARMUP = positiveInt(process.env.BENCH_WARMUP, 1, true);
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : undefined;
const OUT = process.env.BENCH_OUT || path.join(__dirname, 'results.json');
const FLAGSHIP = path.join(ROOT, 'examples', 'secure-baseline', 'main.js');
const LIB = path.join(ROOT, 'lib', 'index.js');
const PEERS = ['constructs', 'cdktf', 'cdk8s', 'cdk8s-plus-28'];
const FALLBACK_MODULES = path.join(__dirname, 'floor-modules.json');
const NAMESPACE_COUNTS = [10, 20, 50, 200];
const CLUSTER_COUNTS = [1, 5, 20];

function positiveInt(text, fallback, zeroOk = false) {
  const n = Number(text);
  return Number.isInteger(n) && (n > 0 || (zeroOk && n === 0)) ? n : fallback;
}

function log(line) {
  process.stderr.write(`${line}\n`);
}

function compile() {
  if (process.env.BENCH_SKIP_COMPILE === '1') {
    return undefined;
  }
  log('compiling (npm run compile)...');
  const start = Date.now();
  const res = spawnSync('npm', ['run', 'compile'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) {
    log(res.stdout + res.stderr);
    throw new Error('npm run compile failed; the benchmark needs the compiled JavaScript');
  }
  return Date.now() - start;
}

/** Provider modules and packages a process loads, recorded by the bench/record-modules.js preload. */
function recordModules(args, tag) {
  const file = path.join(os.tmpdir(), `aks-bench-modules-${process.pid}-${tag}.json`);
  const res = runNode(args, {
    tag,
    env: { BENCH_RECORD_FILE: file },
    preload: [path.join(__dirname, 'record-modules.js')],
  });
  if (res.status !== 0 || !fs.existsSync(file)) {
    return undefined;
  }
  const record = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.rmSync(file, { force: true });
  return record;
}

/** The floor's provider modules: recorded from the flagship, else the last recording, else bench/floor-modules.json. */
function floorModules(previous) {
  if (fs.existsSync(FLAGSHIP)) {
    const record = recordModules([FLAGSHIP], 'record-flagship');
    if (record) {
      return { source: 'recorded from the flagship run', list: record.providerModules };
    }
  }
  const cached = previous && previous.floorModules;
  if (cached && cached.source && cached.source.startsWith('recorded')) {
    return { source: `cached: ${cached.source} (${previous.date})`, list: cached.list };
  }
  return {
    source: 'bench/floor-modules.json (flagship not available yet)',
    list: JSON.parse(fs.readFileSync(FALLBACK_MODULES, 'utf8')),
  };
}

/** What loading lib/index.js pulls in: the peer packages it loads and its provider modules. */
function libDependencies() {
  const record = fs.existsSync(LIB) ? recordModules([path.join(__dirname, 'load.js'), LIB], 'record-lib') : undefined;
  if (!record) {
    return undefined;
  }
  return {
    peers: PEERS.filter((p) => record.packages.includes(p)),
    providerModules: record.providerModules,
  };
}

function defineFigures(floor, libDeps) {
  const load = (mods) => [path.join(__dirname, 'load.js'), ...mods];
  const figures = [
    { id: 'node', label: 'node start-up (node -e 0)', args: ['-e', '0'] },
    { id: 'floor', label: 'floor: peers + provider deep imports', args: load([...PEERS, ...floor.list]) },
    {
      id: 'flagship',
      label: 'flagship: examples/secure-baseline',
      args: [FLAGSHIP],
      synth: true,
      missing: !fs.existsSync(FLAGSHIP) && 'examples/secure-baseline/main.js not available yet',
    },
    { id: 'peer', label: 'hand-written peer (provider barrel)', args: [path.join(__dirname, 'peer', 'main.js')], synth: true },
    {
      id: 'peer-deep',
      label: 'the same peer, provider deep imports',
      args: [path.join(__dirname, 'peer', 'main.js'), '--deep-imports'],
      synth: true,
    },
    { id: 'lib-import', label: "require('cdktf-aks-network')", args: load([LIB]) },
    {
      id: 'peers-import',
      label: 'the peers lib loads, alone',
      args: load(libDeps ? [...libDeps.peers, ...libDeps.providerModules] : PEERS),
    },
  ];
  for (const n of NAMESPACE_COUNTS) {
    figures.push({
      id: `ns-${n}`,
      label: `${n} namespaces x 4 tiers`,
      args: [path.join(__dirname, 'scale-namespaces.js'), String(n)],
      synth: true,
      units: n,
      group: 'namespaces',
    });
  }
  for (const n of CLUSTER_COUNTS) {
    figures.push({
      id: `clusters-${n}`,
      label: `${n} cluster(s) with SecureEgress`,
      args: [path.join(__dirname, 'scale-clusters.js'), String(n)],
      synth: true,
      units: n,
      group: 'clusters',
    });
  }
  return ONLY ? figures.filter((f) => ONLY.includes(f.id)) : figures;
}

function tail(text, lines = 8) {
  return (text || '').trim().split('\n').slice(-lines).join('\n');
}

/** First (uncounted) run: probes availability and counts the synthesized output. */
function probe(fig) {
  if (fig.missing) {
    fig.unavailable = fig.missing;
    return;
  }
  const res = runNode(fig.args, { tag: fig.id, keep: true });
  try {
    if (res.status === EXIT_UNAVAILABLE) {
      fig.unavailable = (res.report && res.report.unavailable) || 'not available yet';
    } else if (res.status !== 0) {
      fig.failed = `exit ${res.status}: ${tail(res.stderr)}`;
    } else if (fig.synth) {
      fig.outputs = countOutputs(res.dir);
    }
  } finally {
    removeDir(res.dir);
  }
  fig.samples = [];
  if (WARMUP === 0 && !fig.unavailable && !fig.failed) {
    fig.samples.push(sample(res));
  }
}

function sample(res) {
  const r = res.report || {};
  return { ms: res.ms, cpuMs: res.cpuMs, rssMb: res.rssMb, buildMs: r.buildMs, synthMs: r.synthMs, loadMs: r.loadMs };
}

function measure(figures) {
  for (const fig of figures) {
    log(`probe ${fig.id}`);
    probe(fig);
    if (fig.unavailable) {
      log(`  ${fig.id}: not available yet (${fig.unavailable})`);
    } else if (fig.failed) {
      log(`  ${fig.id}: FAILED ${fig.failed}`);
    }
  }
  for (let w = 1; w < WARMUP; w++) {
    figures.filter(ok).forEach((fig) => runNode(fig.args, { tag: fig.id }));
  }
  // Rounds interleave the figures so drift in machine load hits all of them alike.
  for (let round = 0; round < RUNS; round++) {
    log(`round ${round + 1}/${RUNS}`);
    for (const fig of figures.filter(ok)) {
      if (fig.samples.length >= RUNS) {
        continue;
      }
      const res = runNode(fig.args, { tag: fig.id });
      if (res.status !== 0) {
        fig.failed = `exit ${res.status}: ${tail(res.stderr)}`;
        continue;
      }
      fig.samples.push(sample(res));
    }
  }
  for (const fig of figures) {
    const pick = (key) => stats((fig.samples || []).map((s) => s[key]));
    fig.ms = pick('ms');
    fig.rssMb = pick('rssMb');
    fig.cpuMs = pick('cpuMs');
    fig.inProcessMs = stats((fig.samples || []).map((s) => (s.buildMs === undefined ? undefined : s.buildMs + s.synthMs)));
  }
}

function ok(fig) {
  return !fig.unavailable && !fig.failed;
}

function timeShell(command) {
  const start = process.hrtime.bigint();
  const res = spawnSync(command, { cwd: ROOT, shell: true, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: res.status, output: res.stdout + res.stderr };
}

function apiDocClean() {
  return spawnSync('git', ['diff', '--quiet', '--', 'API.md'], { cwd: ROOT }).status === 0;
}

/**
 * `npm test` once. When it fails part-way, its steps are also run one by one, continuing past
 * failures, so the wall time of the whole suite is still known. API.md, which the build
 * regenerates, is put back as it was.
 */
function npmTest() {
  if (process.env.BENCH_SKIP_TEST === '1') {
    return { skipped: 'BENCH_SKIP_TEST=1' };
  }
  const restoreApiDoc = apiDocClean();
  try {
    log('npm test (one run)...');
    const whole = timeShell('npm test');
    if (whole.status === 0) {
      return { ms: whole.ms, status: 0 };
    }
    log('npm test failed; timing its steps one by one...');
    const script = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.test;
    const steps = script.split('&&').map((s) => s.trim());
    const timed = steps.map((command) => {
      const r = timeShell(command);
      return { command, ms: Math.round(r.ms), status: r.status, failure: r.status === 0 ? undefined : tail(r.output, 6) };
    });
    return {
      ms: timed.reduce((sum, s) => sum + s.ms, 0),
      status: whole.status,
      basis: 'sum of its steps run one by one (npm test itself stopped at the first failure)',
      failedSteps: timed.filter((s) => s.status !== 0).map((s) => s.command),
      steps: timed,
      firstRunMs: Math.round(whole.ms),
    };
  } finally {
    if (restoreApiDoc && !apiDocClean()) {
      spawnSync('git', ['checkout', '--', 'API.md'], { cwd: ROOT });
    }
  }
}

function readPrevious() {
  try {
    return JSON.parse(fs.readFileSync(OUT, 'utf8'));
  } catch {
    return undefined;
  }
}

function main() {
  const started = new Date();
  const loadBefore = os.loadavg();
  const compileMs = compile();
  const previous = readPrevious();
  const floor = floorModules(previous);
  const libDeps = libDependencies();
  const figures = defineFigures(floor, libDeps);
  measure(figures);
  const test = ONLY && !ONLY.includes('npm-test') ? { skipped: 'not in BENCH_ONLY' } : npmTest();
  const deployPlan = ONLY && !ONLY.includes('deploy-plan') ? undefined : deployPlanFigures();
  const byId = Object.fromEntries(figures.map((f) => [f.id, f]));
  const targets = evaluateTargets(byId, test, { namespaceCounts: NAMESPACE_COUNTS, clusterCounts: CLUSTER_COUNTS });
  const results = {
    date: started.toISOString(),
    durationS: Math.round((Date.now() - started.getTime()) / 1000),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0] && os.cpus()[0].model,
      loadAverageBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
      loadAverageAfter: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    method: {
      runs: RUNS,
      warmupRuns: WARMUP,
      wallClock: 'parent-side, spawnSync of a fresh `node` process, start-up included',
      inProcess: 'scaling drivers report build + synth ms (after module loading)',
      cpu: 'user + system CPU ms of the child (less sensitive to other load on the machine than wall)',
      peakRss: HAS_GNU_TIME ? '/usr/bin/time -v (Maximum resident set size)' : 'process.resourceUsage().maxRSS via --require bench/max-rss.js',
      compileMs,
    },
    floorModules: floor,
    libDependencies: libDeps,
    figures: figures.map(({ args, samples, missing, ...rest }) => ({ ...rest, command: `node ${args.map((a) => (path.isAbsolute(a) ? path.relative(ROOT, a) : a)).join(' ')}`, samples })),
    scaling: targets.scaling,
    targets: targets.list,
    npmTest: test,
    deployPlan,
  };
  fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  printReport(results);
  if (deployPlan) printDeployPlan(deployPlan, previous && previous.deployPlan);
  log(`results written to ${path.relative(process.cwd(), OUT)}`);
}

main();
