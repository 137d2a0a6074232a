// `node bench/scale-spokes.js <n>`: n spoke networks, each with its own cluster, on one shared hub
// firewall, all in one stack, synthesized through the library. Exits 3 ("not available yet") while
// lib exports no hub construct.
//
// The hub's API is the landing-zone issue's to settle: when the construct lands, `joinSpoke` below
// is the one place to adapt (the driver fails loudly, with this file named, if the guess is off).
'use strict';

const { lib, cdktf, unavailable, run, unitsArg } = require('./driver');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');

/** Names the shared hub construct may be exported under; the first one lib exports is used. */
const HUB_EXPORTS = ['SharedHub', 'HubNetwork', 'EgressHub', 'FirewallHub'];
const LOCATION = 'westeurope';

const units = unitsArg();
const hubName = HUB_EXPORTS.find((name) => lib[name] !== undefined);
if (!hubName) {
  unavailable(`lib does not export a shared hub construct (${HUB_EXPORTS.join(', ')}) yet`);
}
const Hub = lib[hubName];

/** The egress a spoke's cluster uses once its network has joined the hub. */
function joinSpoke(hub, stack, i, network) {
  if (typeof hub.addSpoke !== 'function') {
    throw new Error(`bench/scale-spokes.js: adapt joinSpoke() to the API of ${hubName} (no addSpoke method)`);
  }
  return hub.addSpoke(`Spoke${i}`, { network });
}

run(units, () => {
  const tfApp = new cdktf.App({ stackTraces: false });
  const stack = new cdktf.TerraformStack(tfApp, 'spokes');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const hub = new Hub(stack, 'Hub', { location: LOCATION, addressSpace: '10.250.0.0/22' });
  for (let i = 0; i < units; i++) {
    // VNets 10.16.0.0/16 up, pod ranges 100.64.0.0/16 up: disjoint across the hub and every spoke
    const network = new lib.ClusterNetwork(stack, `Network${i}`, {
      location: LOCATION,
      addressSpace: `10.${16 + i}.0.0/16`,
      ingressSubnetPrefixLength: 28,
    });
    const egress = joinSpoke(hub, stack, i, network);
    new lib.AksCluster(stack, `Aks${i}`, {
      network,
      egress,
      networkModel: lib.NetworkModel.cilium({ podCidr: `100.${64 + i}.0.0/16` }),
      appRouting: { defaultNginxController: lib.NginxControllerMode.NONE },
    });
  }
  return { tfApp, k8sApps: [] };
});
