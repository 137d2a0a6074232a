import { Chart, Testing } from 'cdk8s';
import { KubeNetworkPolicy } from 'cdk8s-plus-28/lib/imports/k8s';
import { IngressController, IRoutedIngress, RoutedBackend } from '../lib/k8s/controller';
import { PolicyPeer } from '../lib/k8s/policy/peer';
import { Port } from '../lib/k8s/policy/port';
import { renderConnectivityReport } from '../lib/k8s/policy/private/report';
import { TieredNetworkPolicies, TieredNetworkPoliciesProps } from '../lib/k8s/policy/tiered-network-policies';
import { PolicyEngine } from '../lib/plan/policy-engine';

const backend = (serviceName: string, app: string, containerPort: number): RoutedBackend => ({
  namespace: 'myapp',
  serviceName,
  podLabels: { app },
  containerPort,
});
/** Seed 002's routes: / → web (80 → 80), /api → api (80 → 8080). */
const seedIngress = (
  backends = [backend('web', 'web', 80), backend('api', 'api', 8080)],
): IRoutedIngress => ({
  controller: IngressController.appRouting(),
  routedBackends: () => backends,
});

function seed(props: Partial<TieredNetworkPoliciesProps> = {}) {
  const chart = new Chart(Testing.app(), 'myapp', { namespace: 'myapp' });
  const policies = new TieredNetworkPolicies(chart, 'Policies', {
    namespace: 'myapp',
    engine: PolicyEngine.CILIUM,
    ...props,
  });
  const web = policies.addTier('web', { podLabels: { app: 'web' } });
  const api = policies.addTier('api', { podLabels: { app: 'api' } });
  const database = policies.addTier('database', { podLabels: { app: 'database' } });
  return { chart, policies, web, api, database };
}

const byName = (objects: any[], name: string) => objects.find((o) => o.metadata.name === name);

describe('TieredNetworkPolicies on seed 002', () => {
  const { chart, policies, api, database } = seed();
  policies.allowIngress(seedIngress());
  api.allowTo(database, Port.tcp(5432));
  const out = Testing.synth(chart);

  test('manifests', () => {
    expect(out).toMatchSnapshot();
  });

  test('a constant number of policies: default-deny, allow-dns and one per tier', () => {
    expect(out.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name)).toEqual([
      'default-deny',
      'allow-dns',
      'web-traffic',
      'api-traffic',
      'database-traffic',
    ]);
  });

  test('the namespace is created, cluster-scoped, with its metadata.name label', () => {
    expect(out[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'myapp', labels: { 'kubernetes.io/metadata.name': 'myapp' } },
    });
  });

  test('policyTypes are explicit on every policy; default deny covers both directions', () => {
    for (const p of out.filter((o) => o.kind === 'NetworkPolicy')) {
      expect(p.spec.policyTypes).toBeDefined();
    }
    expect(byName(out, 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('DNS: UDP and TCP 53 to one peer, kube-system AND k8s-app=kube-dns', () => {
    expect(byName(out, 'allow-dns').spec.egress).toEqual([
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ]);
  });

  test('the controller reaches api on the container port 8080, selected by metadata.name AND its labels', () => {
    expect(byName(out, 'api-traffic').spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' } },
            podSelector: {
              matchLabels: {
                'app.kubernetes.io/component': 'ingress-controller',
                'app.kubernetes.io/managed-by': 'aks-app-routing-operator',
              },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
  });

  test('api → database on both sides', () => {
    expect(byName(out, 'api-traffic').spec.egress).toEqual([
      {
        to: [{ podSelector: { matchLabels: { app: 'database' } } }],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    ]);
    expect(byName(out, 'database-traffic').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
  });

  test('the connectivity report is computed from the policies', () => {
    const report = renderConnectivityReport([policies]);
    expect(report).toMatchSnapshot();
    expect(report).toMatch(/\| \*\*api\*\* \| — \| · \| TCP 5432 \| UDP 53, TCP 53 \|/);
    expect(report).toMatch(/\| \*\*web\*\* \| · \| — \| — \| UDP 53, TCP 53 \| — \|/);
    expect(report).toMatch(
      /\| \*\*ingress controller \(app-routing-system\)\*\* \| TCP 80 \| TCP 8080 \| — \|/,
    );
  });
});

describe('TieredNetworkPolicies peers and ports', () => {
  test('other namespaces, external CIDRs with except, named ports, AND vs OR', () => {
    const { chart, policies, web, api } = seed({ engine: PolicyEngine.CALICO });
    policies.allowIngress(seedIngress());
    api.allowFrom(PolicyPeer.podsInNamespace('monitoring', { app: 'prometheus' }), Port.tcp(9090));
    api.allowFrom(PolicyPeer.namespace('batch'), Port.tcpRange(8000, 8100));
    web.allowTo(PolicyPeer.cidr('0.0.0.0/0', ['10.0.0.0/8']), Port.tcp(443));
    const apiPolicy = byName(Testing.synth(chart), 'api-traffic');
    expect(apiPolicy.spec.ingress.slice(1)).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
            podSelector: { matchLabels: { app: 'prometheus' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 9090 }],
      },
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'batch' } } }],
        ports: [{ protocol: 'TCP', port: 8000, endPort: 8100 }],
      },
    ]);
    const report = renderConnectivityReport([policies]);
    expect(report).toMatch(/\| \*\*web\*\* \|.*\| TCP 443 \|/);
  });

  test('named container ports', () => {
    const chart = new Chart(Testing.app(), 'myapp', { namespace: 'myapp' });
    const policies = new TieredNetworkPolicies(chart, 'Policies', {
      namespace: 'myapp',
      engine: PolicyEngine.CALICO,
    });
    const web = policies.addTier('web', { podLabels: { app: 'web' } });
    const api = policies.addTier('api', { podLabels: { app: 'api' }, namedPorts: { http: 8080 } });
    web.allowTo(api, Port.named('http'));
    expect(byName(Testing.synth(chart), 'api-traffic').spec.ingress[0].ports).toEqual([
      { protocol: 'TCP', port: 'http' },
    ]);
  });
});

describe('TieredNetworkPolicies validations', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    [
      'engine none',
      () => seed({ engine: PolicyEngine.NONE }),
      /TieredNetworkPolicies myapp\/Policies: the cluster's policy engine is none, so NetworkPolicies would not be enforced; choose a policy engine/,
    ],
    ['bad namespace', () => seed({ namespace: 'My_App' }), /namespace 'My_App' is not a DNS label/],
    [
      'duplicate tier',
      () => seed().policies.addTier('web', { podLabels: { app: 'web2' } }),
      /tier web is added twice/,
    ],
    [
      'tier without labels',
      () => seed().policies.addTier('all', { podLabels: {} }),
      /tier all has no pod labels, so it would select every pod/,
    ],
    [
      'two tiers on the same pods',
      () => seed().policies.addTier('www', { podLabels: { app: 'web' } }),
      /tier www selects the same pods as tier web/,
    ],
    [
      'unknown tier',
      () => seed().policies.tier('cache'),
      /there is no tier cache; add it first; tiers: web, api, database/,
    ],
    [
      'port out of range',
      () => {
        const s = seed();
        s.web.allowTo(s.api, Port.tcp(70000));
      },
      /Tier myapp\/web: port TCP 70000 is out of range; use 1-65535/,
    ],
    [
      'range backwards',
      () => {
        const s = seed();
        s.web.allowTo(s.api, Port.tcpRange(9000, 8000));
      },
      /port range TCP 9000-8000 ends before it starts; write it as Port.tcpRange\(8000, 9000\)/,
    ],
    [
      'endPort on Azure NPM',
      () => {
        const s = seed({ engine: PolicyEngine.AZURE_NPM });
        s.web.allowTo(s.api, Port.tcpRange(8000, 8100));
      },
      /port range TCP 8000-8100 needs endPort, which engine azure does not enforce/,
    ],
    [
      'bad port name',
      () => {
        const s = seed();
        s.web.allowTo(s.api, Port.named('HTTP_PORT'));
      },
      /port name 'HTTP_PORT' is not an IANA service name/,
    ],
    [
      'except outside the block',
      () => PolicyPeer.cidr('10.0.0.0/8', ['192.168.0.0/16']),
      /PolicyPeer: except 192.168.0.0\/16 is not strictly inside 10.0.0.0\/8/,
    ],
    ['host bits in an ipBlock (seed 002)', () => PolicyPeer.cidr('10.0.1.0/8'), /did you mean 10.0.0.0\/8\?/],
    [
      'peer pods without labels',
      () => PolicyPeer.podsInNamespace('monitoring', {}),
      /pods in monitoring with no labels would select every pod/,
    ],
    [
      'ipBlock over pods on Cilium',
      () => {
        const s = seed({ clusterRanges: ['10.244.0.0/16'] });
        s.web.allowTo(PolicyPeer.cidr('10.0.0.0/8'), Port.tcp(443));
      },
      /ipBlock 10.0.0.0\/8 overlaps cluster range 10.244.0.0\/16, but on cilium an ipBlock never matches pod or node IPs; select pods with tiers/,
    ],
    [
      'service and tier disagree on labels',
      () => seed().policies.allowIngress(seedIngress([backend('web', 'frontend', 80)])),
      /Service web selects pods by \{"app":"frontend"\} but tier web selects \{"app":"web"\}/,
    ],
  ];
  test.each(cases)('%s', (_name, act, message) => {
    expect(act).toThrow(message);
  });

  test('synthesis fails when the generated policies allow more than the declared flows', () => {
    const { chart, policies, api, database } = seed();
    api.allowTo(database, Port.tcp(5432));
    // a policy slipped in beside the generated ones: every pod of the namespace admits everything
    new KubeNetworkPolicy(policies, 'AllowAll', {
      metadata: { name: 'allow-all', namespace: 'myapp' },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] },
    });
    expect(() => Testing.synth(chart)).toThrow(
      /internet→database TCP\/5432 is allowed by the generated policies but not declared; the generated policies do not match the declared flows/,
    );
  });

  test('synthesis: a route added after allowIngress, and a named port the tier lacks', () => {
    const backends = [backend('web', 'web', 80)];
    const late = seed();
    late.policies.allowIngress(seedIngress(backends));
    backends.push(backend('api', 'api', 8080));
    expect(() => Testing.synth(late.chart)).toThrow(
      /the ingress routes to api but no policy admits the controller there; call allowIngress after adding the route/,
    );
    const named = seed();
    named.web.allowTo(named.api, Port.named('grpc'));
    expect(() => Testing.synth(named.chart)).toThrow(
      /flow to api uses named port grpc, which the tier does not declare/,
    );
  });
});
