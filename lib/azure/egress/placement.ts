import { Construct, IConstruct } from 'constructs';
import { AksNetworkError } from '../../core/errors';
import { FIREWALL_SUBNET_MAX_PREFIX, FIREWALL_SUBNET_NAMES } from '../../plan/address-plan';
import { Cidr } from '../../plan/cidr';
import { IClusterNetwork, NetworkSubnet } from '../network/cluster-network';
import { createHub } from './private/hub';

/** Smallest subnet (largest prefix length) Azure Firewall accepts for its subnets. */
export const FIREWALL_SUBNET_MAX_PREFIX_LENGTH = FIREWALL_SUBNET_MAX_PREFIX;
/** The exact subnet name Azure Firewall requires. */
export const FIREWALL_SUBNET_NAME = FIREWALL_SUBNET_NAMES[0];
/** The exact management subnet name (Basic tier, forced tunnelling). */
export const FIREWALL_MANAGEMENT_SUBNET_NAME = FIREWALL_SUBNET_NAMES[1];

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
  /** The hub's address space — must not overlap the cluster VNet or its ranges. */
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
  /**
   * Prefix length of `AzureFirewallManagementSubnet` in the hub, needed by the Basic tier.
   * @default - none
   */
  readonly managementSubnetPrefixLength?: number;
}

/** The subnets a firewall deploys into. */
export interface FirewallSubnets {
  /** `AzureFirewallSubnet`. */
  readonly firewall: NetworkSubnet;
  /** `AzureFirewallManagementSubnet` (Basic tier). */
  readonly management?: NetworkSubnet;
}

type Resolve = (egress: Construct, network: IClusterNetwork, baseName: string) => FirewallSubnets;

/**
 * Where the firewall lives — each placement finds or creates the firewall's subnets itself.
 */
export class FirewallPlacement {
  /**
   * In the cluster's VNet, in its `AzureFirewallSubnet` (and `AzureFirewallManagementSubnet` for the
   * Basic tier): set `firewallSubnetPrefixLength` on the `ClusterNetwork` so that the address plan
   * holds it.
   * @see https://learn.microsoft.com/azure/aks/limit-egress-traffic
   */
  public static clusterVnet(): FirewallPlacement {
    return new FirewallPlacement((egress, network) => {
      if (!network.firewallSubnet) {
        throw new AksNetworkError(
          `the cluster network has no ${FIREWALL_SUBNET_NAME}`,
          'set firewallSubnetPrefixLength: 26 on the ClusterNetwork (or firewallSubnet on an ExistingClusterNetwork)',
          egress,
        );
      }
      return { firewall: network.firewallSubnet, management: network.firewallManagementSubnet };
    });
  }

  /**
   * In a hub VNet of its own, peered both ways with the cluster's VNet, serving this one cluster. For a
   * hub that several clusters (spokes) share, or a private cluster resolving its API server through
   * the hub's DNS proxy, use `EgressHub` with an `EgressSpoke` per cluster.
   * @see https://learn.microsoft.com/azure/architecture/networking/architecture/hub-spoke
   */
  public static hub(options: HubVnetOptions): FirewallPlacement {
    const prefix = options.firewallSubnetPrefixLength ?? FIREWALL_SUBNET_MAX_PREFIX_LENGTH;
    checkFirewallSubnetSize(undefined, FIREWALL_SUBNET_NAME, prefix);
    if (options.managementSubnetPrefixLength !== undefined) {
      checkFirewallSubnetSize(
        undefined,
        FIREWALL_MANAGEMENT_SUBNET_NAME,
        options.managementSubnetPrefixLength,
      );
    }
    return new FirewallPlacement((egress, network, baseName) => {
      const hub = createHub(egress, network, options, baseName);
      return {
        firewall: hub.subnet(FIREWALL_SUBNET_NAME, prefix),
        management:
          options.managementSubnetPrefixLength !== undefined
            ? hub.subnet(FIREWALL_MANAGEMENT_SUBNET_NAME, options.managementSubnetPrefixLength)
            : undefined,
      };
    });
  }

  /** An existing `AzureFirewallSubnet` (in the cluster VNet or a peered one you manage). */
  public static existingSubnet(subnet: ExistingFirewallSubnet): FirewallPlacement {
    if (subnet.name !== FIREWALL_SUBNET_NAME) {
      throw new AksNetworkError(
        `FirewallPlacement.existingSubnet: the subnet is named ${subnet.name}`,
        `Azure Firewall only deploys into a subnet named exactly ${FIREWALL_SUBNET_NAME}`,
      );
    }
    checkFirewallSubnetSize(undefined, FIREWALL_SUBNET_NAME, Cidr.parse(subnet.cidr).prefixLength);
    const given = { ...subnet };
    return new FirewallPlacement(() => ({ firewall: given }));
  }

  private constructor(private readonly resolve: Resolve) {}

  /** @internal the firewall's subnets, found or created for `egress` */
  public _subnets(egress: Construct, network: IClusterNetwork, baseName: string): FirewallSubnets {
    return this.resolve(egress, network, baseName);
  }
}

/** Azure Firewall subnets are /26 or larger. */
function checkFirewallSubnetSize(scope: IConstruct | undefined, name: string, prefixLength: number): void {
  if (prefixLength > FIREWALL_SUBNET_MAX_PREFIX_LENGTH) {
    throw new AksNetworkError(
      `${scope ? '' : 'FirewallPlacement: '}${name} /${prefixLength} is too small; Azure Firewall needs at least a /${FIREWALL_SUBNET_MAX_PREFIX_LENGTH}`,
      `use a prefix length of ${FIREWALL_SUBNET_MAX_PREFIX_LENGTH} or less`,
      scope,
    );
  }
}
