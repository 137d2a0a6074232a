// `node bench/scale-clusters.js <n>`: n AKS clusters, each behind its own SecureEgress,
// synthesized through the library.
'use strict';

const { lib, cdktf, requireExports, run, unitsArg } = require('./driver');

const units = unitsArg();
requireExports('AksNetworkSynth', 'AksCluster', 'SecureEgress');

run(units, () => {
  const tfApp = new cdktf.App();
  // Filled in once the AksCluster and SecureEgress APIs have landed.
  throw new Error('scale-clusters: driver not written for this AksCluster/SecureEgress API yet');
  // eslint-disable-next-line no-unreachable
  return { tfApp, k8sApps: [] };
});
void lib;
