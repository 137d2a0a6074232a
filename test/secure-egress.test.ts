import { Route } from '@cdktf/provider-azurerm/lib/route';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { TerraformOutput, Testing, TerraformStack } from 'cdktf';
import {
  AzureCloud,
  ClusterNetwork,
  EgressFeature,
  EgressPort,
  EgressTarget,
  FirewallPlacement,
  FirewallTier,
  NtpRule,
  SecureEgress,
  SecureEgressProps,
  ThreatIntelMode,
} from '../lib';
import { build as buildHubSpoke } from '../examples/hub-spoke/main';
import { build as buildLockedDown } from '../examples/locked-down-egress/main';
import { pickIngressIp } from '../lib/azure/egress/private/dnat';
import { PRIORITY, renderCatalogueGroup, sourceFields } from '../lib/azure/egress/private/rules';
import { EgressCatalogue } from '../lib';

interface Setup {
  stack: TerraformStack;
  network: ClusterNetwork;
  egress: SecureEgress;
}

function setup(
  props: Partial<SecureEgressProps> = {},
  networkProps: { podSubnetPrefixLength?: number } = {},
): Setup {
  const stack = new TerraformStack(Testing.app(), 'test');
  const network = new ClusterNetwork(stack, 'Network', {
    location: 'westeurope',
    addressSpace: '10.240.0.0/16',
    ingressSubnetPrefixLength: 27,
    ...networkProps,
  });
  const egress = new SecureEgress(stack, 'Egress', { network, ...props });
  return { stack, network, egress };
}

const synth = (s: Setup): any => JSON.parse(Testing.synth(s.stack));
const only = (json: any, type: string): any => {
  const all = Object.values(json.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
};
const groups = (json: any): Record<string, any> =>
  Object.fromEntries(
    (Object.values(json.resource.azurerm_firewall_policy_rule_collection_group) as any[]).map((g) => [
      g.name,
      g,
    ]),
  );
const allRules = (json: any): any[] =>
  Object.values(groups(json)).flatMap((g: any) =>
    [...(g.network_rule_collection ?? []), ...(g.application_rule_collection ?? [])].flatMap(
      (c: any) => c.rule,
    ),
  );
const warnings = (s: Setup): string[] =>
  s.stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === '@cdktf/warn')
    .map((m) => String(m.data));

describe('SecureEgress defaults', () => {
  test('snapshot', () => {
    const s = setup();
    s.egress.attachCluster({ path: 'test/Aks', location: 'westeurope', privateCluster: false, features: [] });
    expect(synth(s).resource).toMatchSnapshot();
  });

  test('firewall, policy and public IP', () => {
    const json = synth(setup());
    const fw = only(json, 'azurerm_firewall');
    expect(fw).toMatchObject({ sku_name: 'AZFW_VNet', sku_tier: 'Standard', zones: ['1', '2', '3'] });
    expect(fw.ip_configuration).toHaveLength(1);
    expect(fw.ip_configuration[0].subnet_id).toMatch(/azurerm_subnet\.Network_Subnet-AzureFirewallSubnet/);
    expect(fw.management_ip_configuration).toBeUndefined();
    const policy = only(json, 'azurerm_firewall_policy');
    expect(policy).toMatchObject({
      sku: 'Standard',
      threat_intelligence_mode: 'Deny',
      dns: { proxy_enabled: true },
    });
    expect(only(json, 'azurerm_public_ip')).toMatchObject({
      allocation_method: 'Static',
      sku: 'Standard',
      zones: ['1', '2', '3'],
    });
    const fwSubnet = (Object.values(json.resource.azurerm_subnet) as any[]).find(
      (x) => x.name === 'AzureFirewallSubnet',
    );
    expect(fwSubnet.address_prefixes).toEqual(['10.240.4.64/26']);
  });

  test('route table: default via the firewall, firewall PIP to Internet, no BGP, associations are the dependencies', () => {
    const s = setup({}, { podSubnetPrefixLength: 20 });
    new TerraformOutput(s.stack, 'rt', { value: s.egress.routeTableId });
    const json = synth(s);
    expect(json.output.rt.value).toMatch(/^\$\{azurerm_route_table\.Egress_RouteTable_\w+\.id\}$/);
    const rt = only(json, 'azurerm_route_table');
    expect(rt.bgp_route_propagation_enabled).toBe(false);
    expect(rt.route).toBeUndefined(); // routes only as azurerm_route, never inline
    const routes = Object.values(json.resource.azurerm_route) as any[];
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
    const assoc = Object.values(json.resource.azurerm_subnet_route_table_association) as any[];
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
    expect(Object.fromEntries(Object.entries(g).map(([n, x]) => [n, x.priority]))).toEqual({
      'rcg-dnat': 100,
      'rcg-platform': 200,
      'rcg-features': 300,
      'rcg-user': 400,
    });
    const rules = allRules(json);
    expect(rules.length).toBeGreaterThan(4);
    for (const r of rules) {
      expect(r.source_addresses).toEqual(['10.240.0.0/22', '10.240.16.0/20']);
    }
    expect(() => sourceFields('X', { addresses: ['*'] })).toThrow(
      /X: egress rule source \* allows any sender; use the cluster subnet CIDRs/,
    );
    expect(() => sourceFields('X', {})).toThrow(/X: egress rules have no source/);
  });

  test('sources from an IP group of the cluster subnets', () => {
    const s = setup({ sourceIpGroup: true }, { podSubnetPrefixLength: 20 });
    s.egress.allow(EgressTarget.cidrs('203.0.113.0/24'), EgressPort.tcp(22), 'sftp');
    const json = synth(s);
    expect(only(json, 'azurerm_ip_group').cidrs).toEqual(['10.240.0.0/22', '10.240.16.0/20']);
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
    const features = [EgressFeature.MONITOR];
    s.egress.attachCluster({ path: 'test/Aks', location: 'northeurope', privateCluster: true, features });
    features.push(EgressFeature.WINDOWS); // a pool added later still counts
    const g = groups(synth(s));
    expect(g['rcg-platform'].network_rule_collection).toBeUndefined(); // private: no tunnel ports
    const platformFqdns = g['rcg-platform'].application_rule_collection[0].rule[0].destination_fqdns;
    expect(platformFqdns).not.toContain('*.hcp.northeurope.azmk8s.io');
    const featureRules = g['rcg-features'].application_rule_collection[0].rule.map((r: any) => r.name);
    expect(featureRules).toEqual(['monitor-https', 'windows-https', 'windows-http']);
    expect(g['rcg-features'].network_rule_collection[0].rule[0]).toMatchObject({
      destination_addresses: ['AzureMonitor'],
      destination_ports: ['443'],
      protocols: ['TCP'],
    });
    expect(() =>
      s.egress.attachCluster({
        path: 'test/Other',
        location: 'northeurope',
        privateCluster: true,
        features: [],
      }),
    ).toThrow(
      /SecureEgress test\/Egress: cluster test\/Other attached, but test\/Aks already uses this egress path/,
    );
  });

  test('21Vianet: TCP 22 and *.tun stay for private clusters', () => {
    const s = setup({ cloud: AzureCloud.CHINA });
    s.egress.attachCluster({ path: 'test/Aks', location: 'chinaeast2', privateCluster: true, features: [] });
    const g = groups(synth(s));
    const tcp = g['rcg-platform'].network_rule_collection[0].rule.find(
      (r: any) => r.name === 'core-tunnel-tcp',
    );
    expect(tcp).toMatchObject({
      destination_ports: ['22', '9000'],
      destination_addresses: ['AzureCloud.chinaeast2'],
    });
    expect(g['rcg-platform'].application_rule_collection[0].rule[0].destination_fqdns).toContain(
      '*.tun.chinaeast2.cx.prod.service.azk8s.cn',
    );
  });

  test('renderer output matches the catalogue entry by entry', () => {
    const c = EgressCatalogue.forCluster({ location: 'westeurope', features: [EgressFeature.OS_UPDATES] });
    const g = renderCatalogueGroup('g', PRIORITY.features, c.entries, { sourceAddresses: ['10.0.0.0/24'] });
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
    const json = synth(s);
    const user = groups(json)['rcg-user'];
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
    // an FQDN network rule points the VNet DNS at the firewall
    const vnet = only(json, 'azurerm_virtual_network');
    expect(vnet.dns_servers).toEqual([
      expect.stringMatching(
        /azurerm_firewall\.Egress_Firewall_\w+\.ip_configuration\[0\]\.private_ip_address/,
      ),
    ]);
  });

  test('the FQDN tag renders as destination_fqdn_tags next to the explicit FQDNs', () => {
    const rules = groups(synth(setup({ useFqdnTag: true })))['rcg-platform'].application_rule_collection[0]
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
    expect(only(json, 'azurerm_virtual_network').dns_servers).toBeUndefined();
  });

  test('NTP by FQDN points the VNet DNS at the firewall', () => {
    const json = synth(setup({ ntp: NtpRule.UBUNTU_FQDN }));
    expect(only(json, 'azurerm_virtual_network').dns_servers).toHaveLength(1);
  });

  test('constraints', () => {
    const s = setup();
    expect(() => s.egress.allow(EgressTarget.serviceTag('AzureMonitor'), EgressPort.https())).toThrow(
      /SecureEgress test\/Egress: service tag AzureMonitor cannot be used with Https:443 \(service tags only work in network rules\); use EgressPort\.tcp\(443\)/,
    );
    expect(() => s.egress.allow(EgressTarget.fqdns('*.example.com'), EgressPort.tcp(22))).toThrow(
      /SecureEgress test\/Egress: wildcard FQDN \*\.example\.com cannot be used with TCP:22 .*no wildcards\); list the host names/,
    );
    expect(() => s.egress.allow(EgressTarget.cidrs('10.0.0.300/8'), EgressPort.tcp(22))).toThrow(
      /egress destination 10\.0\.0\.300\/8 is not an IPv4 address or CIDR/,
    );
    s.egress.allow(EgressTarget.fqdns('a.example.com'), EgressPort.https(), 'a');
    expect(() => s.egress.allow(EgressTarget.fqdns('b.example.com'), EgressPort.https(), 'a')).toThrow(
      /egress rule name a is used twice; give each allow\(\) a distinct name/,
    );
    expect(() => EgressPort.tcp(70000)).toThrow(/TCP port 70000 is out of range; use 1-65535/);
    const noProxy = setup({ dnsProxy: false });
    expect(() => noProxy.egress.allow(EgressTarget.fqdns('smtp.example.com'), EgressPort.tcp(587))).toThrow(
      /FQDN network rule smtp\.example\.com on TCP:587 needs the firewall DNS proxy, which is off; enable dnsProxy/,
    );
    expect(() => setup({ dnsProxy: false, ntp: NtpRule.UBUNTU_FQDN })).toThrow(
      /NTP rule ntp\.ubuntu\.com \(UDP 123\) names an FQDN in a network rule, .*dnsProxy is off; enable dnsProxy/,
    );
    expect(warnings(noProxy).join('\n')).toMatch(/dnsProxy off/);
  });
});

describe('tiers and opt-outs', () => {
  test('Basic needs a management subnet and no DNS proxy', () => {
    expect(() => setup({ tier: FirewallTier.BASIC })).toThrow(
      /SecureEgress test\/Egress: tier Basic needs AzureFirewallManagementSubnet and a management public IP, and managementSubnetPrefixLength is not set; set managementSubnetPrefixLength: 26/,
    );
    expect(() =>
      setup({ tier: FirewallTier.BASIC, managementSubnetPrefixLength: 26, dnsProxy: true }),
    ).toThrow(/dnsProxy true on the Basic tier, which has no DNS proxy/);
    expect(() =>
      setup({
        tier: FirewallTier.BASIC,
        managementSubnetPrefixLength: 26,
        threatIntelMode: ThreatIntelMode.DENY,
      }),
    ).toThrow(/threatIntelMode Deny on the Basic tier, which can only alert/);
    expect(() =>
      setup({ tier: FirewallTier.BASIC, managementSubnetPrefixLength: 26, ntp: NtpRule.UBUNTU_FQDN }),
    ).toThrow(/needs the firewall DNS proxy/);
    const basic = setup({ tier: FirewallTier.BASIC, managementSubnetPrefixLength: 26 });
    expect(() => basic.egress.allow(EgressTarget.fqdns('smtp.example.com'), EgressPort.tcp(587))).toThrow(
      /needs the firewall DNS proxy/,
    );
    const json = synth(basic);
    const fw = only(json, 'azurerm_firewall');
    expect(fw.sku_tier).toBe('Basic');
    expect(fw.management_ip_configuration.subnet_id).toMatch(/Subnet-AzureFirewallManagementSubnet/);
    expect(fw.management_ip_configuration.public_ip_address_id).toMatch(/azurerm_public_ip/);
    const policy = only(json, 'azurerm_firewall_policy');
    expect(policy).toMatchObject({ sku: 'Basic', threat_intelligence_mode: 'Alert' });
    expect(policy.dns).toBeUndefined();
    expect(warnings(basic).join('\n')).toMatch(/threatIntelMode Alert/);
  });

  test('Premium policy, several public IPs, opt-out warnings', () => {
    const s = setup({
      tier: FirewallTier.PREMIUM,
      publicIpCount: 3,
      threatIntelMode: ThreatIntelMode.OFF,
      bgpRoutePropagation: true,
    });
    const json = synth(s);
    expect(only(json, 'azurerm_firewall_policy').sku).toBe('Premium');
    const fw = only(json, 'azurerm_firewall');
    expect(fw.ip_configuration.map((c: any) => c.subnet_id !== undefined)).toEqual([true, false, false]);
    expect(s.egress.egressPublicIps).toHaveLength(3);
    expect(Object.keys(json.resource.azurerm_route)).toHaveLength(4);
    const w = warnings(s).join('\n');
    expect(w).toMatch(/SecureEgress test\/Egress: threatIntelMode Off/);
    expect(w).toMatch(/bgpRoutePropagation on/);
    expect(() => setup({ publicIpCount: 0 })).toThrow(/publicIpCount 0 is out of range; use 1 to 250/);
  });
});

describe('placement', () => {
  test('firewall subnet too small or misnamed', () => {
    expect(() =>
      setup({ placement: FirewallPlacement.clusterVnet({ firewallSubnetPrefixLength: 27 }) }),
    ).toThrow(
      /SecureEgress test\/Egress: AzureFirewallSubnet \/27 is too small; Azure Firewall needs at least a \/26; use a prefix length of 26 or less/,
    );
    expect(() =>
      setup({
        placement: FirewallPlacement.existingSubnet({
          name: 'snet-firewall',
          id: '/subscriptions/x',
          cidr: '10.1.0.0/26',
        }),
      }),
    ).toThrow(
      /SecureEgress test\/Egress: firewall subnet is named snet-firewall; Azure Firewall only deploys into a subnet named exactly AzureFirewallSubnet/,
    );
    expect(() =>
      setup({
        placement: FirewallPlacement.existingSubnet({
          name: 'AzureFirewallSubnet',
          id: '/subscriptions/x',
          cidr: '10.1.0.0/28',
        }),
      }),
    ).toThrow(/AzureFirewallSubnet \/28 is too small/);
    expect(() => setup({ tier: FirewallTier.BASIC, managementSubnetPrefixLength: 27 })).toThrow(
      /AzureFirewallManagementSubnet \/27 is too small/,
    );
  });

  test('hub VNet with peerings both ways', () => {
    const s = setup({ placement: FirewallPlacement.hub({ addressSpace: '10.250.0.0/24' }) });
    const json = synth(s);
    const vnets = Object.values(json.resource.azurerm_virtual_network) as any[];
    expect(vnets.map((v) => [v.name, v.address_space])).toEqual([
      ['vnet-hub-egress', ['10.250.0.0/24']],
      ['vnet-network', ['10.240.0.0/16']],
    ]);
    const fwSubnet = (Object.values(json.resource.azurerm_subnet) as any[]).find(
      (x) => x.name === 'AzureFirewallSubnet',
    );
    expect(fwSubnet).toMatchObject({
      address_prefixes: ['10.250.0.0/26'],
      virtual_network_name: expect.stringMatching(/HubVnet/),
    });
    const peerings = Object.values(json.resource.azurerm_virtual_network_peering) as any[];
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
    expect(() => s.network.addSubnet('snet-late', 24)).not.toThrow();
  });

  test('overlapping hub and spoke ranges are rejected', () => {
    expect(() => setup({ placement: FirewallPlacement.hub({ addressSpace: '10.240.128.0/24' }) })).toThrow(
      /SecureEgress test\/Egress: .*10\.240\.128\.0\/24.*overlaps/,
    );
    expect(() => setup({ placement: FirewallPlacement.hub({ addressSpace: '10.250.0.0/27' }) })).toThrow(
      /hub 10\.250\.0\.0\/27 has no room for AzureFirewallSubnet \/26; give the hub a larger address space/,
    );
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
    const json = synth(s);
    const dnat = groups(json)['rcg-dnat'];
    expect(dnat.priority).toBe(100);
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

  test('DNAT validation', () => {
    const s = setup();
    s.egress.addDnat({ publicPort: 443, privatePort: 443, sourceAddresses: ['203.0.113.0/24'] });
    expect(() =>
      s.egress.addDnat({ publicPort: 443, privatePort: 8443, sourceAddresses: ['203.0.113.0/24'] }),
    ).toThrow(
      /SecureEgress test\/Egress: DNAT public port 443 is already used by dnat-443; pick another public port/,
    );
    expect(() => s.egress.addDnat({ publicPort: 80, privatePort: 80, privateIp: '10.240.0.10' })).toThrow(
      /SecureEgress test\/Egress: DNAT translated address 10\.240\.0\.10 is outside the ingress subnet snet-aks-ingress 10\.240\.4\.0\/27; use an address of 10\.240\.4\.0\/27, e\.g\. 10\.240\.4\.30/,
    );
    for (const reserved of ['10.240.4.0', '10.240.4.1', '10.240.4.3', '10.240.4.31']) {
      expect(() => s.egress.addDnat({ publicPort: 80, privatePort: 80, privateIp: reserved })).toThrow(
        new RegExp(
          `DNAT translated address ${reserved.replace(/\./g, '\\.')} is reserved by Azure in snet-aks-ingress`,
        ),
      );
    }
    expect(() => s.egress.addDnat({ publicPort: 0, privatePort: 80 })).toThrow(
      /DNAT publicPort 0 is out of range/,
    );
    const stack = new TerraformStack(Testing.app(), 'noingress');
    const network = new ClusterNetwork(stack, 'Network', {
      location: 'westeurope',
      addressSpace: '10.240.0.0/16',
    });
    const e = new SecureEgress(stack, 'Egress', { network });
    expect(() => e.ingressEndpoint()).toThrow(
      /SecureEgress noingress\/Egress: the cluster network has no ingress subnet; set ingressSubnetPrefixLength/,
    );
  });

  test('warns about a public ingress load balancer behind the firewall', () => {
    const s = setup();
    s.egress.attachCluster({
      path: 'test/Aks',
      location: 'westeurope',
      privateCluster: false,
      features: [],
      publicIngressController: true,
    });
    expect(warnings(s).join('\n')).toMatch(
      /cluster test\/Aks creates a public load balancer behind the firewall; .*asymmetric routing/,
    );
  });
});

describe('examples', () => {
  const stacksOf = (build: (app: any) => unknown[], k8sApps: number): Record<string, any> => {
    const app = Testing.app();
    expect(build(app)).toHaveLength(k8sApps);
    return Object.fromEntries(
      app.node.children
        .filter((c): c is TerraformStack => c instanceof TerraformStack)
        .map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack))]),
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
    const nat = groups(stacks['locked-down-egress'])['rcg-dnat'].nat_rule_collection[0].rule[0];
    expect(nat).toMatchObject({ translated_address: '10.240.4.30', source_addresses: ['203.0.113.0/24'] });
  });

  test('hub-spoke: firewall in the hub, DNS through the firewall for the NTP FQDN', () => {
    const stacks = stacksOf(buildHubSpoke, 0);
    const json = stacks['hub-spoke'];
    expect(json.resource).toMatchSnapshot('hub-spoke');
    expect(Object.values(json.resource.azurerm_virtual_network_peering)).toHaveLength(2);
    const spoke = (Object.values(json.resource.azurerm_virtual_network) as any[]).find(
      (v) => v.name === 'vnet-spoke',
    );
    expect(spoke.dns_servers).toHaveLength(1);
    expect(allRules(json).every((r) => r.source_addresses.length === 2)).toBe(true);
    expect(
      aksOf(json).depends_on.filter((d: string) => d.startsWith('azurerm_subnet_route_table_association.')),
    ).toHaveLength(3);
  });
});
