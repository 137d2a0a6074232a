import { AzureCloud, EgressFeature } from '../../contracts';

/** Which firewall rule type an entry needs. */
export enum EgressRuleKind {
  /** Layer-4 rule (TCP/UDP ports to addresses, service tags or resolvable FQDNs). */
  NETWORK = 'network',
  /** Layer-7 rule (HTTP/HTTPS to FQDNs or FQDN tags). */
  APPLICATION = 'application',
}

/** What the destinations of an entry are. */
export enum EgressDestinationKind {
  /** FQDNs — wildcards only in application rules. */
  FQDN = 'fqdn',
  /** Azure Firewall FQDN tags, e.g. `AzureKubernetesService` (application rules only). */
  FQDN_TAG = 'fqdn-tag',
  /** Azure service tags, e.g. `AzureCloud.westeurope` (network rules only). */
  SERVICE_TAG = 'service-tag',
  /** IP addresses or CIDRs, `*` for any. */
  ADDRESS = 'address',
}

/** One outbound dependency of AKS, with the reason it is needed and where that is documented. */
export interface EgressRuleEntry {
  /** Stable rule name, e.g. `core-tunnel-udp`. */
  readonly name: string;
  /** Network or application rule. */
  readonly kind: EgressRuleKind;
  /** `TCP`/`UDP` for network rules, `Http`/`Https` for application rules. */
  readonly protocol: string;
  /** Destination ports. */
  readonly ports: number[];
  /** What the destinations are. */
  readonly destinationKind: EgressDestinationKind;
  /** FQDNs, tags or addresses. */
  readonly destinations: string[];
  /**
   * The optional feature that needs the entry.
   * @default - a core requirement of every cluster
   */
  readonly feature?: EgressFeature;
  /** Why the cluster needs it. */
  readonly reason: string;
  /** The document that lists it. */
  readonly source: string;
}

/** How NTP (UDP 123) is allowed. */
export enum NtpRule {
  /** No rule: nodes provisioned after March 2021 sync time from the Azure host. */
  OMIT = 'omit',
  /** UDP 123 to any address (works without DNS proxy, e.g. on Firewall Basic). */
  ANY_ADDRESS = 'any-address',
  /** UDP 123 to `ntp.ubuntu.com` (a network-rule FQDN: needs the firewall's DNS proxy). */
  UBUNTU_FQDN = 'ubuntu-fqdn',
}

/**
 * The NTP rule when none is given: none where the cloud's table exempts current nodes (public cloud:
 * nodes provisioned after March 2021), UDP 123 to any address where it lists NTP as required
 * (21Vianet, US Government), which works with and without the firewall's DNS proxy.
 */
export function defaultNtpRule(ntpRequired: boolean): NtpRule {
  return ntpRequired ? NtpRule.ANY_ADDRESS : NtpRule.OMIT;
}

/** What to build the catalogue for. */
export interface EgressCatalogueOptions {
  /**
   * The Azure cloud.
   * @default AzureCloud.PUBLIC
   * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
   */
  readonly cloud?: AzureCloud;
  /** Azure region of the cluster, e.g. `westeurope` or `chinaeast2`. */
  readonly location: string;
  /**
   * Whether the API server is private (public cloud and US Gov then need no tunnel ports and no `*.hcp`).
   * @default false
   * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
   */
  readonly privateCluster?: boolean;
  /**
   * Whether the API server is VNet-integrated: no tunnel (UDP 1194, TCP 9000) and no `*.hcp` rules
   * then, public or private API server alike ("no tunnel is required for API server to node
   * connectivity") — every other core rule still applies.
   * @default false
   * @see https://learn.microsoft.com/azure/aks/api-server-vnet-integration
   */
  readonly apiServerVnetIntegrated?: boolean;
  /**
   * Optional features whose dependencies to add.
   * @default - none
   * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
   */
  readonly features?: EgressFeature[];
  /**
   * Add an application rule for the FQDN tag `AzureKubernetesService` next to the explicit FQDNs.
   * @default false
   * @see https://learn.microsoft.com/azure/firewall/fqdn-tags
   */
  readonly useFqdnTag?: boolean;
  /**
   * How NTP is allowed.
   * @default - NtpRule.ANY_ADDRESS on 21Vianet and US Government, whose tables list UDP 123 as required; NtpRule.OMIT on the public cloud
   * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
   */
  readonly ntp?: NtpRule;
  /**
   * Custom DNS servers the nodes use (adds UDP and TCP 53 to them).
   * @default - none (Azure DNS)
   * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
   */
  readonly customDnsServers?: string[];
  /**
   * Allow the tunnel ports to any address instead of the region's `AzureCloud.<region>` service tag.
   * @default false
   * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
   */
  readonly tunnelToAnyAddress?: boolean;
}
