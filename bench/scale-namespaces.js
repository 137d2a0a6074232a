// `node bench/scale-namespaces.js <n>`: n namespaces, each with four tiers wired by
// TieredNetworkPolicies, synthesized through the library.
'use strict';

const { lib, cdktf, requireExports, manifestApp, run, unitsArg } = require('./driver');

const units = unitsArg();
requireExports('AksNetworkSynth', 'TieredNetworkPolicies');

run(units, () => {
  const tfApp = new cdktf.App();
  const k8sApp = manifestApp('namespaces');
  // Filled in once the TieredNetworkPolicies API has landed.
  throw new Error('scale-namespaces: driver not written for this TieredNetworkPolicies API yet');
  // eslint-disable-next-line no-unreachable
  return { tfApp, k8sApps: [k8sApp] };
});
void lib;
