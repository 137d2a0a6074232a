// cdk8s-plus as users write it: a Deployment with pod labels in podMetadata and cdk8s-plus's own
// selector left on, exposed with exposeViaService, select(deployment) or selectLabel. The Service
// then selects by `cdk8s.io/metadata.addr` (or by the label); the policies meet the tier that selects
// the same pods, and the whole app synthesizes.
import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { hardened, resources, scratch } from '../examples/hardened';
import { AksNetworkSynth } from '../lib';
import { AppIngress, IngressTls } from '../lib/k8s/ingress/app-ingress';
import { IngressTarget } from '../lib/k8s/ingress/ingress-target';
import { TieredNetworkPolicies } from '../lib/k8s/policy/tiered-network-policies';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { refusalOf, Scopes, scopesIn, thrownBy, tmpRoot } from './tools/helpers';

/** A hardened cdk8s-plus Deployment `web`, pods labelled app=web, listening on 8080. */
function webDeployment(chart: cdk8s.Chart): kplus.Deployment {
  const web = new kplus.Deployment(chart, 'web', {
    metadata: { name: 'web' },
    automountServiceAccountToken: false,
    podMetadata: { labels: { app: 'web' } },
    securityContext: { ensureNonRoot: true },
  });
  const container = web.addContainer({
    name: 'web',
    image: 'nginxinc/nginx-unprivileged:1.27-alpine',
    portNumber: 8080,
    securityContext: hardened(101),
    resources: resources(100, 64),
  });
  scratch(chart, 'Tmp', container, '/tmp');
  return web;
}

/** The app with Service `service` routed by an Ingress, admitted by the policies of tier web. */
function routedThrough(s: Scopes, service: (web: kplus.Deployment) => kplus.Service): TieredNetworkPolicies {
  const web = webDeployment(s.chart);
  const ingress = new AppIngress(s.chart, 'Ingress', {
    tls: [IngressTls.fromSecret('tls', ['shop.example.com'])],
  });
  ingress.route('shop.example.com', '/', IngressTarget.service(service(web)));
  const policies = new TieredNetworkPolicies(s.chart, 'Policies', {
    namespace: 'shop',
    engine: PolicyEngine.CILIUM,
  });
  policies.addTier('web', { podLabels: { app: 'web' } });
  policies.allowIngress(ingress);
  return policies;
}

const root = tmpRoot('kplus');
let n = 0;

const STYLES: Array<[string, (web: kplus.Deployment) => kplus.Service]> = [
  [
    'exposeViaService',
    (web) => web.exposeViaService({ name: 'web', ports: [{ port: 80, targetPort: 8080 }] }),
  ],
  [
    'service.select(deployment)',
    (web) => {
      const svc = new kplus.Service(web, 'Service', {
        metadata: { name: 'web' },
        ports: [{ port: 80, targetPort: 8080 }],
      });
      svc.select(web);
      return svc;
    },
  ],
  [
    'selectLabel',
    (web) => {
      const svc = new kplus.Service(web, 'Service', {
        metadata: { name: 'web' },
        ports: [{ port: 80, targetPort: 8080 }],
      });
      svc.selectLabel('app', 'web');
      return svc;
    },
  ],
];

describe.each(STYLES)('a cdk8s-plus Service made with %s', (_style, service) => {
  test('meets the tier of the pod labels: no second tier, the controller admitted on 8080, synthesis passes', () => {
    const dir = path.join(root, String(n++));
    fs.mkdirSync(dir);
    const s = scopesIn(dir);
    const policies = routedThrough(s, service);
    expect(policies.tiers.map((t) => t.name)).toEqual(['web']);
    AksNetworkSynth.synth(s.app, [s.k8s]);
    const objects = cdk8s.Yaml.load(path.join(dir, 'manifests', 'shop.k8s.yaml'));
    const webTraffic = objects.find((o: any) => o?.metadata?.name === 'web-traffic');
    expect(webTraffic.spec.podSelector).toEqual({ matchLabels: { app: 'web' } });
    expect(webTraffic.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(fs.readFileSync(path.join(dir, 'manifests', 'connectivity.md'), 'utf8')).toContain(
      '| **ingress controller (app-routing-system)** | TCP 8080 |',
    );
  });
});

describe('what cannot be met', () => {
  test('a Service named like a tier that selects other pods fails where the ingress is admitted', () => {
    const dir = path.join(root, 'other-pods');
    fs.mkdirSync(dir);
    const message = thrownBy(() =>
      routedThrough(scopesIn(dir), (web) => {
        const svc = new kplus.Service(web, 'Service', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
        svc.selectLabel('app', 'frontend');
        return svc;
      }),
    );
    expect(message).toBe(
      "TieredNetworkPolicies shop/Policies: Service web selects pods app=frontend, but tier web selects app=web, and no workload of this app is selected by both; make them select the same pods: the tier's labels on the Service (cdk8s-plus: service.selectLabel(key, value)), or add the workloads before allowIngress",
    );
  });

  test('a tier written with labels the cdk8s-plus pods do not carry explains the pod labels to give', () => {
    const dir = path.join(root, 'no-labels');
    fs.mkdirSync(dir);
    const refusal = refusalOf((s) => {
      const web = new kplus.Deployment(s.chart, 'web', {
        metadata: { name: 'web' },
        automountServiceAccountToken: false,
        securityContext: { ensureNonRoot: true },
      });
      web.addContainer({
        name: 'web',
        image: 'nginxinc/nginx-unprivileged:1.27-alpine',
        portNumber: 8080,
        securityContext: hardened(101),
        resources: resources(100, 64),
      });
      new TieredNetworkPolicies(s.chart, 'Policies', {
        namespace: 'shop',
        engine: PolicyEngine.CILIUM,
      }).addTier('web', {
        podLabels: { app: 'web' },
      });
    }, dir);
    expect(refusal.at).toBe('synthesis');
    expect(refusal.messages.join('\n')).toMatch(
      /tier web selects pods app=web, but no workload in namespace shop has those labels \(workloads in shop: Deployment web \(cdk8s\.io\/metadata\.addr=[\w-]+\)\).*cdk8s-plus selects pods by cdk8s\.io\/metadata\.addr unless told otherwise: give the workload pod labels \(podMetadata: \{ labels: \{ app: 'web' \} \}\) and select those/,
    );
  });
});
