import { ITerraformDependable } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The Azure cloud a deployment targets — the egress catalogue and endpoint suffixes differ per cloud.
 */
export enum AzureCloud {
  /** Azure public cloud. */
  PUBLIC = 'public',
  /** Azure operated by 21Vianet (China). */
  CHINA = 'china',
  /** Azure US Government. */
  US_GOVERNMENT = 'usgov',
}

/**
 * Optional AKS features whose outbound dependencies the egress catalogue lists separately.
 */
export enum EgressFeature {
  /** Ubuntu/Azure Linux security updates on nodes (HTTP 80 mirrors, snapshot.ubuntu.com). */
  OS_UPDATES = 'os-updates',
  /** GPU node pools (NVIDIA drivers). */
  GPU = 'gpu',
  /** Windows node pools. */
  WINDOWS = 'windows',
  /** Azure Monitor for containers / managed Prometheus. */
  MONITOR = 'monitor',
  /** Azure Policy add-on. */
  POLICY = 'policy',
  /** Key Vault (Secrets Store CSI driver, app routing certificates). */
  KEY_VAULT = 'key-vault',
  /** Microsoft Defender for Containers. */
  DEFENDER = 'defender',
  /** Cluster extensions (Flux/GitOps, marketplace). */
  CLUSTER_EXTENSIONS = 'cluster-extensions',
  /** Microsoft Entra Workload ID. */
  WORKLOAD_IDENTITY = 'workload-identity',
}

/** A cluster that sends through an egress path: what the path needs to know of it. */
export interface IEgressClient extends IConstruct {
  /** Azure region of the cluster, e.g. `westeurope`. */
  readonly location: string;
  /** Whether the API server is private (tunnel ports and `*.hcp` are then not needed in public cloud). */
  readonly privateCluster: boolean;
  /**
   * Whether the API server is VNet-integrated: nodes reach it on a private IP without a tunnel, so
   * no tunnel ports and no `*.hcp` FQDN are needed, whether the API server is public or private.
   */
  readonly apiServerVnetIntegrated: boolean;
  /**
   * The features the cluster needs egress for, as they stand when read (pools added later count) —
   * the egress path reads them when its rules render.
   */
  readonly egressFeatures: EgressFeature[];
  /**
   * Resource id of the VNet the cluster's nodes are in (the egress path checks it is the one it routes).
   * @default - not checked
   */
  readonly vnetId?: string;
  /**
   * The `private_dns_zone_id` of a private cluster: `System`, `None` or a zone id.
   * @default - not a private cluster
   */
  readonly privateDnsZoneId?: string;
}

/**
 * An egress path for a cluster with `outboundType = userDefinedRouting` (implemented by `SecureEgress`
 * and `EgressSpoke`).
 * The cluster reads these attributes and calls `IClusterEgress.attachCluster` once.
 */
export interface IClusterEgress extends IConstruct {
  /** Resource id of the route table on the cluster subnets (the cluster identity needs rights on it). */
  readonly routeTableId: string;
  /**
   * What the cluster must be created after: the subnet-route-table associations and routes (and, for a
   * hub spoke, the peerings and the cluster's rule collection group).
   */
  readonly routeDependencies: ITerraformDependable[];
  /** Public IPs the cluster egresses from (for API server authorized ranges). */
  readonly egressPublicIps: string[];
  /** The cloud this egress path's catalogue targets. */
  readonly cloud: AzureCloud;
  /** The private addresses its DNAT rules translate to (where inbound traffic is forwarded). */
  readonly dnatTranslatedAddresses: string[];
  /** Register the cluster: its features switch on the matching catalogue rules. */
  attachCluster(cluster: IEgressClient): void;
}
