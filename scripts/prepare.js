#!/usr/bin/env node
// npm's `prepare` hook and the first step of `npm run build`: builds the package (jsii) when its
// compiled output is missing or older than its sources. npm runs `prepare` after `npm install` / `npm ci` in a checkout and when a git URL is
// installed (in the clone, after installing its devDependencies), which is why an install from git
// gets lib/*.js, the typings and .jsii at all. A checkout that is already built skips the compile
// (in CI, `npm test` right after `npm ci` finds the build `prepare` made); `prepack` always
// compiles, so a packed tarball never ships stale output.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
/** Files every build writes; one missing means "not built". */
const OUTPUTS = ['.jsii', 'lib/index.js', 'lib/index.d.ts', 'bin/egress-rules.js'];
/** Where the sources jsii compiles live, besides package.json. */
const SOURCE_DIRS = ['lib', 'bin', 'examples'];

function mtime(file) {
  try {
    return fs.statSync(path.join(root, file)).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestSource(rel));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      newest = Math.max(newest, mtime(rel) ?? 0);
    }
  }
  return newest;
}

function staleReason() {
  const missing = OUTPUTS.find((file) => mtime(file) === undefined);
  if (missing) {
    return `${missing} is missing`;
  }
  const built = Math.min(...OUTPUTS.map(mtime));
  const sources = Math.max(mtime('package.json'), ...SOURCE_DIRS.filter((d) => mtime(d) !== undefined).map(newestSource));
  return sources > built ? 'sources are newer than the build' : undefined;
}

const reason = staleReason();
if (!reason) {
  console.log('prepare: build is up to date, skipping jsii');
  process.exit(0);
}
let jsii;
try {
  jsii = require.resolve('jsii/bin/jsii', { paths: [root] });
} catch {
  console.error(
    `prepare: ${reason}, but jsii is not installed; install with devDependencies (npm install --include=dev) and run npm run compile`,
  );
  process.exit(1);
}
console.log(`prepare: ${reason}; running npm run compile (${path.relative(root, jsii)})`);
// npm_execpath is npm's own CLI when npm runs this hook; the compile command stays in package.json
const npm = process.env.npm_execpath;
execFileSync(npm ? process.execPath : 'npm', [...(npm ? [npm] : []), 'run', '--silent', 'compile'], {
  cwd: root,
  stdio: 'inherit',
});
