#!/usr/bin/env node
// `npm run synth`: bring the compiled JavaScript up to date as cheaply as possible, then run the
// examples' app (cdktf.json's "app") with node and print each stack's annotations the way
// `cdktf synth` does. The files are the ones `cdktf synth` writes, byte for byte, without the CLI's
// start-up (seconds: it loads the TypeScript compiler before it starts the app).
//
// Up to date means: nothing to do when every source is older than its `.js`; when only examples
// changed, those files alone are transpiled with swc (type checking stays with `npm run build` and
// `npm test`); when anything else changed, a full jsii compile. swc never writes `lib/`: the
// library's JavaScript comes from jsii only.
//
//   node scripts/synth.js          then `node examples/app.js`
//   node scripts/synth.js --cli    then `cdktf synth`
//   node scripts/synth.js --check  only say what is out of date (exit 1 when something is)
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
/** What jsii compiles in place (its generated tsconfig.json includes every `.ts` not excluded). */
const SOURCE_DIRS = ['lib', 'examples', 'bin'];
const ASSEMBLY = path.join(ROOT, '.jsii');
const APP = path.join(ROOT, 'examples', 'app.js');

function sources(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...sources(p));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      found.push(p);
    }
  }
  return found;
}

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : undefined);

/**
 * What is out of date: `compile` says why a jsii compile is needed (a library or bin source newer
 * than its `.js` or than the assembly, package.json newer than the assembly, no assembly);
 * `examples` lists the example sources newer than their `.js`.
 */
function staleness() {
  const assembly = mtime(ASSEMBLY);
  const examples = [];
  let compile = assembly === undefined ? 'no .jsii yet' : undefined;
  for (const dir of SOURCE_DIRS) {
    const abs = path.join(ROOT, dir);
    for (const ts of fs.existsSync(abs) ? sources(abs) : []) {
      const js = mtime(ts.replace(/\.ts$/, '.js'));
      const changed = mtime(ts);
      const outdated = js === undefined || js < changed;
      if (dir === 'examples') {
        if (outdated) examples.push(ts);
      } else if (!compile && (outdated || assembly < changed)) {
        compile = `${path.relative(ROOT, ts)} changed since the last compile`;
      }
    }
  }
  if (!compile && assembly < mtime(path.join(ROOT, 'package.json'))) {
    compile = 'package.json changed since the last compile';
  }
  return { compile, examples };
}

/** Transpiles example sources in place with swc (the options jest uses), with a source map beside each. */
function transpileExamples(files) {
  const swc = require('@swc/core');
  for (const ts of files) {
    const js = ts.replace(/\.ts$/, '.js');
    const out = swc.transformFileSync(ts, {
      jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2020' },
      module: { type: 'commonjs' },
      sourceMaps: true,
      swcrc: false,
    });
    fs.writeFileSync(`${js}.map`, out.map);
    fs.writeFileSync(js, `${out.code}\n//# sourceMappingURL=${path.basename(js)}.map\n`);
  }
}

function run(command, args) {
  const res = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { CHECKPOINT_DISABLE: '1', ...process.env } });
  if (res.error) {
    throw res.error;
  }
  return res.status === null ? 1 : res.status;
}

const LEVELS = { '@cdktf/info': 'INFO', '@cdktf/warn': 'WARN', '@cdktf/error': 'ERROR' };

/** Prints the annotations recorded in cdktf's manifest.json; returns how many are errors. */
function printAnnotations(outdir) {
  const file = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(file)) {
    process.stderr.write(`ERROR: the app wrote no ${path.relative(ROOT, file)}\n`);
    return 1;
  }
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  let errors = 0;
  for (const stack of Object.values(manifest.stacks || {})) {
    for (const a of stack.annotations || []) {
      const level = LEVELS[a.level] || a.level;
      errors += level === 'ERROR' ? 1 : 0;
      console.log(`${level} [${a.constructPath}]: ${a.message}`);
    }
  }
  console.log(`Generated Terraform code for the stacks: ${Object.keys(manifest.stacks || {}).join(', ')}`);
  return errors;
}

function main() {
  const mode = process.argv[2];
  const stale = staleness();
  const exampleNames = stale.examples.map((f) => path.relative(ROOT, f)).join(', ');
  if (mode === '--check') {
    if (stale.compile) console.log(`compile: ${stale.compile}`);
    if (stale.examples.length > 0) console.log(`examples to transpile: ${exampleNames}`);
    if (!stale.compile && stale.examples.length === 0) console.log('current');
    return stale.compile || stale.examples.length > 0 ? 1 : 0;
  }
  if (stale.compile) {
    console.log(`compiling (${stale.compile})...`);
    const status = run('npm', ['run', 'compile']);
    if (status !== 0) {
      return status;
    }
  } else if (stale.examples.length > 0) {
    console.log(`transpiling ${exampleNames} (swc; the library is current)`);
    transpileExamples(stale.examples);
  } else {
    console.log('compiled JavaScript is current');
  }
  if (mode === '--cli') {
    return run('npx', ['--no-install', 'cdktf', 'synth']);
  }
  const status = run(process.execPath, [APP]);
  if (status !== 0) {
    return status;
  }
  return printAnnotations(path.resolve(ROOT, process.env.CDKTF_OUTDIR || 'cdktf.out')) === 0 ? 0 : 1;
}

process.exitCode = main();
