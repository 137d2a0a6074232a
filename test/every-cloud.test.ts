// Every cloud right: the egress catalogue against the 2026-06-18 document as read in December 2026
// (one test per change), availability zones that follow the region, and the private DNS zone of a
// private cluster behind a hub's DNS proxy.
import { TerraformStack, Testing } from 'cdktf';
import { warningsOf as constructWarningsOf } from '../lib/core/warnings';
import {
  AksCluster,
  ApiServerAccess,
  AzureCloud,
  ClusterNetwork,
  EGRESS_CATALOGUE_VERSION,
  EgressCatalogue,
  EgressFeature,
  EgressSpoke,
  FirewallPlacement,
  NtpRule,
  RegionZoneSupport,
  REGION_ZONES_DATA,
  regionZoneSupport,
  SecureEgress,
  zonesFor,
} from '../lib';
import { EGRESS_DOC_DATE } from '../lib/azure/egress/catalogue/data';
import { hubIn } from './cases/egress-hub';
import { FakeEgressClient, providerStack, resourcesOf, synthJson, validationMessages } from './tools/helpers';

const byName = (c: EgressCatalogue, name: string) => c.entries.find((e) => e.name === name);
// `<Kind> <path>: message`: the library records the message alone, the path goes with the annotation
const warningsOf = (stack: TerraformStack): string[] => constructWarningsOf(stack);

describe('egress catalogue revision 2 (platform facts 2026-12 §3)', () => {
  test('the version names the document date and the revision', () => {
    expect(EGRESS_DOC_DATE).toBe('2026-06-18');
    expect(EGRESS_CATALOGUE_VERSION).toBe('2026-06-18.2');
    expect(JSON.parse(EgressCatalogue.forCluster({ location: 'westeurope' }).toJson()).version).toBe(
      '2026-06-18.2',
    );
  });

  test.each([
    [AzureCloud.CHINA, 'chinaeast2'],
    [AzureCloud.US_GOVERNMENT, 'usgovvirginia'],
  ])('NTP UDP 123 is required on %s: allowed by default, to any address', (cloud, location) => {
    const c = EgressCatalogue.forCluster({ cloud, location });
    expect(c.ntpRequired).toBe(true);
    expect(c.ntp).toBe(NtpRule.ANY_ADDRESS);
    expect(byName(c, 'core-ntp')).toMatchObject({ protocol: 'UDP', ports: [123], destinations: ['*'] });
    expect(byName(c, 'core-ntp')!.reason).toMatch(/required for this cloud/);
    expect(
      byName(EgressCatalogue.forCluster({ cloud, location, ntp: NtpRule.UBUNTU_FQDN }), 'core-ntp'),
    ).toMatchObject({
      destinations: ['ntp.ubuntu.com'],
    });
  });

  test('the public cloud keeps its March-2021 exemption: no NTP rule by default', () => {
    const c = EgressCatalogue.forCluster({ location: 'westeurope' });
    expect([c.ntpRequired, c.ntp, byName(c, 'core-ntp')]).toEqual([false, NtpRule.OMIT, undefined]);
  });

  test('omitting NTP where the document requires it warns loudly', () => {
    const stack = new TerraformStack(Testing.app(), 'cn');
    const network = new ClusterNetwork(stack, 'Net', {
      location: 'chinaeast2',
      addressSpace: '10.240.0.0/16',
      firewallSubnetPrefixLength: 26,
    });
    new SecureEgress(stack, 'Egress', { network, cloud: AzureCloud.CHINA, ntp: NtpRule.OMIT });
    expect(warningsOf(stack).join('\n')).toMatch(
      /SecureEgress cn\/Egress: ntp NtpRule.OMIT on china, whose egress table lists UDP 123 as required/,
    );
    const json = synthJson(stack);
    const rules = JSON.stringify(resourcesOf(json, 'azurerm_firewall_policy_rule_collection_group'));
    expect(rules).not.toMatch(/core-ntp/);
  });

  test('custom DNS servers: UDP and TCP 53', () => {
    const c = EgressCatalogue.forCluster({ location: 'westeurope', customDnsServers: ['10.1.0.4'] });
    expect(
      c.networkRules.filter((e) => e.ports.includes(53)).map((e) => [e.name, e.protocol, e.destinations]),
    ).toEqual([
      ['core-custom-dns-udp', 'UDP', ['10.1.0.4']],
      ['core-custom-dns-tcp', 'TCP', ['10.1.0.4']],
    ]);
  });

  test('a spoke whose DNS servers sit behind the firewall gets both rules to them; its own proxy needs none', () => {
    const stack = new TerraformStack(Testing.app(), 'dns');
    const hub = hubIn(stack);
    const network = new ClusterNetwork(stack, 'Net', { location: 'westeurope', addressSpace: '10.1.0.0/16' });
    new EgressSpoke(stack, 'Spoke', { hub, network });
    network.useDnsServers([hub.firewallPrivateIp, '192.168.10.53', '10.250.0.40', '10.1.0.53']);
    const [group] = resourcesOf(synthJson(stack), 'azurerm_firewall_policy_rule_collection_group');
    const dns = group.network_rule_collection[0].rule.filter((r: any) => r.destination_ports[0] === '53');
    // on-premises DNS needs the firewall; the hub's and the spoke's own ranges are reached directly
    expect(dns.map((r: any) => [r.protocols[0], r.destination_addresses])).toEqual([
      ['UDP', ['192.168.10.53']],
      ['TCP', ['192.168.10.53']],
    ]);
  });

  test('Defender for Cloud is retired in 21Vianet (2026-08-18): no rules, and a warning', () => {
    const c = EgressCatalogue.forCluster({
      cloud: AzureCloud.CHINA,
      location: 'chinaeast2',
      features: [EgressFeature.DEFENDER, EgressFeature.MONITOR],
    });
    expect(c.retiredFeatures).toEqual([EgressFeature.DEFENDER]);
    expect(c.unlistedFeatures).toEqual([]);
    expect(c.entries.some((e) => e.feature === EgressFeature.DEFENDER)).toBe(false);
    // its hosts stay in use by Azure Monitor
    expect(byName(c, 'monitor-https')!.destinations).toContain('*.ods.opinsights.azure.cn');
    expect(EgressCatalogue.featuresOf(AzureCloud.CHINA)).not.toContain(EgressFeature.DEFENDER);
    expect(EgressCatalogue.featuresOf(AzureCloud.PUBLIC)).toContain(EgressFeature.DEFENDER);
    const stack = new TerraformStack(Testing.app(), 'cn');
    const network = new ClusterNetwork(stack, 'Net', {
      location: 'chinaeast2',
      addressSpace: '10.240.0.0/16',
      firewallSubnetPrefixLength: 26,
    });
    const egress = new SecureEgress(stack, 'Egress', { network, cloud: AzureCloud.CHINA });
    egress.attachCluster(new FakeEgressClient(stack, 'Aks', 'chinaeast2', true, [EgressFeature.DEFENDER]));
    expect(warningsOf(stack).join('\n')).toMatch(
      /feature defender is retired on china: no egress rules are added for it/,
    );
  });

  test('US Government Azure Monitor as the document writes it', () => {
    const hosts = byName(
      EgressCatalogue.forCluster({
        cloud: AzureCloud.US_GOVERNMENT,
        location: 'usgovvirginia',
        features: [EgressFeature.MONITOR],
      }),
      'monitor-https',
    )!.destinations;
    expect(hosts).toContain('*.in.applicationinsights.azure.com');
    expect(hosts).toContain('*.in.applicationinsights.azure.us'); // both spellings: the safe choice
    expect(hosts).not.toContain('*.monitoring.azure.us');
    expect(hosts.some((h) => h.startsWith('login.'))).toBe(false);
  });

  test('US Government private clusters keep the tunnel rules (the exemption is not inferred)', () => {
    const c = EgressCatalogue.forCluster({
      cloud: AzureCloud.US_GOVERNMENT,
      location: 'usgovvirginia',
      privateCluster: true,
    });
    expect(c.networkRules.map((e) => e.name)).toEqual(['core-tunnel-udp', 'core-tunnel-tcp', 'core-ntp']);
    expect(byName(c, 'core-fqdns')!.destinations).toContain(
      '*.hcp.usgovvirginia.cx.aks.containerservice.azure.us',
    );
    const publicPrivate = EgressCatalogue.forCluster({ location: 'eastus', privateCluster: true });
    expect(publicPrivate.networkRules).toEqual([]);
  });
});

describe('availability zones follow the region', () => {
  test('dated data with its sources', () => {
    expect(REGION_ZONES_DATA.date).toBe('2025-04-15');
    expect(REGION_ZONES_DATA.sources.length).toBe(3);
    expect(regionZoneSupport('westeurope')).toBe(RegionZoneSupport.ZONES);
    expect(regionZoneSupport('chinanorth3')).toBe(RegionZoneSupport.ZONES);
    expect(regionZoneSupport('chinaeast2')).toBe(RegionZoneSupport.NO_ZONES);
    expect(regionZoneSupport('usgovvirginia')).toBe(RegionZoneSupport.ZONES);
    expect(regionZoneSupport('westus')).toBe(RegionZoneSupport.NO_ZONES);
    expect(regionZoneSupport('marsnorth1')).toBe(RegionZoneSupport.UNKNOWN);
  });

  test('defaults: three zones where the region has them, none elsewhere; explicit zones checked', () => {
    expect(zonesFor('westeurope', undefined, 'x')).toEqual(['1', '2', '3']);
    expect(zonesFor('chinaeast2', undefined, 'x')).toEqual([]);
    expect(zonesFor('marsnorth1', undefined, 'x')).toEqual([]);
    expect(zonesFor('marsnorth1', ['1'], 'x')).toEqual(['1']); // unknown to the data: as given
    expect(zonesFor('chinaeast2', [], 'x')).toEqual([]);
    expect(() => zonesFor('chinaeast2', ['1'], 'pool')).toThrow(
      /pool: zones 1 in chinaeast2, which has no availability zones \(region data of 2025-04-15\); leave zones unset/,
    );
    expect(() => zonesFor('westeurope', ['4'], 'pool')).toThrow(/pool: availability zone '4'/);
  });

  test('firewall, public IPs and node pools in a region without zones get none', () => {
    const stack = providerStack('cn');
    const network = new ClusterNetwork(stack, 'Net', {
      location: 'chinaeast2',
      addressSpace: '10.240.0.0/16',
      firewallSubnetPrefixLength: 26,
    });
    const egress = new SecureEgress(stack, 'Egress', { network, cloud: AzureCloud.CHINA });
    const cluster = new AksCluster(stack, 'Aks', { network, egress });
    cluster.addNodePool('user');
    const json = synthJson(stack);
    expect(resourcesOf(json, 'azurerm_firewall')[0].zones).toEqual([]);
    expect(resourcesOf(json, 'azurerm_public_ip').map((p) => p.zones)).toEqual([[]]);
    expect(resourcesOf(json, 'azurerm_kubernetes_cluster')[0].default_node_pool.zones).toEqual([]);
    expect(resourcesOf(json, 'azurerm_kubernetes_cluster_node_pool')[0].zones).toEqual([]);
  });

  test('and all three in China North 3, the one 21Vianet region with zones', () => {
    const stack = providerStack('cn3');
    const hub = hubIn(stack, { location: 'chinanorth3', cloud: AzureCloud.CHINA });
    expect(hub.cloud).toBe(AzureCloud.CHINA);
    const json = synthJson(stack);
    expect(resourcesOf(json, 'azurerm_firewall')[0].zones).toEqual(['1', '2', '3']);
  });
});

describe('private clusters behind a hub DNS proxy', () => {
  test('SecureEgress in a hub placement with the System zone is refused, with the fix', () => {
    const stack = providerStack('hs');
    const network = new ClusterNetwork(stack, 'Spoke', {
      location: 'westeurope',
      addressSpace: '10.242.0.0/16',
    });
    const egress = new SecureEgress(stack, 'Egress', {
      network,
      placement: FirewallPlacement.hub({ addressSpace: '10.250.0.0/24' }),
    });
    network.useDnsServers([egress.firewallPrivateIp]);
    new AksCluster(stack, 'Aks', { network, egress, apiServerAccess: ApiServerAccess.privateCluster() });
    expect(validationMessages(stack)).toEqual([
      expect.stringMatching(
        /^SecureEgress hs\/Egress: private cluster hs\/Aks uses the System private DNS zone, .* through the firewall's DNS proxy outside it: .* cluster creation fails; put the firewall into a hub with EgressHub/,
      ),
    ]);
  });

  test('a firewall in the cluster VNet resolves the System zone: nothing to refuse', () => {
    const stack = providerStack('own');
    const network = new ClusterNetwork(stack, 'Net', {
      location: 'westeurope',
      addressSpace: '10.240.0.0/16',
      firewallSubnetPrefixLength: 26,
    });
    const egress = new SecureEgress(stack, 'Egress', { network });
    network.useDnsServers([egress.firewallPrivateIp]);
    new AksCluster(stack, 'Aks', { network, egress });
    expect(validationMessages(stack)).toEqual([]);
  });

  test("the hub's zone is named after the cloud", () => {
    const zones = [
      [AzureCloud.PUBLIC, 'westeurope', 'privatelink.westeurope.azmk8s.io'],
      [AzureCloud.CHINA, 'chinanorth3', 'privatelink.chinanorth3.cx.prod.service.azk8s.cn'],
      [
        AzureCloud.US_GOVERNMENT,
        'usgovvirginia',
        'privatelink.usgovvirginia.cx.aks.containerservice.azure.us',
      ],
    ] as const;
    for (const [cloud, location, name] of zones) {
      const stack = providerStack('z');
      hubIn(stack, { cloud, location }).apiServerDnsZone();
      expect(resourcesOf(synthJson(stack), 'azurerm_private_dns_zone')[0].name).toBe(name);
    }
  });
});
