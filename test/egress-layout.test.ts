// Deploy-time layout of the firewall rules: one rule collection group per cluster, collections in the
// layered order DNAT → network → application at fixed priorities, the firewall created after the
// groups of its stack, and the migration from the four-group layout.
import { App, TerraformStack, Testing } from 'cdktf';
import {
  ClusterNetwork,
  EgressFeature,
  EgressHub,
  EgressPort,
  EgressSpoke,
  EgressTarget,
  SecureEgress,
  SecureEgressProps,
} from '../lib';
import { EXAMPLE_SCENARIOS } from '../examples';
import { COLLECTION_PRIORITY } from '../lib/azure/egress/private/rules';
import { FakeEgressClient, resourcesOf, synthJson, tfStack } from './tools/helpers';

const GROUP = 'azurerm_firewall_policy_rule_collection_group';

function secureEgress(props: Partial<SecureEgressProps> = {}, stack: TerraformStack = tfStack()) {
  const network = new ClusterNetwork(stack, 'Network', {
    location: 'westeurope',
    addressSpace: '10.240.0.0/16',
    podSubnetPrefixLength: 20,
    ingressSubnetPrefixLength: 27,
    firewallSubnetPrefixLength: 26,
  });
  const egress = new SecureEgress(stack, 'Egress', { network, ...props });
  return { stack, network, egress };
}

/** Every collection of a group as [type, name, priority], in the order Azure processes the types. */
const collections = (group: any): Array<[string, string, number]> =>
  (['nat', 'network', 'application'] as const).flatMap((type) =>
    (group[`${type}_rule_collection`] ?? []).map((c: any) => [type, c.name, c.priority]),
  );

describe('one rule collection group per cluster', () => {
  test('every layer in one group: DNAT, then network, then application, priorities unique', () => {
    const { stack, egress } = secureEgress({ features: [EgressFeature.MONITOR] });
    egress.attachCluster(new FakeEgressClient(stack, 'Aks', 'westeurope', false, [EgressFeature.POLICY]));
    egress.allow(EgressTarget.fqdns('api.github.com'), EgressPort.https(), 'github');
    egress.allow(EgressTarget.cidrs('203.0.113.0/24'), EgressPort.tcp(22), 'sftp');
    egress.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
    const groups = resourcesOf(synthJson(stack), GROUP);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: 'rcg-egress', priority: 1000 });
    expect(egress.ruleGroupName).toBe('rcg-egress');
    expect(collections(groups[0])).toEqual([
      ['nat', 'dnat', 100],
      ['network', 'aks-platform-network', 1000],
      ['network', 'aks-features-network', 1100],
      ['network', 'user-network', 1200],
      ['application', 'aks-platform-application', 2000],
      ['application', 'aks-features-application', 2100],
      ['application', 'user-application', 2200],
    ]);
    const priorities = collections(groups[0]).map((c) => c[2]);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(Object.values(COLLECTION_PRIORITY)).toEqual(
      [...Object.values(COLLECTION_PRIORITY)].sort((a, b) => a - b),
    );
  });

  test('collection priorities are stable: a collection that appears later renumbers none', () => {
    const before = secureEgress();
    const groupOf = (s: { stack: TerraformStack }) => resourcesOf(synthJson(s.stack), GROUP)[0];
    const without = collections(groupOf(before));
    const after = secureEgress();
    after.egress.allow(EgressTarget.fqdns('api.github.com'), EgressPort.https(), 'github');
    after.egress.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
    const withRules = collections(groupOf(after));
    for (const c of without) expect(withRules).toContainEqual(c);
    expect(withRules.length).toBeGreaterThan(without.length);
  });

  test('an explicit group priority, range-checked', () => {
    const { stack } = secureEgress({ ruleGroupPriority: 500 });
    expect(resourcesOf(synthJson(stack), GROUP)[0].priority).toBe(500);
    expect(() => secureEgress({ ruleGroupPriority: 99 })).toThrow(
      /SecureEgress test\/Egress: rule collection group priority 99 is out of range; use a whole number from 100 to 65000/,
    );
  });
});

describe('the firewall is created after the rule groups of its stack', () => {
  test('SecureEgress: depends_on its group, which never refers back to the firewall', () => {
    const { stack } = secureEgress();
    const json = synthJson(stack);
    const [firewall] = resourcesOf(json, 'azurerm_firewall');
    const ids = Object.keys(json.resource[GROUP]);
    expect(firewall.depends_on).toEqual(ids.map((id) => `\${${GROUP}.${id}}`));
    expect(JSON.stringify(json.resource[GROUP])).not.toMatch(/azurerm_firewall\./);
  });

  test('a hub: depends_on the groups of its own stack, not those of spokes in other stacks', () => {
    const app = Testing.app();
    const hubStack = new TerraformStack(app, 'hub');
    const hub = new EgressHub(hubStack, 'Hub', { location: 'westeurope', addressSpace: '10.250.0.0/24' });
    const spoke = (stack: TerraformStack, id: string, addressSpace: string) =>
      new EgressSpoke(stack, id, {
        hub,
        network: new ClusterNetwork(stack, `${id}Network`, { location: 'westeurope', addressSpace }),
      });
    spoke(hubStack, 'A', '10.1.0.0/16');
    spoke(hubStack, 'B', '10.2.0.0/16');
    spoke(new TerraformStack(app, 'other'), 'C', '10.3.0.0/16');
    const json = synthJson(hubStack);
    const [firewall] = resourcesOf(json, 'azurerm_firewall');
    expect(firewall.depends_on).toEqual(Object.keys(json.resource[GROUP]).map((id) => `\${${GROUP}.${id}}`));
    expect(firewall.depends_on).toHaveLength(2);
  });

  test('in the flagship, hub-spoke and the landing zone, each policy gets one group per cluster and its firewall waits for them', () => {
    const counts: Record<string, number> = {};
    // the flagship (3 groups before), hub-spoke (4 before) and the landing zone; the other examples
    // with a firewall have their groups in their snapshots (test/verify-examples.test.ts)
    const withFirewall = ['secure-baseline', 'hub-spoke', 'landing-zone'];
    for (const { name, build } of EXAMPLE_SCENARIOS.filter((e) => withFirewall.includes(e.name))) {
      const app = new App({ stackTraces: false });
      build(app);
      for (const stack of app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)) {
        const json = synthJson(stack);
        const clusters = resourcesOf(json, 'azurerm_kubernetes_cluster').length;
        const groups = Object.keys(json.resource[GROUP] ?? {});
        for (const firewall of resourcesOf(json, 'azurerm_firewall')) {
          const own = groups.filter((id) =>
            String(json.resource[GROUP][id].firewall_policy_id).includes(
              firewall.firewall_policy_id.replace(/^\$\{(.*)\.id\}$/, '$1'),
            ),
          );
          expect(firewall.depends_on).toEqual(expect.arrayContaining(own.map((id) => `\${${GROUP}.${id}}`)));
        }
        if (groups.length > 0) counts[`${name}/${stack.node.id}`] = groups.length / Math.max(clusters, 1);
      }
    }
    expect(Object.values(counts).every((perCluster) => perCluster === 1)).toBe(true);
    expect(Object.keys(counts).sort()).toEqual([
      'hub-spoke/hub-spoke',
      'landing-zone/landing-zone-hub',
      'landing-zone/landing-zone-team-b',
      'secure-baseline/secure-baseline',
    ]);
  });
});

describe('migration from the four-group layout', () => {
  function legacy(keepLegacyRuleGroups?: boolean) {
    const s = secureEgress({ features: [EgressFeature.OS_UPDATES], keepLegacyRuleGroups });
    s.egress.allow(EgressTarget.fqdns('api.github.com'), EgressPort.https(), 'github');
    s.egress.allow(EgressTarget.cidrs('203.0.113.0/24'), EgressPort.tcp(22), 'sftp');
    s.egress.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
    return synthJson(s.stack);
  }

  test('keepLegacyRuleGroups keeps the old groups unchanged next to the new one', () => {
    const json = legacy(true);
    const groups = json.resource[GROUP];
    expect(Object.values(groups).map((g: any) => [g.name, g.priority])).toEqual(
      expect.arrayContaining([
        ['rcg-egress', 1000],
        ['rcg-platform', 200],
        ['rcg-features', 300],
        ['rcg-user', 400],
        ['rcg-dnat', 100],
      ]),
    );
    expect(Object.keys(groups)).toHaveLength(5);
    // The construct ids (Terraform addresses) of the old groups are the ones they always had, and their
    // bodies are byte-identical to what the four-group layout (commit 897b944) wrote for this input,
    // compared when the snapshot was recorded: the migration deploy only adds the new group.
    const old = Object.fromEntries(
      Object.entries(groups).filter(([id]) => /RuleGroup(Platform|Features|User|Dnat)_/.test(id)),
    );
    expect(Object.keys(old)).toEqual([
      'Egress_RuleGroupDnat_2AEBA4CF',
      'Egress_RuleGroupFeatures_D8261379',
      'Egress_RuleGroupPlatform_24EF83BF',
      'Egress_RuleGroupUser_A2FCD641',
    ]);
    expect(old).toMatchSnapshot('legacy groups');
    // the firewall waits only for the new group (the old ones exist already)
    const [firewall] = resourcesOf(json, 'azurerm_firewall');
    expect(firewall.depends_on).toEqual([expect.stringMatching(/RuleGroup_[0-9A-F]{8}\}$/)]);
  });

  test('dropping the flag afterwards removes only the old groups', () => {
    const withOld = legacy(true).resource;
    const without = legacy().resource;
    const addresses = (r: any) =>
      Object.entries(r).flatMap(([type, byId]: [string, any]) =>
        Object.keys(byId).map((id) => `${type}.${id}`),
      );
    const removed = addresses(withOld).filter((a) => !addresses(without).includes(a));
    expect(removed.map((a) => a.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      `${GROUP}.Egress_RuleGroupDnat`,
      `${GROUP}.Egress_RuleGroupFeatures`,
      `${GROUP}.Egress_RuleGroupPlatform`,
      `${GROUP}.Egress_RuleGroupUser`,
    ]);
    expect(addresses(without).every((a) => addresses(withOld).includes(a))).toBe(true);
  });
});
