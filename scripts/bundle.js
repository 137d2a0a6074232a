#!/usr/bin/env node
// `node scripts/bundle.js <entry.js> <outfile>`: one esbuild bundle of a compiled app for Node, as a
// user would ship it (constructor names kept: cdktf and cdk8s read them). Any esbuild warning fails
// it: esbuild warns exactly where a module load is hidden from it (a computed `require`,
// `require.resolve`), and such a load reaches node_modules at run time beside the bundle.
'use strict';

const esbuild = require('esbuild');

/** Bundles `entry` into `outfile`; returns esbuild's warnings, formatted. */
function bundle(entry, outfile) {
  const result = esbuild.buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    keepNames: true,
    // compiled JavaScript only, as the package ships it: by default esbuild would prefer a `.ts`
    // beside a `.js` and bundle its own transpile of the sources instead of jsii's output
    resolveExtensions: ['.js', '.cjs', '.json'],
    logLevel: 'silent',
  });
  return esbuild.formatMessagesSync(result.warnings, { kind: 'warning', color: false });
}

if (require.main === module) {
  const [entry, outfile] = process.argv.slice(2);
  if (!entry || !outfile) {
    process.stderr.write('usage: node scripts/bundle.js <entry.js> <outfile>\n');
    process.exit(2);
  }
  const warnings = bundle(entry, outfile);
  process.stderr.write(warnings.join(''));
  process.exitCode = warnings.length === 0 ? 0 : 1;
}

module.exports = { bundle };
