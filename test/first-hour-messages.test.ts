// Issue 18 items 10 and 11: one message per mistake, consistent across constructs, naming the
// user's construct, the value and a fix that itself passes the next check.
import * as cdk8s from 'cdk8s';
import { TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { render } from '../bin/egress-rules';
import { AksCluster, AksClusterProps, ApiServerAccess, NetworkModel } from '../lib/azure/cluster';
import { AzureCloud } from '../lib/azure/contracts';
import { EgressCatalogue } from '../lib/azure/egress/catalogue/egress-catalogue';
import { SecureEgress } from '../lib/azure/egress/secure-egress';
import { ClusterNetwork } from '../lib/azure/network/cluster-network';
import { TieredNetworkPolicies } from '../lib/k8s/policy/tiered-network-policies';
import { PolicyEngine } from '../lib/plan/policy-engine';

const stack = () => new TerraformStack(Testing.app(), 'test');
const cluster = (props: AksClusterProps = {}) =>
  new AksCluster(stack(), 'Aks', { location: 'westeurope', ...props });
const warningsOf = (root: IConstruct) =>
  root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => `${c.node.path}: ${String(m.data)}`),
    );

describe('one CIDR parse, the same did-you-mean everywhere', () => {
  test('an authorized range with host bits names the block meant, like a VNet space does', () => {
    expect(() => cluster({ apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.10/24']) })).toThrow(
      'AksCluster test/Aks: authorized IP range 203.0.113.10/24 has host bits set; did you mean 203.0.113.0/24 (or 203.0.113.10/32 for the one address)?',
    );
    expect(() => cluster({ addressSpace: '10.240.0.1/16' })).toThrow(
      /ClusterNetwork test\/Aks\/Network: VNet address space 10.240.0.1\/16 has host bits set; did you mean 10.240.0.0\/16\?/,
    );
  });

  test('a value that is no range at all names what it is', () => {
    expect(() => cluster({ apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.300']) })).toThrow(
      "AksCluster test/Aks: authorized IP range '203.0.113.300' is not an IPv4 address or CIDR; write it as a.b.c.d or a.b.c.d/n",
    );
  });

  test('a bare address is still accepted where it was', () => {
    expect(() =>
      cluster({ apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.10']) }),
    ).not.toThrow();
  });
});

describe('region names: one check, in the construct the user wrote', () => {
  test.each([
    ['North Europe', 'write northeurope (lower case, no spaces)'],
    ['westeuropee', 'did you mean westeurope?'],
  ])('%s on an AksCluster names the cluster and the accepted form', (location, fix) => {
    expect(() => new AksCluster(stack(), 'Aks', { location })).toThrow(
      new RegExp(`^AksCluster test/Aks: location '${location}' .*; ${fix.replace(/[()?]/g, '\\$&')}$`),
    );
  });

  test('the same name on a ClusterNetwork gets the same message with its own path', () => {
    expect(
      () => new ClusterNetwork(stack(), 'Net', { location: 'North Europe', addressSpace: '10.240.0.0/16' }),
    ).toThrow(
      "ClusterNetwork test/Net: location 'North Europe' is not in the form Azure resources take; write northeurope",
    );
  });

  test('a region of another cloud names the cloud to set', () => {
    expect(() => cluster({ location: 'chinaeast2' })).toThrow(
      "AksCluster test/Aks: location 'chinaeast2' is a region of Azure China, but the deployment targets the Azure public cloud; set cloud to AzureCloud.CHINA",
    );
    const s = stack();
    const network = new ClusterNetwork(s, 'Net', {
      location: 'westeurope',
      addressSpace: '10.240.0.0/16',
      firewallSubnetPrefixLength: 26,
    });
    expect(() => new SecureEgress(s, 'Egress', { network, cloud: AzureCloud.CHINA })).toThrow(
      /^SecureEgress test\/Egress: location 'westeurope' is a region of the Azure public cloud, but the deployment targets Azure China/,
    );
  });

  test('a well-formed name the dated list does not know is a warning, not an error', () => {
    const c = cluster({ location: 'marsnorth' });
    expect(warningsOf(c.node.scope!)).toEqual([
      expect.stringMatching(
        /^test\/Aks\/Network: location 'marsnorth' is not among the regions of Azure known on \d{4}-\d\d-\d\d; check the spelling/,
      ),
    ]);
  });

  test('the catalogue itself refuses a display name (direct use), naming its factory', () => {
    expect(() => EgressCatalogue.forCluster({ location: 'West Europe' })).toThrow(
      "EgressCatalogue.forCluster: location 'West Europe' is not in the form Azure resources take; write westeurope",
    );
  });

  test('egress-rules --location westeuropee fails with the region meant', () => {
    expect(() => render(['--location', 'westeuropee'])).toThrow(
      "--location: location 'westeuropee' is not a region of the Azure public cloud; did you mean westeurope?",
    );
    expect(() => render(['--location', 'marsnorth'])).toThrow(
      /--location: location 'marsnorth' is not among/,
    );
  });
});

describe('TieredNetworkPolicies', () => {
  const chart = (namespace?: string) => new cdk8s.Chart(new cdk8s.App(), 'app', { namespace });

  test("a namespace other than its chart's is one message naming both", () => {
    expect(
      () =>
        new TieredNetworkPolicies(chart('shop'), 'Policies', {
          namespace: 'web',
          policyEngine: PolicyEngine.CILIUM,
        }),
    ).toThrow(
      "TieredNetworkPolicies app/Policies: namespace 'web' differs from the namespace 'shop' of its chart app, so the chart's workloads in shop would get no policies; use namespace: 'shop'",
    );
    // a chart without a namespace may hold policies of any namespace
    expect(
      () =>
        new TieredNetworkPolicies(chart(), 'Policies', {
          namespace: 'web',
          policyEngine: PolicyEngine.CILIUM,
        }),
    ).not.toThrow();
  });

  test('policyEngine is the name, as on the cluster; engine stays as a deprecated alias', () => {
    const p = new TieredNetworkPolicies(chart('shop'), 'P', {
      namespace: 'shop',
      policyEngine: PolicyEngine.CALICO,
    });
    expect(p.policyEngine).toBe(PolicyEngine.CALICO);
    const old = new TieredNetworkPolicies(chart('shop'), 'P', {
      namespace: 'shop',
      engine: PolicyEngine.CALICO,
    });
    expect(old.policyEngine).toBe(PolicyEngine.CALICO);
    expect(old.engine).toBe(PolicyEngine.CALICO);
    expect(() => new TieredNetworkPolicies(chart('shop'), 'P', { namespace: 'shop' })).toThrow(
      "TieredNetworkPolicies app/P: policyEngine is not given; pass the cluster's engine: policyEngine: cluster.policyEngine",
    );
    expect(
      () =>
        new TieredNetworkPolicies(chart('shop'), 'P', {
          namespace: 'shop',
          policyEngine: PolicyEngine.CALICO,
          engine: PolicyEngine.CILIUM,
        }),
    ).toThrow(/policyEngine calico and its deprecated alias engine cilium differ; give policyEngine only/);
  });
});

describe('a suggested value passes the next check', () => {
  test('a pod CIDR on a reserved range is offered a free range, not the default service CIDR', () => {
    expect(() =>
      cluster({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '172.30.0.0/16' }) }),
    ).toThrow(
      /pod CIDR 172.30.0.0\/16 overlaps 172.30.0.0\/16 \(reserved by AKS\); pick a range outside .*, e.g. 10.1.0.0\/16, which is free in this plan/,
    );
    // and the suggestion synthesizes
    expect(() =>
      cluster({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.1.0.0/16' }) }),
    ).not.toThrow();
  });

  test('an overlap names a range that overlaps nothing of the plan', () => {
    expect(() =>
      cluster({ networkModel: NetworkModel.azureCniOverlay({ podCidr: '10.240.0.0/16' }) }),
    ).toThrow(
      /pod CIDR 10.240.0.0\/16 overlaps VNet address space 10.240.0.0\/16; pick ranges that do not share addresses, e.g. 10.1.0.0\/16 in place of 10.240.0.0\/16/,
    );
    expect(() => cluster({ addressSpace: '10.0.0.0/8' })).toThrow(
      /service CIDR 10.0.0.0\/16 overlaps VNet address space 10.0.0.0\/8; .*e.g. 172.16.0.0\/16 in place of 10.0.0.0\/16/,
    );
  });
});

describe('a capacity fix counts every pool', () => {
  const small = { networkModel: NetworkModel.azureCniNodeSubnet(), nodeSubnetPrefixLength: 25 };

  test('the system pool alone is not judged before the user pools are added', () => {
    const c = cluster(small); // 7 × 31 = 217 addresses do not fit a /25 (123 usable)
    expect(() => c.addNodePool('apps', { maxNodes: 10 })).toThrow(
      /AksCluster test\/Aks: node subnet snet-aks-nodes 10.240.0.0\/25 holds 123 usable addresses but needs 558 .*; use a \/22 or larger \(counting all 2 pools: system, apps\)/,
    );
  });

  test('synthesis checks every pool, so a cluster with no user pool still fails', () => {
    const c = cluster(small);
    expect(() => Testing.synth(TerraformStack.of(c), true)).toThrow(
      /node subnet snet-aks-nodes 10.240.0.0\/25 holds 123 usable addresses but needs 217 .*; use a \/24 or larger \(counting pool system\)/,
    );
  });
});
