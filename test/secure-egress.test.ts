import { Route } from '@cdktf/provider-azurerm/lib/route';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import {
  AzureCloud,
  ClusterNetwork,
  ClusterNetworkProps,
  EgressFeature,
  EgressPort,
  EgressTarget,
  FirewallPlacement,
  FirewallTier,
  NtpRule,
  SECURE_EGRESS_DEFAULTS,
  SecureEgress,
  SecureEgressProps,
  ThreatIntelMode,
} from '../lib';
import { build as buildHubSpoke } from '../examples/hub-spoke/main';
import { build as buildLockedDown } from '../examples/locked-down-egress/main';
import { AksNetworkError } from '../lib/core/errors';
import { warningsOf } from '../lib/core/warnings';
import { pickIngressIp } from '../lib/azure/egress/private/dnat';
import { LEGACY_PRIORITY, renderCatalogueGroup, sourceFields } from '../lib/azure/egress/private/rules';
import { EgressCatalogue } from '../lib';
import { EGRESS_CASES, EGRESS_NETWORK } from './cases/secure-egress';
import {
  FakeEgressClient,
  clusterNetwork,
  describeBadInputs,
  existingNetwork,
  onlyResource,
  providerStack,
  resourcesOf,
  synthJson,
  validationMessages,
} from './tools/helpers';

interface Setup {
  stack: TerraformStack;
  network: ClusterNetwork;
  egress: SecureEgress;
}

/** A network (nodes /22, ingress /27, firewall /26 unless told otherwise) and its SecureEgress. */
function setup(
  props: Partial<SecureEgressProps> = {},
  networkProps: Partial<ClusterNetworkProps> = {},
): Setup {
  const stack = providerStack('test', Testing.app());
  const network = clusterNetwork(stack, { ...EGRESS_NETWORK, ...networkProps });
  const egress = new SecureEgress(stack, 'Egress', { network, ...props });
  return { stack, network, egress };
}

const BASIC_NETWORK = { firewallManagementSubnetPrefixLength: 26 };
const synth = (s: Setup): any => synthJson(s.stack);
const groups = (json: any): Record<string, any> =>
  Object.fromEntries(
    resourcesOf(json, 'azurerm_firewall_policy_rule_collection_group').map((g) => [g.name, g]),
  );
const allRules = (json: any): any[] =>
  Object.values(groups(json)).flatMap((g: any) =>
    [...(g.network_rule_collection ?? []), ...(g.application_rule_collection ?? [])].flatMap(
      (c: any) => c.rule,
    ),
  );
/** One layer of the cluster's one rule group: its collections named `<layer>-network`, `<layer>-application` (or `dnat`). */
const layer = (json: any, name: 'aks-platform' | 'aks-features' | 'user' | 'dnat'): any => {
  const [group] = Object.values(groups(json));
  const pick = (key: string, suffix: string) => {
    const found = (group[key] ?? []).filter(
      (c: any) => c.name === (name === 'dnat' ? 'dnat' : `${name}-${suffix}`),
    );
    return found.length > 0 ? found : undefined;
  };
  return {
    network_rule_collection: pick('network_rule_collection', 'network'),
    application_rule_collection: pick('application_rule_collection', 'application'),
    nat_rule_collection: pick('nat_rule_collection', 'dnat'),
  };
};
const warnings = (s: Setup): string[] => warningsOf(s.stack);
/** The validation messages of the stack, as synthesis reports them. */
const validationErrors = (s: Setup): string[] => validationMessages(s.stack);

describe('SecureEgress defaults', () => {
  test('snapshot', () => {
    const s = setup();
    s.egress.attachCluster(new FakeEgressClient(s.stack, 'Aks'));
    expect(synth(s).resource).toMatchSnapshot();
  });

  test('firewall, policy and public IP', () => {
    const json = synth(setup());
    const fw = onlyResource(json, 'azurerm_firewall');
    expect(fw).toMatchObject({ sku_name: 'AZFW_VNet', sku_tier: 'Standard', zones: ['1', '2', '3'] });
    expect(fw.ip_configuration).toHaveLength(1);
    expect(fw.ip_configuration[0].subnet_id).toMatch(/azurerm_subnet\.Network_Subnet-AzureFirewallSubnet/);
    expect(fw.management_ip_configuration).toBeUndefined();
    const policy = onlyResource(json, 'azurerm_firewall_policy');
    expect(policy).toMatchObject({
      sku: 'Standard',
      threat_intelligence_mode: 'Deny',
      dns: { proxy_enabled: true },
    });
    expect(onlyResource(json, 'azurerm_public_ip')).toMatchObject({
      allocation_method: 'Static',
      sku: 'Standard',
      zones: ['1', '2', '3'],
    });
    const fwSubnet = resourcesOf(json, 'azurerm_subnet').find((x) => x.name === 'AzureFirewallSubnet');
    expect(fwSubnet.address_prefixes).toEqual(['10.240.4.64/26']);
  });

  test('route table: default via the firewall, firewall PIP to Internet, no BGP, associations are the dependencies', () => {
    const s = setup({}, { podSubnetPrefixLength: 20 });
    new TerraformOutput(s.stack, 'rt', { value: s.egress.routeTableId });
    const json = synth(s);
    expect(json.output.rt.value).toMatch(/^\$\{azurerm_route_table\.Egress_RouteTable_\w+\.id\}$/);
    const rt = onlyResource(json, 'azurerm_route_table');
    expect(rt.bgp_route_propagation_enabled).toBe(false);
    expect(rt.route).toBeUndefined(); // routes only as azurerm_route, never inline
    const routes = resourcesOf(json, 'azurerm_route');
    expect(routes.map((r) => [r.name, r.address_prefix, r.next_hop_type])).toEqual([
      ['default-via-firewall', '0.0.0.0/0', 'VirtualAppliance'],
      [
        'firewall-pip-1-internet',
        expect.stringMatching(/^\$\{azurerm_public_ip\.Egress_PublicIp_\w+\.ip_address}\/32$/),
        'Internet',
      ],
    ]);
    expect(routes[0].next_hop_in_ip_address).toMatch(
      /azurerm_firewall\.Egress_Firewall_\w+\.ip_configuration\[0\]\.private_ip_address/,
    );
    expect(routes[1].next_hop_in_ip_address).toBeUndefined();
    expect(
      routes.every((r) => /azurerm_route_table\.Egress_RouteTable_\w+\.name/.test(r.route_table_name)),
    ).toBe(true);
    const assoc = resourcesOf(json, 'azurerm_subnet_route_table_association');
    expect(assoc.map((a) => a.subnet_id.match(/Subnet-([\w-]+)_/)[1]).sort()).toEqual([
      'snet-aks-ingress',
      'snet-aks-nodes',
      'snet-aks-pods',
    ]);
    expect(assoc.every((a) => /azurerm_route_table\.Egress_RouteTable/.test(a.route_table_id))).toBe(true);
    expect(s.egress.routeDependencies).toHaveLength(5);
    expect(s.egress.routeDependencies.filter((d) => d instanceof SubnetRouteTableAssociation)).toHaveLength(
      3,
    );
    expect(s.egress.routeDependencies.filter((d) => d instanceof Route)).toHaveLength(2);
    expect(s.egress.egressPublicIps).toHaveLength(1);
  });

  test('rule sources are the node and pod subnets, never *; priorities are layered', () => {
    const s = setup({ features: [EgressFeature.OS_UPDATES] }, { podSubnetPrefixLength: 20 });
    s.egress.allow(EgressTarget.fqdns('api.github.com'), EgressPort.https(), 'github');
    s.egress.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
    const json = synth(s);
    const g = groups(json);
    // one group per cluster, its collections layered (test/egress-layout.test.ts has the details)
    expect(Object.fromEntries(Object.entries(g).map(([n, x]) => [n, x.priority]))).toEqual({
      'rcg-egress': 1000,
    });
    expect(
      ['nat', 'network', 'application'].flatMap((t) =>
        g['rcg-egress'][`${t}_rule_collection`].map((c: any) => [c.name, c.priority]),
      ),
    ).toEqual([
      ['dnat', 100],
      ['aks-platform-network', 1000],
      ['aks-platform-application', 2000],
      ['aks-features-application', 2100],
      ['user-application', 2200],
    ]);
    const rules = allRules(json);
    expect(rules.length).toBeGreaterThan(4);
    for (const r of rules) {
      expect(r.source_addresses).toEqual(['10.240.0.0/22', '10.240.16.0/20']);
    }
    expect(() => sourceFields(s.egress, { addresses: ['*'] })).toThrow(
      /^SecureEgress test\/Egress: egress rule source \* allows any sender; use the cluster subnet CIDRs/,
    );
    expect(() => sourceFields(s.egress, {})).toThrow(
      /^SecureEgress test\/Egress: egress rules have no source/,
    );
  });

  test('sources from an IP group of the cluster subnets', () => {
    const s = setup({ sourceIpGroup: true }, { podSubnetPrefixLength: 20 });
    s.egress.allow(EgressTarget.cidrs('203.0.113.0/24'), EgressPort.tcp(22), 'sftp');
    const json = synth(s);
    expect(onlyResource(json, 'azurerm_ip_group').cidrs).toEqual(['10.240.0.0/22', '10.240.16.0/20']);
    const rules = allRules(json);
    expect(rules.length).toBeGreaterThan(2);
    for (const r of rules) {
      expect(r.source_addresses).toBeUndefined();
      expect(r.source_ip_groups).toEqual([
        expect.stringMatching(/azurerm_ip_group\.Egress_SourceIpGroup_\w+\.id/),
      ]);
    }
  });

  test('platform rules follow the catalogue and the attached cluster', () => {
    const s = setup();
    const cluster = new FakeEgressClient(s.stack, 'Aks', 'northeurope', true, [EgressFeature.MONITOR]);
    s.egress.attachCluster(cluster);
    cluster.features.push(EgressFeature.WINDOWS); // a pool added later still counts
    const json = synth(s);
    expect(layer(json, 'aks-platform').network_rule_collection).toBeUndefined(); // private: no tunnel ports
    const platformFqdns = layer(json, 'aks-platform').application_rule_collection[0].rule[0]
      .destination_fqdns;
    expect(platformFqdns).not.toContain('*.hcp.northeurope.azmk8s.io');
    const featureRules = layer(json, 'aks-features').application_rule_collection[0].rule.map(
      (r: any) => r.name,
    );
    expect(featureRules).toEqual(['monitor-https', 'windows-https', 'windows-http']);
    expect(layer(json, 'aks-features').network_rule_collection[0].rule[0]).toMatchObject({
      destination_addresses: ['AzureMonitor'],
      destination_ports: ['443'],
      protocols: ['TCP'],
    });
  });

  test('21Vianet: TCP 22 and *.tun stay for private clusters', () => {
    const s = setup({ cloud: AzureCloud.CHINA }, { location: 'chinaeast2' });
    s.egress.attachCluster(new FakeEgressClient(s.stack, 'Aks', 'chinaeast2', true));
    const json = synth(s);
    const tcp = layer(json, 'aks-platform').network_rule_collection[0].rule.find(
      (r: any) => r.name === 'core-tunnel-tcp',
    );
    expect(tcp).toMatchObject({
      destination_ports: ['22', '9000'],
      destination_addresses: ['AzureCloud.chinaeast2'],
    });
    expect(layer(json, 'aks-platform').application_rule_collection[0].rule[0].destination_fqdns).toContain(
      '*.tun.chinaeast2.cx.prod.service.azk8s.cn',
    );
  });

  test('renderer output matches the catalogue entry by entry', () => {
    const c = EgressCatalogue.forCluster({ location: 'westeurope', features: [EgressFeature.OS_UPDATES] });
    const g = renderCatalogueGroup('g', LEGACY_PRIORITY.features, c.entries, {
      sourceAddresses: ['10.0.0.0/24'],
    });
    expect(g.applicationRuleCollection![0].rule.map((r) => [r.name, r.protocols])).toEqual([
      ['core-fqdns', [{ type: 'Https', port: 443 }]],
      ['os-updates-https', [{ type: 'Https', port: 443 }]],
      ['os-updates-http', [{ type: 'Http', port: 80 }]],
    ]);
    expect(g.networkRuleCollection![0].rule.map((r) => [r.name, r.protocols, r.destinationPorts])).toEqual([
      ['core-tunnel-udp', ['UDP'], ['1194']],
      ['core-tunnel-tcp', ['TCP'], ['9000']],
    ]);
  });
});

describe('user rules', () => {
  test('intent verbs map to the right rule type', () => {
    const s = setup();
    s.egress.allow(EgressTarget.fqdns('*.github.com', 'github.com'), EgressPort.https(), 'github');
    s.egress.allow(EgressTarget.serviceTag('Storage.westeurope'), EgressPort.tcp(443), 'storage');
    s.egress.allow(EgressTarget.cidrs('203.0.113.0/24'), EgressPort.udp(514), 'syslog');
    s.egress.allow(EgressTarget.cidrs('198.51.100.7'), EgressPort.https(8443), 'partner');
    s.egress.allow(EgressTarget.fqdns('smtp.example.com'), EgressPort.tcp(587), 'smtp');
    // an FQDN network rule needs the VNet's DNS on the firewall's DNS proxy: the network says so itself
    s.network.useDnsServers([s.egress.firewallPrivateIp]);
    expect(validationErrors(s)).toEqual([]);
    const json = synth(s);
    const user = layer(json, 'user');
    expect(user.application_rule_collection[0].rule).toEqual([
      expect.objectContaining({
        name: 'github',
        destination_fqdns: ['*.github.com', 'github.com'],
        protocols: [{ type: 'Https', port: 443 }],
      }),
      expect.objectContaining({
        name: 'partner',
        destination_addresses: ['198.51.100.7'],
        protocols: [{ type: 'Https', port: 8443 }],
      }),
    ]);
    expect(user.application_rule_collection[0].rule[1].destination_fqdns).toBeUndefined();
    expect(user.network_rule_collection[0].rule).toEqual([
      expect.objectContaining({
        name: 'storage',
        destination_addresses: ['Storage.westeurope'],
        protocols: ['TCP'],
        destination_ports: ['443'],
      }),
      expect.objectContaining({
        name: 'syslog',
        destination_addresses: ['203.0.113.0/24'],
        protocols: ['UDP'],
        destination_ports: ['514'],
      }),
      expect.objectContaining({
        name: 'smtp',
        destination_fqdns: ['smtp.example.com'],
        protocols: ['TCP'],
        destination_ports: ['587'],
      }),
    ]);
    expect(onlyResource(json, 'azurerm_virtual_network').dns_servers).toEqual([
      expect.stringMatching(
        /azurerm_firewall\.Egress_Firewall_\w+\.ip_configuration\[0\]\.private_ip_address/,
      ),
    ]);
  });

  test('the FQDN tag renders as destination_fqdn_tags next to the explicit FQDNs', () => {
    const rules = layer(synth(setup({ useFqdnTag: true })), 'aks-platform').application_rule_collection[0]
      .rule;
    expect(rules.map((r: any) => r.name)).toEqual(['core-fqdns', 'core-fqdn-tag']);
    expect(rules[1]).toMatchObject({
      destination_fqdn_tags: ['AzureKubernetesService'],
      protocols: [{ type: 'Https', port: 443 }],
    });
    expect(rules[1].destination_fqdns).toBeUndefined();
  });

  test('without FQDN network rules the VNet keeps Azure DNS', () => {
    const json = synth(setup({ ntp: NtpRule.ANY_ADDRESS }));
    expect(onlyResource(json, 'azurerm_virtual_network').dns_servers).toBeUndefined();
  });

  // Deliberate change: SecureEgress no longer rewrites the DNS servers of the network it was given.
  // An FQDN network rule (NTP by FQDN here) fails validation until the network points at the firewall.
  test("NTP by FQDN: the network's DNS is left alone and must point at the firewall", () => {
    const s = setup({ ntp: NtpRule.UBUNTU_FQDN });
    expect(onlyResource(synth(s), 'azurerm_virtual_network').dns_servers).toBeUndefined();
    expect(validationErrors(s)).toEqual([
      "SecureEgress test/Egress: NTP rule ntp.ubuntu.com (UDP 123) is an FQDN network rule, which matches only when the nodes resolve names through the firewall's DNS proxy, but the network's DNS servers are Azure-provided; point them at the firewall: network.useDnsServers([egress.firewallPrivateIp])",
    ]);
    s.network.useDnsServers([s.egress.firewallPrivateIp]);
    expect(validationErrors(s)).toEqual([]);
    expect(onlyResource(synth(s), 'azurerm_virtual_network').dns_servers).toHaveLength(1);
  });

  test('an FQDN network rule on an existing network: DNS through the firewall, on the existing VNet', () => {
    const stack = providerStack('test', Testing.app());
    const network = existingNetwork(stack, { firewallSubnetPrefixLength: 26 });
    const egress = new SecureEgress(stack, 'Egress', { network });
    egress.allow(EgressTarget.fqdns('smtp.example.com'), EgressPort.tcp(587), 'smtp');
    expect(validationMessages(stack)).toEqual([
      expect.stringMatching(/^SecureEgress test\/Egress: rule smtp is an FQDN network rule/),
    ]);
    network.useDnsServers([egress.firewallPrivateIp]);
    expect(validationMessages(stack)).toEqual([]);
    const json = synthJson(stack);
    expect(onlyResource(json, 'azurerm_virtual_network_dns_servers').dns_servers).toEqual([
      expect.stringMatching(/azurerm_firewall\.Egress_Firewall_\w+/),
    ]);
  });

  test('DNS proxy off warns', () => {
    expect(warnings(setup({ dnsProxy: false })).join('\n')).toMatch(
      /SecureEgress test\/Egress: dnsProxy off/,
    );
  });

  // Defect of issue 14: EgressPort.tcp(70000) threw a RangeError, while Port.tcp(70000) (its
  // Kubernetes twin) was accepted until used. Both value classes now refuse it where they are made.
  test('an out-of-range port is the library error of the factory', () => {
    for (const make of [() => EgressPort.tcp(70000), () => EgressPort.udp(0), () => EgressPort.https(1.5)]) {
      expect(make).toThrow(AksNetworkError);
    }
    expect(() => EgressPort.tcp(70000)).toThrow(
      /^EgressPort\.tcp: port 70000 is out of range; use a whole number from 1 to 65535$/,
    );
  });
});

describe('tiers and opt-outs', () => {
  test('Basic: management subnet and IP, a Basic policy that alerts, no DNS proxy', () => {
    const basic = setup({ tier: FirewallTier.BASIC }, BASIC_NETWORK);
    const json = synth(basic);
    const fw = onlyResource(json, 'azurerm_firewall');
    expect(fw.sku_tier).toBe('Basic');
    expect(fw.management_ip_configuration.subnet_id).toMatch(/Subnet-AzureFirewallManagementSubnet/);
    expect(fw.management_ip_configuration.public_ip_address_id).toMatch(
      /azurerm_public_ip\.Egress_ManagementPublicIp_\w+\.id/,
    );
    const policy = onlyResource(json, 'azurerm_firewall_policy');
    expect(policy).toMatchObject({ sku: 'Basic', threat_intelligence_mode: 'Alert' });
    expect(policy.dns).toBeUndefined();
    expect(warnings(basic).join('\n')).toMatch(/threatIntelMode Alert/);
  });

  // Defect of issue 14: SECURE_EGRESS_DEFAULTS.managementSubnetPrefixLength (26) could never apply
  // (Basic without a management subnet failed anyway). The constant is gone; the error says where the
  // management subnet comes from.
  test('Basic without a management subnet fails with where to set one; no default pretends otherwise', () => {
    expect(Object.keys(SECURE_EGRESS_DEFAULTS).sort()).toEqual([
      'cloud',
      'publicIpCount',
      'ruleGroupPriority',
      'threatIntelMode',
      'tier',
    ]);
    expect(() => setup({ tier: FirewallTier.BASIC })).toThrow(
      'SecureEgress test/Egress: tier Basic needs AzureFirewallManagementSubnet and a management public IP, and the placement has none; set firewallManagementSubnetPrefixLength: 26 on the ClusterNetwork (or managementSubnetPrefixLength in FirewallPlacement.hub()), or use FirewallTier.STANDARD',
    );
    const hub = setup(
      {
        tier: FirewallTier.BASIC,
        placement: FirewallPlacement.hub({ addressSpace: '10.250.0.0/24', managementSubnetPrefixLength: 26 }),
      },
      { firewallSubnetPrefixLength: undefined },
    );
    expect(resourcesOf(synth(hub), 'azurerm_subnet').map((x) => [x.name, x.address_prefixes[0]])).toEqual(
      expect.arrayContaining([
        ['AzureFirewallSubnet', '10.250.0.0/26'],
        ['AzureFirewallManagementSubnet', '10.250.0.64/26'],
      ]),
    );
  });

  // Defect of issue 14: the Basic firewall's management IP had the id PublicIp100, which the 100th
  // egress public IP also takes: 100 or more public IPs failed with a duplicate construct id.
  test('a Basic firewall with 100 and more public IPs: distinct ids, one management IP', () => {
    for (const publicIpCount of [100, 250]) {
      const s = setup({ tier: FirewallTier.BASIC, publicIpCount }, BASIC_NETWORK);
      const json = synth(s);
      const ids = Object.keys(json.resource.azurerm_public_ip);
      expect(ids).toHaveLength(publicIpCount + 1);
      expect(ids.filter((id) => id.startsWith('Egress_ManagementPublicIp_'))).toHaveLength(1);
      expect(ids.filter((id) => /^Egress_PublicIp100_/.test(id))).toHaveLength(1);
      expect(onlyResource(json, 'azurerm_firewall').ip_configuration).toHaveLength(publicIpCount);
      expect(s.egress.egressPublicIps).toHaveLength(publicIpCount);
    }
  });

  test('Premium policy, several public IPs, opt-out warnings', () => {
    const s = setup({
      tier: FirewallTier.PREMIUM,
      publicIpCount: 3,
      threatIntelMode: ThreatIntelMode.OFF,
      bgpRoutePropagation: true,
    });
    const json = synth(s);
    expect(onlyResource(json, 'azurerm_firewall_policy').sku).toBe('Premium');
    const fw = onlyResource(json, 'azurerm_firewall');
    expect(fw.ip_configuration.map((c: any) => c.subnet_id !== undefined)).toEqual([true, false, false]);
    expect(s.egress.egressPublicIps).toHaveLength(3);
    expect(Object.keys(json.resource.azurerm_route)).toHaveLength(4);
    const w = warnings(s).join('\n');
    expect(w).toMatch(/SecureEgress test\/Egress: threatIntelMode Off/);
    expect(w).toMatch(/bgpRoutePropagation on/);
  });

  test('tags reach every resource of the egress path', () => {
    const s = setup({ tags: { env: 'prod' } });
    const json = synth(s);
    for (const type of [
      'azurerm_firewall',
      'azurerm_firewall_policy',
      'azurerm_public_ip',
      'azurerm_route_table',
    ]) {
      expect(resourcesOf(json, type).every((r) => r.tags?.env === 'prod')).toBe(true);
    }
  });
});

describe('placement', () => {
  test('the firewall subnet comes from the network, an existing one as given', () => {
    expect(setup().egress.firewallSubnet).toMatchObject({
      name: 'AzureFirewallSubnet',
      cidr: '10.240.4.64/26',
    });
    const existing = setup(
      {
        placement: FirewallPlacement.existingSubnet({
          name: 'AzureFirewallSubnet',
          id: '/subscriptions/x/subnets/AzureFirewallSubnet',
          cidr: '10.1.0.0/26',
        }),
      },
      { firewallSubnetPrefixLength: undefined },
    );
    expect(existing.egress.firewallSubnet).toEqual({
      name: 'AzureFirewallSubnet',
      id: '/subscriptions/x/subnets/AzureFirewallSubnet',
      cidr: '10.1.0.0/26',
    });
    expect(onlyResource(synth(existing), 'azurerm_firewall').ip_configuration[0].subnet_id).toBe(
      '/subscriptions/x/subnets/AzureFirewallSubnet',
    );
  });

  test('hub VNet with peerings both ways', () => {
    const s = setup(
      { placement: FirewallPlacement.hub({ addressSpace: '10.250.0.0/24' }) },
      { firewallSubnetPrefixLength: undefined },
    );
    const json = synth(s);
    const vnets = resourcesOf(json, 'azurerm_virtual_network');
    expect(vnets.map((v) => [v.name, v.address_space])).toEqual([
      ['vnet-hub-egress', ['10.250.0.0/24']],
      ['vnet-network', ['10.240.0.0/16']],
    ]);
    const fwSubnet = resourcesOf(json, 'azurerm_subnet').find((x) => x.name === 'AzureFirewallSubnet');
    expect(fwSubnet).toMatchObject({
      address_prefixes: ['10.250.0.0/26'],
      virtual_network_name: expect.stringMatching(/HubVnet/),
    });
    const peerings = resourcesOf(json, 'azurerm_virtual_network_peering');
    expect(peerings).toHaveLength(2);
    expect(
      peerings
        .map((p) => [
          p.virtual_network_name.match(/(HubVnet|Network_VirtualNetwork)/)[1],
          p.remote_virtual_network_id.match(/(HubVnet|Network_VirtualNetwork)/)[1],
        ])
        .sort(),
    ).toEqual([
      ['HubVnet', 'Network_VirtualNetwork'],
      ['Network_VirtualNetwork', 'HubVnet'],
    ]);
    expect(
      peerings.every((p) => p.allow_forwarded_traffic === false && p.allow_virtual_network_access === true),
    ).toBe(true);
    expect(s.network.plan.externalRanges.map((r) => r.cidr)).toContain('10.250.0.0/24');
    // the hub is an external range of the spoke's plan, which still carves the spoke's free space
    expect(s.network.plan.carveSubnet('snet-late', 24).cidr).toBe('10.240.5.0/24');
  });
});

describe('DNAT and the ingress endpoint', () => {
  test('ingress endpoint is a plain, deterministic, usable address', () => {
    const s = setup();
    const endpoint = s.egress.ingressEndpoint();
    expect(endpoint).toEqual({
      privateIp: '10.240.4.30',
      subnetName: 'snet-aks-ingress',
      subnetCidr: '10.240.4.0/27',
    });
    expect(pickIngressIp('10.0.0.0/29')).toBe('10.0.0.6');
    expect(s.egress.ingressEndpoint()).toEqual(endpoint);
  });

  test('DNAT rule fields', () => {
    const s = setup();
    s.egress.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
    s.egress.addDnat({ publicPort: 8080, privatePort: 80, privateIp: '10.240.4.20', name: 'web-http' });
    expect(s.egress.dnatTranslatedAddresses).toEqual(['10.240.4.30', '10.240.4.20']);
    const json = synth(s);
    const dnat = groups(json)['rcg-egress']; // the DNAT collection of the cluster's one group
    expect(dnat.nat_rule_collection[0].priority).toBe(100);
    expect(dnat.nat_rule_collection).toHaveLength(1);
    expect(dnat.nat_rule_collection[0].action).toBe('Dnat');
    expect(dnat.nat_rule_collection[0].rule).toEqual([
      {
        name: 'dnat-443',
        protocols: ['TCP'],
        source_addresses: ['203.0.113.0/24'],
        destination_address: expect.stringMatching(/azurerm_public_ip\.Egress_PublicIp_\w+\.ip_address/),
        destination_ports: ['443'],
        translated_address: '10.240.4.30',
        translated_port: 443,
      },
      expect.objectContaining({
        name: 'web-http',
        source_addresses: ['*'],
        destination_ports: ['8080'],
        translated_address: '10.240.4.20',
        translated_port: 80,
      }),
    ]);
    expect(warnings(s).join('\n')).toMatch(
      /SecureEgress test\/Egress: DNAT port 8080 accepts any client; .*set sourceAddresses/,
    );
    expect(warnings(s).join('\n')).not.toMatch(/DNAT port 443/);
  });
});

describe('examples', () => {
  const stacksOf = (build: (app: App) => unknown[], k8sApps: number): Record<string, any> => {
    const app = Testing.app();
    expect(build(app)).toHaveLength(k8sApps);
    return Object.fromEntries(
      app.node.children
        .filter((c): c is TerraformStack => c instanceof TerraformStack)
        .map((stack) => [stack.node.id, synthJson(stack)]),
    );
  };
  const aksOf = (json: any): any => Object.values(json.resource.azurerm_kubernetes_cluster)[0];

  test('locked-down-egress: public and 21Vianet stacks', () => {
    const stacks = stacksOf(buildLockedDown, 2);
    expect(Object.keys(stacks)).toEqual(['locked-down-egress', 'locked-down-egress-china']);
    for (const [name, json] of Object.entries(stacks)) {
      expect(json.resource).toMatchSnapshot(name);
      const aks = aksOf(json);
      expect(aks.network_profile.outbound_type).toBe('userDefinedRouting');
      expect(
        aks.depends_on.filter((d: string) => d.startsWith('azurerm_subnet_route_table_association.')),
      ).toHaveLength(2);
      expect(allRules(json).every((r) => !r.source_addresses.includes('*'))).toBe(true);
    }
    const china = stacks['locked-down-egress-china'];
    expect(china.provider.azurerm[0].environment).toBe('china');
    const chinaFqdns = allRules(china).flatMap((r) => r.destination_fqdns ?? []);
    expect(chinaFqdns).toContain('*.tun.chinaeast2.cx.prod.service.azk8s.cn');
    expect(chinaFqdns).toContain('data.policy.azure.cn');
    const apps = buildLockedDown(Testing.app());
    expect(apps.map((a) => a.charts.map((c) => c.toJson()))).toMatchSnapshot('manifests');
    const service = apps[0].charts[0]
      .toJson()
      .find((o: any) => o.kind === 'NginxIngressController' || o.kind === 'Service');
    expect(JSON.stringify(service)).toContain('10.240.4.30');
    expect(JSON.stringify(service)).toContain('10.240.4.64/26');
    const nat = layer(stacks['locked-down-egress'], 'dnat').nat_rule_collection[0].rule[0];
    expect(nat).toMatchObject({ translated_address: '10.240.4.30', source_addresses: ['203.0.113.0/24'] });
  });

  test('hub-spoke: firewall in the hub, DNS through the firewall for the NTP FQDN', () => {
    const stacks = stacksOf(buildHubSpoke, 0);
    const json = stacks['hub-spoke'];
    expect(json.resource).toMatchSnapshot('hub-spoke');
    expect(Object.values(json.resource.azurerm_virtual_network_peering)).toHaveLength(2);
    const spoke = resourcesOf(json, 'azurerm_virtual_network').find((v) => v.name === 'vnet-spoke');
    expect(spoke.dns_servers).toHaveLength(1);
    expect(allRules(json).every((r) => r.source_addresses.length === 2)).toBe(true);
    expect(
      aksOf(json).depends_on.filter((d: string) => d.startsWith('azurerm_subnet_route_table_association.')),
    ).toHaveLength(3);
  });
});

describeBadInputs('SecureEgress refuses bad inputs', EGRESS_CASES);
