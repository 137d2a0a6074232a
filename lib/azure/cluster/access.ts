import { ITerraformDependable, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../core/errors';

/** Default managed outbound public IPs of the cluster load balancer. */
export const DEFAULT_LB_OUTBOUND_IPS = 1;
/** Default idle timeout of the outbound load balancer (AKS default). */
export const DEFAULT_LB_IDLE_TIMEOUT_MINUTES = 30;

/** Props of `ClusterOutbound.loadBalancer`. */
export interface LoadBalancerOutboundProps {
  /**
   * Managed outbound public IPs (1-100) — more IPs give more SNAT ports.
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

/** Props of `ClusterOutbound.userAssignedNatGateway`. */
export interface UserAssignedNatGatewayOutboundProps {
  /**
   * The association of your NAT gateway with the node subnet (`azurerm_subnet_nat_gateway_association`) —
   * the cluster is created after it.
   */
  readonly natGatewayAssociation: ITerraformDependable;
}

/** Props of `ClusterOutbound.none`. */
export interface NetworkIsolatedOutboundProps {
  /**
   * Resource id of the Azure Container Registry that caches the images nodes pull
   * (`bootstrap_profile.container_registry_id`): Premium SKU, private network access (a private
   * endpoint in the cluster VNet) and zone redundancy, with a cache rule for
   * `mcr.microsoft.com` — the kubelet identity needs AcrPull on it.
   * @see https://learn.microsoft.com/azure/aks/network-isolated
   */
  readonly containerRegistryId: string;
}

const ACR_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerRegistry\/registries\/[a-zA-Z0-9]{5,50}$/i;

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

/** What a `ClusterOutbound` puts into `network_profile` and `bootstrap_profile`. */
interface OutboundRendering {
  readonly loadBalancerProfile?: { managedOutboundIpCount: number; idleTimeoutInMinutes: number };
  readonly bootstrapProfile?: { artifactSource: string; containerRegistryId: string };
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
   * No outbound path: a network-isolated cluster whose nodes pull images through your private ACR
   * cache (`bootstrap_profile { artifact_source = "Cache", container_registry_id }`). The cluster
   * refuses what the docs exclude: a public API server without VNet integration, an egress path,
   * kubenet, Windows pools, cluster extensions (Flux), and node OS channels other than `NodeImage`
   * and `None`.
   * @see https://learn.microsoft.com/azure/aks/concepts-network-isolated
   */
  public static none(props: NetworkIsolatedOutboundProps): ClusterOutbound {
    const id: unknown = props?.containerRegistryId;
    if (typeof id !== 'string' || (!Token.isUnresolved(id) && !ACR_ID.test(id))) {
      throw new AksNetworkError(
        `ClusterOutbound.none: containerRegistryId ${describe(id)} is not an Azure Container Registry resource id`,
        'give the id of a Premium ACR with a private endpoint, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<name> (e.g. azurerm_container_registry.x.id)',
      );
    }
    return new ClusterOutbound(OutboundType.NONE, {
      bootstrapProfile: { artifactSource: 'Cache', containerRegistryId: id },
    });
  }

  /** The outbound type. */
  public readonly outboundType: OutboundType;
  /** What the cluster must be created after (NAT gateway association). */
  public readonly dependency?: ITerraformDependable;

  private constructor(
    outboundType: OutboundType,
    private readonly rendering: OutboundRendering,
    dependency?: ITerraformDependable,
  ) {
    this.outboundType = outboundType;
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

  /** The registry a network-isolated cluster pulls through, if this is one. */
  public get containerRegistryId(): string | undefined {
    return this.rendering.bootstrapProfile?.containerRegistryId;
  }

  /** @internal the combination rules with the rest of the cluster — throws with `scope` */
  public _checkFor(
    scope: IConstruct,
    combination: {
      hasEgress: boolean;
      apiServerPrivateOrVnetIntegrated: boolean;
      networkModelName: string;
      nodeOsUpgradeChannel: string;
      clusterExtensions: boolean;
    },
  ): void {
    const hasEgress = combination.hasEgress;
    if (this.outboundType === OutboundType.USER_DEFINED_ROUTING && !hasEgress) {
      throw new AksNetworkError(
        'outbound type userDefinedRouting without an egress path',
        'give egress (e.g. a SecureEgress): it provides the route table, its firewall and the rules AKS needs',
        scope,
      );
    }
    if (hasEgress && this.outboundType !== OutboundType.USER_DEFINED_ROUTING) {
      throw new AksNetworkError(
        `egress is given but outbound type is ${this.outboundType}`,
        'leave outbound unset (egress selects userDefinedRouting) or drop egress',
        scope,
      );
    }
    if (this.outboundType !== OutboundType.NONE) return;
    // docs concepts-network-isolated.md, "Limitations" (platform facts 2026-12 §2)
    const refuse = (problem: string, fix: string): never => {
      throw new AksNetworkError(`network-isolated cluster (outbound none) ${problem}`, fix, scope);
    };
    if (!combination.apiServerPrivateOrVnetIntegrated) {
      refuse(
        'with a public API server',
        'use ApiServerAccess.privateCluster(), or a public API server with vnetIntegration: true',
      );
    }
    if (combination.networkModelName === 'kubenet') {
      refuse('on kubenet', 'use NetworkModel.azureCniOverlay() or NetworkModel.cilium()');
    }
    if (combination.clusterExtensions) {
      refuse(
        'with cluster extensions (Flux/GitOps)',
        'drop EgressFeature.CLUSTER_EXTENSIONS: AKS does not support Flux on network-isolated clusters',
      );
    }
    if (combination.nodeOsUpgradeChannel !== 'NodeImage' && combination.nodeOsUpgradeChannel !== 'None') {
      refuse(
        `with node OS upgrade channel ${combination.nodeOsUpgradeChannel}`,
        'use NodeOsUpgradeChannel.NODE_IMAGE (node images come through the cache) or NONE',
      );
    }
  }

  /** @internal the outbound part of `network_profile` */
  public _renderNetworkProfile(): {
    outboundType: string;
    loadBalancerProfile?: OutboundRendering['loadBalancerProfile'];
  } {
    return { outboundType: this.outboundType, loadBalancerProfile: this.rendering.loadBalancerProfile };
  }

  /** @internal `bootstrap_profile`, where the outbound type needs one */
  public _renderBootstrapProfile(): { artifactSource: string; containerRegistryId: string } | undefined {
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
   * Your zone `privatelink.<region>.azmk8s.io` (or a subzone of it) — the cluster identity gets
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

/** Options every kind of API server access shares. */
export interface ApiServerVnetIntegrationOptions {
  /**
   * API Server VNet Integration: the API server's internal load balancer sits in a delegated subnet
   * of the cluster VNet, nodes reach it on its private IP without a tunnel, so the egress path needs
   * no tunnel rules (UDP 1194, TCP 9000, `*.hcp`). The network needs an API server subnet
   * (`apiServerSubnetPrefixLength`, at least a /28); the control-plane identity gets Network
   * Contributor on it and on the node subnet. Enabling it on an existing cluster is ONE-WAY (it can
   * never be switched off), changes the API server IP and needs a manual restart right after the apply
   * (`az aks stop` / `az aks start`). Not with VNet encryption on v4+ VM SKUs; not in qatarcentral.
   * @default false
   * @see https://learn.microsoft.com/azure/aks/api-server-vnet-integration
   */
  readonly vnetIntegration?: boolean;
}

/** Props of `ApiServerAccess.privateCluster`. */
export interface PrivateClusterProps extends ApiServerVnetIntegrationOptions {
  /**
   * Private DNS zone for the API server name (also with VNet integration: a private VNet-integrated
   * cluster resolves like any private cluster).
   * @default PrivateDnsZone.SYSTEM
   */
  readonly privateDnsZone?: PrivateDnsZone;
}

/**
 * Who can reach the Kubernetes API server. Turning a cluster private or public replaces it: AKS can
 * switch a VNet-integrated API server in place, but azurerm 4.55 marks `private_cluster_enabled`
 * ForceNew.
 * @see https://learn.microsoft.com/azure/aks/private-clusters
 * @see https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
 */
export class ApiServerAccess {
  /** Private API server behind a private endpoint in the node subnet (the default), or VNet-integrated. */
  public static privateCluster(props: PrivateClusterProps = {}): ApiServerAccess {
    return new ApiServerAccess(
      true,
      [],
      props.privateDnsZone ?? PrivateDnsZone.SYSTEM,
      false,
      props.vnetIntegration ?? false,
    );
  }

  /**
   * Public API server restricted to these IPv4 ranges (at most 200). Under a firewall egress path its
   * public IPs are added by the cluster, unless the API server is VNet-integrated (nodes then reach
   * it privately).
   */
  public static publicRestricted(
    authorizedIpRanges: string[],
    options: ApiServerVnetIntegrationOptions = {},
  ): ApiServerAccess {
    return new ApiServerAccess(
      false,
      [...authorizedIpRanges],
      undefined,
      false,
      options.vnetIntegration ?? false,
    );
  }

  /**
   * Public API server reachable from any address. Only by explicit choice: the cluster warns, and
   * synthesis fails on security rule AKSNET-AZ-003 unless it is suppressed with a reason.
   */
  public static publicToAll(options: ApiServerVnetIntegrationOptions = {}): ApiServerAccess {
    return new ApiServerAccess(false, [], undefined, true, options.vnetIntegration ?? false);
  }

  /** Whether the API server is private. */
  public readonly isPrivate: boolean;
  /** Authorized IPv4 ranges of a public API server. */
  public readonly authorizedIpRanges: string[];
  /** The private DNS zone of a private cluster. */
  public readonly privateDnsZone?: PrivateDnsZone;
  /** Whether a public API server is open to every address. */
  public readonly openToAll: boolean;
  /** Whether the API server is VNet-integrated (in a delegated subnet of the cluster VNet). */
  public readonly vnetIntegration: boolean;

  private constructor(
    privateCluster: boolean,
    ranges: string[],
    zone: PrivateDnsZone | undefined,
    openToAll: boolean,
    vnetIntegration: boolean,
  ) {
    if (typeof vnetIntegration !== 'boolean') {
      throw new AksNetworkError(
        `ApiServerAccess: vnetIntegration is ${describe(vnetIntegration)}`,
        'give true or false',
      );
    }
    this.isPrivate = privateCluster;
    this.authorizedIpRanges = ranges;
    this.privateDnsZone = zone;
    this.openToAll = openToAll;
    this.vnetIntegration = vnetIntegration;
  }

  /** @internal `api_server_access_profile` (with the firewall's IPs added to restricted ranges) */
  public _renderProfile(
    authorized: string[],
    apiServerSubnetId: string | undefined,
  ):
    | { authorizedIpRanges?: string[]; virtualNetworkIntegrationEnabled?: boolean; subnetId?: string }
    | undefined {
    if (!this.vnetIntegration) {
      return authorized.length > 0 ? { authorizedIpRanges: authorized } : undefined;
    }
    // The block stays declared with integration on: azurerm switches off what it does not see.
    return {
      authorizedIpRanges: authorized.length > 0 ? authorized : undefined,
      virtualNetworkIntegrationEnabled: true,
      subnetId: apiServerSubnetId,
    };
  }
}
