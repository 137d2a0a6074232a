#!/usr/bin/env node
// The consumer project test: does the library work, as documented, in somebody else's project?
//
//  1. packs a fresh copy of the working tree (tracked and untracked files, no build output) with
//     `npm pack`, so `prepack` has to build it, and checks what the tarball ships;
//  2. lays out a project exactly like cdktf-cli's own TypeScript template (its tsconfig.json with
//     noUnusedLocals & co, cdktf.json and package.json), installs the tarball with npm and links the
//     peers and tools from this repository's node_modules (no registry, no network);
//  3. writes every README snippet marked `<!-- consumer: <file> -->` (the next ```ts block) to <file>
//     in that project, compiles the project with the template's `tsc` settings, and synthesizes every
//     marked `main.ts` with `node` (compiled) and with `cdktf synth`, checking that Terraform JSON and
//     Kubernetes manifests come out.
//
// usage: node scripts/consumer-test.js [markdown files...]   (default: README.md)
// CONSUMER_TEST_KEEP=1 keeps the temporary directory; it is also kept, and printed, on failure.
'use strict';
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const repo = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
/** What the tarball must ship for TypeScript, JavaScript and jsii-language users and the CLI. */
const REQUIRED_IN_TARBALL = [
  'package.json',
  'README.md',
  'LICENSE',
  'API.md',
  '.jsii',
  'lib/index.js',
  'lib/index.d.ts',
  'bin/egress-rules.js',
];
/** Linked from this repository's node_modules besides the peers, as `cdktf init` installs them. */
const DEV_TOOLS = ['typescript', '@types/node', 'cdktf-cli'];
/** What the README's programs use besides the library and its peers: the tested cdk8s-plus line. */
const README_PACKAGES = ['cdk8s-plus-28'];
/** cdktf-cli's `bin.cdktf`. */
const CDKTF_BIN = JSON.parse(
  fs.readFileSync(require.resolve('cdktf-cli/package.json', { paths: [repo] }), 'utf8'),
).bin.cdktf;
const MARKER = /^<!--\s*consumer:\s*(\S+)\s*-->\s*$/;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-aks-network-consumer-'));
const timings = [];

function step(name, fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  timings.push(`${name} ${seconds.toFixed(1)} s`);
  console.log(`consumer-test: ${name} (${seconds.toFixed(1)} s)`);
  return result;
}

function run(cmd, args, cwd, env = {}) {
  try {
    return execFileSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CHECKPOINT_DISABLE: '1', JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', ...env },
    });
  } catch (e) {
    throw new Error(
      `${[cmd, ...args].join(' ')} failed in ${cwd} (exit ${e.status})\n${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
  }
}

function fail(message) {
  throw new Error(message);
}

/** `<!-- consumer: file.ts -->` followed by a ```ts block: { file, code, source } per marker. */
function markedSnippets(markdownFile) {
  const lines = fs.readFileSync(markdownFile, 'utf8').split('\n');
  const snippets = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i].trim());
    if (!marker) {
      continue;
    }
    const where = `${path.relative(repo, markdownFile)}:${i + 1}`;
    let open = i + 1;
    while (open < lines.length && lines[open].trim() === '') {
      open++;
    }
    if (!/^```(ts|typescript)\s*$/.test((lines[open] ?? '').trim())) {
      fail(`${where}: the consumer marker must be followed by a \`\`\`ts code block`);
    }
    const close = lines.findIndex((line, j) => j > open && line.trim() === '```');
    if (close < 0) {
      fail(`${where}: unterminated code block`);
    }
    const file = path.normalize(marker[1]);
    if (path.isAbsolute(file) || file.startsWith('..') || !file.endsWith('.ts')) {
      fail(`${where}: consumer file '${marker[1]}' must be a relative .ts path inside the project`);
    }
    snippets.push({ file, code: lines.slice(open + 1, close).join('\n') + '\n', source: where });
    i = close;
  }
  return snippets;
}

/** A copy of the working tree as a fresh clone has it: sources only, this repository's node_modules linked. */
function freshCopy() {
  const dir = path.join(tmp, 'source');
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repo)
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(repo, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(repo, file), path.join(dir, file));
  }
  if (fs.existsSync(path.join(dir, 'lib/index.js')) || fs.existsSync(path.join(dir, '.jsii'))) {
    fail('the fresh copy already holds build output; is lib/index.js or .jsii tracked by git?');
  }
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function pack(source) {
  run('npm', ['pack', '--pack-destination', tmp, '--no-audit', '--no-fund'], source);
  const tarballs = fs.readdirSync(tmp).filter((f) => f.endsWith('.tgz'));
  if (tarballs.length !== 1) {
    fail(`expected one tarball in ${tmp}, found: ${tarballs.join(', ') || 'none'}`);
  }
  const tarball = path.join(tmp, tarballs[0]);
  const contents = run('tar', ['-tzf', tarball], tmp)
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
  const missing = REQUIRED_IN_TARBALL.filter((f) => !contents.includes(f));
  if (missing.length > 0) {
    fail(`${path.basename(tarball)} lacks ${missing.join(', ')}; is prepack building the package?`);
  }
  const sources = contents.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  if (sources.length > 0) {
    fail(`${path.basename(tarball)} ships TypeScript sources: ${sources.slice(0, 5).join(', ')}`);
  }
  console.log(`consumer-test: ${path.basename(tarball)} ships ${contents.length} files, ${REQUIRED_IN_TARBALL.join(', ')} among them`);
  return tarball;
}

function templateDir() {
  const cli = path.dirname(require.resolve('cdktf-cli/package.json', { paths: [repo] }));
  const dir = path.join(cli, 'bundle', 'templates', 'typescript');
  if (!fs.existsSync(path.join(dir, 'tsconfig.json'))) {
    fail(`cdktf-cli's TypeScript template is not at ${dir}; has cdktf-cli moved it?`);
  }
  return dir;
}

/** The files `cdktf init --template=typescript` writes, with its placeholders filled as it fills them. */
function scaffold(app, template) {
  const { FUTURE_FLAGS } = require(require.resolve('cdktf/lib/features', { paths: [repo] }));
  const fill = (text) =>
    text
      .replace(/\{\{\s*\$base\s*\}\}/g, 'consumer')
      .replace(/\{\{projectId\}\}/g, crypto.randomUUID())
      .replace(/\{\{sendCrashReports\}\}/g, 'false')
      .replace(
        /\{\{futureFlags\}\}/g,
        Object.entries(FUTURE_FLAGS)
          .map(([key, value]) => `    "${key}": ${JSON.stringify(value)}`)
          .join(',\n'),
      );
  fs.mkdirSync(app, { recursive: true });
  fs.copyFileSync(path.join(template, 'tsconfig.json'), path.join(app, 'tsconfig.json'));
  fs.writeFileSync(path.join(app, 'package.json'), fill(fs.readFileSync(path.join(template, 'package.json'), 'utf8')));
  const cdktfJson = JSON.parse(fill(fs.readFileSync(path.join(template, 'cdktf.json'), 'utf8')));
  // what the README recommends instead of the template's `npx ts-node main.ts`
  cdktfJson.app = 'node main.js';
  fs.writeFileSync(path.join(app, 'cdktf.json'), JSON.stringify(cdktfJson, null, 2) + '\n');
}

function install(app, tarball) {
  // the tarball only (it has no dependencies); peers would come from the registry, so link them instead
  run('npm', ['install', '--offline', '--legacy-peer-deps', '--no-audit', '--no-fund', tarball], app);
  const manifest = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
  const versionOf = (name) =>
    JSON.parse(fs.readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')).version;
  for (const [names, field] of [
    [[...Object.keys(pkg.peerDependencies ?? {}), ...README_PACKAGES], 'dependencies'],
    [DEV_TOOLS, 'devDependencies'],
  ]) {
    for (const name of names) {
      const link = path.join(app, 'node_modules', name);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(repo, 'node_modules', name), link, 'dir');
      manifest[field] = { ...manifest[field], [name]: versionOf(name) };
    }
  }
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const installed = path.join(app, 'node_modules', pkg.name);
  const missing = REQUIRED_IN_TARBALL.filter((f) => !fs.existsSync(path.join(installed, f)));
  if (missing.length > 0) {
    fail(`the installed package lacks ${missing.join(', ')}`);
  }
  // the CLI works from the installed package
  const csv = run(path.join(app, 'node_modules', '.bin', 'egress-rules'), ['--location', 'westeurope', '--format', 'csv'], app);
  if (csv.split('\n').length < 3) {
    fail(`egress-rules printed no rules:\n${csv}`);
  }
}

/** Files written below dir (node_modules excluded) whose path matches the test. */
function outputs(dir, test, base = dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') {
      found.push(...outputs(full, test, base));
    } else if (entry.isFile() && test(path.relative(base, full))) {
      found.push(path.relative(base, full));
    }
  }
  return found;
}

function checkSynthesized(cwd, how) {
  const terraform = outputs(cwd, (f) => /^cdktf\.out\/stacks\/[^/]+\/cdk\.tf\.json$/.test(f));
  const manifests = outputs(cwd, (f) => f.endsWith('.k8s.yaml'));
  if (terraform.length === 0 || manifests.length === 0) {
    fail(`${how} in ${cwd} wrote ${terraform.length} cdk.tf.json and ${manifests.length} *.k8s.yaml files; expected both`);
  }
  for (const file of terraform) {
    JSON.parse(fs.readFileSync(path.join(cwd, file), 'utf8'));
  }
  console.log(`consumer-test: ${how}: ${[...terraform, ...manifests].join(', ')}`);
}

function clean(cwd) {
  for (const file of outputs(cwd, (f) => f.endsWith('.k8s.yaml') || f.startsWith('cdktf.out/'))) {
    fs.rmSync(path.join(cwd, file));
  }
  fs.rmSync(path.join(cwd, 'cdktf.out'), { recursive: true, force: true });
}

function main() {
  const markdown = (process.argv.length > 2 ? process.argv.slice(2) : ['README.md']).map((f) => path.resolve(repo, f));
  const snippets = markdown.flatMap(markedSnippets);
  const entries = snippets.filter((s) => path.basename(s.file) === 'main.ts');
  if (entries.length === 0) {
    fail(`no snippet in ${markdown.map((f) => path.relative(repo, f)).join(', ')} is marked <!-- consumer: main.ts -->`);
  }
  const duplicate = snippets.find((s, i) => snippets.findIndex((t) => t.file === s.file) !== i);
  if (duplicate) {
    fail(`${duplicate.source}: ${duplicate.file} is marked twice`);
  }
  console.log(`consumer-test: ${snippets.map((s) => `${s.source} → ${s.file}`).join('; ')}`);

  const source = step('fresh copy of the working tree', freshCopy);
  const tarball = step('npm pack (prepack builds it)', () => pack(source));
  const app = path.join(tmp, 'app');
  step('project from the cdktf-cli TypeScript template', () => scaffold(app, templateDir()));
  step('npm install the tarball, link the peers', () => install(app, tarball));
  for (const snippet of snippets) {
    fs.mkdirSync(path.dirname(path.join(app, snippet.file)), { recursive: true });
    fs.writeFileSync(path.join(app, snippet.file), snippet.code);
  }
  step('tsc (the template tsconfig.json)', () => run(process.execPath, [path.join(app, 'node_modules/typescript/bin/tsc')], app));
  const cli = path.join(app, 'node_modules', 'cdktf-cli', CDKTF_BIN);
  for (const entry of entries) {
    // run from the project root, as `cdktf synth` runs cdktf.json's app
    const js = entry.file.replace(/\.ts$/, '.js');
    step(`node ${js}`, () => run(process.execPath, [js], app));
    checkSynthesized(app, `node ${js}`);
    clean(app);
    step(`cdktf synth (app: node ${js})`, () =>
      run(process.execPath, [cli, 'synth', '--app', `node ${js}`], app, { CI: '1', FORCE_COLOR: '0' }),
    );
    checkSynthesized(app, 'cdktf synth');
    clean(app);
  }
}

try {
  main();
  console.log(`consumer-test: passed (${timings.join(', ')})`);
  if (!process.env.CONSUMER_TEST_KEEP) {
    fs.rmSync(tmp, { recursive: true, force: true });
  } else {
    console.log(`consumer-test: kept ${tmp}`);
  }
} catch (e) {
  console.error(`consumer-test: FAILED: ${e.message}\nconsumer-test: the project is kept in ${tmp}`);
  process.exit(1);
}
