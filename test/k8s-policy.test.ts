import { Chart, Testing } from 'cdk8s';
import { AksNetworkError } from '../lib/core/errors';
import { PolicyPeer } from '../lib/k8s/policy/peer';
import { Port } from '../lib/k8s/policy/port';
import { TieredNetworkPolicies, TieredNetworkPoliciesProps } from '../lib/k8s/policy/tiered-network-policies';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { evaluateNamespace, renderConnectivityReport } from '../lib/verify/policy/connectivity';
import { POLICY_CASES, backend, routedIngress } from './cases/k8s-policy';
import { chart, describeBadInputs } from './tools/helpers';

/** Seed 002's routes: / → web (80 → 80), /api → api (80 → 8080), in namespace `namespace`. */
const seedIngress = (namespace = 'myapp') =>
  routedIngress([backend('web', 'web', 80, namespace), backend('api', 'api', 8080, namespace)]);

/** Policies for namespace `namespace` (myapp unless told) with the tiers web, api and database. */
function seed(props: Partial<TieredNetworkPoliciesProps> = {}) {
  const namespace = props.namespace ?? 'myapp';
  const c: Chart = chart(namespace, namespace);
  const policies = new TieredNetworkPolicies(c, 'Policies', {
    namespace,
    engine: PolicyEngine.CILIUM,
    ...props,
  });
  const web = policies.addTier('web', { podLabels: { app: 'web' } });
  const api = policies.addTier('api', { podLabels: { app: 'api' } });
  const database = policies.addTier('database', { podLabels: { app: 'database' } });
  return { chart: c, policies, web, api, database };
}

/** The connectivity report of these policies, as synthesis writes it. */
const reportOf = (...all: TieredNetworkPolicies[]): string =>
  renderConnectivityReport(all.map((p) => ({ description: p._describe(), evaluation: p._evaluation() })));

const byName = (objects: any[], name: string) => objects.find((o) => o.metadata.name === name);

describe('TieredNetworkPolicies on seed 002', () => {
  const { chart: c, policies, api, database } = seed();
  policies.allowIngress(seedIngress());
  api.allowTo(database, Port.tcp(5432));
  const out = Testing.synth(c);

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
    const report = reportOf(policies);
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
    const { chart: c, policies, web, api } = seed({ engine: PolicyEngine.CALICO });
    policies.allowIngress(seedIngress());
    api.allowFrom(PolicyPeer.podsInNamespace('monitoring', { app: 'prometheus' }), Port.tcp(9090));
    api.allowFrom(PolicyPeer.namespace('batch'), Port.tcpRange(8000, 8100));
    web.allowTo(PolicyPeer.cidr('0.0.0.0/0', ['10.0.0.0/8']), Port.tcp(443));
    const apiPolicy = byName(Testing.synth(c), 'api-traffic');
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
    const report = reportOf(policies);
    expect(report).toMatch(/\| \*\*web\*\* \|.*\| TCP 443 \|/);
  });

  test('named container ports', () => {
    const c = chart('myapp', 'myapp');
    const policies = new TieredNetworkPolicies(c, 'Policies', {
      namespace: 'myapp',
      engine: PolicyEngine.CALICO,
    });
    const web = policies.addTier('web', { podLabels: { app: 'web' } });
    const api = policies.addTier('api', { podLabels: { app: 'api' }, namedPorts: { http: 8080 } });
    web.allowTo(api, Port.named('http'));
    expect(byName(Testing.synth(c), 'api-traffic').spec.ingress[0].ports).toEqual([
      { protocol: 'TCP', port: 'http' },
    ]);
  });
});

describe('TieredNetworkPolicies validations', () => {
  test('peers that name no factory path still give the library error with value and fix', () => {
    expect(() => PolicyPeer.cidr('10.0.1.0/8')).toThrow(AksNetworkError);
    expect(() => PolicyPeer.cidr('10.0.1.0/8')).toThrow(
      /10.0.1.0\/8 has host bits set; did you mean 10.0.0.0\/8\?/,
    );
    expect(() => PolicyPeer.podsInNamespace('monitoring', {})).toThrow(
      /^PolicyPeer.podsInNamespace\('monitoring', ...\) with no labels would select every pod; give pod labels/,
    );
  });

  // Defects of issue 14: Port.tcp(70000) was accepted until a flow used it (its twin EgressPort threw
  // a RangeError), and a bad clusterRanges entry failed with an `address plan:` subject, no path.
  test('an out-of-range port fails where it is made; a bad cluster range names the policies', () => {
    for (const make of [() => Port.tcp(70000), () => Port.udp(0), () => Port.tcpRange(1, 65536)]) {
      expect(make).toThrow(AksNetworkError);
    }
    expect(() => Port.tcp(70000)).toThrow(/^Port\.tcp: port TCP 70000 is out of range; use 1-65535$/);
    expect(() => seed({ clusterRanges: ['10.244.0.0'] })).toThrow(
      /^TieredNetworkPolicies myapp\/Policies: clusterRanges entry '10.244.0.0' is not an IPv4 CIDR; write it as a.b.c.d\/n/,
    );
  });

  // Defect of issue 14: the connectivity model stood for every other namespace with a pod in a
  // namespace named `other`, so a real namespace of that name collided with it and failed synthesis.
  test('a namespace named other synthesizes, and its report is that of any other name', () => {
    const policiesIn = (namespace: string) => {
      const s = seed({ namespace });
      s.policies.allowIngress(seedIngress(namespace));
      s.api.allowTo(s.database, Port.tcp(5432));
      s.web.allowFrom(PolicyPeer.namespace('monitoring'), Port.tcp(9090));
      return s;
    };
    const other = policiesIn('other');
    expect(() => Testing.synth(other.chart)).not.toThrow();
    expect(other.policies._evaluation().differences).toEqual([]);
    const report = reportOf(other.policies);
    expect(report).toContain('## Namespace other (policy engine cilium)');
    expect(report).toMatch(/\| \*\*other namespace\*\* \| — \| — \| — \|/); // nothing else reaches the tiers
    expect(report).toBe(reportOf(policiesIn('shop').policies).replace(/Namespace shop/g, 'Namespace other'));
  });

  test('the evaluation is a pure function of the plain description', () => {
    const { policies, api, database } = seed();
    api.allowTo(database, Port.tcp(5432));
    const description = policies._describe();
    expect(JSON.parse(JSON.stringify(description))).toEqual(description); // plain values only
    expect(evaluateNamespace(description).differences).toEqual([]);
    expect(evaluateNamespace(description).cells).toEqual(policies._evaluation().cells);
  });
});

describeBadInputs('TieredNetworkPolicies refuses bad inputs', POLICY_CASES);
