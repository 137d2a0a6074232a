// The connectivity report's section on egress by name: a pod reaches a name only when its
// CiliumNetworkPolicy and the egress firewall both allow it. Pure.
import { FirewallVerdict, FqdnEgressFacts } from '../cross-layer';
import { markdownTable } from '../markdown';

const REACHED: Record<FirewallVerdict, string> = {
  [FirewallVerdict.ALLOWED]: 'yes',
  [FirewallVerdict.BLOCKED]: '**no**: the firewall drops it',
  [FirewallVerdict.UNKNOWN]: 'if the egress path allows it',
  [FirewallVerdict.NO_FIREWALL]: 'yes (no egress firewall)',
};

/** The "Egress by name" section, or nothing when no policy allows a name. */
export function renderFqdnEgressSection(facts: readonly FqdnEgressFacts[]): string {
  if (facts.length === 0) return '';
  const lines = [
    '',
    '## Egress by name (CiliumNetworkPolicy toFQDNs) and the firewall',
    '',
    'A pod reaches a name only when its policy allows the name (its lookup seen by the DNS proxy) and the',
    "egress firewall allows it on that port: the cluster's application and network rules, compared with",
    'the name (address and service-tag rules other than `*` are not compared).',
    '',
  ];
  const rows = facts.map((f) => [
    f.policy,
    f.pods,
    `\`${f.fqdn}\``,
    f.port,
    f.verdict === FirewallVerdict.ALLOWED ? `allowed (rule ${f.rule})` : f.verdict,
    REACHED[f.verdict],
  ]);
  return (
    lines.join('\n') + '\n' + markdownTable(['policy', 'pods', 'name', 'port', 'firewall', 'reached'], rows)
  );
}
