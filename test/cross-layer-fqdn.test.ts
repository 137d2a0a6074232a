// FQDN egress pairs with the firewall: a name a pod policy allows that the egress firewall blocks
// is a warning (pure over plain facts), printed by the synthesis and shown in connectivity.md.
import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { App } from 'cdktf';
import { AksNetworkSynth, EgressPort, EgressTarget, PolicyPeer, Port, SecureEgress } from '../lib';
import { TerraformStack, Testing } from 'cdktf';
import { AksCluster } from '../lib/azure/cluster/aks-cluster';
import { ClusterNetwork } from '../lib/azure/network/cluster-network';
import { NetworkModel } from '../lib/azure/cluster/network-model';
import { TieredNetworkPolicies } from '../lib/k8s/policy/tiered-network-policies';
import {
  CrossLayerInput,
  crossLayerProblems,
  crossLayerWarnings,
  FirewallRuleFacts,
  FirewallVerdict,
  fqdnEgressFacts,
} from '../lib/verify/cross-layer';
import { renderFqdnEgressSection } from '../lib/verify/policy/fqdn-report';
import { hubIn } from './cases/egress-hub';
import { clusterNetwork, providerStack, thrownBy, tmpRoot, workload } from './tools/helpers';

const SQL = '*.database.windows.net';
const mssql: FirewallRuleFacts = {
  name: 'azure-sql',
  kind: 'application',
  protocol: 'Mssql',
  ports: [1433],
  fqdns: [SQL],
  addresses: [],
};
const cnpBody = (fqdns: Array<{ matchName?: string; matchPattern?: string }>, ports?: object[]) => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  metadata: { name: 'orders-fqdn-egress', namespace: 'apps' },
  spec: {
    endpointSelector: { matchLabels: { app: 'orders' } },
    egress: [{ toFQDNs: fqdns, ...(ports ? { toPorts: [{ ports }] } : {}) }],
  },
});
const TCP1433 = [{ port: '1433', protocol: 'TCP' }];
const input = (
  rules: FirewallRuleFacts[] | undefined,
  body: unknown = cnpBody([{ matchPattern: SQL }], TCP1433),
  egress = true,
): CrossLayerInput => ({
  cluster: {
    kind: 'AksCluster',
    path: 'prod/Aks',
    policyEngine: 'cilium',
    egress: egress
      ? { kind: 'SecureEgress', path: 'prod/Egress', dnatTargets: [], allowedRules: rules }
      : undefined,
    gatewayClasses: [],
    ingressClasses: [],
    keyVaultSecretsProvider: false,
    workloadIdentity: false,
  },
  ingressEndpoints: [],
  policies: [],
  manifests: [{ kind: 'ApiObject', path: 'apps/Policies/FqdnEgress-orders', body }],
});
const verdicts = (i: CrossLayerInput) => fqdnEgressFacts(i).map((f) => [f.fqdn, f.port, f.verdict, f.rule]);

describe('fqdnEgressFacts and crossLayerWarnings (plain facts in)', () => {
  test('an application rule for the pattern on the port allows it: no warning, no problem', () => {
    expect(verdicts(input([mssql]))).toEqual([[SQL, 'TCP 1433', FirewallVerdict.ALLOWED, 'azure-sql']]);
    expect(crossLayerWarnings(input([mssql]))).toEqual([]);
    expect(crossLayerProblems(input([]))).toEqual([]); // a warning, never an error
  });

  test('no rule for the name on that port: blocked, a warning naming the construct, the policy and the fix', () => {
    const https = { ...mssql, name: 'sql-https', protocol: 'Https', ports: [443] };
    expect(verdicts(input([https]))).toEqual([[SQL, 'TCP 1433', FirewallVerdict.BLOCKED, undefined]]);
    expect(crossLayerWarnings(input([https]))).toEqual([
      `ApiObject apps/Policies/FqdnEgress-orders: CiliumNetworkPolicy apps/orders-fqdn-egress lets pods app=orders reach ${SQL} on TCP 1433, but no rule of SecureEgress prod/Egress allows it there, so the firewall drops it; allow it: egress.allow(EgressTarget.fqdns('${SQL}'), EgressPort.mssql())`,
    ]);
  });

  test.each<[string, FirewallRuleFacts, string, boolean]>([
    [
      'a narrower application rule does not cover the pattern',
      { ...mssql, fqdns: ['orders.database.windows.net'] },
      SQL,
      false,
    ],
    [
      'an application rule one level up is not read as covering it (UNCERTAIN)',
      { ...mssql, fqdns: ['*.windows.net'] },
      SQL,
      false,
    ],
    ['an application rule for * covers everything', { ...mssql, fqdns: ['*'] }, SQL, true],
    [
      'a network rule takes exact names only',
      {
        name: 'n',
        kind: 'network',
        protocol: 'TCP',
        ports: [1433],
        fqdns: ['orders.database.windows.net'],
        addresses: [],
      },
      'orders.database.windows.net',
      true,
    ],
    [
      'a network rule never covers a pattern by name',
      { name: 'n', kind: 'network', protocol: 'TCP', ports: [1433], fqdns: [SQL], addresses: [] },
      SQL,
      false,
    ],
    [
      'a network rule to any address covers any name',
      { name: 'n', kind: 'network', protocol: 'Any', ports: [1433], fqdns: [], addresses: ['*'] },
      SQL,
      true,
    ],
    [
      'a service tag is not compared',
      {
        name: 'n',
        kind: 'network',
        protocol: 'TCP',
        ports: [1433],
        fqdns: [],
        addresses: ['Sql.westeurope'],
      },
      SQL,
      false,
    ],
    [
      'a UDP network rule does not cover TCP',
      { name: 'n', kind: 'network', protocol: 'UDP', ports: [1433], fqdns: [], addresses: ['*'] },
      SQL,
      false,
    ],
  ])('%s', (_what, rule, fqdn, allowed) => {
    const body = cnpBody([fqdn.includes('*') ? { matchPattern: fqdn } : { matchName: fqdn }], TCP1433);
    expect(fqdnEgressFacts(input([rule], body))[0].verdict).toBe(
      allowed ? FirewallVerdict.ALLOWED : FirewallVerdict.BLOCKED,
    );
  });

  test('a range is allowed only when every port of it is; a flow without ports is blocked with its own fix', () => {
    const range = cnpBody(
      [{ matchName: 'a.example.com' }],
      [{ port: '8000', protocol: 'TCP', endPort: 8002 }],
    );
    const rule = (ports: number[]): FirewallRuleFacts => ({ ...mssql, fqdns: ['a.example.com'], ports });
    expect(verdicts(input([rule([8000, 8001, 8002])], range))[0][2]).toBe(FirewallVerdict.ALLOWED);
    expect(verdicts(input([rule([8000, 8002])], range))[0][2]).toBe(FirewallVerdict.BLOCKED);
    const every = cnpBody([{ matchName: 'a.example.com' }]);
    expect(verdicts(input([rule([443])], every))).toEqual([
      ['a.example.com', 'every port', FirewallVerdict.BLOCKED, undefined],
    ]);
    expect(crossLayerWarnings(input([], every))[0]).toMatch(
      /on every port, .*; give the FQDN peer its ports and allow each on the firewall$/,
    );
  });

  test('the fix for a non-HTTP port with a wildcard says network rules take names only', () => {
    const body = cnpBody([{ matchPattern: '*.example.com' }], [{ port: '5671', protocol: 'TCP' }]);
    expect(crossLayerWarnings(input([], body))[0]).toMatch(
      /EgressPort\.tcp\(5671\) with the host names \(network rules take no wildcards\)\)$/,
    );
  });

  test('without an egress firewall, or with one that lists no rules: no warning, and the report says so', () => {
    const none = input(undefined, undefined, false);
    const unknown = input(undefined);
    expect(verdicts(none)[0][2]).toBe(FirewallVerdict.NO_FIREWALL);
    expect(verdicts(unknown)[0][2]).toBe(FirewallVerdict.UNKNOWN);
    expect([...crossLayerWarnings(none), ...crossLayerWarnings(unknown)]).toEqual([]);
    expect(renderFqdnEgressSection(fqdnEgressFacts(none))).toContain('| yes (no egress firewall) |');
    expect(renderFqdnEgressSection(fqdnEgressFacts(unknown))).toContain('| if the egress path allows it |');
    expect(renderFqdnEgressSection([])).toBe('');
  });

  test('other kinds and CiliumNetworkPolicies without toFQDNs are not looked at', () => {
    const nodeLocal = { ...cnpBody([]), spec: { endpointSelector: {}, egress: [{ toEntities: ['host'] }] } };
    expect(fqdnEgressFacts(input([], nodeLocal))).toEqual([]);
    expect(fqdnEgressFacts(input([], { kind: 'NetworkPolicy', metadata: {}, spec: {} }))).toEqual([]);
  });
});

describe('the egress paths list the rules they allow', () => {
  test('SecureEgress and a hub spoke: the catalogue and the user rules, as plain entries', () => {
    const stack = new TerraformStack(Testing.app(), 'rules');
    const network = clusterNetwork(stack, { firewallSubnetPrefixLength: 26 });
    const egress = new SecureEgress(stack, 'Egress', { network });
    egress.allow(EgressTarget.fqdns(SQL), EgressPort.mssql(), 'azure-sql');
    const hub = hubIn(stack);
    const spokeNetwork = new ClusterNetwork(stack, 'SpokeNet', {
      location: 'westeurope',
      addressSpace: '10.1.0.0/16',
    });
    const spoke = hub.addSpoke('Spoke', { network: spokeNetwork });
    spoke.allow(EgressTarget.fqdns(SQL), EgressPort.mssql(), 'azure-sql');
    for (const path of [egress, spoke]) {
      const rules = path.allowedRules;
      expect(rules.find((r) => r.name === 'azure-sql')).toMatchObject({
        kind: 'application',
        protocol: 'Mssql',
        ports: [1433],
        destinations: [SQL],
      });
      expect(rules.some((r) => r.name.startsWith('core-'))).toBe(true); // the catalogue's too
    }
  });
});

describe('AksNetworkSynth compares FQDN egress with the firewall', () => {
  const root = tmpRoot('fqdn');
  let n = 0;

  /** A Cilium cluster with ACNS FQDN filtering behind a SecureEgress; orders reach Azure SQL by name. */
  function deployment(firewallAllows: boolean) {
    const dir = path.join(root, String(n++));
    fs.mkdirSync(dir);
    const app = new App({ outdir: path.join(dir, 'tf'), stackTraces: false });
    const stack = providerStack('prod', app);
    const network = clusterNetwork(stack, { firewallSubnetPrefixLength: 26 });
    const egress = new SecureEgress(stack, 'Egress', { network });
    if (firewallAllows) egress.allow(EgressTarget.fqdns(SQL), EgressPort.mssql(), 'azure-sql');
    const cluster = new AksCluster(stack, 'Aks', {
      network,
      egress,
      networkModel: NetworkModel.cilium({ podCidr: '10.244.0.0/16' }),
      advancedNetworking: {},
    });
    const k8s = new cdk8s.App({ outdir: path.join(dir, 'k8s') });
    const chart = new cdk8s.Chart(k8s, 'apps', { namespace: 'apps' });
    const policies = new TieredNetworkPolicies(chart, 'Policies', {
      namespace: 'apps',
      engine: cluster.policyEngine,
      localDnsMayBeOn: cluster.localDnsMayBeOn,
      fqdnPoliciesAllowed: cluster.fqdnPoliciesAllowed,
    });
    workload(chart, 'orders', [{ containerPort: 8080 }]);
    policies
      .addTier('orders', { podLabels: { app: 'orders' } })
      .allowTo(PolicyPeer.fqdns([SQL]), Port.tcp(1433));
    return { app, k8s, dir };
  }

  function synthesized(firewallAllows: boolean): { error: string; stderr: string; report: string } {
    const d = deployment(firewallAllows);
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });
    let error: string;
    try {
      error = thrownBy(() => AksNetworkSynth.synth(d.app, [d.k8s]));
    } finally {
      spy.mockRestore();
    }
    const report = path.join(d.dir, 'k8s', 'connectivity.md');
    return {
      error,
      stderr: written.join(''),
      report: fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '',
    };
  }

  test('the cluster facts feed the Kubernetes side: FQDN filtering on, LocalDNS pinned off', () => {
    const d = deployment(true);
    const cluster = d.app.node.findAll().find((c): c is AksCluster => c instanceof AksCluster)!;
    expect([cluster.fqdnPoliciesAllowed, cluster.localDnsMayBeOn]).toEqual([true, false]);
  });

  test('allowed by both: no warning; the report shows the rule and that the pods reach the name', () => {
    const { error, stderr, report } = synthesized(true);
    expect(error).toBe('');
    expect(stderr).not.toContain('CiliumNetworkPolicy apps/orders-fqdn-egress');
    expect(report).toContain('## Egress by name (CiliumNetworkPolicy toFQDNs) and the firewall');
    expect(report).toContain(
      `| apps/orders-fqdn-egress | app=orders | \`${SQL}\` | TCP 1433 | allowed (rule azure-sql) | yes |`,
    );
    expect(report).toMatch(
      /\| \*\*orders \(Deployment orders\)\*\* \| · \| UDP 53, TCP 53 \| .*\| TCP 1433 \|/,
    );
  });

  test('blocked by the firewall: synthesis succeeds, prints the warning, and the report says the pods do not reach it', () => {
    const { error, stderr, report } = synthesized(false);
    expect(error).toBe('');
    expect(stderr).toContain(
      `WARN TieredNetworkPolicies apps/Policies: CiliumNetworkPolicy apps/orders-fqdn-egress lets pods app=orders reach ${SQL} on TCP 1433, but no rule of SecureEgress prod/Egress allows it there`,
    );
    expect(report).toContain(`| TCP 1433 | blocked | **no**: the firewall drops it |`);
  });
});
