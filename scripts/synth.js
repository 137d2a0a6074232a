#!/usr/bin/env node
// `npm run synth`: compile with jsii only when a source is newer than its compiled JavaScript, then
// run the examples' app (cdktf.json's "app") with node and print each stack's annotations the way
// `cdktf synth` does. The files are the ones `cdktf synth` writes, byte for byte, without the CLI's
// start-up (seconds: it loads the TypeScript compiler before it starts the app).
//
//   node scripts/synth.js          compile if stale, then `node examples/app.js`
//   node scripts/synth.js --cli    compile if stale, then `cdktf synth`
//   node scripts/synth.js --check  exit 0 when the compiled JavaScript is current, 1 when not
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
 * Why a compile is needed, or undefined when none is: every source has its `.js` written after it,
 * and the assembly after every library source and package.json (which holds the jsii settings).
 */
function staleReason() {
  const assembly = mtime(ASSEMBLY);
  if (assembly === undefined) {
    return 'no .jsii yet';
  }
  for (const dir of SOURCE_DIRS) {
    const abs = path.join(ROOT, dir);
    for (const ts of fs.existsSync(abs) ? sources(abs) : []) {
      const js = mtime(ts.replace(/\.ts$/, '.js'));
      const changed = mtime(ts);
      if (js === undefined || js < changed || (dir === 'lib' && assembly < changed)) {
        return `${path.relative(ROOT, ts)} changed since the last compile`;
      }
    }
  }
  if (assembly < mtime(path.join(ROOT, 'package.json'))) {
    return 'package.json changed since the last compile';
  }
  return undefined;
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
  const reason = staleReason();
  if (mode === '--check') {
    console.log(reason ? `stale: ${reason}` : 'current');
    return reason ? 1 : 0;
  }
  if (reason) {
    console.log(`compiling (${reason})...`);
    const status = run('npm', ['run', 'compile']);
    if (status !== 0) {
      return status;
    }
  } else {
    console.log('compiled JavaScript is current; no compile');
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
