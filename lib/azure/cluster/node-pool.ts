import { AZURE_ZONES } from '../../plan/regions';
import { LocalDnsMode, NodeOsSku } from './settings';

/** Default VM size of node pools. */
export const DEFAULT_VM_SIZE = 'Standard_D4ds_v5';
/** Default availability zones where the region has them (none where it has none). */
export const DEFAULT_ZONES = [...AZURE_ZONES];
/** Default autoscaler bounds of the system pool (three zones, one node each at least). */
export const DEFAULT_SYSTEM_MIN_NODES = 3;
export const DEFAULT_SYSTEM_MAX_NODES = 6;
/** Default autoscaler bounds of user pools. */
export const DEFAULT_USER_MIN_NODES = 1;
export const DEFAULT_USER_MAX_NODES = 5;
/** Default max surge during upgrades: a tenth of the pool, at least one node (capacity counts it). */
export const DEFAULT_MAX_SURGE = '10%';
/** Default OS SKU of Linux pools. */
export const DEFAULT_OS_SKU = NodeOsSku.AZURE_LINUX;
/** Default system pool name. */
export const DEFAULT_SYSTEM_POOL_NAME = 'system';

/** Settings shared by the system pool and user pools. */
export interface NodePoolOptions {
  /**
   * Pool name: `^[a-z][a-z0-9]{0,11}$`, at most 6 characters for Windows.
   * @default - `system` for the system pool; the construct id in lower case for user pools
   */
  readonly name?: string;
  /**
   * VM size.
   * @default DEFAULT_VM_SIZE (Standard_D4ds_v5)
   */
  readonly vmSize?: string;
  /**
   * Availability zones — an explicit list in a region without zones is an error.
   * @default DEFAULT_ZONES (1, 2, 3) where the region has availability zones, none elsewhere
   * @see https://learn.microsoft.com/azure/reliability/regions-list
   */
  readonly zones?: string[];
  /**
   * Fixed node count — disables the autoscaler. Give either this or min/max.
   * @default - autoscaling between minNodes and maxNodes
   */
  readonly nodeCount?: number;
  /**
   * Autoscaler minimum.
   * @default DEFAULT_SYSTEM_MIN_NODES (3) for the system pool, DEFAULT_USER_MIN_NODES (1) for user pools
   */
  readonly minNodes?: number;
  /**
   * Autoscaler maximum (sizes the address plan).
   * @default DEFAULT_SYSTEM_MAX_NODES (6) for the system pool, DEFAULT_USER_MAX_NODES (5) for user pools
   */
  readonly maxNodes?: number;
  /**
   * Maximum pods per node (10-250). Changing it rotates the pool.
   * @default - the network model's default (30 node subnet, 110 pod subnet/kubenet, 250 overlay; 110 for Windows on overlay)
   * @see https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
   */
  readonly maxPods?: number;
  /**
   * Extra nodes during upgrades: a count (`"1"`) or a percentage (`"33%"`) — sizes the address plan.
   * @default DEFAULT_MAX_SURGE (10%)
   * @see https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling
   */
  readonly maxSurge?: string;
  /**
   * Node OS image.
   * @default DEFAULT_OS_SKU (AzureLinux)
   */
  readonly osSku?: NodeOsSku;
  /**
   * Kubernetes node labels.
   * @default - none
   */
  readonly nodeLabels?: { [key: string]: string };
  /**
   * LocalDNS mode of this pool, set through the cluster's AzAPI patch (azurerm 4.55 cannot) — overrides
   * the cluster's `localDns`. Applying or changing it reimages every node of the pool. Linux pools only.
   * @default - the cluster's `localDns`; unset there too: not managed (AKS decides), or `Disabled` when ACNS FQDN filtering is on
   * @see https://learn.microsoft.com/azure/aks/localdns-custom
   */
  readonly localDns?: LocalDnsMode;
}

/** Options of the system pool (`default_node_pool`). */
export interface SystemNodePoolOptions extends NodePoolOptions {
  /**
   * Taint the pool `CriticalAddonsOnly=true:NoSchedule` so that only system pods run there — workloads
   * then need a user pool (`addNodePool`).
   * @default true
   * @see https://learn.microsoft.com/azure/aks/use-system-pools
   */
  readonly onlyCriticalAddons?: boolean;
  /**
   * Temporary pool name used when a change rotates the system pool.
   * @default - `<name>tmp`, shortened to 12 characters
   */
  readonly temporaryNameForRotation?: string;
}

/** Options of a user pool added with `AksCluster.addNodePool`. */
export interface UserNodePoolOptions extends NodePoolOptions {
  /**
   * Node taints, e.g. `sku=gpu:NoSchedule`.
   * @default - none (Windows pools get `os=windows:NoSchedule`)
   */
  readonly nodeTaints?: string[];
}
