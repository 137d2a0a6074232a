// The spokes that joined one hub, and the checks that concern them together: rule collection group
// names and priorities unique in the policy and within its limits, address spaces disjoint across
// hub and spokes, DNAT ports unique per public IP, SNAT ports shared. Owned by its hub; a spoke
// registers with it explicitly.
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { type Firewall } from '../../../core/azurerm';
import { AksNetworkError } from '../../../core/errors';
import { warn } from '../../../core/warnings';
import { Cidr } from '../../../plan/cidr';
import { FIREWALL_POLICY_LIMITS, snatPortsPerInstance } from '../../../plan/firewall-policy';
import { landingZoneOverlaps, LandingZoneNetwork } from '../../../plan/spoke-ranges';
import { IClusterNetwork } from '../../network/cluster-network';
import { firewallAfter } from './firewall';

/** A spoke as its hub sees it. */
export interface SpokeEntry {
  readonly spoke: IConstruct;
  readonly groupName: string;
  readonly priority: number;
  readonly network: IClusterNetwork;
}

/** What the registry checks against. */
export interface SpokeRegistrySpec {
  readonly hub: IConstruct;
  readonly location: string;
  readonly servedRegions: string[];
  readonly hubSpaces: string[];
  readonly publicIpCount: number;
  readonly groupLimit: number;
  /** What the policy and the address plan already hold outside this app. */
  readonly inUse: {
    readonly names: string[];
    readonly priorities: number[];
    readonly groups: number;
    readonly spaces: string[];
  };
  /** The hub's own firewall, created after the rule groups of its stack. */
  readonly firewall?: Firewall;
}

export class SpokeRegistry {
  private readonly spokes: SpokeEntry[] = [];
  private readonly dnatClaims = new Map<string, { spoke: IConstruct; rule: string }>();
  private warnedSnat = false;

  constructor(private readonly spec: SpokeRegistrySpec) {}

  /** The spokes that joined, in the order they did. */
  public get entries(): ReadonlyArray<SpokeEntry> {
    return this.spokes;
  }

  /** Check a spoke against the hub and the other spokes, then add it. Throws with the spoke's path. */
  public register(entry: SpokeEntry): void {
    const { spoke, groupName, priority, network } = entry;
    const hubPath = this.spec.hub.node.path;
    if (!this.spec.servedRegions.includes(network.location)) {
      throw new AksNetworkError(
        `the spoke network is in ${network.location}, but hub ${hubPath} serves ${this.spec.servedRegions.join(', ')}`,
        `create a hub in ${network.location} (a firewall per region), or add ${network.location} to the hub's additionalSpokeRegions if it is meant to serve it over global peering`,
        spoke,
      );
    }
    const sameName = this.spokes.find((s) => s.groupName === groupName);
    if (sameName || this.spec.inUse.names.includes(groupName)) {
      throw new AksNetworkError(
        `rule collection group name ${groupName} is already used in the policy of hub ${hubPath}${sameName ? ` by ${sameName.spoke.node.path}` : ''}`,
        'give each spoke its own ruleGroupName (or construct id); names are unique in a policy',
        spoke,
      );
    }
    const samePriority = this.spokes.find((s) => s.priority === priority);
    if (samePriority || this.spec.inUse.priorities.includes(priority)) {
      throw new AksNetworkError(
        `rule collection group priority ${priority} is already used in the policy of hub ${hubPath}${samePriority ? ` by ${samePriority.spoke.node.path} (${samePriority.groupName})` : ''}`,
        'give this spoke an explicit rulePriority that no other group of the policy uses',
        spoke,
      );
    }
    const groups = this.spec.inUse.groups + this.spokes.length + 1;
    if (groups > this.spec.groupLimit) {
      throw new AksNetworkError(
        `the policy of hub ${hubPath} would hold ${groups} rule collection groups, above its limit of ${this.spec.groupLimit}`,
        `serve further spokes from another hub (firewall policy), or raise ruleCollectionGroupLimit if ${FIREWALL_POLICY_LIMITS.source} allows more`,
        spoke,
      );
    }
    if (groups === FIREWALL_POLICY_LIMITS.ruleCollectionGroupsBeforeJuly2022 + 1) {
      warn(
        this.spec.hub,
        `${groups} rule collection groups in one policy: a policy created before July 2022 takes only ${FIREWALL_POLICY_LIMITS.ruleCollectionGroupsBeforeJuly2022}`,
      );
    }
    this.checkSpaces(entry);
    // the hub is an external range of the spoke: its plan refuses any overlap with it, now and later
    this.spec.hubSpaces.forEach((space, i) =>
      network.plan.addExternalRange(
        `hub ${hubPath}${this.spec.hubSpaces.length > 1 ? ` ${i + 1}` : ''}`,
        space,
        spoke,
      ),
    );
    this.spokes.push(entry);
    const sharing = this.spec.inUse.names.length + this.spokes.length;
    if (
      !this.warnedSnat &&
      sharing >= 2 &&
      this.spec.publicIpCount < FIREWALL_POLICY_LIMITS.recommendedPublicIps
    ) {
      this.warnedSnat = true;
      warn(
        this.spec.hub,
        `spokes share the firewall's ${this.spec.publicIpCount} public IP(s), ${snatPortsPerInstance(this.spec.publicIpCount).toLocaleString('en-US')} SNAT ports per firewall instance for all of them; the AKS egress guide recommends at least ${FIREWALL_POLICY_LIMITS.recommendedPublicIps} public IPs in production (publicIpCount)`,
      );
    }
  }

  /** The firewall of the hub's stack waits for the rule groups of that stack (none of another stack). */
  public ruleGroupCreated(group: IConstruct & { readonly fqn: string }): void {
    const firewall = this.spec.firewall;
    if (firewall && TerraformStack.of(firewall) === TerraformStack.of(group)) {
      firewallAfter(firewall, group);
    }
  }

  /** Claim a public port of one of the hub's public IPs for a spoke's DNAT rule. */
  public claimDnat(spoke: IConstruct, publicIpIndex: number, port: number, rule: string): void {
    const key = `${publicIpIndex}/${port}`;
    const claim = this.dnatClaims.get(key);
    if (claim && claim.spoke !== spoke) {
      throw new AksNetworkError(
        `public port ${port} of hub public IP ${publicIpIndex} is already forwarded to ${claim.spoke.node.path} (${claim.rule})`,
        `give this spoke's ingress its own public IP (addDnat({ publicIpIndex: ${this.freeIpIndex(port)}, ... })), or another public port`,
        spoke,
      );
    }
    const destinations = new Set([...this.dnatClaims.keys(), key]).size;
    const total = this.spec.publicIpCount + destinations;
    if (total > FIREWALL_POLICY_LIMITS.dnatDestinationsPlusPublicIps) {
      throw new AksNetworkError(
        `hub ${this.spec.hub.node.path} would have ${this.spec.publicIpCount} public IPs and ${destinations} DNAT destinations, above Azure Firewall's limit of ${FIREWALL_POLICY_LIMITS.dnatDestinationsPlusPublicIps} together`,
        'publish fewer ports, or serve some spokes from another hub',
        spoke,
      );
    }
    this.dnatClaims.set(key, { spoke, rule });
  }

  /** Overlaps across the whole landing zone, pod and service ranges included (known once clusters exist). */
  public problems(): string[] {
    const networks: LandingZoneNetwork[] = [
      { name: `hub ${this.spec.hub.node.path}`, vnetSpaces: this.spec.hubSpaces },
      ...(this.spec.inUse.spaces.length > 0
        ? [{ name: 'spokes that joined before (spokeAddressSpaces)', vnetSpaces: this.spec.inUse.spaces }]
        : []),
      ...this.spokes.map((s) => ({
        name: `spoke ${s.spoke.node.path}`,
        vnetSpaces: s.network.plan.vnetAddressSpaces,
        podCidr: s.network.plan.podCidr,
        serviceCidr: s.network.plan.serviceCidr,
      })),
    ];
    return landingZoneOverlaps(networks);
  }

  /** The address spaces of the spokes so far, as plain CIDRs. */
  public spokeSpaces(): string[] {
    return [...this.spec.inUse.spaces, ...this.spokes.flatMap((s) => s.network.plan.vnetAddressSpaces)];
  }

  private freeIpIndex(port: number): number {
    for (let i = 0; i < this.spec.publicIpCount; i++) {
      if (!this.dnatClaims.has(`${i}/${port}`)) return i;
    }
    return this.spec.publicIpCount;
  }

  private checkSpaces(entry: SpokeEntry): void {
    const own = entry.network.plan.vnetAddressSpaces.map((s) => Cidr.parse(s));
    const others = [
      ...this.spec.hubSpaces.map((s) => ({ what: `hub ${this.spec.hub.node.path}`, block: Cidr.parse(s) })),
      ...this.spec.inUse.spaces.map((s) => ({ what: 'a spoke that joined before', block: Cidr.parse(s) })),
      ...this.spokes.flatMap((s) =>
        s.network.plan.vnetAddressSpaces.map((v) => ({
          what: `spoke ${s.spoke.node.path}`,
          block: Cidr.parse(v),
        })),
      ),
    ];
    for (const block of own) {
      const hit = others.find((o) => o.block.overlaps(block));
      if (hit) {
        throw new AksNetworkError(
          `the spoke's VNet space ${block} overlaps ${hit.block} of ${hit.what}`,
          'give every spoke an address space of its own, outside the hub and the other spokes',
          entry.spoke,
        );
      }
    }
  }
}
