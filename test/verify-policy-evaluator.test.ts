import { Endpoint, NetworkPolicyJson, PolicyEvaluator, RuleJson } from '../lib/verify/policy/evaluator';

// Truth tables in the families the Kubernetes network policy conformance tests use.
const ns = (name: string, labels: Record<string, string> = {}): [string, Record<string, string>] => [
  name,
  { 'kubernetes.io/metadata.name': name, ...labels },
];
const NAMESPACES = Object.fromEntries([
  ns('x', { team: 'a' }),
  ns('y', { team: 'b' }),
  ns('z'),
  ns('kube-system'),
]);
const pod = (namespace: string, app: string, extra: Partial<Endpoint> = {}): Endpoint =>
  ({
    kind: 'pod',
    name: `${namespace}/${app}`,
    namespace,
    labels: { app },
    ip: ipOf(namespace, app),
    namedPorts: { http: { port: 80 }, dns: { port: 53, protocol: 'UDP' } },
    ...extra,
  }) as Endpoint;
function ipOf(namespace: string, app: string): string {
  return `10.244.${['x', 'y', 'z', 'kube-system'].indexOf(namespace) + 1}.${app.charCodeAt(0)}`;
}
const xa = pod('x', 'a');
const xb = pod('x', 'b');
const xc = pod('x', 'c');
const ya = pod('y', 'a');
const za = pod('z', 'a');
const dns: Endpoint = {
  kind: 'pod',
  name: 'kube-dns',
  namespace: 'kube-system',
  labels: { 'k8s-app': 'kube-dns' },
};
const internet: Endpoint = { kind: 'external', name: 'internet', ip: '203.0.113.10' };
const onPrem: Endpoint = { kind: 'external', name: 'on-prem', ip: '192.168.1.10' };

const policy = (
  namespace: string,
  podSelector: NetworkPolicyJson['spec']['podSelector'],
  parts: { types?: string[]; ingress?: RuleJson[]; egress?: RuleJson[] },
): NetworkPolicyJson => ({
  metadata: { name: 'p', namespace },
  spec: { podSelector, policyTypes: parts.types, ingress: parts.ingress, egress: parts.egress },
});
const denyIngress = (namespace: string) => policy(namespace, {}, { types: ['Ingress'] });
const denyAll = (namespace: string) => policy(namespace, {}, { types: ['Ingress', 'Egress'] });
const toA = (rule: RuleJson) =>
  policy('x', { matchLabels: { app: 'a' } }, { types: ['Ingress'], ingress: [rule] });

const UDP53 = { protocol: 'UDP', port: 53 };
const TCP53 = { protocol: 'TCP', port: 53 };
/** Egress to kube-dns through one peer: kube-system AND k8s-app=kube-dns. */
const allowDns = (...ports: Array<{ protocol: string; port: number }>) =>
  policy(
    'x',
    {},
    {
      types: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports,
        },
      ],
    },
  );

type Row = [string, NetworkPolicyJson[], Endpoint, Endpoint, string, number, boolean];

const rows: Row[] = [
  // no policies: everything open
  ['no policy: allowed', [], xb, xa, 'TCP', 80, true],
  // default deny
  ['deny ingress: denied', [denyIngress('x')], xb, xa, 'TCP', 80, false],
  ['deny ingress: egress still open', [denyIngress('x')], xa, ya, 'TCP', 80, true],
  ['deny ingress in x does not isolate y', [denyIngress('x')], xa, ya, 'TCP', 80, true],
  ['deny both: egress denied', [denyAll('x')], xa, ya, 'TCP', 80, false],
  ['deny both: internet denied', [denyAll('x')], xa, internet, 'TCP', 443, false],
  ['ingress: [] isolates', [policy('x', {}, { types: ['Ingress'], ingress: [] })], xb, xa, 'TCP', 80, false],
  [
    'ingress: [{}] allows all',
    [policy('x', {}, { types: ['Ingress'], ingress: [{}] })],
    ya,
    xa,
    'UDP',
    9,
    true,
  ],
  [
    'policyTypes omitted, no egress rules: ingress only',
    [policy('x', {}, { ingress: [] })],
    xa,
    ya,
    'TCP',
    80,
    true,
  ],
  [
    'policyTypes omitted, egress rules: egress isolated',
    [policy('x', {}, { egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }] }] })],
    xa,
    ya,
    'TCP',
    80,
    false,
  ],
  // pod selector
  [
    'pod selector: b admitted',
    [toA({ from: [{ podSelector: { matchLabels: { app: 'b' } } }] })],
    xb,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'pod selector: c refused',
    [toA({ from: [{ podSelector: { matchLabels: { app: 'b' } } }] })],
    xc,
    xa,
    'TCP',
    80,
    false,
  ],
  [
    'pod selector alone is same-namespace only',
    [toA({ from: [{ podSelector: { matchLabels: { app: 'b' } } }] })],
    pod('y', 'b'),
    xa,
    'TCP',
    80,
    false,
  ],
  ['policy selects a only: b stays open', [toA({ from: [] })], xc, xb, 'TCP', 80, true],
  // namespace selector
  [
    'namespace selector: y admitted',
    [toA({ from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }] })],
    ya,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'namespace selector: z refused',
    [toA({ from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }] })],
    za,
    xa,
    'TCP',
    80,
    false,
  ],
  [
    'namespace selector by metadata.name',
    [toA({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'z' } } }] })],
    za,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'a `name` label nobody sets matches nothing (seed 002)',
    [toA({ from: [{ namespaceSelector: { matchLabels: { name: 'y' } } }] })],
    ya,
    xa,
    'TCP',
    80,
    false,
  ],
  [
    'empty namespace selector: every namespace',
    [toA({ from: [{ namespaceSelector: {} }] })],
    za,
    xa,
    'TCP',
    80,
    true,
  ],
  // AND vs OR
  [
    'AND: namespace y AND app b — y/a refused',
    [
      toA({
        from: [
          { namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'b' } } },
        ],
      }),
    ],
    ya,
    xa,
    'TCP',
    80,
    false,
  ],
  [
    'AND: namespace y AND app b — y/b admitted',
    [
      toA({
        from: [
          { namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'b' } } },
        ],
      }),
    ],
    pod('y', 'b'),
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'OR: namespace y OR app b — y/a admitted',
    [
      toA({
        from: [
          { namespaceSelector: { matchLabels: { team: 'b' } } },
          { podSelector: { matchLabels: { app: 'b' } } },
        ],
      }),
    ],
    ya,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'OR: namespace y OR app b — x/b admitted',
    [
      toA({
        from: [
          { namespaceSelector: { matchLabels: { team: 'b' } } },
          { podSelector: { matchLabels: { app: 'b' } } },
        ],
      }),
    ],
    xb,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'OR: namespace y OR app b — z/b refused',
    [
      toA({
        from: [
          { namespaceSelector: { matchLabels: { team: 'b' } } },
          { podSelector: { matchLabels: { app: 'b' } } },
        ],
      }),
    ],
    pod('z', 'b'),
    xa,
    'TCP',
    80,
    false,
  ],
  // match expressions
  [
    'In',
    [
      toA({
        from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['b', 'c'] }] } }],
      }),
    ],
    xc,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'NotIn',
    [
      toA({
        from: [
          { podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['b', 'c'] }] } },
        ],
      }),
    ],
    xc,
    xa,
    'TCP',
    80,
    false,
  ],
  [
    'Exists',
    [toA({ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }] })],
    xb,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'DoesNotExist',
    [toA({ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } }] })],
    xb,
    xa,
    'TCP',
    80,
    false,
  ],
  [
    'namespace NotIn',
    [
      toA({
        from: [
          { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['b'] }] } },
        ],
      }),
    ],
    za,
    xa,
    'TCP',
    80,
    true,
  ],
  // numbered and named ports, protocols, ranges
  ['numbered port: 80 admitted', [toA({ ports: [{ protocol: 'TCP', port: 80 }] })], xb, xa, 'TCP', 80, true],
  ['numbered port: 81 refused', [toA({ ports: [{ protocol: 'TCP', port: 80 }] })], xb, xa, 'TCP', 81, false],
  ['protocol defaults to TCP', [toA({ ports: [{ port: 80 }] })], xb, xa, 'TCP', 80, true],
  [
    'wrong protocol: UDP 80 refused',
    [toA({ ports: [{ protocol: 'TCP', port: 80 }] })],
    xb,
    xa,
    'UDP',
    80,
    false,
  ],
  [
    'named port resolves on the destination',
    [toA({ ports: [{ protocol: 'TCP', port: 'http' }] })],
    xb,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'named port: other number refused',
    [toA({ ports: [{ protocol: 'TCP', port: 'http' }] })],
    xb,
    xa,
    'TCP',
    8080,
    false,
  ],
  [
    'named port with the wrong protocol',
    [toA({ ports: [{ protocol: 'TCP', port: 'dns' }] })],
    xb,
    xa,
    'TCP',
    53,
    false,
  ],
  [
    'port omitted: all ports of the protocol',
    [toA({ ports: [{ protocol: 'UDP' }] })],
    xb,
    xa,
    'UDP',
    9999,
    true,
  ],
  [
    'range: inside',
    [toA({ ports: [{ protocol: 'TCP', port: 8000, endPort: 8100 }] })],
    xb,
    xa,
    'TCP',
    8100,
    true,
  ],
  [
    'range: outside',
    [toA({ ports: [{ protocol: 'TCP', port: 8000, endPort: 8100 }] })],
    xb,
    xa,
    'TCP',
    8101,
    false,
  ],
  // stacked policies are additive
  [
    'stacked: first policy admits b',
    [
      toA({ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }),
      toA({ from: [{ podSelector: { matchLabels: { app: 'c' } } }] }),
    ],
    xb,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'stacked: second policy admits c',
    [
      toA({ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }),
      toA({ from: [{ podSelector: { matchLabels: { app: 'c' } } }] }),
    ],
    xc,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'stacked: deny-all plus allow',
    [denyAll('x'), toA({ from: [{ podSelector: { matchLabels: { app: 'b' } } }] })],
    xb,
    xa,
    'TCP',
    80,
    false,
  ], // b's egress is denied
  [
    'both sides: egress and ingress allowed',
    [
      denyAll('x'),
      toA({ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }),
      policy(
        'x',
        { matchLabels: { app: 'b' } },
        { types: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'a' } } }] }] },
      ),
    ],
    xb,
    xa,
    'TCP',
    80,
    true,
  ],
  // allow-all
  [
    'allow all ingress after deny',
    [denyIngress('x'), policy('x', {}, { types: ['Ingress'], ingress: [{}] })],
    za,
    xa,
    'TCP',
    80,
    true,
  ],
  // ipBlock with except
  [
    'ipBlock admits the block',
    [
      policy(
        'x',
        {},
        {
          types: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] } }] }],
        },
      ),
    ],
    xa,
    internet,
    'TCP',
    443,
    true,
  ],
  [
    'ipBlock except refuses',
    [
      policy(
        'x',
        {},
        {
          types: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] } }] }],
        },
      ),
    ],
    xa,
    onPrem,
    'TCP',
    443,
    false,
  ],
  [
    'ipBlock matches pod IPs (most engines)',
    [toA({ from: [{ ipBlock: { cidr: '10.244.0.0/16' } }] })],
    ya,
    xa,
    'TCP',
    80,
    true,
  ],
  [
    'selectors never match external addresses',
    [policy('x', {}, { types: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }] }] })],
    xa,
    internet,
    'TCP',
    443,
    false,
  ],
  // DNS under egress deny
  ['egress deny blocks DNS', [denyAll('x')], xa, dns, 'UDP', 53, false],
  ['DNS allowed: UDP 53 to kube-dns', [denyAll('x'), allowDns(UDP53, TCP53)], xa, dns, 'UDP', 53, true],
  ['DNS allowed: TCP 53 to kube-dns', [denyAll('x'), allowDns(UDP53, TCP53)], xa, dns, 'TCP', 53, true],
  [
    'DNS rule does not open port 53 elsewhere',
    [denyAll('x'), allowDns(UDP53)],
    xa,
    internet,
    'UDP',
    53,
    false,
  ],
  [
    'ports-only DNS rule opens 53 to any host',
    [
      denyAll('x'),
      policy('x', {}, { types: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] }),
    ],
    xa,
    internet,
    'UDP',
    53,
    true,
  ],
];

describe('NetworkPolicy truth tables', () => {
  test.each(rows)('%s', (_name, policies, src, dst, protocol, port, expected) => {
    expect(new PolicyEvaluator(policies, NAMESPACES).allowed(src, dst, protocol, port)).toBe(expected);
  });

  test('Cilium: an ipBlock never matches pod IPs', () => {
    const policies = [toA({ from: [{ ipBlock: { cidr: '10.244.0.0/16' } }] })];
    expect(
      new PolicyEvaluator(policies, NAMESPACES, { ipBlockIgnoresPods: true }).allowed(ya, xa, 'TCP', 80),
    ).toBe(false);
    expect(new PolicyEvaluator(policies, NAMESPACES).allowed(ya, xa, 'TCP', 80)).toBe(true);
  });
});
