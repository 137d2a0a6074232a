// Measuring helpers for bench/run.js: run `node ...` in a fresh process, time it, read its peak
// memory, count what it synthesized.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const GNU_TIME = '/usr/bin/time';
const HAS_GNU_TIME = fs.existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', 'true']).status === 0;
const RSS_PRELOAD = path.join(__dirname, 'max-rss.js');
/** Exit code a driver uses to say the library does not offer what it measures yet. */
const EXIT_UNAVAILABLE = 3;

function tempDir(tag) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `aks-bench-${tag}-`));
}

function removeDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Run `node <args>` once in a temp working directory whose outdirs are set by env.
 * Returns wall ms (measured here, start-up included), peak RSS in MB, the `BENCH {...}` line a
 * driver printed, and the temp dir (kept when `keep` is set so outputs can be counted).
 */
function runNode(args, { env = {}, keep = false, tag = 'run', preload = [] } = {}) {
  const dir = tempDir(tag);
  const rssFile = path.join(dir, '.max-rss');
  const nodeArgs = [...preload.flatMap((p) => ['--require', p]), ...args];
  const childEnv = {
    ...process.env,
    CHECKPOINT_DISABLE: '1',
    CDKTF_OUTDIR: path.join(dir, 'cdktf.out'),
    AKS_NETWORK_MANIFEST_DIR: path.join(dir, 'dist'),
    ...env,
  };
  let command = process.execPath;
  let commandArgs = nodeArgs;
  if (HAS_GNU_TIME) {
    command = GNU_TIME;
    commandArgs = ['-v', '-o', rssFile, process.execPath, ...nodeArgs];
  } else {
    commandArgs = ['--require', RSS_PRELOAD, ...nodeArgs];
    childEnv.BENCH_RSS_FILE = rssFile;
  }
  const start = process.hrtime.bigint();
  const res = spawnSync(command, commandArgs, {
    cwd: dir,
    env: childEnv,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const result = {
    ms,
    status: res.status,
    ...readUsage(rssFile),
    report: parseReport(res.stdout),
    stdout: res.stdout,
    stderr: res.stderr,
    dir,
  };
  if (!keep) {
    removeDir(dir);
  }
  return result;
}

/** Peak RSS (MB) and CPU time (user + system, ms) from `time -v` output or the preload's JSON. */
function readUsage(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  if (text.trim().startsWith('{')) {
    const usage = JSON.parse(text);
    return { rssMb: usage.maxRssKb / 1024, cpuMs: usage.cpuMs };
  }
  const field = (name) => {
    const m = new RegExp(`${name}: ([\\d.]+)`).exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const kb = field('Maximum resident set size \\(kbytes\\)');
  const user = field('User time \\(seconds\\)');
  const sys = field('System time \\(seconds\\)');
  return {
    rssMb: kb === undefined ? undefined : kb / 1024,
    cpuMs: user === undefined || sys === undefined ? undefined : (user + sys) * 1000,
  };
}

function parseReport(stdout) {
  const line = (stdout || '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('BENCH '));
  return line ? JSON.parse(line.slice('BENCH '.length)) : undefined;
}

/** Terraform resources (+ data sources) and Kubernetes objects under a synthesis output dir. */
function countOutputs(dir) {
  const counts = { terraformResources: 0, terraformDataSources: 0, kubernetesObjects: 0, stacks: 0 };
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(p);
      } else if (entry.name.endsWith('.tf.json')) {
        const json = JSON.parse(fs.readFileSync(p, 'utf8'));
        counts.stacks += 1;
        counts.terraformResources += countBlocks(json.resource);
        counts.terraformDataSources += countBlocks(json.data);
      } else if (/\.ya?ml$/.test(entry.name)) {
        counts.kubernetesObjects += fs
          .readFileSync(p, 'utf8')
          .split(/^---\s*$/m)
          .filter((doc) => /^kind:/m.test(doc)).length;
      }
    }
  };
  if (fs.existsSync(dir)) {
    walk(dir);
  }
  counts.objects = counts.terraformResources + counts.kubernetesObjects;
  return counts;
}

function countBlocks(blocks) {
  return Object.values(blocks || {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

/** median, min, max, quartiles of a list of numbers */
function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) {
    return undefined;
  }
  const q = (p) => {
    const i = (v.length - 1) * p;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return v[lo] + (v[hi] - v[lo]) * (i - lo);
  };
  return { n: v.length, median: q(0.5), min: v[0], max: v[v.length - 1], q1: q(0.25), q3: q(0.75) };
}

const VALGRIND = ['/usr/bin/valgrind', '/usr/local/bin/valgrind'].find((f) => fs.existsSync(f));

/**
 * Instructions `node <args>` executes, counted by valgrind's cachegrind (no cache simulation), in a
 * temp working directory set up as in runNode. Counts repeat within about 1 % where wall and CPU
 * time move with the machine's load; a run takes some 50 times as long as without valgrind.
 */
function countInstructions(args, { tag = 'instructions' } = {}) {
  if (!VALGRIND) {
    return { unavailable: 'valgrind is not installed' };
  }
  const dir = tempDir(tag);
  try {
    const res = spawnSync(
      VALGRIND,
      ['--tool=cachegrind', '--cache-sim=no', `--cachegrind-out-file=${path.join(dir, '.cachegrind')}`, process.execPath, ...args],
      {
        cwd: dir,
        env: { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: path.join(dir, 'cdktf.out'), AKS_NETWORK_MANIFEST_DIR: path.join(dir, 'dist') },
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    const m = /I\s+refs:\s+([\d,]+)/.exec(res.stderr || '');
    if (res.status !== 0 || !m) {
      return { failed: `exit ${res.status}: ${(res.stderr || '').trim().split('\n').slice(-4).join('\n')}` };
    }
    return { instructions: Number(m[1].replace(/,/g, '')) };
  } finally {
    removeDir(dir);
  }
}

module.exports = {
  ROOT,
  countInstructions,
  HAS_GNU_TIME,
  EXIT_UNAVAILABLE,
  runNode,
  countOutputs,
  stats,
  tempDir,
  removeDir,
};
