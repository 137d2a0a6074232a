// `node bench/scale-namespaces.js <n>`: n namespaces, each with four tiers wired by
// TieredNetworkPolicies (ingress controller → web, web → api, api → db, api → cache), synthesized
// through the library.
'use strict';

const { lib, cdk8s, cdktf, requireExports, manifestApp, run, unitsArg } = require('./driver');

const units = unitsArg();
requireExports('AksNetworkSynth', 'TieredNetworkPolicies');

run(units, () => {
  const tfApp = new cdktf.App({ stackTraces: false });
  const k8sApp = manifestApp('namespaces');
  const controller = lib.IngressController.appRouting();
  for (let i = 0; i < units; i++) {
    const namespace = `team-${i}`;
    const chart = new cdk8s.Chart(k8sApp, namespace, { namespace });
    const policies = new lib.TieredNetworkPolicies(chart, 'Policies', {
      namespace,
      engine: lib.PolicyEngine.CILIUM,
    });
    const [web, api, db, cache] = ['web', 'api', 'db', 'cache'].map((name) =>
      policies.addTier(name, { podLabels: { app: name } }),
    );
    policies.allowIngress({
      controller,
      routedBackends: () => [{ namespace, serviceName: 'web', podLabels: { app: 'web' }, containerPort: 8080 }],
    });
    web.allowTo(api, lib.Port.tcp(8080));
    api.allowTo(db, lib.Port.tcp(5432));
    api.allowTo(cache, lib.Port.tcp(6379));
  }
  return { tfApp, k8sApps: [k8sApp] };
});
