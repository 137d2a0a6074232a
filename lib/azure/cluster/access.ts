import { ITerraformDependable } from 'cdktf';

/** Default managed outbound public IPs of the cluster load balancer. */
export const DEFAULT_LB_OUTBOUND_IPS = 1;
/** Default idle timeout of the outbound load balancer (AKS default). */
export const DEFAULT_LB_IDLE_TIMEOUT_MINUTES = 30;

/** Props of {@link ClusterOutbound.loadBalancer}. */
export interface LoadBalancerOutboundProps {
  /**
   * Managed outbound public IPs (1-100); more IPs give more SNAT ports.
   * @default DEFAULT_LB_OUTBOUND_IPS (1)
   * @see https://learn.microsoft.com/azure/aks/load-balancer-standard
   */
  readonly managedOutboundIpCount?: number;
  /**
   * Outbound flow idle timeout in minutes (4-100).
   * @default DEFAULT_LB_IDLE_TIMEOUT_MINUTES (30)
   */
  readonly idleTimeoutMinutes?: number;
}

/** Props of {@link ClusterOutbound.managedNatGateway}. */
export interface ManagedNatGatewayOutboundProps {
  /**
   * Managed outbound public IPs (1-16).
   * @default 1
   * @see https://learn.microsoft.com/azure/aks/nat-gateway
   */
  readonly managedOutboundIpCount?: number;
  /**
   * Idle timeout in minutes (4-120).
   * @default 4
   */
  readonly idleTimeoutMinutes?: number;
}

/** Props of {@link ClusterOutbound.userAssignedNatGateway}. */
export interface UserAssignedNatGatewayOutboundProps {
  /**
   * The association of your NAT gateway with the node subnet (`azurerm_subnet_nat_gateway_association`);
   * the cluster is created after it.
   */
  readonly natGatewayAssociation: ITerraformDependable;
}

/**
 * How cluster nodes reach the internet (`network_profile.outbound_type`). Changeable in place.
 * @see https://learn.microsoft.com/azure/aks/egress-outboundtype
 */
export class ClusterOutbound {
  /** Outbound through the cluster's Standard load balancer with managed public IPs. */
  public static loadBalancer(props: LoadBalancerOutboundProps = {}): ClusterOutbound {
    return new ClusterOutbound('loadBalancer', {
      managedOutboundIpCount: props.managedOutboundIpCount ?? DEFAULT_LB_OUTBOUND_IPS,
      idleTimeoutMinutes: props.idleTimeoutMinutes ?? DEFAULT_LB_IDLE_TIMEOUT_MINUTES,
    });
  }

  /**
   * A NAT gateway that AKS creates. Incompatible with custom VNets, so refused by `AksCluster`,
   * which always places nodes in a subnet you own; use {@link ClusterOutbound.userAssignedNatGateway}.
   */
  public static managedNatGateway(props: ManagedNatGatewayOutboundProps = {}): ClusterOutbound {
    return new ClusterOutbound('managedNATGateway', {
      managedOutboundIpCount: props.managedOutboundIpCount ?? 1,
      idleTimeoutMinutes: props.idleTimeoutMinutes ?? 4,
    });
  }

  /** Your NAT gateway, associated with the node subnet before the cluster is created. */
  public static userAssignedNatGateway(props: UserAssignedNatGatewayOutboundProps): ClusterOutbound {
    return new ClusterOutbound('userAssignedNATGateway', {}, props.natGatewayAssociation);
  }

  /**
   * Outbound through a route table to a firewall (give the cluster's `egress`, e.g. `SecureEgress`;
   * setting `egress` selects this outbound type by itself).
   * @see https://learn.microsoft.com/azure/aks/limit-egress-traffic
   */
  public static userDefinedRouting(): ClusterOutbound {
    return new ClusterOutbound('userDefinedRouting', {});
  }

  /**
   * No outbound path: a network-isolated cluster that pulls images from an AKS-managed private
   * registry cache (`bootstrap_profile.artifact_source = Cache`).
   * @see https://learn.microsoft.com/azure/aks/concepts-network-isolated
   */
  public static none(): ClusterOutbound {
    return new ClusterOutbound('none', {});
  }

  /** The `outbound_type` value. */
  public readonly outboundType: string;
  /** Managed outbound IPs (load balancer and managed NAT gateway). */
  public readonly managedOutboundIpCount?: number;
  /** Idle timeout in minutes (load balancer and managed NAT gateway). */
  public readonly idleTimeoutMinutes?: number;
  /** What the cluster must be created after (NAT gateway association). */
  public readonly dependency?: ITerraformDependable;

  private constructor(
    outboundType: string,
    sizes: { managedOutboundIpCount?: number; idleTimeoutMinutes?: number },
    dependency?: ITerraformDependable,
  ) {
    this.outboundType = outboundType;
    this.managedOutboundIpCount = sizes.managedOutboundIpCount;
    this.idleTimeoutMinutes = sizes.idleTimeoutMinutes;
    this.dependency = dependency;
  }
}

/**
 * The private DNS zone of a private cluster's API server.
 * @see https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
 */
export class PrivateDnsZone {
  /** AKS creates and manages the zone in the node resource group. */
  public static readonly SYSTEM = new PrivateDnsZone('System');
  /** No zone: you resolve the API server name with your own DNS. */
  public static readonly NONE = new PrivateDnsZone('None');

  /**
   * Your zone `privatelink.<region>.azmk8s.io` (or a subzone of it); the cluster identity gets
   * Private DNS Zone Contributor on it before the cluster is created.
   */
  public static fromZoneId(zoneId: string): PrivateDnsZone {
    return new PrivateDnsZone(zoneId, true);
  }

  /** The `private_dns_zone_id` value. */
  public readonly value: string;
  /** Whether this is a zone you own (needs a role assignment). */
  public readonly isCustomZone: boolean;

  private constructor(value: string, custom = false) {
    this.value = value;
    this.isCustomZone = custom;
  }
}

/** Props of {@link ApiServerAccess.privateCluster}. */
export interface PrivateClusterProps {
  /**
   * Private DNS zone for the API server name.
   * @default PrivateDnsZone.SYSTEM
   */
  readonly privateDnsZone?: PrivateDnsZone;
}

/**
 * Who can reach the Kubernetes API server. Turning a cluster private or public replaces it.
 * @see https://learn.microsoft.com/azure/aks/private-clusters
 * @see https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
 */
export class ApiServerAccess {
  /** Private API server behind a private endpoint in the node subnet (the default). */
  public static privateCluster(props: PrivateClusterProps = {}): ApiServerAccess {
    return new ApiServerAccess(true, [], props.privateDnsZone ?? PrivateDnsZone.SYSTEM);
  }

  /**
   * Public API server restricted to these IPv4 ranges (at most 200). Under a firewall egress path its
   * public IPs are added by the cluster.
   */
  public static publicRestricted(authorizedIpRanges: string[]): ApiServerAccess {
    return new ApiServerAccess(false, [...authorizedIpRanges]);
  }

  /**
   * Public API server reachable from any address. Only by explicit choice: the cluster warns, and
   * synthesis fails on security rule AKSNET-AZ-003 unless it is suppressed with a reason.
   */
  public static publicToAll(): ApiServerAccess {
    return new ApiServerAccess(false, [], undefined, true);
  }

  /** Whether the API server is private. */
  public readonly isPrivate: boolean;
  /** Authorized IPv4 ranges of a public API server. */
  public readonly authorizedIpRanges: string[];
  /** The private DNS zone of a private cluster. */
  public readonly privateDnsZone?: PrivateDnsZone;
  /** Whether a public API server is open to every address. */
  public readonly openToAll: boolean;

  private constructor(privateCluster: boolean, ranges: string[], zone?: PrivateDnsZone, openToAll = false) {
    this.isPrivate = privateCluster;
    this.authorizedIpRanges = ranges;
    this.privateDnsZone = zone;
    this.openToAll = openToAll;
  }
}
