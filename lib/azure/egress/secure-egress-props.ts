import { CLUSTER_GROUP_PRIORITY_FIRST } from '../../plan/firewall-policy';
import { AzureCloud, EgressFeature } from '../contracts';
import { IClusterNetwork } from '../network/cluster-network';
import { NtpRule } from './catalogue/types';
import { FirewallPlacement } from './placement';

/** Azure Firewall tier. */
export enum FirewallTier {
  /** Small deployments: no DNS proxy, no FQDN network rules, threat intel alert only, needs a management subnet. */
  BASIC = 'Basic',
  /** The default. */
  STANDARD = 'Standard',
  /** TLS inspection, IDPS, URL filtering. */
  PREMIUM = 'Premium',
}

/** What the firewall does with traffic to known-malicious addresses. */
export enum ThreatIntelMode {
  /** Block and log. */
  DENY = 'Deny',
  /** Only log. */
  ALERT = 'Alert',
  /** Nothing. */
  OFF = 'Off',
}

/** Defaults of `SecureEgressProps`. */
export const SECURE_EGRESS_DEFAULTS = {
  cloud: AzureCloud.PUBLIC,
  tier: FirewallTier.STANDARD,
  threatIntelMode: ThreatIntelMode.DENY,
  publicIpCount: 1,
  /** Priority of the cluster's rule collection group — 100-999 stay free for groups of your own. */
  ruleGroupPriority: CLUSTER_GROUP_PRIORITY_FIRST,
} as const;

/** Properties of `SecureEgress`. */
export interface SecureEgressProps {
  /** The cluster network whose subnets egress through the firewall. */
  readonly network: IClusterNetwork;
  /**
   * The Azure cloud (selects the egress catalogue).
   * @default AzureCloud.PUBLIC
   * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
   */
  readonly cloud?: AzureCloud;
  /**
   * Where the firewall lives.
   * @default FirewallPlacement.clusterVnet()
   * @see https://learn.microsoft.com/azure/aks/limit-egress-traffic
   */
  readonly placement?: FirewallPlacement;
  /**
   * Firewall (and policy) tier.
   * @default FirewallTier.STANDARD
   * @see https://learn.microsoft.com/azure/firewall/choose-firewall-sku
   */
  readonly tier?: FirewallTier;
  /**
   * Number of public IPs (each adds 2,496 SNAT ports per instance — production: 20 or more).
   * @default 1
   * @see https://learn.microsoft.com/azure/aks/limit-egress-traffic
   */
  readonly publicIpCount?: number;
  /**
   * Availability zones of the firewall and its public IPs — an explicit list in a region without zones
   * is an error.
   * @default - '1', '2' and '3' where the region has availability zones, none elsewhere
   * @see https://learn.microsoft.com/azure/reliability/regions-list
   */
  readonly zones?: string[];
  /**
   * DNS proxy on the firewall policy (needed by FQDN network rules). Turning it off warns.
   * @default true (false is required on the Basic tier)
   * @see https://learn.microsoft.com/azure/firewall/dns-settings
   */
  readonly dnsProxy?: boolean;
  /**
   * Threat intelligence mode. Anything but Deny warns.
   * @default ThreatIntelMode.DENY (Alert on Basic, which cannot deny)
   * @see https://learn.microsoft.com/azure/firewall/threat-intel
   */
  readonly threatIntelMode?: ThreatIntelMode;
  /**
   * Features whose egress to allow from the start (the cluster adds its own through `attachCluster`).
   * @default - none
   * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
   */
  readonly features?: EgressFeature[];
  /**
   * Also allow the FQDN tag `AzureKubernetesService`.
   * @default false
   * @see https://learn.microsoft.com/azure/firewall/fqdn-tags
   */
  readonly useFqdnTag?: boolean;
  /**
   * How NTP is allowed. `NtpRule.OMIT` on 21Vianet or US Government warns: their tables list UDP 123
   * as required.
   * @default - NtpRule.ANY_ADDRESS on 21Vianet and US Government, NtpRule.OMIT on the public cloud
   * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
   */
  readonly ntp?: NtpRule;
  /**
   * Put the cluster subnet CIDRs into an `azurerm_ip_group` and use it as the rule source
   * (one place to change when subnets are added).
   * @default false - the CIDRs are written into each rule
   * @see https://learn.microsoft.com/azure/firewall/ip-groups
   */
  readonly sourceIpGroup?: boolean;
  /**
   * Propagate BGP routes into the route table (could bypass the firewall). Turning it on warns.
   * @default false
   * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview
   */
  readonly bgpRoutePropagation?: boolean;
  /**
   * Priority of the cluster's one rule collection group (100-65000).
   * @default SECURE_EGRESS_DEFAULTS.ruleGroupPriority (1000)
   * @see https://learn.microsoft.com/azure/firewall/policy-rule-sets
   */
  readonly ruleGroupPriority?: number;
  /**
   * Migration from the layout with four rule collection groups (`rcg-dnat`, `rcg-platform`,
   * `rcg-features`, `rcg-user`, before 0.2): keep them, unchanged, next to the new single group. Deploy
   * once with `true` (the new group is created while the old ones still allow egress), then remove the
   * prop and deploy again (the old groups are deleted). A fresh deployment never needs it.
   * @default false
   */
  readonly keepLegacyRuleGroups?: boolean;
  /**
   * Resource name prefix.
   * @default - the construct id in lower case
   */
  readonly namePrefix?: string;
  /**
   * Tags on every resource created.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** A DNAT rule: a public port of the firewall to a private address and port. */
export interface DnatOptions {
  /** Port on the firewall public IP. */
  readonly publicPort: number;
  /** Port on the private address. */
  readonly privatePort: number;
  /**
   * The private address (must be a usable address of the ingress subnet).
   * @default - `ingressEndpoint().privateIp`
   * @see https://learn.microsoft.com/azure/firewall/integrate-lb
   */
  readonly privateIp?: string;
  /**
   * Client CIDRs allowed in. A DNAT rule implicitly allows what it translates, so restrict it.
   * @default ['*'] with a warning
   * @see https://learn.microsoft.com/azure/firewall/integrate-lb
   */
  readonly sourceAddresses?: string[];
  /**
   * Which of the firewall's public IPs receives the traffic (0-based). Each spoke of a shared hub that
   * publishes an ingress takes its own public IP, or a port no other spoke uses on it.
   * @default 0 - the first public IP
   */
  readonly publicIpIndex?: number;
  /**
   * Rule name.
   * @default - `dnat-<publicPort>`
   */
  readonly name?: string;
}

/** The planned internal ingress address, a plain value for the Kubernetes side. */
export interface IngressEndpoint {
  /** The static private IP for the internal load balancer. */
  readonly privateIp: string;
  /** The subnet it lies in (for the `azure-load-balancer-internal-subnet` annotation). */
  readonly subnetName: string;
  /** The subnet's block. */
  readonly subnetCidr: string;
}
