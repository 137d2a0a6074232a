// The rules of one cluster behind a firewall (SecureEgress or a hub spoke): catalogue, features, user
// intents and DNAT, checked as they are added and rendered into one rule collection group.
import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { warn } from '../../../core/warnings';
import { Cidr } from '../../../plan/cidr';
import { AzureCloud, EgressFeature, IEgressClient } from '../../contracts';
import { IClusterNetwork } from '../../network/cluster-network';
import { EgressCatalogue } from '../catalogue/egress-catalogue';
import { EgressDestinationKind, EgressRuleEntry, EgressRuleKind, NtpRule } from '../catalogue/types';
import { DnatOptions, IngressEndpoint } from '../secure-egress-props';
import { EgressPort, EgressTarget } from '../targets';
import { checkTranslatedIp } from './dnat';
import { checkExposure } from './exposure';
import { ClusterRules, NatRule, userRuleEntry } from './rules';

/** What a cluster's rules depend on. */
export interface ClusterRuleSetOptions {
  readonly cloud: AzureCloud;
  readonly dnsProxy: boolean;
  readonly features: EgressFeature[];
  readonly useFqdnTag?: boolean;
  readonly ntp?: NtpRule;
  readonly network: IClusterNetwork;
  /** The firewall's private IP (DNS proxy address). */
  readonly firewallPrivateIp: string;
  /** Public IPs of the firewall, the DNAT destinations. */
  readonly publicIps: string[];
  /** Ranges reached without the firewall (the cluster VNet, the hub VNet): DNS servers there need no rule. */
  readonly localRanges: string[];
  /** Whether the firewall sits in the cluster's own VNet (then its DNS proxy is inside it). */
  readonly firewallInClusterVnet: boolean;
}

/** Where a cluster's traffic comes from: its node and pod subnets (overlay pods are SNAT'd to node IPs). */
export function clusterSourceCidrs(network: IClusterNetwork): string[] {
  return [network.nodeSubnet.cidr, ...(network.podSubnet ? [network.podSubnet.cidr] : [])];
}

/** A DNAT rule with the public IP it uses. */
export interface ClaimedDnat extends NatRule {
  readonly publicIpIndex: number;
}

/**
 * One cluster's rules. Held by the construct that owns the cluster's rule collection group; plain
 * values in, the group's collections out.
 */
export class ClusterRuleSet {
  /** Names of the FQDN network rules (they need the nodes to resolve through the firewall). */
  public readonly fqdnNetworkRules: string[] = [];
  private readonly userRules: EgressRuleEntry[] = [];
  private readonly dnatRules: ClaimedDnat[] = [];
  private cluster?: IEgressClient;

  constructor(
    private readonly owner: IConstruct,
    private readonly options: ClusterRuleSetOptions,
  ) {
    const catalogue = this.catalogue();
    if (catalogue.needsDnsProxy) {
      this.requireDnsProxy('NTP rule ntp.ubuntu.com (UDP 123)');
    }
    if (options.ntp === NtpRule.OMIT && catalogue.ntpRequired) {
      warn(
        owner,
        `ntp NtpRule.OMIT on ${options.cloud}, whose egress table lists UDP 123 as required (without the public cloud's March-2021 exemption); nodes may not sync time. Leave ntp unset (UDP 123 to any address) or use NtpRule.UBUNTU_FQDN`,
      );
    }
    this.warnRetired(options.features);
  }

  /** The cluster whose location, private flag and features the catalogue follows. */
  public get attachedCluster(): IEgressClient | undefined {
    return this.cluster;
  }

  /** Register the one cluster these rules serve. */
  public attach(cluster: IEgressClient, network: IClusterNetwork): void {
    if (this.cluster) {
      throw new AksNetworkError(
        `cluster ${cluster.node.path} attached, but ${this.cluster.node.path} already uses this egress path`,
        'give each cluster its own SecureEgress, or its own EgressSpoke of a shared EgressHub',
        this.owner,
      );
    }
    if (cluster.vnetId !== undefined && cluster.vnetId !== network.vnetId) {
      throw new AksNetworkError(
        `cluster ${cluster.node.path} is in another network than the one this egress path routes (and, for a spoke, peers with the hub)`,
        'give the cluster the network of its egress path (network: spokeNetwork), so its subnets use the route table and the peering',
        this.owner,
      );
    }
    this.cluster = cluster;
    this.warnRetired(cluster.egressFeatures);
  }

  /** The catalogue as it stands (cluster location, private flag and features included). */
  public catalogue(): EgressCatalogue {
    const n = this.options.network;
    return EgressCatalogue.forCluster({
      cloud: this.options.cloud,
      location: this.cluster?.location ?? n.location,
      privateCluster: this.cluster?.privateCluster ?? false,
      apiServerVnetIntegrated: this.cluster?.apiServerVnetIntegrated ?? false,
      // read when the rules render: the cluster's pools may still add features after attaching
      features: [...this.options.features, ...(this.cluster?.egressFeatures ?? [])],
      useFqdnTag: this.options.useFqdnTag,
      ntp: this.options.ntp,
      customDnsServers: this.dnsServersBehindFirewall(),
    });
  }

  /** The rules by layer, as they stand. */
  public rules(): ClusterRules {
    const entries = this.catalogue().entries;
    return {
      dnat: this.dnatRules.map(({ publicIpIndex: _, ...rule }) => rule),
      platform: entries.filter((e) => !e.feature),
      features: entries.filter((e) => e.feature),
      user: [...this.userRules],
    };
  }

  /** The user rules, in catalogue form. */
  public get user(): EgressRuleEntry[] {
    return [...this.userRules];
  }

  /** Every allow rule, as it stands: the catalogue's (features included) and the user's. */
  public get allowed(): EgressRuleEntry[] {
    return [...this.catalogue().entries, ...this.userRules];
  }

  /** The DNAT rules with the public IPs they use. */
  public get dnat(): ClaimedDnat[] {
    return [...this.dnatRules];
  }

  /** The private addresses the DNAT rules translate to. */
  public get dnatTranslatedAddresses(): string[] {
    return [...new Set(this.dnatRules.map((r) => r.translatedAddress))];
  }

  /** Check and add a user rule. */
  public allow(target: EgressTarget, port: EgressPort, name?: string): EgressRuleEntry {
    const ruleName = name ?? `user-${this.userRules.length + 1}`;
    if (this.userRules.some((r) => r.name === ruleName)) {
      throw new AksNetworkError(
        `egress rule name ${ruleName} is used twice`,
        'give each allow() a distinct name',
        this.owner,
      );
    }
    checkExposure(this.owner, ruleName, target, port);
    const entry = userRuleEntry(this.owner, { name: ruleName, target, port }, this.options.dnsProxy);
    this.userRules.push(entry);
    if (entry.kind === EgressRuleKind.NETWORK && entry.destinationKind === EgressDestinationKind.FQDN) {
      this.requireDnsProxy(`rule ${ruleName}`);
    }
    return entry;
  }

  /** Check and add a DNAT rule translating to the ingress endpoint (or `options.privateIp`). */
  public addDnat(options: DnatOptions, endpoint: IngressEndpoint): ClaimedDnat {
    const privateIp = options.privateIp ?? endpoint.privateIp;
    checkTranslatedIp(this.owner, privateIp, endpoint.subnetName, endpoint.subnetCidr);
    for (const [what, port] of [
      ['publicPort', options.publicPort],
      ['privatePort', options.privatePort],
    ] as const) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new AksNetworkError(`DNAT ${what} ${port} is out of range`, 'use 1-65535', this.owner);
      }
    }
    const index = options.publicIpIndex ?? 0;
    const ips = this.options.publicIps;
    if (!Number.isInteger(index) || index < 0 || index >= ips.length) {
      throw new AksNetworkError(
        `DNAT publicIpIndex ${index} does not name one of the firewall's ${ips.length} public IP(s)`,
        `use 0 to ${ips.length - 1}, or give the firewall more public IPs (publicIpCount)`,
        this.owner,
      );
    }
    const clash = this.dnatRules.find(
      (r) => r.publicIpIndex === index && r.destinationPorts[0] === String(options.publicPort),
    );
    if (clash) {
      throw new AksNetworkError(
        `DNAT public port ${options.publicPort} is already used by ${clash.name}`,
        'pick another public port',
        this.owner,
      );
    }
    if (options.sourceAddresses === undefined) {
      warn(
        this.owner,
        `DNAT port ${options.publicPort} accepts any client; DNAT rules implicitly allow what they translate, so set sourceAddresses to the client ranges`,
        'AKSNET-AZ-019',
      );
    }
    const rule: ClaimedDnat = {
      name: options.name ?? `dnat-${options.publicPort}`,
      sourceAddresses: [...(options.sourceAddresses ?? ['*'])],
      protocols: ['TCP'],
      destinationAddress: ips[index],
      destinationPorts: [String(options.publicPort)],
      translatedAddress: privateIp,
      translatedPort: options.privatePort,
      publicIpIndex: index,
    };
    this.dnatRules.push(rule);
    return rule;
  }

  /** FQDN network rules only match when the nodes resolve names through the firewall's DNS proxy. */
  public dnsProblems(): string[] {
    const servers = this.options.network.dnsServers;
    if (this.fqdnNetworkRules.length === 0 || servers.includes(this.options.firewallPrivateIp)) {
      return [];
    }
    return [
      `${this.fqdnNetworkRules[0]} is an FQDN network rule, which matches only when the nodes resolve names through the firewall's DNS proxy, but the network's DNS servers are ${servers.join(', ') || 'Azure-provided'}; point them at the firewall: network.useDnsServers([egress.firewallPrivateIp])`,
    ];
  }

  /**
   * A private cluster with the `System` private DNS zone whose VNet resolves through DNS servers
   * outside it (a hub firewall's DNS proxy): the zone is linked only to the cluster VNet, the servers
   * cannot resolve the API server, and cluster creation fails (docs private-clusters.md, "Hub and
   * spoke with custom DNS" — platform facts 2026-12 §3).
   */
  public privateZoneProblems(fix: string): string[] {
    const c = this.cluster;
    if (!c?.privateCluster || c.privateDnsZoneId !== 'System') return [];
    const outside = this.options.network.dnsServers.filter((s) => !this.isInsideVnet(s));
    if (outside.length === 0) return [];
    const shown =
      outside[0] === this.options.firewallPrivateIp
        ? "the firewall's DNS proxy"
        : Token.isUnresolved(outside[0])
          ? 'a DNS server given by reference'
          : `DNS server ${outside[0]}`;
    return [
      `private cluster ${c.node.path} uses the System private DNS zone, which AKS links only to the cluster VNet, while the VNet resolves names through ${shown} outside it: that server cannot resolve the API server and cluster creation fails; ${fix}`,
    ];
  }

  /** Whether a DNS server lies in the cluster VNet (an unresolved address other than the firewall's counts as outside). */
  private isInsideVnet(server: string): boolean {
    if (server === this.options.firewallPrivateIp) {
      return this.options.firewallInClusterVnet;
    }
    return (
      !Token.isUnresolved(server) &&
      this.options.network.plan.vnetAddressSpaces.some((s) => Cidr.parse(s).containsAddress(server))
    );
  }

  /** Custom DNS servers the firewall must let through: not its own proxy, not in a local range. */
  private dnsServersBehindFirewall(): string[] {
    const local = this.options.localRanges.map((r) => Cidr.parse(r));
    return this.options.network.dnsServers.filter(
      (s) =>
        s !== this.options.firewallPrivateIp &&
        !Token.isUnresolved(s) &&
        !local.some((r) => r.containsAddress(s)),
    );
  }

  private requireDnsProxy(what: string): void {
    if (!this.options.dnsProxy) {
      throw new AksNetworkError(
        `${what} names an FQDN in a network rule, which needs the firewall DNS proxy, but dnsProxy is off`,
        'enable dnsProxy (Standard or Premium), or allow NTP with NtpRule.ANY_ADDRESS',
        this.owner,
      );
    }
    this.fqdnNetworkRules.push(what);
  }

  private warnRetired(features: EgressFeature[]): void {
    const catalogue = EgressCatalogue.forCluster({
      cloud: this.options.cloud,
      location: this.options.network.location,
      features,
    });
    for (const feature of catalogue.retiredFeatures) {
      warn(
        this.owner,
        `feature ${feature} is retired on ${this.options.cloud}: no egress rules are added for it; drop it from the features`,
      );
    }
  }
}
