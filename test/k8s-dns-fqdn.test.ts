// DNS that keeps working with LocalDNS, and egress by DNS name (ACNS FQDN filtering), as
// TieredNetworkPolicies renders them: snapshots per case, invariants, the report, schema validity.
import { Testing } from 'cdk8s';
import { FqdnPeer, PolicyPeer } from '../lib/k8s/policy/peer';
import { Port } from '../lib/k8s/policy/port';
import {
  DEFAULT_LOCAL_DNS_MAY_BE_ON,
  TieredNetworkPolicies,
  TieredNetworkPoliciesProps,
} from '../lib/k8s/policy/tiered-network-policies';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { renderConnectivityReport } from '../lib/verify/policy/connectivity';
import { DNS_FQDN_CASES, FQDN_CLUSTER } from './cases/k8s-dns-fqdn';
import { chart, describeBadInputs } from './tools/helpers';
import { validateManifests } from './tools/k8s-schema';

const DNS_PORTS = [
  { port: '53', protocol: 'UDP' },
  { port: '53', protocol: 'TCP' },
];

/** Policies for namespace shop with tiers web and api. */
function shop(props: Partial<TieredNetworkPoliciesProps>) {
  const c = chart('shop', 'shop');
  const policies = new TieredNetworkPolicies(c, 'Policies', {
    namespace: 'shop',
    engine: PolicyEngine.CILIUM,
    ...props,
  });
  const web = policies.addTier('web', { podLabels: { app: 'web' } });
  const api = policies.addTier('api', { podLabels: { app: 'api' } });
  web.allowTo(api, Port.tcp(8080));
  return { chart: c, policies, web, api };
}

const byName = (objects: any[], name: string) => objects.find((o) => o.metadata.name === name);
const ofKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);
const reportOf = (p: TieredNetworkPolicies): string => renderConnectivityReport([p._evaluated()]);
/** The report row of a tier, as cells by column name. */
function row(report: string, from: string): Record<string, string> {
  const lines = report.split('\n');
  const header = lines
    .find((l) => l.startsWith('| from \\ to |'))!
    .split(' | ')
    .slice(1);
  const cells = lines
    .find((l) => l.startsWith(`| **${from}** |`))!
    .split(' | ')
    .slice(1);
  return Object.fromEntries(header.map((h, i) => [h.replace(/ \|$/, ''), cells[i].replace(/ \|$/, '')]));
}

describe('DNS that keeps working with LocalDNS', () => {
  const cases: Array<[string, PolicyEngine, boolean]> = [
    ['Cilium, LocalDNS may be on', PolicyEngine.CILIUM, true],
    ['Cilium, LocalDNS pinned off', PolicyEngine.CILIUM, false],
    ['Calico, LocalDNS may be on', PolicyEngine.CALICO, true],
    ['Calico, LocalDNS pinned off', PolicyEngine.CALICO, false],
    ['Azure NPM, LocalDNS may be on', PolicyEngine.AZURE_NPM, true],
  ];

  test.each(cases)('%s: manifests and report', (_what, engine, localDnsMayBeOn) => {
    const { chart: c, policies } = shop({ engine, localDnsMayBeOn });
    const out = Testing.synth(c);
    expect(out).toMatchSnapshot();
    expect(validateManifests(out)).toEqual([]);
    expect(policies._evaluation().differences).toEqual([]);
    expect(reportOf(policies)).toMatchSnapshot();
  });

  test('LocalDNS may be on unless told: the robust default', () => {
    expect(DEFAULT_LOCAL_DNS_MAY_BE_ON).toBe(true);
    const { chart: c, policies } = shop({});
    expect(policies.localDnsMayBeOn).toBe(true);
    expect(byName(Testing.synth(c), 'allow-node-local-dns')).toBeDefined();
  });

  test('on Cilium: kube-dns by NetworkPolicy, LocalDNS by the CiliumNetworkPolicy AKS documents', () => {
    const out = Testing.synth(shop({ localDnsMayBeOn: true }).chart);
    expect(byName(out, 'allow-dns').spec.egress).toHaveLength(1); // kube-dns only: an ipBlock adds nothing there
    expect(byName(out, 'allow-node-local-dns')).toEqual({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'allow-node-local-dns', namespace: 'shop' },
      spec: {
        description: expect.stringMatching(/169\.254\.10\.0\/24.*CIDR.*1\.16.*host entity.*1\.17/),
        endpointSelector: {}, // every pod of the namespace
        egress: [
          { toCIDR: ['169.254.10.0/24'], toPorts: [{ ports: DNS_PORTS }] },
          { toEntities: ['host'], toPorts: [{ ports: DNS_PORTS }] },
        ],
      },
    });
  });

  test.each([PolicyEngine.CALICO, PolicyEngine.AZURE_NPM].map((e) => [e.name, e] as const))(
    'on %s: one NetworkPolicy, kube-dns and 169.254.10.0/24 on UDP and TCP 53, no CiliumNetworkPolicy',
    (_name, engine) => {
      const out = Testing.synth(shop({ engine, localDnsMayBeOn: true }).chart);
      const ports = [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ];
      expect(byName(out, 'allow-dns').spec.egress).toEqual([
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports,
        },
        { to: [{ ipBlock: { cidr: '169.254.10.0/24' } }], ports },
      ]);
      expect(ofKind(out, 'CiliumNetworkPolicy')).toEqual([]);
    },
  );

  test.each([PolicyEngine.CILIUM, PolicyEngine.CALICO].map((e) => [e.name, e] as const))(
    'LocalDNS pinned off on %s: kube-dns alone, nothing node-local',
    (_name, engine) => {
      const out = Testing.synth(shop({ engine, localDnsMayBeOn: false }).chart);
      expect(JSON.stringify(out)).not.toContain('169.254.10');
      expect(ofKind(out, 'CiliumNetworkPolicy')).toEqual([]);
      expect(byName(out, 'allow-dns').spec.egress).toHaveLength(1);
    },
  );

  test('the report shows DNS per case: node-local DNS reachable where LocalDNS may be on, denied where pinned off', () => {
    for (const engine of [PolicyEngine.CILIUM, PolicyEngine.CALICO]) {
      const on = row(reportOf(shop({ engine, localDnsMayBeOn: true }).policies), 'web');
      expect([on['kube-dns'], on['node-local DNS']]).toEqual(['UDP 53, TCP 53', 'UDP 53, TCP 53']);
      const off = row(reportOf(shop({ engine, localDnsMayBeOn: false }).policies), 'web');
      expect([off['kube-dns'], off['node-local DNS']]).toEqual(['UDP 53, TCP 53', '—']);
    }
    expect(reportOf(shop({}).policies)).not.toMatch(/\*\*node-local DNS\*\*/); // a destination, never a row
  });

  test('without the CiliumNetworkPolicy the evaluation finds that LocalDNS is unreachable on Cilium', () => {
    const { policies } = shop({ localDnsMayBeOn: true });
    const description = policies._describe();
    const { evaluateNamespace } = jest.requireActual('../lib/verify/policy/connectivity');
    const withoutCnp = evaluateNamespace({ ...description, ciliumPolicies: [] });
    expect(withoutCnp.differences).toEqual(
      expect.arrayContaining([
        'web→node-local DNS UDP/53 is denied by the generated policies but declared',
        'api→node-local DNS TCP/53 is denied by the generated policies but declared',
      ]),
    );
  });
});

describe('FQDN peers (ACNS FQDN filtering)', () => {
  const SQL = '*.database.windows.net';
  function orders() {
    const s = shop(FQDN_CLUSTER);
    const ordersTier = s.policies.addTier('orders', { podLabels: { app: 'orders' } });
    ordersTier.allowTo(PolicyPeer.fqdns([SQL]), Port.tcp(1433));
    ordersTier.allowTo(
      PolicyPeer.fqdns(['Login.MicrosoftOnline.com.', 'login.microsoftonline.com']),
      Port.tcp(443),
    );
    return { ...s, orders: ordersTier };
  }

  test('manifests and report', () => {
    const { chart: c, policies } = orders();
    const out = Testing.synth(c);
    expect(out).toMatchSnapshot();
    expect(validateManifests(out)).toEqual([]);
    expect(policies._evaluation().differences).toEqual([]);
    expect(reportOf(policies)).toMatchSnapshot();
  });

  test('names are normalized and deduplicated; names render as matchName, patterns as matchPattern', () => {
    const peer = PolicyPeer.fqdns(['Login.MicrosoftOnline.com.', 'login.microsoftonline.com', SQL]);
    expect(peer).toBeInstanceOf(FqdnPeer);
    expect(peer.fqdns).toEqual(['login.microsoftonline.com', SQL]);
    expect(peer.peerName).toBe(`FQDN login.microsoftonline.com, ${SQL}`);
    expect(peer._selectors()).toEqual([{ matchName: 'login.microsoftonline.com' }, { matchPattern: SQL }]);
    expect(PolicyPeer.fqdns(['app*.example.com']).fqdns).toEqual(['app*.example.com']);
  });

  test('one CiliumNetworkPolicy per tier: the DNS proxy rule as the ACNS how-to writes it, then toFQDNs per flow', () => {
    const out = Testing.synth(orders().chart);
    expect(byName(out, 'orders-fqdn-egress')).toEqual({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'orders-fqdn-egress', namespace: 'shop' },
      spec: {
        description: `Egress of tier orders by DNS name (ACNS FQDN filtering): ${SQL}, login.microsoftonline.com`,
        endpointSelector: { matchLabels: { app: 'orders' } },
        egress: [
          {
            toEndpoints: [
              {
                matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' },
              },
            ],
            toPorts: [
              {
                ports: [{ port: '53', protocol: 'ANY' }],
                rules: { dns: [{ matchPattern: SQL }, { matchName: 'login.microsoftonline.com' }] },
              },
            ],
          },
          { toFQDNs: [{ matchPattern: SQL }], toPorts: [{ ports: [{ port: '1433', protocol: 'TCP' }] }] },
          {
            toFQDNs: [{ matchName: 'login.microsoftonline.com' }],
            toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }],
          },
        ],
      },
    });
    expect(ofKind(out, 'CiliumNetworkPolicy').map((o) => o.metadata.name)).toEqual(['orders-fqdn-egress']);
  });

  test('no bare * anywhere, and the tier NetworkPolicy says nothing about the names', () => {
    const out = Testing.synth(orders().chart);
    const patterns = JSON.stringify(out).match(/"match(Pattern|Name)":"[^"]*"/g) ?? [];
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.filter((p) => p.endsWith('"*"'))).toEqual([]);
    expect(byName(out, 'orders-traffic').spec.egress).toEqual([]);
  });

  test('port ranges render with endPort; a flow without ports allows every port', () => {
    const s = shop(FQDN_CLUSTER);
    s.api.allowTo(PolicyPeer.fqdns(['*.blob.core.windows.net']), Port.tcpRange(8000, 8100));
    s.api.allowTo(PolicyPeer.fqdns(['ntp.example.com']));
    const cnp = byName(Testing.synth(s.chart), 'api-fqdn-egress');
    expect(cnp.spec.egress.slice(1)).toEqual([
      {
        toFQDNs: [{ matchPattern: '*.blob.core.windows.net' }],
        toPorts: [{ ports: [{ port: '8000', protocol: 'TCP', endPort: 8100 }] }],
      },
      { toFQDNs: [{ matchName: 'ntp.example.com' }] },
    ]);
    expect(validateManifests([cnp])).toEqual([]);
    expect(s.policies._evaluation().differences).toEqual([]);
  });

  test('the report: the tier reaches the name on its port only; nothing else reaches it', () => {
    const report = reportOf(orders().policies);
    const ordersRow = row(report, 'orders');
    expect(ordersRow[`FQDN ${SQL}`]).toBe('TCP 1433');
    expect(ordersRow['FQDN login.microsoftonline.com']).toBe('TCP 443');
    expect(ordersRow.internet).toBe('—'); // a name, not the internet
    expect(ordersRow['node-local DNS']).toBe('—'); // LocalDNS is pinned off with FQDN filtering
    expect(row(report, 'web')[`FQDN ${SQL}`]).toBe('—');
  });
});

describeBadInputs('FQDN peers and the DNS props refuse bad inputs', DNS_FQDN_CASES);
