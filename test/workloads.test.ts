// The workload checks and the connectivity report over the workloads in the output.
import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { AksNetworkSynth } from '../lib';
import { Port } from '../lib/k8s/policy/port';
import { TieredNetworkPolicies } from '../lib/k8s/policy/tiered-network-policies';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { workloadsIn } from '../lib/verify/workloads';
import { HTTP_8080, routed, service, shop, WORKLOAD_CASES } from './cases/workloads';
import { describeBadInputs, refusalOf, scopesIn, tmpRoot, workload } from './tools/helpers';

describeBadInputs('tiers, Services and flows that meet no workload fail synthesis', WORKLOAD_CASES);

const root = tmpRoot('workloads');
let n = 0;

/** Synthesize what `build` adds to chart shop; the connectivity report and the warnings printed. */
function synth(build: (chart: cdk8s.Chart) => void): { report: string; warnings: string[] } {
  const dir = path.join(root, String(n++));
  fs.mkdirSync(dir);
  const s = scopesIn(dir);
  build(s.chart);
  const printed: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
    printed.push(String(text));
    return true;
  });
  try {
    AksNetworkSynth.synth(s.app, [s.k8s]);
  } finally {
    spy.mockRestore();
  }
  return {
    report: fs.readFileSync(path.join(dir, 'manifests', 'connectivity.md'), 'utf8'),
    warnings: printed.filter((p) => !p.includes('AKSNET-')),
  };
}

describe('the workloads in the output', () => {
  test('pods of Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and Pods, with their container ports', () => {
    const chart = new cdk8s.Chart(cdk8s.Testing.app(), 'c', { namespace: 'shop' });
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod']) {
      workload(
        chart,
        kind.toLowerCase(),
        [
          { containerPort: 8080, name: 'http' },
          { containerPort: 53, protocol: 'UDP' },
        ],
        {
          kind,
        },
      );
    }
    const found = workloadsIn(
      chart.node.children.map((c) => ({
        kind: 'ApiObject',
        path: c.node.path,
        body: (c as cdk8s.ApiObject).toJson(),
      })),
    );
    expect(found.map((w) => [w.kind, w.name, w.namespace, w.labels])).toEqual(
      ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'].map((k) => [
        k,
        k.toLowerCase(),
        'shop',
        { app: k.toLowerCase() },
      ]),
    );
    expect(found[0].ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: undefined, port: 53, protocol: 'UDP' },
    ]);
  });

  test('init containers serve no port, native sidecars (restartPolicy Always) do', () => {
    const body = (c: Record<string, unknown>) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'shop', labels: { app: 'p' } },
      spec: {
        containers: [{ name: 'main', ports: [{ containerPort: 8080 }] }],
        initContainers: [{ name: 'init', ports: [{ containerPort: 9000 }], ...c }],
      },
    });
    const ports = (c: Record<string, unknown>) =>
      workloadsIn([{ kind: 'ApiObject', path: 'c/p', body: body(c) }])[0].ports.map((p) => p.port);
    expect(ports({})).toEqual([8080]);
    expect(ports({ restartPolicy: 'Always' })).toEqual([8080, 9000]);
  });
});

describe('the connectivity report shows the workloads', () => {
  test('rows and columns name each workload by its tiers; a workload no tier selects is isolated', () => {
    const { report } = synth((chart) => {
      const { web, api } = shop(chart);
      workload(chart, 'worker', []);
      web.allowTo(api, Port.tcpRange(8000, 8100));
    });
    expect(report).toContain(
      '| from \\ to | web (Deployment web) | api (Deployment api) | Deployment worker (no tier) | kube-dns |',
    );
    // the range is probed where the container listens: 8080, not 8000 and 8100
    expect(report).toContain('| **web (Deployment web)** | · | TCP 8080 | — | UDP 53, TCP 53 |');
    expect(report).toContain('| **Deployment worker (no tier)** | — | — | · | UDP 53, TCP 53 |');
  });

  test('two workloads of one tier are two rows; a tier of pods outside the app stays as itself', () => {
    const { report, warnings } = synth((chart) => {
      const { policies, web } = shop(chart);
      workload(chart, 'api-canary', HTTP_8080, { labels: { app: 'api', track: 'canary' } });
      const legacy = policies.addTier('legacy', { podLabels: { app: 'legacy' }, external: true });
      web.allowTo(policies.tier('api'), Port.named('http'));
      web.allowTo(legacy, Port.tcp(9000));
      service(chart, 'legacy', 'legacy', { targetPort: 9000 });
    });
    expect(report).toContain('| **web (Deployment web)** | · | TCP 8080 | TCP 8080 | TCP 9000 |');
    expect(report).toMatch(
      /\| api \(Deployment api\) \| api \(Deployment api-canary\) \| legacy \(external\) \|/,
    );
    expect(warnings).toEqual([
      'WARN TieredNetworkPolicies shop/Policies: tier legacy (app=legacy) selects no workload in this app; it is declared external, so its pods, ports and Service legacy are not checked\n',
    ]);
  });
});

describe('what is refused, and what is said once', () => {
  test('a routed Service with a wrong targetPort is one problem, not one for the Service and one for its flow', () => {
    const dir = path.join(root, 'once');
    fs.mkdirSync(dir);
    const refusal = refusalOf((s) => routed(s, { targetPort: 9090 }), dir);
    expect(refusal.messages.filter((m) => m.includes('9090'))).toHaveLength(1);
  });

  test('the same app with the right targetPort synthesizes, the controller reaching api on 8080', () => {
    const dir = path.join(root, 'right');
    fs.mkdirSync(dir);
    const s = scopesIn(dir);
    routed(s, {});
    AksNetworkSynth.synth(s.app, [s.k8s]);
    expect(fs.readFileSync(path.join(dir, 'manifests', 'connectivity.md'), 'utf8')).toContain(
      '| **ingress controller (app-routing-system)** | — | TCP 8080 |',
    );
  });

  test('a workload of another namespace does not satisfy a tier', () => {
    const dir = path.join(root, 'other');
    fs.mkdirSync(dir);
    const refusal = refusalOf((s) => {
      workload(new cdk8s.Chart(s.k8s, 'other', { namespace: 'other' }), 'web', HTTP_8080);
      new TieredNetworkPolicies(s.chart, 'Policies', {
        namespace: 'shop',
        engine: PolicyEngine.CILIUM,
      }).addTier('web', { podLabels: { app: 'web' } });
    }, dir);
    expect(refusal.messages.join('\n')).toContain(
      'tier web selects pods app=web, but no workload in namespace shop has those labels (namespace shop has no workload in this app)',
    );
  });
});
