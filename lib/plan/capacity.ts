import { IConstruct } from 'constructs';
import { AksNetworkError } from '../core/errors';
import { AZURE_RESERVED_LEADING, AZURE_RESERVED_TRAILING, Cidr, smallestPrefixFor } from './cidr';

/**
 * Where pods get their IP addresses, which decides what an address plan must hold.
 * @see https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
 */
export enum PodAddressing {
  /** Azure CNI, pods on the node subnet: every node reserves maxPods + 1 addresses up front. */
  NODE_SUBNET = 'node-subnet',
  /** Azure CNI with dynamic pod IP allocation: pods take addresses from a pod subnet in batches of 16. */
  POD_SUBNET = 'pod-subnet',
  /** Azure CNI Overlay (also Cilium overlay): one /24 of the pod CIDR per node. */
  OVERLAY = 'overlay',
  /** kubenet: one /24 of the pod CIDR per node, at most 400 nodes (UDR route limit). */
  KUBENET = 'kubenet',
  /** Bring your own CNI: the plan only sizes the node subnet. */
  BYO = 'byo',
}

/** Address demand of one node pool. */
export interface PoolDemand {
  /** Pool name, for messages. */
  readonly name: string;
  /** Subnet the nodes sit in. */
  readonly nodeSubnetName: string;
  /**
   * Subnet the pods take addresses from (pod-subnet addressing).
   * @default - the pool's node subnet
   */
  readonly podSubnetName?: string;
  /** Maximum node count (autoscaler max, or the fixed count). */
  readonly maxNodes: number;
  /** Extra nodes during an upgrade (max surge, as a node count). */
  readonly maxSurgeNodes: number;
  /** Maximum pods per node. */
  readonly maxPods: number;
}

/** What `AddressPlan.checkCapacity` is asked to fit. */
export interface CapacityDemand {
  /** How pods are addressed. */
  readonly addressing: PodAddressing;
  /** Every node pool. */
  readonly pools: PoolDemand[];
  /**
   * Internal load balancer frontend IPs taken from each node subnet.
   * @default 0
   */
  readonly internalLoadBalancerIps?: number;
}

/** kubenet puts one route per node in a UDR, and a route table holds 400 routes. */
export const KUBENET_MAX_NODES = 400;
/** Overlay and kubenet give each node a /24 of the pod CIDR. */
export const POD_CIDR_BLOCK_PER_NODE = 24;
/** Dynamic pod IP allocation hands out addresses to nodes in batches of 16. */
export const POD_SUBNET_BATCH = 16;

const AZURE_RESERVED = AZURE_RESERVED_LEADING + AZURE_RESERVED_TRAILING;

/** One sized line of the check: what a range must hold and what it holds. */
export interface CapacityLine {
  /** The range sized, e.g. `node subnet snet-aks-nodes 10.240.0.0/22`. */
  readonly addressRange: string;
  /**
   * The range sized.
   * @deprecated use `addressRange`: `range` is a reserved word in Go, so the other languages'
   * bindings do not have this name.
   * @jsii ignore
   */
  readonly range: string;
  /** Addresses (or pod CIDR blocks) the demand needs. */
  readonly needed: number;
  /** Addresses (or pod CIDR blocks) the range holds. */
  readonly available: number;
  /** How `needed` was computed. */
  readonly formula: string;
}

/** A line with its range under both names (`range` is the deprecated one). */
const sized = (addressRange: string, line: Omit<CapacityLine, 'addressRange' | 'range'>): CapacityLine => ({
  addressRange,
  range: addressRange,
  ...line,
});

const nodesOf = (p: PoolDemand): number => p.maxNodes + p.maxSurgeNodes;

/**
 * Sizes what each range must hold for the demand. Pure; the caller throws on shortfalls.
 * `subnetCidr(name)` resolves a subnet name to its block.
 */
export function capacityLines(
  demand: CapacityDemand,
  subnetCidr: (name: string) => Cidr,
  podCidr: Cidr | undefined,
): CapacityLine[] {
  const ilb = demand.internalLoadBalancerIps ?? 0;
  const lines: CapacityLine[] = [];
  const bySubnet = new Map<string, PoolDemand[]>();
  for (const pool of demand.pools) {
    bySubnet.set(pool.nodeSubnetName, [...(bySubnet.get(pool.nodeSubnetName) ?? []), pool]);
  }
  for (const [name, pools] of bySubnet) {
    const block = subnetCidr(name);
    const perNode = demand.addressing === PodAddressing.NODE_SUBNET;
    const needed = pools.reduce((sum, p) => sum + nodesOf(p) * (perNode ? p.maxPods + 1 : 1), 0) + ilb;
    const formula = pools
      .map((p) =>
        perNode
          ? `(${p.maxNodes} + ${p.maxSurgeNodes}) × (${p.maxPods} + 1)`
          : `${p.maxNodes} + ${p.maxSurgeNodes}`,
      )
      .concat(ilb > 0 ? [`${ilb} ILB`] : [])
      .join(' + ');
    lines.push(sized(`node subnet ${name} ${block}`, { needed, available: block.azureUsableCount, formula }));
  }
  if (demand.addressing === PodAddressing.POD_SUBNET) {
    const byPodSubnet = new Map<string, PoolDemand[]>();
    for (const pool of demand.pools) {
      const key = pool.podSubnetName ?? pool.nodeSubnetName;
      byPodSubnet.set(key, [...(byPodSubnet.get(key) ?? []), pool]);
    }
    for (const [name, pools] of byPodSubnet) {
      const block = subnetCidr(name);
      const batches = (p: PoolDemand): number => Math.ceil(p.maxPods / POD_SUBNET_BATCH) * POD_SUBNET_BATCH;
      lines.push(
        sized(`pod subnet ${name} ${block}`, {
          needed: pools.reduce((sum, p) => sum + nodesOf(p) * batches(p), 0),
          available: block.azureUsableCount,
          formula: pools.map((p) => `(${p.maxNodes} + ${p.maxSurgeNodes}) × ${batches(p)}`).join(' + '),
        }),
      );
    }
  }
  if (demand.addressing === PodAddressing.OVERLAY || demand.addressing === PodAddressing.KUBENET) {
    const nodes = demand.pools.reduce((sum, p) => sum + nodesOf(p), 0);
    lines.push(
      sized(podCidr ? `pod CIDR ${podCidr}` : 'pod CIDR (not set)', {
        needed: nodes,
        available: podCidr ? podCidr.countOf(POD_CIDR_BLOCK_PER_NODE) : 0,
        formula: `one /${POD_CIDR_BLOCK_PER_NODE} per node: ${demand.pools.map((p) => `${p.maxNodes} + ${p.maxSurgeNodes}`).join(' + ')}`,
      }),
    );
  }
  return lines;
}

/** Throws for the first line that does not fit, naming the smallest prefix length that would. */
export function assertCapacity(demand: CapacityDemand, lines: CapacityLine[], scope?: IConstruct): void {
  if (demand.addressing === PodAddressing.KUBENET) {
    const nodes = demand.pools.reduce((sum, p) => sum + nodesOf(p), 0);
    if (nodes > KUBENET_MAX_NODES) {
      throw new AksNetworkError(
        `kubenet with ${nodes} nodes (max nodes + surge) exceeds the ${KUBENET_MAX_NODES}-node limit of its route table`,
        'lower max nodes or move to Azure CNI Overlay, which scales to 5,000 nodes',
        scope,
      );
    }
  }
  for (const line of lines) {
    if (line.needed <= line.available) {
      continue;
    }
    const podCidrLine = line.addressRange.startsWith('pod CIDR');
    const prefix = podCidrLine
      ? POD_CIDR_BLOCK_PER_NODE - Math.ceil(Math.log2(Math.max(1, line.needed)))
      : smallestPrefixFor(line.needed, AZURE_RESERVED);
    const pools = demand.pools.map((p) => p.name);
    const counted =
      pools.length === 1
        ? ` (counting pool ${pools[0]})`
        : ` (counting all ${pools.length} pools: ${pools.join(', ')})`;
    throw new AksNetworkError(
      `${line.addressRange} holds ${line.available} ${podCidrLine ? `/${POD_CIDR_BLOCK_PER_NODE} blocks` : 'usable addresses'} but needs ${line.needed} (${line.formula})`,
      prefix < 0
        ? 'the demand exceeds IPv4; lower max nodes or max pods'
        : `use a /${prefix} or larger${counted}`,
      scope,
    );
  }
}
