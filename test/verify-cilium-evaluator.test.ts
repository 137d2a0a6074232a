// Truth tables of the evaluator with CiliumNetworkPolicies: the entities, CIDR and FQDN rules the
// library emits, the DNS proxy, and the union with NetworkPolicies; DNS per case (kube-dns, LocalDNS).
import { CiliumNetworkPolicyJson, CiliumRuleJson, dnsLookup as lookupOf } from '../lib/verify/policy/cilium';
import {
  Endpoint,
  EvaluatorOptions,
  KUBE_DNS_ENDPOINT,
  NetworkPolicyJson,
  PolicyEvaluator,
} from '../lib/verify/policy/evaluator';
import { NODE_LOCAL_DNS } from '../lib/verify/policy/dns-model';
import { firewallFqdnCovers, fqdnMatches, fqdnProblem } from '../lib/verify/policy/fqdn';

const NAMESPACES = {
  x: { 'kubernetes.io/metadata.name': 'x' },
  y: { 'kubernetes.io/metadata.name': 'y' },
  'kube-system': { 'kubernetes.io/metadata.name': 'kube-system' },
};
const pod = (namespace: string, app: string): Endpoint => ({
  kind: 'pod',
  name: `${namespace}/${app}`,
  namespace,
  labels: { app },
  namedPorts: { tds: { port: 1433 } },
});
const xa = pod('x', 'a');
const xb = pod('x', 'b');
const ya = pod('y', 'a');
const dns = KUBE_DNS_ENDPOINT;
const local = NODE_LOCAL_DNS;
const sql: Endpoint = {
  kind: 'external',
  name: 'sql',
  ip: '198.51.100.10',
  fqdn: 'orders.database.windows.net',
};
const bing: Endpoint = { kind: 'external', name: 'bing', ip: '198.51.100.11', fqdn: 'www.bing.com' };
const byIp: Endpoint = { kind: 'external', name: 'by ip', ip: '198.51.100.10' };

const np = (
  spec: Partial<NetworkPolicyJson['spec']> & { types: string[] },
  namespace = 'x',
): NetworkPolicyJson => ({
  metadata: { name: 'np', namespace },
  spec: {
    podSelector: spec.podSelector ?? {},
    policyTypes: spec.types,
    ingress: spec.ingress,
    egress: spec.egress,
  },
});
const denyAll = np({ types: ['Ingress', 'Egress'] });
const denyEgress = np({ types: ['Egress'] });
const KUBE_DNS_PEER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};
const DNS_PORTS = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];
const allowDns = np({ types: ['Egress'], egress: [{ to: [KUBE_DNS_PEER], ports: DNS_PORTS }] });
const allowDnsAndLocalByIpBlock = np({
  types: ['Egress'],
  egress: [
    { to: [KUBE_DNS_PEER], ports: DNS_PORTS },
    { to: [{ ipBlock: { cidr: '169.254.10.0/24' } }], ports: DNS_PORTS },
  ],
});

const cnp = (
  parts: { egress?: CiliumRuleJson[]; ingress?: CiliumRuleJson[]; labels?: Record<string, string> },
  namespace = 'x',
): CiliumNetworkPolicyJson => ({
  kind: 'CiliumNetworkPolicy',
  metadata: { name: 'cnp', namespace },
  spec: {
    endpointSelector: { matchLabels: parts.labels ?? {} },
    egress: parts.egress,
    ingress: parts.ingress,
  },
});
const CILIUM_DNS_PORTS = [
  {
    ports: [
      { port: '53', protocol: 'UDP' },
      { port: '53', protocol: 'TCP' },
    ],
  },
];
/** What the library emits on Cilium for LocalDNS (docs localdns-custom.md). */
const nodeLocalDns = cnp({
  egress: [
    { toCIDR: ['169.254.10.0/24'], toPorts: CILIUM_DNS_PORTS },
    { toEntities: ['host'], toPorts: CILIUM_DNS_PORTS },
  ],
});
const toCidrOnly = cnp({ egress: [{ toCIDR: ['169.254.10.0/24'], toPorts: CILIUM_DNS_PORTS }] });
const KUBE_DNS_CILIUM = {
  matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' },
};
/** What the library emits for an FQDN peer (the ACNS how-to's form). */
const fqdnEgress = (
  dnsPatterns: string[],
  toFqdns: string[] = ['*.database.windows.net'],
  labels = { app: 'a' },
) =>
  cnp({
    labels,
    egress: [
      {
        toEndpoints: [KUBE_DNS_CILIUM],
        toPorts: [
          {
            ports: [{ port: '53', protocol: 'ANY' }],
            rules: { dns: dnsPatterns.map((p) => ({ matchPattern: p })) },
          },
        ],
      },
      {
        toFQDNs: toFqdns.map((p) => ({ matchPattern: p })),
        toPorts: [{ ports: [{ port: '1433', protocol: 'TCP' }] }],
      },
    ],
  });

type Row = [
  string,
  NetworkPolicyJson[],
  CiliumNetworkPolicyJson[],
  Endpoint,
  Endpoint,
  string,
  number,
  boolean,
];
const CILIUM: EvaluatorOptions = { ipBlockIgnoresPods: true };

// [what, NetworkPolicies, CiliumNetworkPolicies, src, dst, protocol, port, allowed on Cilium]
const ciliumRows: Row[] = [
  // DNS, LocalDNS pinned off: kube-dns only
  ['kube-dns by NetworkPolicy', [denyAll, allowDns], [], xa, dns, 'UDP', 53, true],
  ['kube-dns by NetworkPolicy, TCP', [denyAll, allowDns], [], xa, dns, 'TCP', 53, true],
  ['no node-local DNS without a rule for it', [denyAll, allowDns], [], xa, local, 'UDP', 53, false],
  // DNS, LocalDNS may be on
  [
    'an ipBlock never reaches the node-local address on Cilium',
    [denyAll, allowDnsAndLocalByIpBlock],
    [],
    xa,
    local,
    'UDP',
    53,
    false,
  ],
  [
    'toCIDR never reaches the host (Cilium 1.17+)',
    [denyAll, allowDns],
    [toCidrOnly],
    xa,
    local,
    'UDP',
    53,
    false,
  ],
  [
    'toEntities host reaches LocalDNS on UDP 53',
    [denyAll, allowDns],
    [nodeLocalDns],
    xa,
    local,
    'UDP',
    53,
    true,
  ],
  [
    'toEntities host reaches LocalDNS on TCP 53',
    [denyAll, allowDns],
    [nodeLocalDns],
    xa,
    local,
    'TCP',
    53,
    true,
  ],
  ['... on no other port', [denyAll, allowDns], [nodeLocalDns], xa, local, 'UDP', 54, false],
  [
    'kube-dns still by the NetworkPolicy beside it',
    [denyAll, allowDns],
    [nodeLocalDns],
    xa,
    dns,
    'UDP',
    53,
    true,
  ],
  [
    'the CiliumNetworkPolicy of another namespace does not apply',
    [denyAll, allowDns],
    [cnp({ egress: nodeLocalDns.spec.egress }, 'y')],
    xa,
    local,
    'UDP',
    53,
    false,
  ],
  [
    'a CiliumNetworkPolicy selecting other pods does not apply',
    [denyAll, allowDns],
    [cnp({ labels: { app: 'b' }, egress: nodeLocalDns.spec.egress })],
    xa,
    local,
    'UDP',
    53,
    false,
  ],
  // union and isolation
  [
    'default-deny NetworkPolicy + allowing CiliumNetworkPolicy: a union of allows',
    [denyEgress],
    [cnp({ egress: [{ toEndpoints: [{ matchLabels: { app: 'b' } }] }] })],
    xa,
    xb,
    'TCP',
    80,
    true,
  ],
  [
    'a CiliumNetworkPolicy egress section isolates egress alone',
    [],
    [nodeLocalDns],
    xa,
    byIp,
    'TCP',
    443,
    false,
  ],
  ['... and leaves ingress open', [], [nodeLocalDns], ya, xa, 'TCP', 80, true],
  [
    'toEndpoints without a namespace label means the policy namespace',
    [denyAll],
    [cnp({ egress: [{ toEndpoints: [{ matchLabels: { app: 'a' } }] }] })],
    xa,
    ya,
    'TCP',
    80,
    false,
  ],
  [
    'toEndpoints with k8s:io.kubernetes.pod.namespace reaches that namespace',
    [],
    [
      cnp({
        egress: [
          { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'y', 'k8s:app': 'a' } }] },
        ],
      }),
    ],
    xa,
    ya,
    'TCP',
    80,
    true,
  ],
  [
    'toEntities world: addresses outside the cluster',
    [],
    [cnp({ egress: [{ toEntities: ['world'] }] })],
    xa,
    byIp,
    'TCP',
    443,
    true,
  ],
  [
    'toEntities world: no pods',
    [],
    [cnp({ egress: [{ toEntities: ['world'] }] })],
    xa,
    xb,
    'TCP',
    443,
    false,
  ],
  [
    'toEntities cluster: pods and the host, not the world',
    [],
    [cnp({ egress: [{ toEntities: ['cluster'] }] })],
    xa,
    local,
    'UDP',
    53,
    true,
  ],
  [
    'toEntities cluster: not the world',
    [],
    [cnp({ egress: [{ toEntities: ['cluster'] }] })],
    xa,
    byIp,
    'TCP',
    443,
    false,
  ],
  [
    'fromEntities host admits the node',
    [denyAll],
    [
      cnp({
        ingress: [
          { fromEntities: ['remote-node', 'host'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
        ],
      }),
    ],
    local,
    xa,
    'TCP',
    443,
    true,
  ],
  [
    'fromEntities host admits no address outside',
    [denyAll],
    [cnp({ ingress: [{ fromEntities: ['remote-node', 'host'] }] })],
    byIp,
    xa,
    'TCP',
    443,
    false,
  ],
  [
    'protocol ANY matches SCTP too',
    [],
    [cnp({ egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '9', protocol: 'ANY' }] }] }] })],
    xa,
    byIp,
    'SCTP',
    9,
    true,
  ],
  [
    'named ports resolve on the destination pod',
    [denyEgress],
    [
      cnp({
        egress: [{ toEndpoints: [{ matchLabels: { app: 'b' } }], toPorts: [{ ports: [{ port: 'tds' }] }] }],
      }),
    ],
    xa,
    xb,
    'TCP',
    1433,
    true,
  ],
  // FQDN peers: toFQDNs with the DNS proxy rule
  [
    'toFQDNs reaches a name the DNS proxy saw',
    [denyAll, allowDns],
    [fqdnEgress(['*.database.windows.net'])],
    xa,
    sql,
    'TCP',
    1433,
    true,
  ],
  [
    '... on its port only',
    [denyAll, allowDns],
    [fqdnEgress(['*.database.windows.net'])],
    xa,
    sql,
    'TCP',
    443,
    false,
  ],
  [
    '... not another name',
    [denyAll, allowDns],
    [fqdnEgress(['*.database.windows.net'])],
    xa,
    bing,
    'TCP',
    1433,
    false,
  ],
  [
    '... not the same address reached without its name',
    [denyAll, allowDns],
    [fqdnEgress(['*.database.windows.net'])],
    xa,
    byIp,
    'TCP',
    1433,
    false,
  ],
  [
    '... not from other pods',
    [denyAll, allowDns],
    [fqdnEgress(['*.database.windows.net'])],
    xb,
    sql,
    'TCP',
    1433,
    false,
  ],
  [
    'without the DNS proxy rule the name is never learned',
    [denyAll, allowDns],
    [cnp({ labels: { app: 'a' }, egress: [fqdnEgress([]).spec.egress![1]] })],
    xa,
    sql,
    'TCP',
    1433,
    false,
  ],
  [
    'a DNS rule naming other names hides it (no L4-only rule beside it)',
    [denyAll],
    [fqdnEgress(['*.bing.com'])],
    xa,
    sql,
    'TCP',
    1433,
    false,
  ],
  [
    'with allow-dns beside any DNS rule every lookup is proxied, so the name is learned (Cilium merge)',
    [denyAll, allowDns],
    [fqdnEgress(['*.bing.com'])],
    xa,
    sql,
    'TCP',
    1433,
    true,
  ],
  [
    'with the lookups denied the name is not learned',
    [denyAll],
    [cnp({ labels: { app: 'a' }, egress: [fqdnEgress(['*.database.windows.net']).spec.egress![1]] })],
    xa,
    sql,
    'TCP',
    1433,
    false,
  ],
];

describe('Cilium truth tables (NetworkPolicies and CiliumNetworkPolicies)', () => {
  test.each(ciliumRows)('%s', (_what, policies, ciliumPolicies, src, dst, protocol, port, expected) => {
    const e = new PolicyEvaluator(policies, NAMESPACES, { ...CILIUM, ciliumPolicies });
    expect(e.allowed(src, dst, protocol, port)).toBe(expected);
  });

  test('on Calico and Azure NPM the ipBlock reaches the node-local address', () => {
    const policies = [denyAll, allowDnsAndLocalByIpBlock];
    expect(new PolicyEvaluator(policies, NAMESPACES).allowed(xa, local, 'UDP', 53)).toBe(true);
    expect(new PolicyEvaluator(policies, NAMESPACES).allowed(xa, local, 'TCP', 53)).toBe(true);
    expect(new PolicyEvaluator([denyAll, allowDns], NAMESPACES).allowed(xa, local, 'UDP', 53)).toBe(false);
  });

  test('LocalDNS and FQDN filtering: lookups through the node bypass the kube-dns proxy rule, so no name is learned', () => {
    const policies = [denyAll, allowDns];
    const ciliumPolicies = [nodeLocalDns, fqdnEgress(['*.database.windows.net'])];
    const through = (resolvers: Endpoint[]) =>
      new PolicyEvaluator(policies, NAMESPACES, { ...CILIUM, ciliumPolicies, resolvers }).allowed(
        xa,
        sql,
        'TCP',
        1433,
      );
    expect(through([dns])).toBe(true);
    expect(through([local])).toBe(false);
    expect(through([dns, local])).toBe(false); // must work whichever path the pod's node takes
  });
});

describe('DNS lookups through the DNS proxy', () => {
  const evaluator = (policies: NetworkPolicyJson[], ciliumPolicies: CiliumNetworkPolicyJson[]) =>
    new PolicyEvaluator(policies, NAMESPACES, { ...CILIUM, ciliumPolicies });

  test('an L7 DNS rule alone: only the names it lists, seen by the proxy', () => {
    const e = evaluator([denyAll], [fqdnEgress(['*.database.windows.net'])]);
    expect(e.dnsLookup(xa as any, dns, 'orders.database.windows.net')).toEqual({
      allowed: true,
      proxied: true,
    });
    expect(e.dnsLookup(xa as any, dns, 'api.x.svc.cluster.local')).toEqual({ allowed: false, proxied: true });
  });

  test('with allow-dns beside it (L4 only, same port and peer), every name is answered, still through the proxy', () => {
    const e = evaluator([denyAll, allowDns], [fqdnEgress(['*.database.windows.net'])]);
    expect(e.dnsLookup(xa as any, dns, 'api.x.svc.cluster.local')).toEqual({ allowed: true, proxied: true });
    expect(e.dnsLookup(xa as any, dns, 'orders.database.windows.net')).toEqual({
      allowed: true,
      proxied: true,
    });
  });

  test('NetworkPolicies alone: allowed, not proxied; no policy: allowed, not proxied; nothing allowed: neither', () => {
    expect(evaluator([denyAll, allowDns], []).dnsLookup(xa as any, dns, 'a.example.com')).toEqual({
      allowed: true,
      proxied: false,
    });
    expect(evaluator([], []).dnsLookup(xa as any, dns, 'a.example.com')).toEqual({
      allowed: true,
      proxied: false,
    });
    expect(evaluator([denyAll], []).dnsLookup(xa as any, dns, 'a.example.com')).toEqual({
      allowed: false,
      proxied: false,
    });
  });

  test('the merge rule itself', () => {
    expect(lookupOf(false, [[{ matchPattern: '*.example.com' }]], 'a.example.com')).toEqual({
      allowed: true,
      proxied: true,
    });
    expect(lookupOf(false, [[{ matchName: 'a.example.com' }]], 'b.example.com')).toEqual({
      allowed: false,
      proxied: true,
    });
    expect(lookupOf(true, [[{ matchName: 'a.example.com' }]], 'b.example.com')).toEqual({
      allowed: true,
      proxied: true,
    });
    expect(lookupOf(true, [], 'b.example.com')).toEqual({ allowed: true, proxied: false });
  });
});

describe('DNS names and patterns', () => {
  test.each([
    ['*.cilium.io', 'sub.cilium.io', true],
    ['*.cilium.io', 'cilium.io', false],
    ['*.cilium.io', 'a.sub.cilium.io', false],
    ['app*.example.com', 'app.example.com', true],
    ['app*.example.com', 'app-eu-1.example.com', true],
    ['app*.example.com', 'www.example.com', false],
    ['login.microsoftonline.com', 'LOGIN.microsoftonline.com.', true],
    ['login.microsoftonline.com', 'xlogin.microsoftonline.com', false],
    ['*', 'anything.example.com', true],
  ])('%s matches %s: %p', (pattern, name, expected) => {
    expect(fqdnMatches(pattern, name)).toBe(expected);
  });

  test.each([
    ['*.database.windows.net', '*.database.windows.net', true],
    ['*.database.windows.net', 'orders.database.windows.net', true],
    ['*.example.com', 'app*.example.com', true],
    ['*', '*.database.windows.net', true],
    ['orders.database.windows.net', '*.database.windows.net', false], // a name does not cover a pattern
    ['*.windows.net', '*.database.windows.net', false], // one level only (UNCERTAIN, so no more)
    ['*.core.windows.net', 'orders.database.windows.net', false],
  ])('firewall %s covers %s: %p', (rule, pattern, expected) => {
    expect(firewallFqdnCovers(rule, pattern)).toBe(expected);
  });

  test('what ACNS documents is accepted', () => {
    for (const ok of [
      '*.database.windows.net',
      'app*.example.com',
      'login.microsoftonline.com',
      'a_b.example.com',
    ]) {
      expect(fqdnProblem(ok)).toBeUndefined();
    }
  });
});
