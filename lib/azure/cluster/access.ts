import { ITerraformDependable } from 'cdktf';
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../core/errors';

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

/** Props of {@link ClusterOutbound.userAssignedNatGateway}. */
export interface UserAssignedNatGatewayOutboundProps {
  /**
   * The association of your NAT gateway with the node subnet (`azurerm_subnet_nat_gateway_association`);
   * the cluster is created after it.
   */
  readonly natGatewayAssociation: ITerraformDependable;
}

/**
 * The outbound types `AksCluster` offers (`network_profile.outbound_type`). A managed NAT gateway is
 * not among them: AKS refuses it for clusters in your own VNet, where `AksCluster` always places nodes.
 */
export enum OutboundType {
  /** The cluster's Standard load balancer with managed public IPs. */
  LOAD_BALANCER = 'loadBalancer',
  /** Your NAT gateway on the node subnet. */
  USER_ASSIGNED_NAT_GATEWAY = 'userAssignedNATGateway',
  /** A route table to a firewall. */
  USER_DEFINED_ROUTING = 'userDefinedRouting',
  /** No outbound path (network-isolated cluster). */
  NONE = 'none',
}

/** What a {@link ClusterOutbound} puts into `network_profile` and `bootstrap_profile`. */
interface OutboundRendering {
  readonly loadBalancerProfile?: { managedOutboundIpCount: number; idleTimeoutInMinutes: number };
  readonly bootstrapProfile?: { artifactSource: string };
}

/**
 * How cluster nodes reach the internet (`network_profile.outbound_type`). Changeable in place.
 * @see https://learn.microsoft.com/azure/aks/egress-outboundtype
 */
export class ClusterOutbound {
  /** Outbound through the cluster's Standard load balancer with managed public IPs. */
  public static loadBalancer(props: LoadBalancerOutboundProps = {}): ClusterOutbound {
    const ips = props.managedOutboundIpCount ?? DEFAULT_LB_OUTBOUND_IPS;
    const idle = props.idleTimeoutMinutes ?? DEFAULT_LB_IDLE_TIMEOUT_MINUTES;
    checkRange('ClusterOutbound.loadBalancer: managedOutboundIpCount', ips, 1, 100);
    checkRange('ClusterOutbound.loadBalancer: idleTimeoutMinutes', idle, 4, 100);
    return new ClusterOutbound(OutboundType.LOAD_BALANCER, {
      loadBalancerProfile: { managedOutboundIpCount: ips, idleTimeoutInMinutes: idle },
    });
  }

  /** Your NAT gateway, associated with the node subnet before the cluster is created. */
  public static userAssignedNatGateway(props: UserAssignedNatGatewayOutboundProps): ClusterOutbound {
    const association: unknown = props?.natGatewayAssociation;
    if (typeof (association as { fqn?: unknown } | undefined)?.fqn !== 'string') {
      throw new AksNetworkError(
        `ClusterOutbound.userAssignedNatGateway: natGatewayAssociation is ${describe(association)}, not a Terraform resource`,
        'pass the azurerm_subnet_nat_gateway_association resource (not the NAT gateway or its id)',
      );
    }
    return new ClusterOutbound(OutboundType.USER_ASSIGNED_NAT_GATEWAY, {}, props.natGatewayAssociation);
  }

  /**
   * Outbound through a route table to a firewall (give the cluster's `egress`, e.g. `SecureEgress`;
   * setting `egress` selects this outbound type by itself).
   * @see https://learn.microsoft.com/azure/aks/limit-egress-traffic
   */
  public static userDefinedRouting(): ClusterOutbound {
    return new ClusterOutbound(OutboundType.USER_DEFINED_ROUTING, {});
  }

  /**
   * No outbound path: a network-isolated cluster that pulls images from an AKS-managed private
   * registry cache (`bootstrap_profile.artifact_source = Cache`).
   * @see https://learn.microsoft.com/azure/aks/concepts-network-isolated
   */
  public static none(): ClusterOutbound {
    return new ClusterOutbound(OutboundType.NONE, { bootstrapProfile: { artifactSource: 'Cache' } });
  }

  /** The outbound type. */
  public readonly type: OutboundType;
  /** What the cluster must be created after (NAT gateway association). */
  public readonly dependency?: ITerraformDependable;

  private constructor(
    type: OutboundType,
    private readonly rendering: OutboundRendering,
    dependency?: ITerraformDependable,
  ) {
    this.type = type;
    this.dependency = dependency;
  }

  /** Managed outbound IPs of the load balancer, if this is one. */
  public get managedOutboundIpCount(): number | undefined {
    return this.rendering.loadBalancerProfile?.managedOutboundIpCount;
  }

  /** Idle timeout in minutes of the load balancer, if this is one. */
  public get idleTimeoutMinutes(): number | undefined {
    return this.rendering.loadBalancerProfile?.idleTimeoutInMinutes;
  }

  /** @internal the combination rules with the cluster's egress path; throws with `scope` */
  public _checkFor(scope: IConstruct, hasEgress: boolean): void {
    if (this.type === OutboundType.USER_DEFINED_ROUTING && !hasEgress) {
      throw new AksNetworkError(
        'outbound type userDefinedRouting without an egress path',
        'give egress (e.g. a SecureEgress): it provides the route table, its firewall and the rules AKS needs',
        scope,
      );
    }
    if (hasEgress && this.type !== OutboundType.USER_DEFINED_ROUTING) {
      throw new AksNetworkError(
        `egress is given but outbound type is ${this.type}`,
        'leave outbound unset (egress selects userDefinedRouting) or drop egress',
        scope,
      );
    }
  }

  /** @internal the outbound part of `network_profile` */
  public _renderNetworkProfile(): {
    outboundType: string;
    loadBalancerProfile?: OutboundRendering['loadBalancerProfile'];
  } {
    return { outboundType: this.type, loadBalancerProfile: this.rendering.loadBalancerProfile };
  }

  /** @internal `bootstrap_profile`, where the outbound type needs one */
  public _renderBootstrapProfile(): { artifactSource: string } | undefined {
    return this.rendering.bootstrapProfile;
  }
}

function checkRange(what: string, value: number, low: number, high: number): void {
  if (!Number.isInteger(value) || value < low || value > high) {
    throw new AksNetworkError(
      `${what} ${value} is out of range`,
      `use a whole number from ${low} to ${high}`,
    );
  }
}

/** A value as messages show it. */
function describe(value: unknown): string {
  return value === undefined
    ? 'undefined'
    : typeof value === 'object'
      ? 'a plain object'
      : `'${String(value)}'`;
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
