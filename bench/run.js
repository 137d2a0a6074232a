// `npm run bench`: every figure from fresh Node processes, BENCH_RUNS runs each (default 5),
// median and spread, targets marked pass/miss; writes bench/results.json.
//
// Env: BENCH_RUNS (runs per figure, default 5; the command figures run at most 3 times),
// BENCH_WARMUP (uncounted runs first, default 1),
// BENCH_SKIP_TEST=1 (skip `npm test`), BENCH_SKIP_INSTRUCTIONS=1 (skip the valgrind counts), BENCH_SKIP_COMPILE=1 (use the compiled JS as it is),
// BENCH_ONLY=<comma-separated figure ids> (run a subset), BENCH_OUT (results path).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { ROOT, HAS_GNU_TIME, EXIT_UNAVAILABLE, runNode, countInstructions, countOutputs, stats, tempDir, removeDir } = require('./measure');
const { evaluateTargets } = require('./targets');
const { printReport } = require('./report');
const { deployPlanFigures, printDeployPlan } = require('./deploy-plan');

const RUNS = positiveInt(process.env.BENCH_RUNS, 5);
const WARMUP = positiveInt(process.env.BENCH_WARMUP, 1, true);
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : undefined;
const OUT = process.env.BENCH_OUT || path.join(__dirname, 'results.json');
const FLAGSHIP = path.join(ROOT, 'examples', 'secure-baseline', 'main.js');
const FLAGSHIP_NGINX = path.join(ROOT, 'examples', 'secure-baseline-nginx', 'main.js');
const LIB = path.join(ROOT, 'lib', 'index.js');
const PEERS = ['constructs', 'cdktf', 'cdk8s', 'cdk8s-plus-28'];
const FALLBACK_MODULES = path.join(__dirname, 'floor-modules.json');
const NAMESPACE_COUNTS = [10, 20, 50, 200];
const CLUSTER_COUNTS = [1, 5, 20];
const SPOKE_COUNTS = [1, 10, 50];
/** Runs of each command figure (`npm run synth`, `cdktf synth`): seconds each. */
const COMMAND_RUNS = Math.min(RUNS, 3);

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

/** The flagship bundled with esbuild (scripts/bundle.js) into a temp dir, or why it is not. */
function bundleFlagship() {
  if (!fs.existsSync(FLAGSHIP)) {
    return { missing: 'examples/secure-baseline/main.js not available yet' };
  }
  const dir = tempDir('bundle');
  const file = path.join(dir, 'main.js');
  const start = Date.now();
  try {
    const warnings = require('../scripts/bundle').bundle(FLAGSHIP, file);
    const info = { dir, file, ms: Date.now() - start, bytes: fs.statSync(file).size, warnings: warnings.length };
    if (warnings.length > 0) {
      log(`esbuild warnings:\n${warnings.join('')}`);
    }
    return info;
  } catch (err) {
    removeDir(dir);
    return { missing: `esbuild failed: ${err.message.split('\n')[0]}` };
  }
}

function defineFigures(floor, libDeps, bundle) {
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
    {
      id: 'flagship-nginx',
      label: 'the flagship on legacy NGINX: examples/secure-baseline-nginx',
      args: [FLAGSHIP_NGINX],
      synth: true,
      missing: !fs.existsSync(FLAGSHIP_NGINX) && 'examples/secure-baseline-nginx/main.js not available yet',
    },
    {
      id: 'bundled-flagship',
      label: 'the flagship bundled with esbuild',
      args: [bundle.file || FLAGSHIP],
      synth: true,
      missing: bundle.missing,
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
  for (const n of SPOKE_COUNTS) {
    figures.push({
      id: `spokes-${n}`,
      label: `${n} spoke(s) with a cluster each on one shared hub`,
      args: [path.join(__dirname, 'scale-spokes.js'), String(n)],
      synth: true,
      units: n,
      group: 'spokes',
    });
  }
  return ONLY ? figures.filter((f) => ONLY.includes(f.id)) : figures;
}

/**
 * Shell commands timed as a user runs them, from the repository, writing into a temp dir:
 * `npm run synth` with the compiled JavaScript current, and the CLI path the script replaced
 * (`cdktf synth`, which the old `npm run synth` ran after a full compile).
 */
function defineCommands() {
  const commands = [
    { id: 'npm-synth', label: 'npm run synth (compiled JS current)', command: () => 'npm run synth', outputs: true },
    {
      id: 'cdktf-synth',
      label: 'cdktf synth (the CLI, same app)',
      command: (dir) => `npx --no-install cdktf synth --output ${JSON.stringify(path.join(dir, 'cdktf.out'))}`,
      outputs: true,
    },
  ];
  return ONLY ? commands.filter((c) => ONLY.includes(c.id)) : commands;
}

function measureCommands(commands) {
  const runOnce = (c) => {
    const dir = tempDir(c.id);
    try {
      const env = { CDKTF_OUTDIR: path.join(dir, 'cdktf.out'), AKS_NETWORK_MANIFEST_DIR: path.join(dir, 'dist') };
      const res = timeShell(c.command(dir), env);
      return { ms: res.ms, status: res.status, output: res.output, outputs: countOutputs(dir) };
    } finally {
      removeDir(dir);
    }
  };
  for (const c of commands) {
    log(`probe ${c.id}`);
    const first = runOnce(c);
    c.samples = [];
    if (first.status !== 0) {
      c.failed = `exit ${first.status}: ${tail(first.output)}`;
    } else {
      c.outputs = first.outputs;
    }
  }
  for (let round = 0; round < COMMAND_RUNS; round++) {
    log(`commands round ${round + 1}/${COMMAND_RUNS}`);
    for (const c of commands.filter(ok)) {
      const res = runOnce(c);
      if (res.status !== 0) {
        c.failed = `exit ${res.status}: ${tail(res.output)}`;
        continue;
      }
      c.samples.push({ ms: res.ms });
    }
  }
  for (const c of commands) {
    c.ms = stats((c.samples || []).map((x) => x.ms));
  }
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

function timeShell(command, env = {}) {
  const start = process.hrtime.bigint();
  const res = spawnSync(command, {
    cwd: ROOT,
    shell: true,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
  });
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
    const steps = splitSteps(script);
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

/** The `&&`-separated steps of a shell command line, leaving quoted `&&` (scripts/parallel.js arguments) alone. */
function splitSteps(script) {
  const steps = [];
  let current = '';
  let quote;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      quote = ch === quote ? undefined : quote;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '&' && script[i + 1] === '&') {
      steps.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
  }
  steps.push(current.trim());
  return steps.filter((step) => step.length > 0);
}

/** Figures whose instructions are counted once each (valgrind): the library's cost in a load-independent unit. */
const INSTRUCTION_FIGURES = ['flagship', 'flagship-nginx', 'peer-deep'];

function measureInstructions(figures) {
  if (process.env.BENCH_SKIP_INSTRUCTIONS === '1') {
    return { skipped: 'BENCH_SKIP_INSTRUCTIONS=1' };
  }
  if (ONLY && !ONLY.includes('instructions')) {
    return { skipped: 'not in BENCH_ONLY' };
  }
  const counted = {};
  for (const fig of figures.filter((f) => INSTRUCTION_FIGURES.includes(f.id) && ok(f))) {
    log(`instructions ${fig.id} (valgrind)...`);
    const res = countInstructions(fig.args, { tag: `instructions-${fig.id}` });
    if (res.unavailable) {
      return { skipped: res.unavailable };
    }
    counted[fig.id] = res.instructions !== undefined ? res.instructions : { failed: res.failed };
  }
  return { tool: 'valgrind --tool=cachegrind --cache-sim=no (I refs), one run each', counts: counted };
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
  const bundle = bundleFlagship();
  const figures = defineFigures(floor, libDeps, bundle);
  const commands = defineCommands();
  let synthCheck;
  try {
    measure(figures);
    // what `npm run synth` will find: current after the compile above (its first run would say otherwise)
    synthCheck = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js'), '--check'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    measureCommands(commands);
  } finally {
    if (bundle.dir) {
      removeDir(bundle.dir);
    }
  }
  const instructions = measureInstructions(figures);
  const test = ONLY && !ONLY.includes('npm-test') ? { skipped: 'not in BENCH_ONLY' } : npmTest();
  const deployPlan = ONLY && !ONLY.includes('deploy-plan') ? undefined : deployPlanFigures();
  const byId = Object.fromEntries([...figures, ...commands].map((f) => [f.id, f]));
  const targets = evaluateTargets(byId, test, {
    instructions,
    namespaceCounts: NAMESPACE_COUNTS,
    clusterCounts: CLUSTER_COUNTS,
    spokeCounts: SPOKE_COUNTS,
    compileMs,
  });
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
      commandRuns: COMMAND_RUNS,
      synthCheckBeforeCommands: synthCheck,
    },
    bundle: bundle.file
      ? { ms: bundle.ms, bytes: bundle.bytes, esbuildWarnings: bundle.warnings, options: 'bundle, platform node, keepNames (scripts/bundle.js)' }
      : { missing: bundle.missing },
    floorModules: floor,
    libDependencies: libDeps,
    figures: figures.map(({ args, samples, missing, ...rest }) => ({ ...rest, command: `node ${args.map((a) => (path.isAbsolute(a) ? (a.startsWith(ROOT) ? path.relative(ROOT, a) : '<temp>/' + path.basename(a)) : a)).join(' ')}`, samples })),
    commands: commands.map(({ command, samples, ...rest }) => ({ ...rest, command: command('<temp>'), samples })),
    scaling: targets.scaling,
    targets: targets.list,
    instructions,
    npmTest: test,
    deployPlan,
  };
  fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  printReport(results);
  if (deployPlan) printDeployPlan(deployPlan, previous && previous.deployPlan);
  log(`results written to ${path.relative(process.cwd(), OUT)}`);
}

main();
