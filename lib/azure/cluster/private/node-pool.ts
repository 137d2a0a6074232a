import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { NetworkModel } from '../network-model';
import { zonesFor } from '../../../plan/regions';
import { DEFAULT_MAX_SURGE, DEFAULT_OS_SKU, DEFAULT_VM_SIZE, NodePoolOptions } from '../node-pool';
import { LocalDnsMode, NodeOsSku } from '../settings';

const isWindows = (sku: NodeOsSku): boolean => sku === NodeOsSku.WINDOWS2019 || sku === NodeOsSku.WINDOWS2022;

/** Pool name rule of azurerm (`validate/kubernetes.go`). */
export const POOL_NAME_PATTERN = /^[a-z][a-z0-9]{0,11}$/;
/** Windows computer names are built from the pool name: at most 6 characters. */
export const WINDOWS_POOL_NAME_MAX = 6;
/** AKS bounds of max pods per node. */
export const MAX_PODS_RANGE = [10, 250] as const;
/** A pool must hold at least this many pods when max pods goes below it. */
export const MIN_PODS_PER_POOL = 30;
/** Nodes per pool. */
export const POOL_MAX_NODES = 1000;
/** Recommended pods per Windows node on overlay. */
const WINDOWS_MAX_PODS = 110;

/** A node pool with every default filled in and every rule checked. */
export interface ResolvedPool {
  readonly name: string;
  readonly vmSize: string;
  readonly zones: string[];
  readonly autoscaling: boolean;
  readonly minNodes?: number;
  readonly maxNodes: number;
  readonly nodeCount?: number;
  readonly maxPods: number;
  readonly maxSurge: string;
  readonly maxSurgeNodes: number;
  readonly osSku: string;
  readonly windows: boolean;
  readonly nodeLabels?: { [key: string]: string };
  /** The pool's own LocalDNS mode, if given. */
  readonly localDns?: LocalDnsMode;
}

/** Windows Server 2019 was retired on this date: no new pools on Kubernetes 1.33+ (platform facts 2026-12 §2). */
export const WINDOWS2019_RETIREMENT = '2026-03-01';

/** Fill defaults and check a pool's settings — throws with the cluster's path. */
export function resolvePool(
  scope: IConstruct,
  options: NodePoolOptions,
  defaults: { name: string; minNodes: number; maxNodes: number; system: boolean; location: string },
  model: NetworkModel,
): ResolvedPool {
  const name = options.name ?? defaults.name;
  const osSku = options.osSku ?? DEFAULT_OS_SKU;
  const windows = isWindows(osSku);
  const where = `node pool ${name}`;
  if (!POOL_NAME_PATTERN.test(name)) {
    throw new AksNetworkError(
      `${where}: name '${name}' breaks ^[a-z][a-z0-9]{0,11}$`,
      'use 1-12 lower-case letters and digits, starting with a letter',
      scope,
    );
  }
  if (osSku === NodeOsSku.WINDOWS2019) {
    throw new AksNetworkError(
      `${where}: OS SKU Windows2019, retired on ${WINDOWS2019_RETIREMENT} (no new pools on Kubernetes 1.33 and later)`,
      'use NodeOsSku.WINDOWS2022 (Windows Server 2025 needs a newer azurerm than 4.55)',
      scope,
    );
  }
  if (windows && name.length > WINDOWS_POOL_NAME_MAX) {
    throw new AksNetworkError(
      `${where}: Windows pool name '${name}' has ${name.length} characters`,
      `use at most ${WINDOWS_POOL_NAME_MAX}, e.g. '${name.slice(0, WINDOWS_POOL_NAME_MAX)}'`,
      scope,
    );
  }
  if (windows && defaults.system) {
    throw new AksNetworkError(
      `system pool with OS SKU ${osSku}`,
      'the system pool must run Linux; add Windows nodes with addNodePool',
      scope,
    );
  }
  if (windows && !model.supportsWindows) {
    throw new AksNetworkError(
      `${where}: Windows pool (${osSku}) on network model ${model.name}`,
      'Windows needs Azure CNI without Cilium: use NetworkModel.azureCniOverlay() or azureCniPodSubnet()',
      scope,
    );
  }
  const autoscaling = options.nodeCount === undefined;
  if (!autoscaling && (options.minNodes !== undefined || options.maxNodes !== undefined)) {
    throw new AksNetworkError(
      `${where}: nodeCount ${options.nodeCount} is given together with minNodes/maxNodes`,
      'give nodeCount for a fixed size, or minNodes and maxNodes for autoscaling',
      scope,
    );
  }
  const minNodes = autoscaling ? (options.minNodes ?? defaults.minNodes) : undefined;
  const maxNodes = autoscaling
    ? (options.maxNodes ?? Math.max(defaults.maxNodes, minNodes ?? 0))
    : options.nodeCount!;
  const lowest = defaults.system ? 1 : 0;
  for (const [what, value] of [
    ['minNodes', minNodes],
    ['maxNodes', maxNodes],
    ['nodeCount', options.nodeCount],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < lowest || value > POOL_MAX_NODES)) {
      throw new AksNetworkError(
        `${where}: ${what} ${value} is out of range`,
        `use a whole number from ${lowest} to ${POOL_MAX_NODES}`,
        scope,
      );
    }
  }
  if (minNodes !== undefined && minNodes > maxNodes) {
    throw new AksNetworkError(
      `${where}: minNodes ${minNodes} is above maxNodes ${maxNodes}`,
      'make minNodes at most maxNodes',
      scope,
    );
  }
  if (autoscaling && maxNodes < 1) {
    throw new AksNetworkError(`${where}: maxNodes ${maxNodes}`, 'allow at least one node', scope);
  }
  const maxPods =
    options.maxPods ?? (windows ? Math.min(model.defaultMaxPods, WINDOWS_MAX_PODS) : model.defaultMaxPods);
  if (!Number.isInteger(maxPods) || maxPods < MAX_PODS_RANGE[0] || maxPods > MAX_PODS_RANGE[1]) {
    throw new AksNetworkError(
      `${where}: maxPods ${maxPods} is out of range`,
      `use ${MAX_PODS_RANGE[0]}-${MAX_PODS_RANGE[1]}`,
      scope,
    );
  }
  // AKS accepts max pods below 30 only when the pool still holds 30 pods (facts §1).
  if (maxPods < MIN_PODS_PER_POOL && maxPods * maxNodes < MIN_PODS_PER_POOL) {
    throw new AksNetworkError(
      `${where}: maxPods ${maxPods} × ${maxNodes} nodes holds fewer than ${MIN_PODS_PER_POOL} pods`,
      `raise maxPods or maxNodes so that the pool holds at least ${MIN_PODS_PER_POOL} pods`,
      scope,
    );
  }
  // Zones follow the region: all three where it has them, none where it has none (explicit zones
  // there are an error).
  const zones = zonesFor(defaults.location, options.zones, where, scope);
  const maxSurge = options.maxSurge ?? DEFAULT_MAX_SURGE;
  return {
    name,
    vmSize: options.vmSize ?? DEFAULT_VM_SIZE,
    zones,
    autoscaling,
    minNodes,
    maxNodes,
    nodeCount: options.nodeCount,
    maxPods,
    maxSurge,
    maxSurgeNodes: surgeNodes(scope, where, maxSurge, maxNodes),
    osSku,
    windows,
    nodeLabels: options.nodeLabels,
    localDns: options.localDns,
  };
}

/** Surge as a node count: `"3"` → 3, `"33%"` → ceil(33% of max nodes), at least 1. */
function surgeNodes(scope: IConstruct, where: string, maxSurge: string, maxNodes: number): number {
  const match = /^(\d+)(%?)$/.exec(maxSurge.trim());
  const value = match ? Number(match[1]) : NaN;
  if (!match || value < 1 || (match[2] === '%' && value > 100)) {
    throw new AksNetworkError(
      `${where}: maxSurge '${maxSurge}' is not a node count or a percentage`,
      "write a whole number like '1' or a percentage 1-100% like '33%'",
      scope,
    );
  }
  return match[2] === '%' ? Math.max(1, Math.ceil((maxNodes * value) / 100)) : value;
}

/** The pool-level settings common to `default_node_pool` and `azurerm_kubernetes_cluster_node_pool`. */
export function renderPoolCommon(
  pool: ResolvedPool,
  subnets: { vnetSubnetId: string; podSubnetId?: string },
) {
  return {
    name: pool.name,
    vmSize: pool.vmSize,
    zones: pool.zones,
    autoScalingEnabled: pool.autoscaling,
    minCount: pool.minNodes,
    maxCount: pool.autoscaling ? pool.maxNodes : undefined,
    nodeCount: pool.nodeCount,
    maxPods: pool.maxPods,
    osSku: pool.osSku,
    vnetSubnetId: subnets.vnetSubnetId,
    podSubnetId: subnets.podSubnetId,
    nodeLabels: pool.nodeLabels,
    upgradeSettings: { maxSurge: pool.maxSurge },
  };
}

/** Rotation name for a pool: `<name>tmp`, cut to the 12-character limit (6 for Windows). */
export function rotationName(name: string, windows = false): string {
  const max = windows ? WINDOWS_POOL_NAME_MAX : 12;
  return `${name.slice(0, max - 3)}tmp`;
}

/** Check a temporary rotation name: the pool name rule, and different from the pool's own name. */
export function temporaryPoolName(scope: IConstruct, poolName: string, temporary: string): string {
  if (!POOL_NAME_PATTERN.test(temporary) || temporary === poolName) {
    throw new AksNetworkError(
      `node pool ${poolName}: temporary name for rotation '${temporary}' is not a valid, distinct pool name`,
      `use 1-12 lower-case letters and digits, starting with a letter, other than '${poolName}'`,
      scope,
    );
  }
  return temporary;
}

const TAINT =
  /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?(=[-A-Za-z0-9_.]*)?:(NoSchedule|PreferNoSchedule|NoExecute)$/;

/** Check Kubernetes taints written as `key=value:Effect`. */
export function checkTaints(scope: IConstruct, poolName: string, taints: string[]): string[] {
  const bad = taints.find((t) => !TAINT.test(t));
  if (bad !== undefined) {
    throw new AksNetworkError(
      `node pool ${poolName}: taint '${bad}' is not key=value:Effect`,
      "write it like 'sku=gpu:NoSchedule' (effects NoSchedule, PreferNoSchedule, NoExecute)",
      scope,
    );
  }
  return taints;
}
