import { TerraformProvider } from 'cdktf';
import { IConstruct } from 'constructs';
import { AzureCloud, EgressFeature } from '../contracts';
import { IClusterNetwork } from '../network/cluster-network';
import { NtpRule } from './catalogue/types';
import { FirewallTier, ThreatIntelMode } from './secure-egress-props';

/** A hub with its firewall: what spokes need of it, as plain values (or cdktf references). */
export interface IEgressHub extends IConstruct {
  /** Azure region of the hub and its firewall. */
  readonly location: string;
  /** Regions whose spokes the hub serves (its own, and any it was set up for over global peering). */
  readonly servedRegions: string[];
  /** The cloud its firewall runs in (selects the egress catalogue of its spokes). */
  readonly cloud: AzureCloud;
  /** The firewall's private IP: next hop of the spokes' default route and DNS proxy address. */
  readonly firewallPrivateIp: string;
  /** The firewall policy every spoke adds its rule collection group to. */
  readonly firewallPolicyId: string;
  /** Public IPs of the firewall (SNAT for every spoke, DNAT destinations). */
  readonly publicIps: string[];
  /** The `AzureFirewallSubnet` block: DNAT'd clients arrive from these addresses. */
  readonly firewallSubnetCidr: string;
  /** Whether the firewall policy runs the DNS proxy (FQDN network rules need it). */
  readonly dnsProxy: boolean;
  /** The hub VNet's resource id. */
  readonly hubVnetId: string;
  /** The hub VNet's name. */
  readonly hubVnetName: string;
  /** The hub VNet's resource group. */
  readonly hubResourceGroupName: string;
  /** The hub VNet's address spaces. */
  readonly hubAddressSpaces: string[];
}

/** Properties of `EgressHub`. */
export interface EgressHubProps {
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /** The hub VNet's address space — it holds `AzureFirewallSubnet` (and the management subnet). */
  readonly addressSpace: string;
  /**
   * Resource group of the hub.
   * @default - `rg-<construct id>` in lower case
   */
  readonly resourceGroupName?: string;
  /**
   * Whether to create the resource group (false: it exists already).
   * @default true
   */
  readonly createResourceGroup?: boolean;
  /**
   * Hub VNet name.
   * @default - `vnet-<construct id>` in lower case
   */
  readonly vnetName?: string;
  /**
   * Prefix length of `AzureFirewallSubnet`.
   * @default 26
   */
  readonly firewallSubnetPrefixLength?: number;
  /**
   * Prefix length of `AzureFirewallManagementSubnet`, needed by the Basic tier.
   * @default - none
   */
  readonly managementSubnetPrefixLength?: number;
  /**
   * The Azure cloud (selects the egress catalogue of every spoke).
   * @default AzureCloud.PUBLIC
   */
  readonly cloud?: AzureCloud;
  /**
   * Firewall (and policy) tier.
   * @default FirewallTier.STANDARD
   */
  readonly tier?: FirewallTier;
  /**
   * Number of public IPs. Every spoke shares their SNAT ports (2,496 per IP and firewall instance);
   * a hub serving two or more spokes with fewer than 20 warns. DNAT rules of the spokes use them too.
   * @default 1
   * @see https://learn.microsoft.com/azure/aks/limit-egress-traffic
   */
  readonly publicIpCount?: number;
  /**
   * Availability zones of the firewall and its public IPs — an explicit list in a region without zones
   * is an error.
   * @default - '1', '2' and '3' where the region has availability zones, none elsewhere
   */
  readonly zones?: string[];
  /**
   * DNS proxy on the firewall policy (FQDN network rules of any spoke need it).
   * @default true (false on the Basic tier, which has none)
   */
  readonly dnsProxy?: boolean;
  /**
   * Threat intelligence mode — anything but Deny warns.
   * @default ThreatIntelMode.DENY (Alert on Basic)
   */
  readonly threatIntelMode?: ThreatIntelMode;
  /**
   * Further regions whose spokes this hub serves over global peering. A spoke in any other region
   * than the hub's and these is refused (give that region its own hub).
   * @default - the hub's region only
   */
  readonly additionalSpokeRegions?: string[];
  /**
   * Rule collection groups the policy takes (each spoke adds one). Raise it only if the Azure
   * Firewall limits page allows more for your policy.
   * @default FIREWALL_POLICY_LIMITS.ruleCollectionGroups (60)
   * @see https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-firewall-limits
   */
  readonly ruleCollectionGroupLimit?: number;
  /**
   * The provider of the hub's subscription (an aliased `AzurermProvider`), when the hub lives in
   * another subscription than the stack's default provider.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
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

/**
 * A hub and its firewall as plain values: handed by the platform team to a spoke stack (or built
 * from an `EgressHub` of the same app with `hub.toAttributes()`, whose values are then cdktf
 * cross-stack references).
 */
export interface EgressHubAttributes {
  /** Azure region of the hub. */
  readonly location: string;
  /**
   * The cloud.
   * @default AzureCloud.PUBLIC
   */
  readonly cloud?: AzureCloud;
  /** The firewall's private IP. */
  readonly firewallPrivateIp: string;
  /** The firewall policy's resource id. */
  readonly firewallPolicyId: string;
  /** Public IPs of the firewall (for the `/32` routes and DNAT). */
  readonly publicIps: string[];
  /** The `AzureFirewallSubnet` block. */
  readonly firewallSubnetCidr: string;
  /**
   * The `AzureFirewallSubnet` resource id: a firewall created into it in this app is refused.
   * @default - not checked
   */
  readonly firewallSubnetId?: string;
  /**
   * Whether the policy runs the DNS proxy.
   * @default true
   */
  readonly dnsProxy?: boolean;
  /** The hub VNet's resource id. */
  readonly hubVnetId: string;
  /** The hub VNet's name. */
  readonly hubVnetName: string;
  /** The hub VNet's resource group. */
  readonly hubResourceGroupName: string;
  /** The hub VNet's address spaces. */
  readonly hubAddressSpaces: string[];
  /**
   * Further regions the hub serves.
   * @default - the hub's region only
   */
  readonly additionalSpokeRegions?: string[];
  /**
   * Address spaces of the spokes that already joined (a new spoke must not overlap them).
   * @default - none known
   */
  readonly spokeAddressSpaces?: string[];
  /**
   * Priorities of the rule collection groups already in the policy.
   * @default - none known
   */
  readonly rulePrioritiesInUse?: number[];
  /**
   * Names of the rule collection groups already in the policy.
   * @default - none known
   */
  readonly ruleGroupNamesInUse?: string[];
  /**
   * How many rule collection groups the policy holds already (when more are there than are named).
   * @default - the number of ruleGroupNamesInUse
   */
  readonly ruleCollectionGroupsInUse?: number;
  /**
   * Rule collection groups the policy takes.
   * @default FIREWALL_POLICY_LIMITS.ruleCollectionGroups (60)
   */
  readonly ruleCollectionGroupLimit?: number;
}

/** Which sides of a spoke's peering with its hub the spoke creates. */
export class SpokePeering {
  /** Both: spoke → hub in the spoke VNet, hub → spoke in the hub VNet (needs rights on the hub VNet). */
  public static bothWays(): SpokePeering {
    return new SpokePeering(true);
  }

  /**
   * Only spoke → hub — the hub's owners create hub → spoke (named `peer-hub-to-<spoke VNet>`).
   * Traffic flows once both exist.
   */
  public static spokeSideOnly(): SpokePeering {
    return new SpokePeering(false);
  }

  private constructor(
    /** Whether the spoke creates the hub's side too. */
    public readonly hubSide: boolean,
  ) {}
}

/** Properties of `EgressSpoke`. */
export interface EgressSpokeProps extends EgressSpokeOptions {
  /** The hub to join: an `EgressHub`, or `EgressHub.fromAttributes(...)` for a firewall of another team. */
  readonly hub: IEgressHub;
}

/** How a spoke joins its hub (`EgressHub.addSpoke`, or `EgressSpokeProps` with the hub). */
export interface EgressSpokeOptions {
  /** The spoke's cluster network — its VNet is peered with the hub and its subnets route to the firewall. */
  readonly network: IClusterNetwork;
  /**
   * Which sides of the peering to create.
   * @default SpokePeering.bothWays()
   */
  readonly peering?: SpokePeering;
  /**
   * Name of the cluster's rule collection group in the hub's policy (unique in the policy).
   * @default - `rcg-<namePrefix or construct id>`
   */
  readonly ruleGroupName?: string;
  /**
   * Priority of the cluster's rule collection group (100-65000, unique in the policy).
   * @default - derived from the group name (1000-64999), stable whatever other spokes do
   */
  readonly rulePriority?: number;
  /**
   * Features whose egress to allow from the start (the cluster adds its own when it attaches).
   * @default - none
   */
  readonly features?: EgressFeature[];
  /**
   * Also allow the FQDN tag `AzureKubernetesService`.
   * @default false
   */
  readonly useFqdnTag?: boolean;
  /**
   * How NTP is allowed.
   * @default - NtpRule.ANY_ADDRESS on 21Vianet and US Government, NtpRule.OMIT on the public cloud
   */
  readonly ntp?: NtpRule;
  /**
   * Propagate BGP routes into the spoke's route table (could bypass the firewall) — warns.
   * @default false
   */
  readonly bgpRoutePropagation?: boolean;
  /**
   * The provider of the hub's subscription (aliased `AzurermProvider`) for what the spoke creates on
   * the hub's side: the hub → spoke peering and its rule collection group.
   * @default - the stack's default azurerm provider
   */
  readonly hubProvider?: TerraformProvider;
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
