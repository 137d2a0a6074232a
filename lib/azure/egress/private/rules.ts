import { IConstruct } from 'constructs';
// Renders the catalogue and user intents into azurerm_firewall_policy_rule_collection_group inputs.
// Pure: plain values in, plain objects (cdktf config field names) out.
import { AksNetworkError } from '../../../core/errors';
import { parseRange } from '../../../plan/cidr';
import { EgressDestinationKind, EgressRuleEntry, EgressRuleKind } from '../catalogue/types';
import { EgressPort, EgressTarget, EgressTargetKind } from '../targets';

/**
 * Priorities of the four rule collection groups of the layout before one group per cluster (kept for
 * `keepLegacyRuleGroups`, the migration that creates the new group before these go).
 */
export const LEGACY_PRIORITY = { dnat: 100, platform: 200, features: 300, user: 400 } as const;
const NETWORK_COLLECTION_PRIORITY = 100;
const APPLICATION_COLLECTION_PRIORITY = 200;

/**
 * Priorities of the collections inside a cluster's one rule collection group, in the layered order
 * DNAT → network → application (platform, features, user within each type). Fixed per collection, so
 * a collection that appears later (the first user rule) never renumbers the others. Azure processes
 * DNAT, then network, then application rules whatever the priorities; these keep the order readable.
 */
export const COLLECTION_PRIORITY = {
  dnat: 100,
  platformNetwork: 1000,
  featuresNetwork: 1100,
  userNetwork: 1200,
  platformApplication: 2000,
  featuresApplication: 2100,
  userApplication: 2200,
} as const;

/** The rules of one cluster, by layer. */
export interface ClusterRules {
  readonly dnat: NatRule[];
  /** Catalogue entries every cluster needs. */
  readonly platform: EgressRuleEntry[];
  /** Catalogue entries of the cluster's features. */
  readonly features: EgressRuleEntry[];
  /** The user's intents, in catalogue form. */
  readonly user: EgressRuleEntry[];
}

/** Who may send: subnet CIDRs, or IP group ids. Never `*`. */
export interface RuleSources {
  readonly addresses?: string[];
  readonly ipGroupIds?: string[];
}

export interface ApplicationRule {
  name: string;
  sourceAddresses?: string[];
  sourceIpGroups?: string[];
  protocols: { type: string; port: number }[];
  destinationFqdns?: string[];
  destinationFqdnTags?: string[];
  destinationAddresses?: string[];
}

export interface NetworkRule {
  name: string;
  sourceAddresses?: string[];
  sourceIpGroups?: string[];
  protocols: string[];
  destinationPorts: string[];
  destinationAddresses?: string[];
  destinationFqdns?: string[];
}

export interface NatRule {
  name: string;
  sourceAddresses: string[];
  protocols: string[];
  destinationAddress: string;
  destinationPorts: string[];
  translatedAddress: string;
  translatedPort: number;
}

export interface RuleCollectionGroupInput {
  name: string;
  priority: number;
  networkRuleCollection?: { name: string; priority: number; action: string; rule: NetworkRule[] }[];
  applicationRuleCollection?: { name: string; priority: number; action: string; rule: ApplicationRule[] }[];
  natRuleCollection?: { name: string; priority: number; action: string; rule: NatRule[] }[];
}

/** A user intent after validation, in catalogue form. */
export interface UserRule {
  readonly name: string;
  readonly target: EgressTarget;
  readonly port: EgressPort;
}

const ANY_SOURCE = ['*', '0.0.0.0/0', 'Internet', 'Any'];

/** Sources as rule fields — rejects empty and open sources. */
export function sourceFields(
  scope: IConstruct,
  sources: RuleSources,
): Pick<NetworkRule, 'sourceAddresses' | 'sourceIpGroups'> {
  const addresses = sources.addresses ?? [];
  const groups = sources.ipGroupIds ?? [];
  if (addresses.length + groups.length === 0) {
    throw new AksNetworkError(
      'egress rules have no source',
      'give the cluster subnet CIDRs or an IP group of them',
      scope,
    );
  }
  const open = addresses.find((a) => ANY_SOURCE.includes(a));
  if (open !== undefined) {
    throw new AksNetworkError(
      `egress rule source ${open} allows any sender`,
      'use the cluster subnet CIDRs as sources',
      scope,
    );
  }
  return addresses.length > 0 ? { sourceAddresses: [...addresses] } : { sourceIpGroups: [...groups] };
}

/** One group from catalogue entries (network collection first, then application). */
export function renderCatalogueGroup(
  name: string,
  priority: number,
  entries: EgressRuleEntry[],
  sources: Pick<NetworkRule, 'sourceAddresses' | 'sourceIpGroups'>,
): RuleCollectionGroupInput {
  const network: NetworkRule[] = entries
    .filter((e) => e.kind === EgressRuleKind.NETWORK)
    .map((e) => ({
      name: e.name,
      ...sources,
      protocols: [e.protocol],
      destinationPorts: e.ports.map(String),
      ...(e.destinationKind === EgressDestinationKind.FQDN
        ? { destinationFqdns: [...e.destinations] }
        : { destinationAddresses: [...e.destinations] }),
    }));
  const application: ApplicationRule[] = entries
    .filter((e) => e.kind === EgressRuleKind.APPLICATION)
    .map((e) => ({
      name: e.name,
      ...sources,
      protocols: e.ports.map((port) => ({ type: e.protocol, port })),
      ...(e.destinationKind === EgressDestinationKind.FQDN_TAG
        ? { destinationFqdnTags: [...e.destinations] }
        : { destinationFqdns: [...e.destinations] }),
    }));
  return withCollections(name, priority, network, application);
}

/**
 * Check a user intent against what Azure Firewall accepts and return it as a catalogue entry:
 * service tags only in network rules — FQDN network rules need the DNS proxy and no wildcards —
 * application rules only for HTTP, HTTPS and MSSQL.
 */
export function userRuleEntry(scope: IConstruct, rule: UserRule, dnsProxy: boolean): EgressRuleEntry {
  const { target, port } = rule;
  const values = target.values;
  const common = {
    name: rule.name,
    protocol: port.protocol,
    ports: [port.port],
    destinations: [...values],
    reason: 'user rule',
    source: '',
  };
  if (target.kind === EgressTargetKind.SERVICE_TAG && port.application) {
    throw new AksNetworkError(
      `service tag ${values[0]} cannot be used with ${port} (service tags only work in network rules)`,
      `use EgressPort.tcp(${port.port}) for a network rule, or EgressTarget.fqdns(...) for an application rule`,
      scope,
    );
  }
  if (target.kind === EgressTargetKind.CIDRS) {
    values.forEach((v) => parseRange(v, { what: 'egress destination', scope, allowAddress: true }));
  }
  if (target.kind === EgressTargetKind.FQDNS && !port.application) {
    const wildcard = values.find((v) => v.includes('*'));
    if (wildcard !== undefined) {
      throw new AksNetworkError(
        `wildcard FQDN ${wildcard} cannot be used with ${port} (network rule FQDNs are resolved by the DNS proxy and take no wildcards)`,
        'list the host names, or use EgressPort.https()/http() for an application rule',
        scope,
      );
    }
    if (!dnsProxy) {
      throw new AksNetworkError(
        `FQDN network rule ${values.join(', ')} on ${port} needs the firewall DNS proxy, which is off`,
        'enable dnsProxy (Standard or Premium tier), or use EgressTarget.cidrs(...)',
        scope,
      );
    }
  }
  const destinationKind =
    target.kind === EgressTargetKind.FQDNS
      ? EgressDestinationKind.FQDN
      : target.kind === EgressTargetKind.SERVICE_TAG
        ? EgressDestinationKind.SERVICE_TAG
        : EgressDestinationKind.ADDRESS;
  return {
    ...common,
    kind: port.application ? EgressRuleKind.APPLICATION : EgressRuleKind.NETWORK,
    destinationKind,
  };
}

/** Application entries with address destinations use `destinationAddresses`. */
export function renderUserGroup(
  name: string,
  priority: number,
  entries: EgressRuleEntry[],
  sources: Pick<NetworkRule, 'sourceAddresses' | 'sourceIpGroups'>,
): RuleCollectionGroupInput {
  const group = renderCatalogueGroup(name, priority, entries, sources);
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const collection of group.applicationRuleCollection ?? []) {
    collection.rule = collection.rule.map((r) => {
      const entry = byName.get(r.name)!;
      if (entry.destinationKind !== EgressDestinationKind.ADDRESS) {
        return r;
      }
      const { destinationFqdns, ...rest } = r;
      return { ...rest, destinationAddresses: destinationFqdns };
    });
  }
  return group;
}

/**
 * A cluster's one rule collection group: its DNAT collection, then network collections (platform,
 * features, user), then application collections, each at its fixed priority — empty ones left out.
 */
export function renderClusterGroup(
  name: string,
  priority: number,
  rules: ClusterRules,
  sources: Pick<NetworkRule, 'sourceAddresses' | 'sourceIpGroups'>,
): RuleCollectionGroupInput {
  const platform = renderCatalogueGroup('aks-platform', 0, rules.platform, sources);
  const features = renderCatalogueGroup('aks-features', 0, rules.features, sources);
  const user = renderUserGroup('user', 0, rules.user, sources);
  const at = <T extends { priority: number }>(collection: T | undefined, p: number): T[] =>
    collection ? [{ ...collection, priority: p }] : [];
  const network = [
    ...at(platform.networkRuleCollection?.[0], COLLECTION_PRIORITY.platformNetwork),
    ...at(features.networkRuleCollection?.[0], COLLECTION_PRIORITY.featuresNetwork),
    ...at(user.networkRuleCollection?.[0], COLLECTION_PRIORITY.userNetwork),
  ];
  const application = [
    ...at(platform.applicationRuleCollection?.[0], COLLECTION_PRIORITY.platformApplication),
    ...at(features.applicationRuleCollection?.[0], COLLECTION_PRIORITY.featuresApplication),
    ...at(user.applicationRuleCollection?.[0], COLLECTION_PRIORITY.userApplication),
  ];
  return {
    name,
    priority,
    ...(rules.dnat.length > 0
      ? {
          natRuleCollection: [
            { name: 'dnat', priority: COLLECTION_PRIORITY.dnat, action: 'Dnat', rule: [...rules.dnat] },
          ],
        }
      : {}),
    ...(network.length > 0 ? { networkRuleCollection: network } : {}),
    ...(application.length > 0 ? { applicationRuleCollection: application } : {}),
  };
}

/** The DNAT group of the legacy layout: one rule per public port. */
export function renderDnatGroup(name: string, rules: NatRule[]): RuleCollectionGroupInput {
  return {
    name,
    priority: LEGACY_PRIORITY.dnat,
    natRuleCollection: [{ name: 'dnat', priority: NETWORK_COLLECTION_PRIORITY, action: 'Dnat', rule: rules }],
  };
}

function withCollections(
  name: string,
  priority: number,
  network: NetworkRule[],
  application: ApplicationRule[],
): RuleCollectionGroupInput {
  return {
    name,
    priority,
    ...(network.length > 0
      ? {
          networkRuleCollection: [
            {
              name: `${name}-network`,
              priority: NETWORK_COLLECTION_PRIORITY,
              action: 'Allow',
              rule: network,
            },
          ],
        }
      : {}),
    ...(application.length > 0
      ? {
          applicationRuleCollection: [
            {
              name: `${name}-application`,
              priority: APPLICATION_COLLECTION_PRIORITY,
              action: 'Allow',
              rule: application,
            },
          ],
        }
      : {}),
  };
}
