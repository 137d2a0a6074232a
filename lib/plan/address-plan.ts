import { IConstruct } from 'constructs';
import { AksNetworkError } from '../core/errors';
import { assertCapacity, CapacityDemand, CapacityLine, capacityLines, PodAddressing } from './capacity';
import { Cidr, parseRange } from './cidr';
import { checkAzureName } from './names';

/** A named subnet of the plan. */
export interface PlannedSubnet {
  /** Azure subnet name. */
  readonly name: string;
  /** The subnet's block, e.g. `10.240.0.0/22`. */
  readonly cidr: string;
}

/** A range outside the VNet that nothing in the plan may overlap (peered VNet, on-premises, VPN). */
export interface ExternalRange {
  /** What it is, for messages, e.g. `on-premises`. */
  readonly name: string;
  /** Its block. */
  readonly cidr: string;
}

/** Kubernetes-internal ranges of a cluster. */
export interface ClusterRanges {
  /**
   * Pod CIDR (kubenet, Azure CNI Overlay, Cilium overlay, BYO CNI).
   * @default - no pod CIDR (pods take VNet addresses)
   */
  readonly podCidr?: string;
  /**
   * Kubernetes service CIDR.
   * @default DEFAULT_SERVICE_CIDR (10.0.0.0/16)
   */
  readonly serviceCidr?: string;
  /**
   * Cluster DNS service IP, inside the service CIDR.
   * @default DEFAULT_DNS_SERVICE_IP (10.0.0.10)
   */
  readonly dnsServiceIp?: string;
}

/** Inputs of an `AddressPlan`. */
export interface AddressPlanProps {
  /** The VNet's address spaces. */
  readonly vnetAddressSpaces: string[];
  /**
   * Subnets, each inside one VNet space.
   * @default - none yet; add them with `addSubnet` or `carveSubnet`
   */
  readonly subnets?: PlannedSubnet[];
  /**
   * Ranges nothing may overlap (peered VNets, on-premises).
   * @default - none
   */
  readonly externalRanges?: ExternalRange[];
}

/** AKS default service CIDR. @see https://learn.microsoft.com/azure/aks/azure-cni-overlay */
export const DEFAULT_SERVICE_CIDR = '10.0.0.0/16';
/** AKS default DNS service IP (the conventional `.10`). */
export const DEFAULT_DNS_SERVICE_IP = '10.0.0.10';
/** Kubernetes accepts a service range of at most /12 for IPv4 (kube-apiserver `--service-cluster-ip-range`). */
export const SERVICE_CIDR_MIN_PREFIX = 12;
/** The smallest IPv4 subnet Azure supports. */
export const AZURE_SMALLEST_SUBNET_PREFIX = 29;
/** Azure Firewall and its management subnet must be /26 or larger. */
export const FIREWALL_SUBNET_MAX_PREFIX = 26;
/** Subnet names that Azure reserves for a service and that must be /26 or larger. */
export const FIREWALL_SUBNET_NAMES = ['AzureFirewallSubnet', 'AzureFirewallManagementSubnet'];

/**
 * Ranges AKS reserves: no VNet, pod or service range may overlap them.
 * @see https://learn.microsoft.com/azure/aks/concepts-network-cni-overview
 */
export const AKS_RESERVED_RANGES: ReadonlyArray<{ cidr: string; why: string }> = [
  { cidr: '169.254.0.0/16', why: 'link-local' },
  { cidr: '172.30.0.0/16', why: 'reserved by AKS' },
  { cidr: '172.31.0.0/16', why: 'reserved by AKS' },
  { cidr: '192.0.2.0/24', why: 'reserved by AKS (TEST-NET-1)' },
];

interface Named {
  readonly label: string;
  readonly block: Cidr;
}

/**
 * The address plan of one AKS deployment: VNet spaces, subnets, pod and service ranges and the
 * external ranges they must stay clear of. Every change is checked at once; a problem throws an
 * error naming both ranges and the fix.
 */
export class AddressPlan {
  private readonly spaces: Named[] = [];
  private readonly subnetList: Array<Named & { name: string }> = [];
  private readonly externals: Named[] = [];
  private pod?: Cidr;
  private service?: Cidr;
  private dnsIp?: string;

  /**
   * @param props the VNet spaces, subnets and external ranges
   * @param scope the construct the plan belongs to (its path goes into errors)
   */
  constructor(props: AddressPlanProps, scope?: IConstruct) {
    if (props.vnetAddressSpaces.length === 0) {
      throw new AksNetworkError(
        'the VNet has no address space',
        'give at least one private range, e.g. 10.240.0.0/16',
        scope,
      );
    }
    for (const external of props.externalRanges ?? []) {
      this.addExternalRange(external.name, external.cidr, scope);
    }
    for (const text of props.vnetAddressSpaces) {
      const block = parseRange(text, { what: 'VNet address space', scope });
      this.checkClear(scope, `VNet address space ${block}`, block, {
        spaces: true,
        externals: true,
        reserved: true,
      });
      this.spaces.push({ label: `VNet address space ${block}`, block });
    }
    for (const subnet of props.subnets ?? []) {
      this.addSubnet(subnet.name, subnet.cidr, scope);
    }
  }

  /** The VNet address spaces. */
  public get vnetAddressSpaces(): string[] {
    return this.spaces.map((s) => s.block.toString());
  }

  /** The subnets, in the order they were added. */
  public get subnets(): PlannedSubnet[] {
    return this.subnetList.map((s) => ({ name: s.name, cidr: s.block.toString() }));
  }

  /** The external ranges. */
  public get externalRanges(): ExternalRange[] {
    return this.externals.map((e) => ({
      name: e.label.replace(/^external range /, ''),
      cidr: e.block.toString(),
    }));
  }

  /** The pod CIDR, if the cluster uses one. */
  public get podCidr(): string | undefined {
    return this.pod?.toString();
  }

  /** The service CIDR, once cluster ranges are set. */
  public get serviceCidr(): string | undefined {
    return this.service?.toString();
  }

  /** The DNS service IP, once cluster ranges are set. */
  public get dnsServiceIp(): string | undefined {
    return this.dnsIp;
  }

  /** The subnet of that name. */
  public subnet(name: string, scope?: IConstruct): PlannedSubnet {
    const found = this.subnetList.find((s) => s.name === name);
    if (!found) {
      throw new AksNetworkError(
        `there is no subnet '${name}'`,
        `add it first; the plan has ${this.subnetList.map((s) => s.name).join(', ') || 'no subnets'}`,
        scope,
      );
    }
    return { name: found.name, cidr: found.block.toString() };
  }

  /** Add a subnet with an explicit block. */
  public addSubnet(name: string, cidr: string, scope?: IConstruct): PlannedSubnet {
    checkAzureName('subnet', name, scope);
    const block = parseRange(cidr, { what: `subnet ${name}`, scope });
    const label = `subnet ${name} ${block}`;
    if (this.subnetList.some((s) => s.name === name)) {
      throw new AksNetworkError(
        `subnet name '${name}' is used twice`,
        'give each subnet its own name',
        scope,
      );
    }
    if (!this.spaces.some((s) => s.block.contains(block))) {
      throw new AksNetworkError(
        `${label} is not inside the VNet (${this.vnetAddressSpaces.join(', ')})`,
        'pick a block inside one VNet address space or add a space that contains it',
        scope,
      );
    }
    if (block.prefixLength > AZURE_SMALLEST_SUBNET_PREFIX) {
      throw new AksNetworkError(
        `${label} is smaller than Azure's smallest subnet`,
        `use a /${AZURE_SMALLEST_SUBNET_PREFIX} or larger`,
        scope,
      );
    }
    if (FIREWALL_SUBNET_NAMES.includes(name) && block.prefixLength > FIREWALL_SUBNET_MAX_PREFIX) {
      throw new AksNetworkError(
        `${label} is too small for Azure Firewall`,
        `make ${name} a /${FIREWALL_SUBNET_MAX_PREFIX} or larger`,
        scope,
      );
    }
    this.checkClear(scope, label, block, { subnets: true, cluster: true, reserved: true });
    this.subnetList.push({ label, block, name });
    return { name, cidr: block.toString() };
  }

  /**
   * Add a subnet of the given size at the lowest free, aligned block of the VNet (first fit,
   * in the order of the calls), so callers need not hand-pick CIDRs.
   */
  public carveSubnet(name: string, prefixLength: number, scope?: IConstruct): PlannedSubnet {
    return this.addSubnet(name, this.nextFree(scope, name, prefixLength).toString(), scope);
  }

  /** Register a range nothing in the plan may overlap (peered VNet, on-premises). */
  public addExternalRange(name: string, cidr: string, scope?: IConstruct): void {
    const block = parseRange(cidr, { what: `external range ${name}`, scope });
    const label = `external range ${name} ${block}`;
    this.checkClear(scope, label, block, { spaces: true, cluster: true, externals: true });
    this.externals.push({ label, block });
  }

  /**
   * Set the cluster's pod CIDR (where the model has one), service CIDR and DNS service IP.
   */
  public useClusterRanges(ranges: ClusterRanges, scope?: IConstruct): void {
    const service = parseRange(ranges.serviceCidr ?? DEFAULT_SERVICE_CIDR, { what: 'service CIDR', scope });
    const dnsIp = ranges.dnsServiceIp ?? DEFAULT_DNS_SERVICE_IP;
    const pod =
      ranges.podCidr !== undefined ? parseRange(ranges.podCidr, { what: 'pod CIDR', scope }) : undefined;
    this.pod = undefined;
    this.service = undefined;
    if (service.prefixLength < SERVICE_CIDR_MIN_PREFIX) {
      throw new AksNetworkError(
        `service CIDR ${service} is larger than Kubernetes allows`,
        `use a /${SERVICE_CIDR_MIN_PREFIX} or smaller range, e.g. ${DEFAULT_SERVICE_CIDR}`,
        scope,
      );
    }
    checkDnsServiceIp(service, dnsIp, scope);
    const clear = { spaces: true, externals: true, reserved: true };
    this.checkClear(scope, `service CIDR ${service}`, service, clear, pod ? [pod] : []);
    if (pod) {
      this.checkClear(scope, `pod CIDR ${pod}`, pod, clear, [service]);
      if (pod.overlaps(service)) {
        throw this.overlapError(scope, `pod CIDR ${pod}`, `service CIDR ${service}`, pod, [service]);
      }
    }
    this.pod = pod;
    this.service = service;
    this.dnsIp = dnsIp;
  }

  /**
   * Check that the ranges hold what the node pools need under the given pod addressing
   * (max nodes + surge, max pods) — throws naming the smallest prefix length that fits.
   * @returns the sized lines (range, needed, available), e.g. for reports
   */
  public checkCapacity(demand: CapacityDemand, scope?: IConstruct): CapacityLine[] {
    for (const pool of demand.pools) {
      for (const [what, value, min] of [
        ['max nodes', pool.maxNodes, 1],
        ['max surge nodes', pool.maxSurgeNodes, 0],
        ['max pods', pool.maxPods, 1],
      ] as const) {
        if (!Number.isInteger(value) || value < min) {
          throw new AksNetworkError(
            `node pool ${pool.name} has ${what} ${value}`,
            `use a whole number of at least ${min}`,
            scope,
          );
        }
      }
    }
    const overlayLike =
      demand.addressing === PodAddressing.OVERLAY || demand.addressing === PodAddressing.KUBENET;
    if (overlayLike && !this.pod) {
      throw new AksNetworkError(
        `${demand.addressing} addressing has no pod CIDR`,
        'set podCidr, e.g. 10.244.0.0/16 (one /24 per node)',
        scope,
      );
    }
    if (demand.addressing === PodAddressing.OVERLAY && this.pod && !isPrivateOrShared(this.pod)) {
      throw new AksNetworkError(
        `pod CIDR ${this.pod} is not a private (RFC 1918) or shared (RFC 6598) range`,
        'pick one inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10, e.g. 10.244.0.0/16',
        scope,
      );
    }
    const lines = capacityLines(demand, (name) => Cidr.parse(this.subnet(name, scope).cidr), this.pod);
    assertCapacity(demand, lines, scope);
    return lines;
  }

  private overlapError(
    scope: IConstruct | undefined,
    a: string,
    b: string,
    block: Cidr,
    alsoAvoid: Cidr[],
  ): AksNetworkError {
    const free = this.freeBlock(block, alsoAvoid);
    return new AksNetworkError(
      `${a} overlaps ${b}`,
      `pick ranges that do not share addresses${free ? `, e.g. ${free} in place of ${block}, which is free in this plan` : ''}`,
      scope,
    );
  }

  /**
   * A block of the same size as `block` that overlaps nothing in the plan (spaces, subnets,
   * external, pod and service ranges, the AKS-reserved ranges, `alsoAvoid`), so that a suggested
   * value passes the next check too. Private ranges first, then the shared space.
   */
  private freeBlock(block: Cidr, alsoAvoid: Cidr[]): Cidr | undefined {
    const taken = [
      ...this.spaces.map((s) => s.block),
      ...this.subnetList.map((s) => s.block),
      ...this.externals.map((s) => s.block),
      ...(this.pod ? [this.pod] : []),
      ...(this.service ? [this.service] : []),
      ...AKS_RESERVED_RANGES.map((r) => Cidr.parse(r.cidr)),
      ...alsoAvoid,
      block,
    ];
    const step = block.size;
    for (const space of SUGGESTION_SPACES.map((c) => Cidr.parse(c))) {
      if (block.prefixLength < space.prefixLength) continue;
      const end = space.networkValue + space.size;
      let candidate = space.networkValue;
      while (candidate + step <= end) {
        const hit = taken.find((t) => t.overlaps(Cidr.fromValue(candidate, block.prefixLength)));
        if (!hit) return Cidr.fromValue(candidate, block.prefixLength);
        candidate = Math.ceil((hit.networkValue + hit.size) / step) * step;
      }
    }
    return undefined;
  }

  private nextFree(scope: IConstruct | undefined, name: string, prefixLength: number): Cidr {
    if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) {
      throw new AksNetworkError(
        `subnet ${name} asks for prefix length ${prefixLength}`,
        'use a whole number from 0 to 29',
        scope,
      );
    }
    for (const space of this.spaces) {
      if (prefixLength < space.block.prefixLength) {
        continue;
      }
      // First fit: the lowest aligned block that overlaps no subnet; deterministic for a given order.
      const step = 2 ** (32 - prefixLength);
      const end = space.block.networkValue + space.block.size;
      let candidate = space.block.networkValue;
      while (candidate + step <= end) {
        const block = Cidr.fromValue(candidate, prefixLength);
        const hit = this.subnetList.find((s) => s.block.overlaps(block));
        if (!hit) {
          return block;
        }
        const after = hit.block.networkValue + hit.block.size;
        candidate = Math.ceil(after / step) * step;
      }
    }
    throw new AksNetworkError(
      `no free /${prefixLength} left for subnet ${name} in ${this.vnetAddressSpaces.join(', ')}`,
      'enlarge the VNet address space, add another space, or ask for a smaller subnet',
      scope,
    );
  }

  private checkClear(
    scope: IConstruct | undefined,
    label: string,
    block: Cidr,
    against: {
      spaces?: boolean;
      subnets?: boolean;
      externals?: boolean;
      cluster?: boolean;
      reserved?: boolean;
    },
    alsoAvoid: Cidr[] = [],
  ): void {
    const others: Named[] = [
      ...(against.spaces ? this.spaces : []),
      ...(against.subnets ? this.subnetList : []),
      ...(against.externals ? this.externals : []),
      ...(against.cluster && this.pod ? [{ label: `pod CIDR ${this.pod}`, block: this.pod }] : []),
      ...(against.cluster && this.service
        ? [{ label: `service CIDR ${this.service}`, block: this.service }]
        : []),
    ];
    const hit = others.find((o) => o.block.overlaps(block));
    if (hit) {
      throw this.overlapError(scope, label, hit.label, block, alsoAvoid);
    }
    // VNet spaces, subnets, pod and service ranges stay clear of the AKS-reserved ranges;
    // external ranges (on-premises) may use them.
    if (against.reserved) {
      const reserved = AKS_RESERVED_RANGES.find((r) => Cidr.parse(r.cidr).overlaps(block));
      if (reserved) {
        const free = this.freeBlock(block, alsoAvoid);
        throw new AksNetworkError(
          `${label} overlaps ${reserved.cidr} (${reserved.why})`,
          `pick a range outside 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24${free ? `, e.g. ${free}, which is free in this plan` : ''}`,
          scope,
        );
      }
    }
  }
}

/** Where a suggested range is looked for: private ranges first, then shared address space. */
const SUGGESTION_SPACES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

function checkDnsServiceIp(service: Cidr, dnsIp: string, scope?: IConstruct): void {
  if (!service.containsAddress(dnsIp)) {
    throw new AksNetworkError(
      `DNS service IP ${dnsIp} is outside service CIDR ${service}`,
      `pick an address inside it, e.g. ${service.nthAddress(Math.min(10, service.size - 1))}`,
      scope,
    );
  }
  if (dnsIp === service.nthAddress(0) || (service.size > 1 && dnsIp === service.nthAddress(1))) {
    throw new AksNetworkError(
      `DNS service IP ${dnsIp} is the ${dnsIp === service.nthAddress(0) ? 'network' : 'first'} address of service CIDR ${service}${dnsIp === service.nthAddress(1) ? ' (taken by kubernetes.default)' : ''}`,
      `pick another address inside it, conventionally ${service.nthAddress(Math.min(10, service.size - 1))}`,
      scope,
    );
  }
}

const PRIVATE_AND_SHARED = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((c) =>
  Cidr.parse(c),
);

/** Whether the block lies in RFC 1918 private or RFC 6598 shared address space. */
export function isPrivateOrShared(block: Cidr): boolean {
  return PRIVATE_AND_SHARED.some((range) => range.contains(block));
}
