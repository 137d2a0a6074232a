import { FIREWALL_SUBNET_MAX_PREFIX } from '../../plan/address-plan';

/** Smallest subnet (largest prefix length) Azure Firewall accepts for its subnets. */
export const FIREWALL_SUBNET_MAX_PREFIX_LENGTH = FIREWALL_SUBNET_MAX_PREFIX;
/** The exact subnet name Azure Firewall requires. */
export const FIREWALL_SUBNET_NAME = 'AzureFirewallSubnet';
/** The exact management subnet name (Basic tier, forced tunnelling). */
export const FIREWALL_MANAGEMENT_SUBNET_NAME = 'AzureFirewallManagementSubnet';

/** An existing firewall subnet: its id and block, so name and size can still be checked. */
export interface ExistingFirewallSubnet {
  /** Subnet name (must be `AzureFirewallSubnet`). */
  readonly name: string;
  /** Resource id. */
  readonly id: string;
  /** Address prefix (at least a /26). */
  readonly cidr: string;
}

/** A hub VNet for the firewall, peered with the cluster's VNet. */
export interface HubVnetOptions {
  /** The hub's address space; must not overlap the cluster VNet or its ranges. */
  readonly addressSpace: string;
  /**
   * Hub VNet name.
   * @default - `vnet-hub-<construct id>` in lower case
   */
  readonly vnetName?: string;
  /**
   * Prefix length of `AzureFirewallSubnet` in the hub.
   * @default FIREWALL_SUBNET_MAX_PREFIX_LENGTH (26)
   */
  readonly firewallSubnetPrefixLength?: number;
}

/** Options for a firewall inside the cluster VNet. */
export interface ClusterVnetPlacementOptions {
  /**
   * Prefix length of `AzureFirewallSubnet`, carved from the cluster VNet's free space.
   * @default FIREWALL_SUBNET_MAX_PREFIX_LENGTH (26)
   */
  readonly firewallSubnetPrefixLength?: number;
}

/** Where the firewall lives. */
export class FirewallPlacement {
  /**
   * In the cluster's VNet: `AzureFirewallSubnet` is carved from the address plan.
   * @see https://learn.microsoft.com/azure/aks/limit-egress-traffic
   */
  public static clusterVnet(options: ClusterVnetPlacementOptions = {}): FirewallPlacement {
    return new FirewallPlacement(options.firewallSubnetPrefixLength ?? FIREWALL_SUBNET_MAX_PREFIX_LENGTH);
  }

  /**
   * In a hub VNet of its own, peered both ways with the cluster's VNet.
   * @see https://learn.microsoft.com/azure/architecture/networking/architecture/hub-spoke
   */
  public static hub(options: HubVnetOptions): FirewallPlacement {
    return new FirewallPlacement(
      options.firewallSubnetPrefixLength ?? FIREWALL_SUBNET_MAX_PREFIX_LENGTH,
      options,
    );
  }

  /** An existing `AzureFirewallSubnet` (in the cluster VNet or a peered one you manage). */
  public static existingSubnet(subnet: ExistingFirewallSubnet): FirewallPlacement {
    return new FirewallPlacement(undefined, undefined, subnet);
  }

  private constructor(
    /** Prefix length of a subnet to create. */
    public readonly firewallSubnetPrefixLength?: number,
    /** The hub VNet to create. */
    public readonly hubVnet?: HubVnetOptions,
    /** The subnet to use as is. */
    public readonly existing?: ExistingFirewallSubnet,
  ) {}
}
