import { render } from '../bin/egress-rules';
import {
  AzureCloud,
  EgressCatalogue,
  EgressDestinationKind,
  EgressFeature,
  EgressRuleEntry,
  EgressRuleKind,
  EGRESS_CATALOGUE_VERSION,
  NtpRule,
} from '../lib';

const ALL_FEATURES = Object.values(EgressFeature);
const CLOUDS = Object.values(AzureCloud);

function fqdns(entries: EgressRuleEntry[], name: string): string[] {
  return entries.find((e) => e.name === name)?.destinations ?? [];
}

function everything(cloud: AzureCloud, location: string, privateCluster = false): EgressCatalogue {
  return EgressCatalogue.forCluster({
    cloud,
    location,
    privateCluster,
    features: ALL_FEATURES,
    useFqdnTag: true,
    ntp: NtpRule.UBUNTU_FQDN,
  });
}

describe('core rules per cloud (facts 4.1-4.3)', () => {
  test('public cloud', () => {
    const c = EgressCatalogue.forCluster({ location: 'westeurope' });
    expect(c.version).toBe('2026-06-18.2');
    expect(c.networkRules.map((e) => [e.name, e.protocol, e.ports, e.destinations])).toEqual([
      ['core-tunnel-udp', 'UDP', [1194], ['AzureCloud.westeurope']],
      ['core-tunnel-tcp', 'TCP', [9000], ['AzureCloud.westeurope']],
    ]);
    expect(fqdns(c.entries, 'core-fqdns')).toEqual([
      '*.hcp.westeurope.azmk8s.io',
      'mcr.microsoft.com',
      '*.data.mcr.microsoft.com',
      'mcr-0001.mcr-msedge.net',
      'management.azure.com',
      'login.microsoftonline.com',
      'packages.microsoft.com',
      'acs-mirror.azureedge.net',
      'packages.aks.azure.com',
    ]);
    expect(c.sourceUrls[0]).toMatch(
      /^https:\/\/learn\.microsoft\.com\/azure\/aks\/outbound-rules-control-egress/,
    );
  });

  test('21Vianet keeps TCP 22 and *.tun, also for private clusters', () => {
    for (const privateCluster of [false, true]) {
      const c = EgressCatalogue.forCluster({
        cloud: AzureCloud.CHINA,
        location: 'chinaeast2',
        privateCluster,
      });
      expect(c.networkRules.find((e) => e.name === 'core-tunnel-tcp')!.ports).toEqual([22, 9000]);
      expect(c.networkRules.find((e) => e.name === 'core-tunnel-udp')!.ports).toEqual([1194]);
      expect(fqdns(c.entries, 'core-fqdns')).toEqual([
        '*.hcp.chinaeast2.cx.prod.service.azk8s.cn',
        '*.tun.chinaeast2.cx.prod.service.azk8s.cn',
        'mcr.microsoft.com',
        '*.data.mcr.microsoft.com',
        'mcr.azure.cn',
        '*.data.mcr.azure.cn',
        'management.chinacloudapi.cn',
        'login.chinacloudapi.cn',
        'login.microsoftonline.cn',
        'packages.microsoft.com',
        '*.azk8s.cn',
      ]);
    }
  });

  test('US Government', () => {
    const c = EgressCatalogue.forCluster({ cloud: AzureCloud.US_GOVERNMENT, location: 'usgovvirginia' });
    expect(c.networkRules.map((e) => [e.protocol, e.ports])).toEqual([
      ['UDP', [1194]],
      ['TCP', [9000]],
      ['UDP', [123]], // NTP is required on US Government (catalogue revision 2)
    ]);
    expect(fqdns(c.entries, 'core-fqdns')).toEqual([
      '*.hcp.usgovvirginia.cx.aks.containerservice.azure.us',
      'mcr.microsoft.com',
      '*.data.mcr.microsoft.com',
      'management.usgovcloudapi.net',
      'login.microsoftonline.us',
      'packages.microsoft.com',
      'acs-mirror.azureedge.net',
      'packages.aks.azure.com',
    ]);
  });

  // US Government keeps them since catalogue revision 2 (test/egress-catalogue-currency.test.ts)
  test.each([AzureCloud.PUBLIC])('private clusters on %s need no tunnel rules nor *.hcp', (cloud) => {
    const c = EgressCatalogue.forCluster({ cloud, location: 'eastus', privateCluster: true });
    expect(c.networkRules).toEqual([]);
    expect(fqdns(c.entries, 'core-fqdns').some((f) => f.includes('.hcp.'))).toBe(false);
    expect(fqdns(c.entries, 'core-fqdns')).toContain('mcr.microsoft.com');
  });

  test('options: NTP, custom DNS, tunnel to any, FQDN tag', () => {
    const c = EgressCatalogue.forCluster({
      location: 'westeurope',
      ntp: NtpRule.UBUNTU_FQDN,
      customDnsServers: ['10.1.0.4'],
      tunnelToAnyAddress: true,
      useFqdnTag: true,
    });
    const byName = (n: string) => c.entries.find((e) => e.name === n)!;
    expect(byName('core-ntp')).toMatchObject({
      protocol: 'UDP',
      ports: [123],
      destinations: ['ntp.ubuntu.com'],
      destinationKind: 'fqdn',
    });
    expect(c.needsDnsProxy).toBe(true);
    expect(byName('core-custom-dns-udp')).toMatchObject({
      protocol: 'UDP',
      ports: [53],
      destinations: ['10.1.0.4'],
    });
    expect(byName('core-tunnel-udp').destinations).toEqual(['*']);
    expect(byName('core-fqdn-tag')).toMatchObject({
      destinationKind: 'fqdn-tag',
      destinations: ['AzureKubernetesService'],
      protocol: 'Https',
      ports: [443],
    });
    // the tag is offered alongside the explicit FQDNs, never instead of them
    expect(byName('core-fqdns').destinations.length).toBeGreaterThan(5);
    const any = EgressCatalogue.forCluster({ location: 'westeurope', ntp: NtpRule.ANY_ADDRESS });
    expect(any.entries.find((e) => e.name === 'core-ntp')!.destinations).toEqual(['*']);
    expect(any.needsDnsProxy).toBe(false);
    expect(
      EgressCatalogue.forCluster({ location: 'westeurope' }).entries.some((e) => e.name === 'core-ntp'),
    ).toBe(false);
  });

  test('a bad location is rejected with the fix', () => {
    expect(() => EgressCatalogue.forCluster({ location: 'West Europe' })).toThrow(
      /EgressCatalogue.forCluster: location 'West Europe' is not in the form Azure resources take; write westeurope/,
    );
  });
});

describe('feature sets (facts 4.4)', () => {
  test('which features each cloud lists', () => {
    expect(EgressCatalogue.featuresOf(AzureCloud.PUBLIC)).toEqual(ALL_FEATURES);
    expect(EgressCatalogue.featuresOf(AzureCloud.CHINA)).toEqual(
      ALL_FEATURES.filter(
        (f) =>
          ![
            EgressFeature.GPU,
            EgressFeature.WINDOWS,
            EgressFeature.CLUSTER_EXTENSIONS,
            EgressFeature.DEFENDER, // retired in 21Vianet on 2026-08-18
          ].includes(f),
      ),
    );
    expect(EgressCatalogue.featuresOf(AzureCloud.US_GOVERNMENT)).toEqual(
      ALL_FEATURES.filter((f) => ![EgressFeature.GPU, EgressFeature.WINDOWS].includes(f)),
    );
    expect(
      EgressCatalogue.forCluster({
        cloud: AzureCloud.CHINA,
        location: 'chinaeast2',
        features: [EgressFeature.GPU],
      }).unlistedFeatures,
    ).toEqual([EgressFeature.GPU]);
  });

  test('public feature entries', () => {
    const c = EgressCatalogue.forCluster({ location: 'westeurope', features: ALL_FEATURES });
    const e = c.entries;
    expect(fqdns(e, 'os-updates-http')).toEqual([
      'security.ubuntu.com',
      'azure.archive.ubuntu.com',
      'changelogs.ubuntu.com',
    ]);
    expect(e.find((x) => x.name === 'os-updates-http')).toMatchObject({ protocol: 'Http', ports: [80] });
    expect(fqdns(e, 'os-updates-https')).toEqual(['snapshot.ubuntu.com']);
    expect(fqdns(e, 'gpu-https')).toEqual([
      'nvidia.github.io',
      'us.download.nvidia.com',
      'download.docker.com',
    ]);
    expect(fqdns(e, 'windows-http')).toEqual([
      '*.mp.microsoft.com',
      'www.msftconnecttest.com',
      'ctldl.windowsupdate.com',
    ]);
    expect(fqdns(e, 'windows-https')).toEqual(['onegetcdn.azureedge.net', 'go.microsoft.com']);
    expect(e.find((x) => x.name === 'monitor-service-tags')).toMatchObject({
      kind: 'network',
      protocol: 'TCP',
      ports: [443],
      destinationKind: 'service-tag',
      destinations: ['AzureMonitor'],
    });
    expect(fqdns(e, 'monitor-https')).toContain('westeurope.handler.control.monitor.azure.com');
    expect(fqdns(e, 'monitor-https')).toContain('*.metrics.ingest.monitor.azure.com');
    expect(fqdns(e, 'policy-https')).toEqual([
      'data.policy.core.windows.net',
      'store.policy.core.windows.net',
      'dc.services.visualstudio.com',
    ]);
    expect(fqdns(e, 'key-vault-https')).toEqual(['*.vault.azure.net']);
    expect(fqdns(e, 'defender-https')).toContain('*.cloud.defender.microsoft.com');
    expect(fqdns(e, 'workload-identity-https')).toEqual(['login.microsoftonline.com']);
    expect(fqdns(e, 'cluster-extensions-https')).toContain('westeurope.dp.kubernetesconfiguration.azure.com');
    expect(fqdns(e, 'cluster-extensions-https')).toContain('arcmktplaceprod.japaneast.data.azurecr.io');
    expect(
      e
        .filter((x) => x.feature !== undefined)
        .every((x) => x.source.includes('outbound-rules-control-egress#')),
    ).toBe(true);
  });

  test('21Vianet and US Gov feature hosts', () => {
    const cn = EgressCatalogue.forCluster({
      cloud: AzureCloud.CHINA,
      location: 'chinaeast2',
      features: ALL_FEATURES,
    }).entries;
    expect(fqdns(cn, 'policy-https')).toEqual(['data.policy.azure.cn', 'store.policy.azure.cn']);
    expect(fqdns(cn, 'monitor-https')).toContain('chinaeast2.handler.control.monitor.azure.cn');
    expect(fqdns(cn, 'monitor-https')).toContain('dc.services.visualstudio.com');
    expect(fqdns(cn, 'workload-identity-https')).toEqual(['login.chinacloudapi.cn']);
    expect(fqdns(cn, 'defender-https')).toEqual([]); // retired in 21Vianet on 2026-08-18
    const gov = EgressCatalogue.forCluster({
      cloud: AzureCloud.US_GOVERNMENT,
      location: 'usgovtexas',
      features: ALL_FEATURES,
    }).entries;
    expect(fqdns(gov, 'policy-https')).toEqual(['data.policy.azure.us', 'store.policy.azure.us']);
    expect(fqdns(gov, 'key-vault-https')).toEqual(['*.vault.usgovcloudapi.net']);
    expect(fqdns(gov, 'cluster-extensions-https')).toEqual([
      'usgovtexas.dp.kubernetesconfiguration.azure.us',
      'mcr.microsoft.com',
      '*.data.mcr.microsoft.com',
    ]);
    expect(fqdns(gov, 'workload-identity-https')).toEqual(['login.microsoftonline.us']);
  });
});

describe('no obsolete 2020 entries (facts 8, S001)', () => {
  const obsolete = [
    /cdn\.mscr\.io/,
    /apt\.dockerproject\.org/,
    /gov-prod-policy-data\.trafficmanager\.net/,
    /kms\.core\.windows\.net/,
    /winlayers/,
    /azds|devspaces/i,
    /\.gk\./,
  ];
  test.each(CLOUDS)('%s, every feature, public and private', (cloud) => {
    for (const privateCluster of [false, true]) {
      const c = everything(cloud, 'westeurope', privateCluster);
      const text = c.toJson();
      for (const pattern of obsolete) {
        expect(text).not.toMatch(pattern);
      }
      for (const e of c.entries) {
        if (e.kind === EgressRuleKind.APPLICATION) {
          // application rules carry only http/https ports, never L4 ports
          expect([
            ['Http', 80],
            ['Https', 443],
          ]).toContainEqual([e.protocol, e.ports[0]]);
          expect(e.ports).toHaveLength(1);
          expect(e.destinationKind === EgressDestinationKind.SERVICE_TAG).toBe(false);
        } else {
          expect(['TCP', 'UDP']).toContain(e.protocol);
          expect(e.destinationKind === EgressDestinationKind.FQDN_TAG).toBe(false);
          if (e.destinationKind === EgressDestinationKind.FQDN) {
            expect(e.destinations.every((d) => !d.includes('*'))).toBe(true);
          }
        }
      }
      if (cloud !== AzureCloud.CHINA) {
        expect(text).not.toMatch(/\*\.tun\./);
        expect(c.networkRules.some((e) => e.protocol === 'TCP' && e.ports.includes(22))).toBe(false);
      }
    }
  });
});

describe('exports', () => {
  test('JSON carries version, sources and rules', () => {
    const doc = JSON.parse(
      EgressCatalogue.forCluster({ location: 'westeurope', features: [EgressFeature.MONITOR] }).toJson(),
    );
    expect(doc.version).toBe(EGRESS_CATALOGUE_VERSION);
    expect(doc.sourceUrls.length).toBeGreaterThan(0);
    expect(doc.rules.map((r: EgressRuleEntry) => r.name)).toEqual([
      'core-tunnel-udp',
      'core-tunnel-tcp',
      'monitor-service-tags',
      'core-fqdns',
      'monitor-https',
    ]);
  });

  test('CSV snapshot for 21Vianet with monitor and policy', () => {
    const csv = EgressCatalogue.forCluster({
      cloud: AzureCloud.CHINA,
      location: 'chinaeast2',
      features: [EgressFeature.MONITOR, EgressFeature.POLICY],
    }).toCsv();
    expect(csv.split('\n')[0]).toBe(
      'name,kind,protocol,ports,destination_kind,destinations,feature,reason,source',
    );
    expect(csv).toMatchSnapshot();
  });

  test('CLI: render()', () => {
    const csv = render([
      '--cloud',
      'china',
      '--features',
      'monitor,policy',
      '--location',
      'chinaeast2',
      '--format',
      'csv',
    ]);
    expect(csv).toBe(
      EgressCatalogue.forCluster({
        cloud: AzureCloud.CHINA,
        location: 'chinaeast2',
        features: [EgressFeature.MONITOR, EgressFeature.POLICY],
      }).toCsv(),
    );
    const json = JSON.parse(render(['--location', 'eastus', '--private']));
    expect(json.privateCluster).toBe(true);
    expect(json.rules.some((r: EgressRuleEntry) => r.name === 'core-tunnel-udp')).toBe(false);
    expect(() => render(['--location', 'eastus', '--cloud', 'mars'])).toThrow(
      /--cloud 'mars' is not one of public, china, usgov/,
    );
    expect(() => render(['--features', 'gpu'])).toThrow(/--location is required/);
    expect(() => render(['--location', 'eastus', '--features', 'devspaces'])).toThrow(
      /--features 'devspaces' is not one of/,
    );
  });
});
