/**
 * What each cluster may reach through the firewall: every rule collection group of the given stacks
 * (one per cluster, so one per spoke of a hub) with its rules, as a report section. Pure.
 */
import { markdownTable } from './markdown';
import { blocks, Json, strings } from './model';

const GROUP = 'azurerm_firewall_policy_rule_collection_group';
/** `${azurerm_public_ip.Hub_PublicIp_ABC.ip_address}` → `azurerm_public_ip.Hub_PublicIp_ABC.ip_address`. */
const plain = (s: string) => s.replace(/^\$\{(.*)\}$/, '$1');
const list = (values: string[]) => values.map(plain).join(', ');

interface Row {
  readonly collection: string;
  readonly rule: string;
  readonly kind: string;
  readonly ports: string;
  readonly destinations: string;
  readonly sources: string;
}

function rowsOf(group: Json): Row[] {
  const rows: Row[] = [];
  for (const col of blocks(group.nat_rule_collection)) {
    for (const r of blocks(col.rule)) {
      rows.push({
        collection: String(col.name),
        rule: String(r.name),
        kind: 'DNAT',
        ports: `${strings(r.protocols).join('/')} ${strings(r.destination_ports).join(', ')} → ${String(r.translated_port)}`,
        destinations: `${plain(String(r.destination_address))} → ${String(r.translated_address)}`,
        sources: list(strings(r.source_addresses)),
      });
    }
  }
  for (const col of blocks(group.network_rule_collection)) {
    for (const r of blocks(col.rule)) {
      rows.push({
        collection: String(col.name),
        rule: String(r.name),
        kind: 'network',
        ports: `${strings(r.protocols).join('/')} ${strings(r.destination_ports).join(', ')}`,
        destinations: list([
          ...strings(r.destination_addresses),
          ...strings(r.destination_fqdns),
          ...strings(r.destination_ip_groups),
        ]),
        sources: list([...strings(r.source_addresses), ...strings(r.source_ip_groups)]),
      });
    }
  }
  for (const col of blocks(group.application_rule_collection)) {
    for (const r of blocks(col.rule)) {
      rows.push({
        collection: String(col.name),
        rule: String(r.name),
        kind: 'application',
        ports: blocks(r.protocols)
          .map((p) => `${String(p.type)} ${String(p.port)}`)
          .join(', '),
        destinations: list([
          ...strings(r.destination_fqdns),
          ...strings(r.destination_fqdn_tags).map((t) => `tag ${t}`),
          ...strings(r.destination_addresses),
        ]),
        sources: list([...strings(r.source_addresses), ...strings(r.source_ip_groups)]),
      });
    }
  }
  return rows;
}

/**
 * The "Egress per cluster" section: per rule collection group (one per cluster or spoke) what its
 * sources may reach — empty when the stacks hold no group.
 */
export function renderEgressReach(stacks: ReadonlyArray<Json>): string {
  const groups = stacks.flatMap((json) =>
    Object.values(((json.resource ?? {}) as Json)[GROUP] ?? {}).map((g) => g as Json),
  );
  if (groups.length === 0) return '';
  const sections = groups
    .map((g) => ({ name: String(g.name), priority: Number(g.priority), rows: rowsOf(g) }))
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name))
    .map((g) =>
      [
        `### ${g.name} (priority ${g.priority})`,
        '',
        markdownTable(
          ['collection', 'rule', 'type', 'protocol and ports', 'destinations', 'sources'],
          g.rows.map((r) => [r.collection, r.rule, r.kind, r.ports, r.destinations, r.sources]),
          '_no rules_\n',
        ),
      ].join('\n'),
    );
  return [
    '## Egress per cluster',
    '',
    'What each rule collection group (one per cluster) lets its sources reach through the firewall; everything else is denied. DNAT rows admit inbound clients.',
    '',
    ...sections,
  ].join('\n');
}
