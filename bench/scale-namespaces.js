// `node bench/scale-namespaces.js <n>`: n namespaces, each with four tiers wired by
// TieredNetworkPolicies (ingress controller → web, web → api, api → db, api → cache), synthesized
// through the library. Every tier has its hardened Deployment (examples/hardened.ts), so the checks
// and the connectivity report run over real pods.
'use strict';

const { lib, cdk8s, cdktf, requireExports, manifestApp, run, unitsArg } = require('./driver');

const { appDeployment } = require('../examples/hardened');

const PODS = [
  { name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', port: 8080, portName: 'http', user: 101, scratch: ['/tmp'] },
  { name: 'api', image: 'ghcr.io/example/api:1.0.0', port: 8080, portName: 'http', user: 10001, scratch: [] },
  { name: 'db', image: 'postgres:16', port: 5432, portName: 'postgres', user: 999, scratch: ['/var/run/postgresql', '/var/lib/postgresql/data'] },
  { name: 'cache', image: 'redis:7', port: 6379, portName: 'redis', user: 999, scratch: ['/data'] },
];

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
    PODS.forEach((pod) => appDeployment(chart, pod));
    const [web, api, db, cache] = PODS.map(({ name }) => policies.addTier(name, { podLabels: { app: name } }));
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
