// Shared frame of the scaling drivers: load the compiled library, time build and synthesis
// separately, print one `BENCH {...}` line for bench/run.js, exit 3 when the library does not
// offer what the driver needs yet.
'use strict';

const path = require('path');
const { EXIT_UNAVAILABLE } = require('./measure');

const now = () => Number(process.hrtime.bigint()) / 1e6;
const loadStart = now();
const lib = require('../lib');
const cdktf = require('cdktf');
const cdk8s = require('cdk8s');
const loadMs = now() - loadStart;

function unavailable(reason) {
  console.log(`BENCH ${JSON.stringify({ unavailable: reason })}`);
  process.exit(EXIT_UNAVAILABLE);
}

/** Exit as "not available yet" unless lib exports every named member. */
function requireExports(...names) {
  const missing = names.filter((n) => lib[n] === undefined);
  if (missing.length > 0) {
    unavailable(`lib does not export ${missing.join(', ')} yet`);
  }
}

/** A cdk8s app writing into $AKS_NETWORK_MANIFEST_DIR/<name>, like examples/run.ts. */
function manifestApp(name) {
  return new cdk8s.App({
    outdir: path.join(process.env.AKS_NETWORK_MANIFEST_DIR || 'dist', name),
    yamlOutputType: cdk8s.YamlOutputType.FILE_PER_CHART,
  });
}

/**
 * Time `build()` (returns `{ tfApp, k8sApps }`) and the synthesis through AksNetworkSynth,
 * then print the report line.
 */
function run(units, build) {
  const buildStart = now();
  const { tfApp, k8sApps } = build();
  const synthStart = now();
  lib.AksNetworkSynth.synth(tfApp, k8sApps);
  const end = now();
  console.log(
    `BENCH ${JSON.stringify({ units, loadMs: round(loadMs), buildMs: round(synthStart - buildStart), synthMs: round(end - synthStart) })}`,
  );
}

function round(x) {
  return Math.round(x * 100) / 100;
}

/** The unit count from argv[2]. */
function unitsArg() {
  const n = Number(process.argv[2]);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`usage: node ${path.basename(process.argv[1])} <count>`);
  }
  return n;
}

module.exports = { lib, cdktf, cdk8s, unavailable, requireExports, manifestApp, run, unitsArg };
