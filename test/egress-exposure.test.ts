// Egress rules that quietly open too much, and the report of what each cluster may reach.
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { ClusterNetwork, EgressPort, EgressTarget, SecureEgress } from '../lib';
import { build as buildHubSpoke } from '../examples/hub-spoke/main';
import { build as buildLandingZone } from '../examples/landing-zone/main';
import { multiTenantWildcard, publicAddressCount } from '../lib/verify/egress-exposure';
import { renderEgressReach } from '../lib/verify/egress-reach';
import { synthScenario } from './tools/examples';
import { resourcesOf, synthJson, thrownBy, tmpRoot } from './tools/helpers';

function egress() {
  const stack = new TerraformStack(Testing.app(), 'x');
  const network = new ClusterNetwork(stack, 'Net', {
    location: 'westeurope',
    addressSpace: '10.240.0.0/16',
    firewallSubnetPrefixLength: 26,
  });
  return { stack, egress: new SecureEgress(stack, 'Egress', { network }) };
}
const warningsOf = (stack: TerraformStack): string[] =>
  stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === '@cdktf/warn')
    .map((m) => String(m.data));

describe('a user rule that allows the Internet on a port', () => {
  test.each([
    [
      '0.0.0.0/0',
      EgressTarget.cidrs('0.0.0.0/0'),
      EgressPort.tcp(5432),
      /allows 0\.0\.0\.0\/0, the whole Internet, on TCP:5432; network rules are processed before application rules, so this bypasses the FQDN allow-list/,
    ],
    ['*', EgressTarget.cidrs('*'), EgressPort.udp(53), /allows \*, the whole Internet, on UDP:53/],
    [
      'the Internet service tag',
      EgressTarget.serviceTag('Internet'),
      EgressPort.tcp(25),
      /allows Internet, the whole Internet, on TCP:25/,
    ],
    [
      '0.0.0.0/0 in two halves',
      EgressTarget.cidrs('0.0.0.0/1', '128.0.0.0/1'),
      EgressPort.tcp(22),
      /allows 0\.0\.0\.0\/1, 128\.0\.0\.0\/1 on TCP:22: 3,[0-9,]+ public addresses, much of the Internet/,
    ],
    [
      'a /6 of public space',
      EgressTarget.cidrs('20.0.0.0/6'),
      EgressPort.https(),
      /allows 20\.0\.0\.0\/6 on Https:443: 67,108,864 public addresses, .*an application rule to them lets workloads reach any Https endpoint there/,
    ],
    [
      'FQDN *',
      EgressTarget.fqdns('*'),
      EgressPort.https(),
      /allows FQDN \*, every host, on Https:443; list the host names/,
    ],
  ])('%s is refused', (_what, target, port, message) => {
    const { egress: e } = egress();
    expect(thrownBy(() => e.allow(target, port, 'open'))).toMatch(
      new RegExp(`^SecureEgress x/Egress: egress rule open ${message.source}`),
    );
  });

  test('a broad public range warns loudly; a partner range or private space is quiet', () => {
    const { stack, egress: e } = egress();
    e.allow(EgressTarget.cidrs('20.32.0.0/12'), EgressPort.tcp(443), 'broad');
    e.allow(EgressTarget.cidrs('198.51.100.0/28'), EgressPort.tcp(5432), 'partner');
    e.allow(EgressTarget.cidrs('10.0.0.0/8'), EgressPort.tcp(1433), 'on-premises');
    const warnings = warningsOf(stack).filter((w) => /BROAD PUBLIC RANGE/.test(w));
    expect(warnings).toEqual([
      expect.stringMatching(
        /EGRESS OPENS A BROAD PUBLIC RANGE: rule broad allows 20\.32\.0\.0\/12 \(1,048,576 public addresses\) on TCP:443/,
      ),
    ]);
  });

  test('public addresses are counted once, private and reserved space not at all', () => {
    expect(publicAddressCount(['10.0.0.0/8', '192.168.0.0/16'])).toBe(0);
    expect(publicAddressCount(['203.0.113.0/24', '203.0.113.0/25'])).toBe(256);
    expect(publicAddressCount(['0.0.0.0/0'])).toBeGreaterThan(3.5e9);
  });
});

describe('wildcards over multi-tenant services', () => {
  test.each([
    '*.blob.core.windows.net',
    '*.core.windows.net',
    '*.azurewebsites.net',
    '*.servicebus.windows.net',
    '*.windows.net',
  ])('%s warns as a data-exfiltration path, with the fix', (fqdn) => {
    const { stack, egress: e } = egress();
    e.allow(EgressTarget.fqdns(fqdn), EgressPort.https(), 'wide');
    expect(warningsOf(stack).join('\n')).toMatch(
      /DATA EXFILTRATION PATH: rule wide allows .*, and anyone can create a name under .*; name your resources instead \(e\.g\. myaccount\..*\), or reach them through a private endpoint/,
    );
  });

  test('named accounts and wildcards over your own domains are quiet', () => {
    const { stack, egress: e } = egress();
    e.allow(
      EgressTarget.fqdns('stcontoso.blob.core.windows.net', '*.contoso.com', '*.github.com'),
      EgressPort.https(),
      'mine',
    );
    expect(warningsOf(stack).filter((w) => /EXFILTRATION/.test(w))).toEqual([]);
    expect(multiTenantWildcard('*.data.mcr.microsoft.com')).toBeUndefined();
    expect(multiTenantWildcard('*.net')).toBeDefined();
  });

  test('the hub-spoke example does not teach the pattern', () => {
    const app = Testing.app();
    buildHubSpoke(app);
    const stack = app.node.findChild('hub-spoke') as TerraformStack;
    const fqdns = resourcesOf(synthJson(stack), 'azurerm_firewall_policy_rule_collection_group').flatMap(
      (g) =>
        (g.application_rule_collection ?? []).flatMap((c: any) =>
          c.rule.flatMap((r: any) => r.destination_fqdns ?? []),
        ),
    );
    expect(fqdns).toContain('stcontosoartifacts.blob.core.windows.net');
    expect(fqdns.filter((f: string) => multiTenantWildcard(f) !== undefined && !/vault\./.test(f))).toEqual(
      [],
    );
    expect(warningsOf(stack).filter((w) => /EXFILTRATION/.test(w))).toEqual([]);
  });
});

describe('the report lists, per spoke, what each cluster may reach', () => {
  const dir = tmpRoot('reach');
  synthScenario((app: App) => buildLandingZone(app), dir);
  const report = (stack: string) =>
    fs.readFileSync(path.join(dir, 'dist', stack, 'security-report.md'), 'utf8');

  test('each cluster report holds the groups of its stack, with their rules and sources', () => {
    const hub = report('landing-zone-hub');
    expect(hub).toMatch(/## Egress per cluster/);
    expect(hub).toMatch(/### rcg-spokea \(priority \d+\)/);
    expect(hub).toMatch(
      /\| user-application \| github \| application \| Https 443 \| api\.github\.com, github\.com \| 10\.210\.0\.0\/22 \|/,
    );
    expect(hub).toMatch(
      /\| dnat \| dnat-443 \| DNAT \| TCP 443 → 443 \| .* → 10\.210\.4\.30 \| 203\.0\.113\.0\/24 \|/,
    );
    expect(hub).not.toMatch(/rcg-team-b/);
    const teamB = report('landing-zone-team-b');
    expect(teamB).toMatch(/### rcg-team-b \(priority \d+\)/);
    expect(teamB).toMatch(/10\.211\.0\.0\/22/);
  });

  test('rendered from the Terraform JSON alone; nothing when there is no group', () => {
    expect(renderEgressReach([{ resource: {} }])).toBe('');
    const text = renderEgressReach([
      {
        resource: {
          azurerm_firewall_policy_rule_collection_group: {
            g: {
              name: 'rcg-a',
              priority: 1000,
              network_rule_collection: [
                {
                  name: 'user-network',
                  rule: [
                    {
                      name: 'pg',
                      protocols: ['TCP'],
                      destination_ports: ['5432'],
                      destination_addresses: ['198.51.100.0/28'],
                      source_addresses: ['10.1.0.0/22'],
                    },
                  ],
                },
              ],
            },
          },
        },
      },
    ]);
    expect(text).toContain('| user-network | pg | network | TCP 5432 | 198.51.100.0/28 | 10.1.0.0/22 |');
  });
});
