// A hub that many spokes join: invariants of the landing zone, spokes in other stacks and of other
// teams, priorities, policy limits, SNAT ports, a hub in another subscription.
import * as fs from 'fs';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { warningsOf as constructWarningsOf } from '../lib/core/warnings';
import {
  AksCluster,
  AksNetworkSynth,
  ApiServerAccess,
  ClusterNetwork,
  derivedGroupPriority,
  EgressHub,
  EgressPort,
  EgressSpoke,
  EgressTarget,
  landingZoneOverlaps,
  SpokePeering,
} from '../lib';
import { HUB_CASES, OTHER_TEAM_HUB, hubIn, spokeOf } from './cases/egress-hub';
import {
  describeBadInputs,
  providerStack,
  resourcesOf,
  synthJson,
  tmpRoot,
  validationMessages,
} from './tools/helpers';

const GROUP = 'azurerm_firewall_policy_rule_collection_group';
// `<Kind> <path>: message`: the library records the message alone, the path goes with the annotation
const warningsOf = (stack: TerraformStack): string[] => constructWarningsOf(stack);
const ref = (token: string) => token.replace(/^\$\{(.*)\}$/, '$1');

/** A hub with three spokes in its own stack, their networks with pod subnets. */
function landingZone() {
  const stack = providerStack('lz');
  const hub = hubIn(stack, { publicIpCount: 20 });
  const spokes = ['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16'].map((space, i) => {
    const id = `Spoke${i + 1}`;
    const network = new ClusterNetwork(stack, `${id}Net`, {
      location: 'westeurope',
      addressSpace: space,
      podSubnetPrefixLength: 20,
      ingressSubnetPrefixLength: 27,
    });
    return { network, egress: new EgressSpoke(stack, id, { hub, network }) };
  });
  return { stack, hub, spokes, json: synthJson(stack) };
}

describe('invariants of a landing zone', () => {
  const { stack, hub, spokes, json } = landingZone();
  const vnets = Object.fromEntries(
    Object.entries(json.resource.azurerm_virtual_network).map(([id, v]: [string, any]) => [
      v.address_space[0],
      id,
    ]),
  );

  test('one firewall, one policy, one hub VNet for all spokes', () => {
    expect(resourcesOf(json, 'azurerm_firewall')).toHaveLength(1);
    expect(resourcesOf(json, 'azurerm_firewall_policy')).toHaveLength(1);
    expect(resourcesOf(json, 'azurerm_public_ip')).toHaveLength(20);
    expect(Object.keys(vnets).sort()).toEqual(['10.1.0.0/16', '10.2.0.0/16', '10.250.0.0/24', '10.3.0.0/16']);
  });

  test('every spoke is peered both ways with the hub', () => {
    const peerings = resourcesOf(json, 'azurerm_virtual_network_peering');
    const hubVnet = `azurerm_virtual_network.${vnets['10.250.0.0/24']}`;
    for (const space of ['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16']) {
      const spokeVnet = `azurerm_virtual_network.${vnets[space]}`;
      expect(peerings).toContainEqual(
        expect.objectContaining({
          virtual_network_name: `\${${spokeVnet}.name}`,
          remote_virtual_network_id: `\${${hubVnet}.id}`,
        }),
      );
      expect(peerings).toContainEqual(
        expect.objectContaining({
          virtual_network_name: `\${${hubVnet}.name}`,
          remote_virtual_network_id: `\${${spokeVnet}.id}`,
        }),
      );
    }
    expect(peerings).toHaveLength(6);
    expect(peerings.every((p) => p.allow_forwarded_traffic === false)).toBe(true);
  });

  test("every spoke subnet is routed to the firewall's private IP, through its own route table", () => {
    const tables = resourcesOf(json, 'azurerm_route_table');
    expect(tables).toHaveLength(3);
    const routes = resourcesOf(json, 'azurerm_route');
    const defaults = routes.filter((r) => r.address_prefix === '0.0.0.0/0');
    expect(defaults).toHaveLength(3);
    for (const r of defaults) {
      expect(r.next_hop_type).toBe('VirtualAppliance');
      expect(ref(r.next_hop_in_ip_address)).toMatch(
        /^azurerm_firewall\.Hub_Firewall_\w+\.ip_configuration\[0\]\.private_ip_address$/,
      );
    }
    const associations = resourcesOf(json, 'azurerm_subnet_route_table_association');
    spokes.forEach((_, i) => {
      const own = associations.filter((a) => a.subnet_id.includes(`azurerm_subnet.Spoke${i + 1}Net_Subnet-`));
      expect(own).toHaveLength(3); // nodes, pods, ingress
      expect(
        own.every((a) => a.route_table_id.includes(`azurerm_route_table.Spoke${i + 1}_RouteTable_`)),
      ).toBe(true);
    });
    // each firewall public IP /32 straight to Internet, in every spoke
    expect(routes.filter((r) => r.next_hop_type === 'Internet')).toHaveLength(3 * 20);
  });

  test('one rule collection group per spoke, sources its node and pod subnets, priorities unique', () => {
    const groups = resourcesOf(json, GROUP);
    expect(groups.map((g) => g.name).sort()).toEqual(['rcg-spoke1', 'rcg-spoke2', 'rcg-spoke3']);
    const priorities = groups.map((g) => g.priority);
    expect(new Set(priorities).size).toBe(3);
    expect(priorities.every((p) => p >= 1000 && p <= 64999)).toBe(true);
    for (const { network, egress } of spokes) {
      const group = groups.find((g) => g.name === egress.ruleGroupName);
      expect(group.priority).toBe(egress.rulePriority);
      expect(ref(group.firewall_policy_id)).toMatch(/^azurerm_firewall_policy\.Hub_Policy_\w+\.id$/);
      const rules = [
        ...(group.network_rule_collection ?? []),
        ...(group.application_rule_collection ?? []),
      ].flatMap((c: any) => c.rule);
      expect(rules.length).toBeGreaterThan(0);
      for (const r of rules) {
        expect(r.source_addresses).toEqual([network.nodeSubnet.cidr, network.podSubnet!.cidr]);
      }
    }
  });

  test('address ranges are disjoint across hub and spokes', () => {
    expect(
      landingZoneOverlaps([
        { name: 'hub', vnetSpaces: hub.hubAddressSpaces },
        ...spokes.map(({ network }, i) => ({
          name: `spoke ${i}`,
          vnetSpaces: network.plan.vnetAddressSpaces,
        })),
      ]),
    ).toEqual([]);
    // the hub is an external range of every spoke's plan
    for (const { network } of spokes) {
      expect(network.plan.externalRanges.map((r) => r.cidr)).toContain('10.250.0.0/24');
    }
    expect(validationMessages(stack)).toEqual([]);
  });

  test('the cluster is created after its routes, its peerings and its rule group', () => {
    const spoke = spokes[0].egress;
    const kinds = spoke.routeDependencies.map((d) => (d as any).terraformResourceType).sort();
    expect(new Set(kinds)).toEqual(
      new Set([
        GROUP,
        'azurerm_route',
        'azurerm_subnet_route_table_association',
        'azurerm_virtual_network_peering',
      ]),
    );
  });
});

describe('priorities of many clusters on one policy', () => {
  test('derived from the group name: adding or reordering spokes renumbers none', () => {
    const build = (ids: string[]) => {
      const stack = new TerraformStack(Testing.app(), 'p');
      const hub = hubIn(stack);
      return Object.fromEntries(
        ids.map((id, i) => [id, spokeOf(stack, hub, id, `10.${i + 1}.0.0/16`).rulePriority]),
      );
    };
    const two = build(['Spoke1', 'Spoke2']);
    const three = build(['Spoke3', 'Spoke1', 'Spoke2']);
    expect(three.Spoke1).toBe(two.Spoke1);
    expect(three.Spoke2).toBe(two.Spoke2);
    expect(two.Spoke1).toBe(derivedGroupPriority('rcg-spoke1'));
  });

  test('fifty spokes: no collisions, and the derivation spreads them', () => {
    const priorities = Array.from({ length: 50 }, (_, i) => derivedGroupPriority(`rcg-spoke-${i}`));
    expect(new Set(priorities).size).toBe(50);
    expect(Math.max(...priorities) - Math.min(...priorities)).toBeGreaterThan(30000);
  });

  test('an explicit priority wins; the other team hands out the ones in use', () => {
    const stack = new TerraformStack(Testing.app(), 'p');
    const hub = EgressHub.fromAttributes(stack, 'Hub', { ...OTHER_TEAM_HUB, rulePrioritiesInUse: [1500] });
    expect(spokeOf(stack, hub, 'Spoke', '10.1.0.0/16', { rulePriority: 1600 }).rulePriority).toBe(1600);
    expect(() => spokeOf(stack, hub, 'Other', '10.2.0.0/16', { rulePriority: 1500 })).toThrow(
      /rule collection group priority 1500 is already used in the policy of hub p\/Hub/,
    );
  });
});

describe('limits of a shared firewall', () => {
  test("rule collection groups: a warning above the older policies' 50, the limit of 60 refused", () => {
    const stack = new TerraformStack(Testing.app(), 'l');
    const hub = EgressHub.fromAttributes(stack, 'Hub', { ...OTHER_TEAM_HUB, ruleCollectionGroupsInUse: 50 });
    spokeOf(stack, hub, 'Spoke', '10.1.0.0/16');
    expect(warningsOf(stack).join('\n')).toMatch(
      /51 rule collection groups in one policy: a policy created before July 2022 takes only 50/,
    );
    const raised = EgressHub.fromAttributes(stack, 'Raised', {
      ...OTHER_TEAM_HUB,
      ruleCollectionGroupsInUse: 60,
      ruleCollectionGroupLimit: 90,
    });
    expect(() => spokeOf(stack, raised, 'Next', '10.2.0.0/16')).not.toThrow();
  });

  test('SNAT ports: spokes sharing fewer than 20 public IPs warn, once', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const hub = hubIn(stack, { publicIpCount: 2 });
    spokeOf(stack, hub, 'A', '10.1.0.0/16');
    expect(warningsOf(stack).filter((w) => /SNAT/.test(w))).toEqual([]);
    spokeOf(stack, hub, 'B', '10.2.0.0/16');
    spokeOf(stack, hub, 'C', '10.3.0.0/16');
    expect(warningsOf(stack).filter((w) => /SNAT/.test(w))).toEqual([
      expect.stringMatching(
        /EgressHub s\/Hub: spokes share the firewall's 2 public IP\(s\), 4,992 SNAT ports per firewall instance for all of them; .*at least 20 public IPs/,
      ),
    ]);
  });

  test('DNAT: each spoke ingress on its own public IP', () => {
    const stack = new TerraformStack(Testing.app(), 'd');
    const hub = hubIn(stack, { publicIpCount: 2 });
    const a = spokeOf(stack, hub, 'A', '10.1.0.0/16');
    const b = spokeOf(stack, hub, 'B', '10.2.0.0/16');
    a.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
    b.addDnat({ publicPort: 443, privatePort: 443, publicIpIndex: 1, sourceAddresses: ['203.0.113.0/24'] });
    const nat = resourcesOf(synthJson(stack), GROUP).map((g) => [
      g.name,
      g.nat_rule_collection[0].rule[0].destination_address,
    ]);
    expect(nat).toEqual([
      ['rcg-a', expect.stringMatching(/^\$\{azurerm_public_ip\.Hub_PublicIp_\w+\.ip_address\}$/)],
      ['rcg-b', expect.stringMatching(/^\$\{azurerm_public_ip\.Hub_PublicIp2_\w+\.ip_address\}$/)],
    ]);
  });
});

describe('spokes in other stacks and of other teams', () => {
  const root = tmpRoot('cross-stack');
  test('an EgressHub of another stack: cdktf cross-stack references, deployed after the hub', () => {
    const dir = root;
    const app = new App({ outdir: dir, stackTraces: false });
    const platform = providerStack('platform', app);
    const hub = hubIn(platform);
    const team = providerStack('team', app);
    spokeOf(team, EgressHub.fromAttributes(team, 'PlatformHub', hub.toAttributes()), 'Spoke', '10.1.0.0/16');
    AksNetworkSynth.synth(app);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', 'team', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(json.data.terraform_remote_state)).toEqual(['cross-stack-reference-input-platform']);
    expect(resourcesOf(json, GROUP)[0].firewall_policy_id).toMatch(
      /terraform_remote_state\.cross-stack-reference-input-platform/,
    );
    expect(team.dependencies).toContain(platform);
    // nothing of the hub is created in the team's stack
    for (const type of ['azurerm_firewall', 'azurerm_firewall_policy', 'azurerm_public_ip']) {
      expect(resourcesOf(json, type)).toEqual([]);
    }
  });

  test("a firewall of another team: only the spoke's group, route table, association and peering", () => {
    const stack = new TerraformStack(Testing.app(), 'team');
    const hub = EgressHub.fromAttributes(stack, 'Hub', OTHER_TEAM_HUB);
    spokeOf(stack, hub, 'Spoke', '10.1.0.0/16', { peering: SpokePeering.spokeSideOnly() });
    const json = synthJson(stack);
    expect(Object.keys(json.resource).sort()).toEqual([
      GROUP,
      'azurerm_resource_group',
      'azurerm_route',
      'azurerm_route_table',
      'azurerm_subnet',
      'azurerm_subnet_route_table_association',
      'azurerm_virtual_network',
      'azurerm_virtual_network_peering',
    ]);
    const [peering] = resourcesOf(json, 'azurerm_virtual_network_peering');
    expect(peering.remote_virtual_network_id).toBe(OTHER_TEAM_HUB.hubVnetId);
    expect(resourcesOf(json, GROUP)[0].firewall_policy_id).toBe(OTHER_TEAM_HUB.firewallPolicyId);
    const routes = resourcesOf(json, 'azurerm_route').map((r) => [
      r.address_prefix,
      r.next_hop_in_ip_address ?? r.next_hop_type,
    ]);
    expect(routes).toEqual([
      ['0.0.0.0/0', '10.250.0.4'],
      ['20.50.1.10/32', 'Internet'],
      ['20.50.1.11/32', 'Internet'],
    ]);
    expect(warningsOf(stack).join('\n')).toMatch(/only the spoke side of the peering is created/);
  });

  test('a hub in another subscription through a provider alias', () => {
    const app = new App({ stackTraces: false });
    const stack = new TerraformStack(app, 'sub');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const hubSubscription = new AzurermProvider(stack, 'hub', {
      features: [{}],
      alias: 'hub',
      subscriptionId: '11111111-1111-1111-1111-111111111111',
    });
    const hub = hubIn(stack, { provider: hubSubscription });
    spokeOf(stack, hub, 'Spoke', '10.1.0.0/16', { hubProvider: hubSubscription });
    const json = synthJson(stack);
    for (const type of [
      'azurerm_firewall',
      'azurerm_firewall_policy',
      'azurerm_public_ip',
      'azurerm_virtual_network',
    ]) {
      const hubOwned = Object.entries(json.resource[type]).filter(([id]) => id.startsWith('Hub_'));
      expect(hubOwned.length).toBeGreaterThan(0);
      expect(hubOwned.every(([, r]: [string, any]) => r.provider === 'azurerm.hub')).toBe(true);
    }
    const peerings = Object.entries(json.resource.azurerm_virtual_network_peering);
    expect(peerings.map(([id, p]: [string, any]) => [id.split('_')[1], p.provider])).toEqual([
      ['PeeringHubToSpoke', 'azurerm.hub'],
      ['PeeringSpokeToHub', undefined],
    ]);
    expect(resourcesOf(json, GROUP)[0].provider).toBe('azurerm.hub');
    expect(resourcesOf(json, 'azurerm_route_table')[0].provider).toBeUndefined();
  });

  test('a private cluster in a spoke: the API server zone is linked to the hub', () => {
    const stack = providerStack('dns');
    const hub = hubIn(stack);
    const egress = spokeOf(stack, hub, 'Spoke', '10.1.0.0/16');
    const network = stack.node.findChild('SpokeNet') as ClusterNetwork;
    network.useDnsServers([hub.firewallPrivateIp]);
    new AksCluster(stack, 'Aks', {
      network,
      egress,
      apiServerAccess: ApiServerAccess.privateCluster({ privateDnsZone: hub.apiServerDnsZone() }),
    });
    expect(validationMessages(stack)).toEqual([]);
    const json = synthJson(stack);
    expect(resourcesOf(json, 'azurerm_private_dns_zone')).toEqual([
      expect.objectContaining({ name: 'privatelink.westeurope.azmk8s.io' }),
    ]);
    expect(
      ref(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')[0].virtual_network_id),
    ).toMatch(/^azurerm_virtual_network\.Hub_VirtualNetwork_\w+\.id$/);
    const roles = resourcesOf(json, 'azurerm_role_assignment').map((r) => [
      r.role_definition_name,
      ref(r.scope),
    ]);
    expect(roles).toContainEqual([
      'Private DNS Zone Contributor',
      expect.stringMatching(/^azurerm_private_dns_zone\.Hub_/),
    ]);
    expect(roles).toContainEqual([
      'Network Contributor',
      expect.stringMatching(/^azurerm_virtual_network\.SpokeNet_/),
    ]);
    const [aks] = resourcesOf(json, 'azurerm_kubernetes_cluster');
    expect(ref(aks.private_dns_zone_id)).toMatch(
      /^azurerm_private_dns_zone\.Hub_ApiServerDnsZone-westeurope_\w+\.id$/,
    );
    hub.apiServerDnsZone();
    expect(resourcesOf(synthJson(stack), 'azurerm_private_dns_zone')).toHaveLength(1); // one zone per region
  });

  test('hub.addSpoke: a spoke next to the hub, in its stack', () => {
    const stack = new TerraformStack(Testing.app(), 'add');
    const hub = hubIn(stack);
    const network = new ClusterNetwork(stack, 'Net', { location: 'westeurope', addressSpace: '10.1.0.0/16' });
    const spoke = hub.addSpoke('Spoke', { network });
    expect(spoke).toBeInstanceOf(EgressSpoke);
    expect(spoke.node.path).toBe('add/Spoke');
    expect(resourcesOf(synthJson(stack), GROUP).map((g) => g.name)).toEqual(['rcg-spoke']);
  });

  test('user rules of a spoke land in its own group only', () => {
    const stack = new TerraformStack(Testing.app(), 'u');
    const hub = hubIn(stack);
    spokeOf(stack, hub, 'A', '10.1.0.0/16').allow(
      EgressTarget.fqdns('api.github.com'),
      EgressPort.https(),
      'github',
    );
    spokeOf(stack, hub, 'B', '10.2.0.0/16');
    const groups = Object.fromEntries(resourcesOf(synthJson(stack), GROUP).map((g) => [g.name, g]));
    const names = (g: any) =>
      (g.application_rule_collection ?? []).flatMap((c: any) => c.rule.map((r: any) => r.name));
    expect(names(groups['rcg-a'])).toContain('github');
    expect(names(groups['rcg-b'])).not.toContain('github');
  });
});

describeBadInputs('bad inputs of a landing zone', HUB_CASES);
