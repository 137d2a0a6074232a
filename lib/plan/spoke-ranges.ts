// The address plan of a hub and its spokes, checked as a whole: what one spoke uses must not overlap
// the hub or another spoke's network. Pure.
import { Cidr } from './cidr';

/** The ranges of one network of a landing zone. */
export interface LandingZoneNetwork {
  /** For messages, e.g. the construct path. */
  readonly name: string;
  /** VNet address spaces. */
  readonly vnetSpaces: string[];
  /** Pod CIDR of the cluster in it (overlay, kubenet, BYO CNI). */
  readonly podCidr?: string;
  /** Service CIDR of the cluster in it. */
  readonly serviceCidr?: string;
}

/**
 * Every overlap between the networks of a landing zone: VNet spaces of the hub and of every spoke
 * are pairwise disjoint, and a cluster's pod and service ranges stay clear of every other network.
 *
 * Pod and service ranges of different clusters may overlap each other: they never leave their
 * cluster (overlay pods are SNAT'd to node addresses, service IPs are cluster-internal), and AKS
 * documents both as reusable across clusters (concepts-network-azure-cni-overlay.md,
 * concepts-network-ip-address-planning.md).
 */
export function landingZoneOverlaps(networks: ReadonlyArray<LandingZoneNetwork>): string[] {
  const problems: string[] = [];
  const spaces = networks.map((n) => ({ n, blocks: n.vnetSpaces.map((s) => Cidr.parse(s)) }));
  for (let i = 0; i < spaces.length; i++) {
    for (let j = i + 1; j < spaces.length; j++) {
      for (const a of spaces[i].blocks) {
        const hit = spaces[j].blocks.find((b) => b.overlaps(a));
        if (hit) {
          problems.push(
            `VNet space ${a} of ${spaces[i].n.name} overlaps VNet space ${hit} of ${spaces[j].n.name}; give every network of the landing zone its own address space (peered VNets must not overlap)`,
          );
        }
      }
    }
  }
  for (const own of networks) {
    for (const [what, text] of [
      ['pod CIDR', own.podCidr],
      ['service CIDR', own.serviceCidr],
    ] as const) {
      if (text === undefined) continue;
      const block = Cidr.parse(text);
      for (const other of spaces.filter((s) => s.n !== own)) {
        const hit = other.blocks.find((b) => b.overlaps(block));
        if (hit) {
          problems.push(
            `${what} ${block} of ${own.name} overlaps VNet space ${hit} of ${other.n.name}; pick a ${what} outside every network of the landing zone (traffic to it would otherwise stay inside the cluster; clusters may share pod and service ranges)`,
          );
        }
      }
    }
  }
  return problems;
}
