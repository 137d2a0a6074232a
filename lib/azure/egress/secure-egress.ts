import {
  azurerm,
  type FirewallPolicyRuleCollectionGroup,
  type IpGroup,
  type PublicIp,
  type RouteTable,
} from '../../core/azurerm';
import { Annotations, ITerraformDependable, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { fail } from '../../core/errors';
import { AzureCloud, EgressClusterInfo, EgressFeature, IClusterEgress } from '../contracts';
import { IClusterNetwork, NetworkSubnet } from '../network/cluster-network';
import { EgressCatalogue } from './catalogue/egress-catalogue';
import { EgressDestinationKind, EgressRuleEntry, EgressRuleKind, NtpRule } from './catalogue/types';
import { FirewallPlacement } from './placement';
import { checkTranslatedIp, pickIngressIp } from './private/dnat';
import { resolveFirewallSubnets } from './private/firewall-subnets';
import {
  NatRule,
  PRIORITY,
  RuleCollectionGroupInput,
  renderCatalogueGroup,
  renderDnatGroup,
  renderUserGroup,
  sourceFields,
  userRuleEntry,
} from './private/rules';
import {
  DnatOptions,
  FirewallTier,
  IngressEndpoint,
  SECURE_EGRESS_DEFAULTS,
  SecureEgressProps,
  ThreatIntelMode,
} from './secure-egress-props';
import { EgressPort, EgressTarget } from './targets';

/**
 * Locked-down egress for AKS: Azure Firewall with a policy built from the versioned egress catalogue,
 * a route table sending `0.0.0.0/0` through it, and DNAT for inbound traffic to an internal load balancer.
 * Give it to `AksCluster` as `egress`.
 *
 * @see https://learn.microsoft.com/azure/aks/limit-egress-traffic
 */
export class SecureEgress extends Construct implements IClusterEgress {
  public readonly routeTableId: string;
  public readonly routeDependencies: ITerraformDependable[];
  public readonly egressPublicIps: string[];
  public readonly cloud: AzureCloud;
  /** The firewall's private IP (next hop of the default route, DNS proxy address). */
  public readonly firewallPrivateIp: string;
  /** The firewall policy id (add your own rule collection groups to it). */
  public readonly firewallPolicyId: string;
  /** The firewall subnet. */
  public readonly firewallSubnet: NetworkSubnet;

  private readonly subject: string;
  private readonly props: SecureEgressProps;
  private readonly network: IClusterNetwork;
  private readonly dnsProxy: boolean;
  private readonly features: EgressFeature[];
  private readonly userRules: EgressRuleEntry[] = [];
  private readonly dnatRules: NatRule[] = [];
  private readonly groups = new Map<string, FirewallPolicyRuleCollectionGroup>();
  private readonly baseName: string;
  private cluster?: EgressClusterInfo;
  private clusterFeatures: EgressFeature[] = [];
  private dnsPointed = false;
  private readonly ipGroup?: IpGroup;

  constructor(scope: Construct, id: string, props: SecureEgressProps) {
    super(scope, id);
    this.subject = `SecureEgress ${this.node.path}`;
    this.props = props;
    this.network = props.network;
    this.cloud = props.cloud ?? SECURE_EGRESS_DEFAULTS.cloud;
    this.features = [...(props.features ?? [])];
    this.baseName = props.namePrefix ?? id.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const tier = props.tier ?? SECURE_EGRESS_DEFAULTS.tier;
    const basic = tier === FirewallTier.BASIC;
    this.dnsProxy = props.dnsProxy ?? !basic;
    const threatIntel =
      props.threatIntelMode ?? (basic ? ThreatIntelMode.ALERT : SECURE_EGRESS_DEFAULTS.threatIntelMode);
    this.checkTier(tier, threatIntel);
    const publicIpCount = props.publicIpCount ?? SECURE_EGRESS_DEFAULTS.publicIpCount;
    if (!Number.isInteger(publicIpCount) || publicIpCount < 1 || publicIpCount > 250) {
      fail(
        this.subject,
        `publicIpCount ${publicIpCount} is out of range`,
        'use 1 to 250 (20 or more in production)',
      );
    }

    const subnets = resolveFirewallSubnets(this, this.subject, {
      network: this.network,
      placement: props.placement ?? FirewallPlacement.clusterVnet(),
      managementSubnetPrefixLength: basic
        ? (props.managementSubnetPrefixLength ?? SECURE_EGRESS_DEFAULTS.managementSubnetPrefixLength)
        : undefined,
      baseName: this.baseName,
      tags: props.tags,
    });
    this.firewallSubnet = subnets.firewall;

    const zones = [...(props.zones ?? SECURE_EGRESS_DEFAULTS.zones)];
    const publicIp = (name: string, index: number) =>
      new azurerm.PublicIp(this, index === 0 ? 'PublicIp' : `PublicIp${index + 1}`, {
        name,
        location: this.network.location,
        resourceGroupName: this.network.resourceGroupName,
        allocationMethod: 'Static',
        sku: 'Standard',
        zones,
        tags: props.tags,
      });
    const pips = Array.from({ length: publicIpCount }, (_, i) =>
      publicIp(`pip-${this.baseName}-${i + 1}`, i),
    );
    this.egressPublicIps = pips.map((p) => p.ipAddress);

    // UNCERTAIN (facts §9.10): the policy SKU is set equal to the firewall tier; a Standard firewall
    // can't use Premium features and a Basic firewall only takes a Basic policy.
    const policy = new azurerm.FirewallPolicy(this, 'Policy', {
      name: `afwp-${this.baseName}`,
      location: this.network.location,
      resourceGroupName: this.network.resourceGroupName,
      sku: tier,
      threatIntelligenceMode: threatIntel,
      // UNCERTAIN (facts §9.9): DNS is configured in the policy only, never on the firewall too.
      dns: basic ? undefined : { proxyEnabled: this.dnsProxy },
      tags: props.tags,
    });
    this.firewallPolicyId = policy.id;

    const firewall = new azurerm.Firewall(this, 'Firewall', {
      name: `afw-${this.baseName}`,
      location: this.network.location,
      resourceGroupName: this.network.resourceGroupName,
      skuName: 'AZFW_VNet',
      skuTier: tier,
      firewallPolicyId: policy.id,
      zones,
      ipConfiguration: pips.map((pip, i) => ({
        name: `ipconfig-${i + 1}`,
        publicIpAddressId: pip.id,
        // exactly one ip_configuration carries the subnet
        subnetId: i === 0 ? subnets.firewall.id : undefined,
      })),
      managementIpConfiguration: subnets.management
        ? {
            name: 'management',
            subnetId: subnets.management.id,
            publicIpAddressId: publicIp(`pip-${this.baseName}-mgmt`, 99).id,
          }
        : undefined,
      tags: props.tags,
    });
    this.firewallPrivateIp = firewall.ipConfiguration.get(0).privateIpAddress;

    if (props.sourceIpGroup) {
      this.ipGroup = new azurerm.IpGroup(this, 'SourceIpGroup', {
        name: `ipg-${this.baseName}`,
        location: this.network.location,
        resourceGroupName: this.network.resourceGroupName,
        cidrs: this.sourceCidrs(),
        tags: props.tags,
      });
    }
    const routing = this.createRoutes(pips);
    this.routeTableId = routing.table.id;
    this.routeDependencies = routing.dependencies;
    this.ruleGroup('Platform', PRIORITY.platform, () => {
      const sources = this.sources();
      return renderCatalogueGroup(
        'aks-platform',
        PRIORITY.platform,
        this.catalogue().entries.filter((e) => !e.feature),
        sources,
      );
    });
    if (this.catalogue().needsDnsProxy) {
      this.requireDnsProxy('NTP rule ntp.ubuntu.com (UDP 123)');
    }
    if (this.features.length > 0) {
      this.ensureFeatureGroup();
    }
    this.warnOptOuts(threatIntel);
  }

  /**
   * Allow the cluster to reach a destination. HTTP/HTTPS/MSSQL ports become application rules,
   * TCP/UDP ports network rules. Ids derive from `name`, so keep it stable.
   */
  public allow(target: EgressTarget, port: EgressPort, name?: string): void {
    const ruleName = name ?? `user-${this.userRules.length + 1}`;
    if (this.userRules.some((r) => r.name === ruleName)) {
      fail(this.subject, `egress rule name ${ruleName} is used twice`, 'give each allow() a distinct name');
    }
    const entry = userRuleEntry(this.subject, { name: ruleName, target, port }, this.dnsProxy);
    this.userRules.push(entry);
    if (entry.kind === EgressRuleKind.NETWORK && entry.destinationKind === EgressDestinationKind.FQDN) {
      this.requireDnsProxy(`rule ${ruleName}`);
    }
    this.ruleGroup('User', PRIORITY.user, () =>
      renderUserGroup('user', PRIORITY.user, this.userRules, this.sources()),
    );
  }

  /**
   * The address the internal ingress load balancer should use: the ingress subnet's last usable address,
   * chosen at synth time so it can go into Kubernetes manifests.
   */
  public ingressEndpoint(): IngressEndpoint {
    const subnet = this.network.ingressSubnet;
    if (!subnet) {
      fail(
        this.subject,
        'the cluster network has no ingress subnet',
        'set ingressSubnetPrefixLength on the ClusterNetwork, e.g. 27',
      );
    }
    return { privateIp: pickIngressIp(subnet.cidr), subnetName: subnet.name, subnetCidr: subnet.cidr };
  }

  /** Forward a public port of the firewall's first public IP to a private address (the internal ingress). */
  public addDnat(options: DnatOptions): void {
    const endpoint = this.ingressEndpoint();
    const privateIp = options.privateIp ?? endpoint.privateIp;
    checkTranslatedIp(this.subject, privateIp, endpoint.subnetName, endpoint.subnetCidr);
    for (const [what, port] of [
      ['publicPort', options.publicPort],
      ['privatePort', options.privatePort],
    ] as const) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        fail(this.subject, `DNAT ${what} ${port} is out of range`, 'use 1-65535');
      }
    }
    const clash = this.dnatRules.find((r) => r.destinationPorts[0] === String(options.publicPort));
    if (clash) {
      fail(
        this.subject,
        `DNAT public port ${options.publicPort} is already used by ${clash.name}`,
        'pick another public port',
      );
    }
    const sourceAddresses = options.sourceAddresses ?? ['*'];
    if (options.sourceAddresses === undefined) {
      Annotations.of(this).addWarning(
        `${this.subject}: DNAT port ${options.publicPort} accepts any client; DNAT rules implicitly allow what they translate, so set sourceAddresses to the client ranges`,
      );
    }
    this.dnatRules.push({
      name: options.name ?? `dnat-${options.publicPort}`,
      sourceAddresses: [...sourceAddresses],
      protocols: ['TCP'],
      destinationAddress: this.egressPublicIps[0],
      destinationPorts: [String(options.publicPort)],
      translatedAddress: privateIp,
      translatedPort: options.privatePort,
    });
    this.ruleGroup('Dnat', PRIORITY.dnat, () => renderDnatGroup('dnat', this.dnatRules));
  }

  /** The private addresses the DNAT rules translate to (for cross-layer checks against the manifests). */
  public get dnatTranslatedAddresses(): string[] {
    return [...new Set(this.dnatRules.map((r) => r.translatedAddress))];
  }

  public attachCluster(cluster: EgressClusterInfo): void {
    if (this.cluster) {
      fail(
        this.subject,
        `cluster ${cluster.path} attached, but ${this.cluster.path} already uses this egress path`,
        'give each cluster its own SecureEgress',
      );
    }
    this.cluster = cluster;
    // Kept by reference: the cluster may add features (e.g. Windows pools) after attaching.
    this.clusterFeatures = cluster.features;
    if (cluster.publicIngressController) {
      Annotations.of(this).addWarning(
        `${this.subject}: cluster ${cluster.path} creates a public load balancer behind the firewall; replies leave through the firewall and are dropped (asymmetric routing). Use an internal controller and addDnat()`,
      );
    }
    this.ensureFeatureGroup();
  }

  /** The catalogue as it stands (cluster location, private flag and features included). */
  public catalogue(): EgressCatalogue {
    return EgressCatalogue.forCluster({
      cloud: this.cloud,
      location: this.cluster?.location ?? this.network.location,
      privateCluster: this.cluster?.privateCluster ?? false,
      features: [...this.features, ...this.clusterFeatures],
      useFqdnTag: this.props.useFqdnTag,
      ntp: this.props.ntp ?? NtpRule.OMIT,
    });
  }

  private ensureFeatureGroup(): void {
    this.ruleGroup('Features', PRIORITY.features, () =>
      renderCatalogueGroup(
        'aks-features',
        PRIORITY.features,
        this.catalogue().entries.filter((e) => e.feature),
        this.sources(),
      ),
    );
  }

  private sources() {
    return sourceFields(
      this.subject,
      this.ipGroup ? { ipGroupIds: [this.ipGroup.id] } : { addresses: this.sourceCidrs() },
    );
  }

  /** Node and pod subnets: where cluster traffic comes from (overlay pods are SNAT'd to node IPs). */
  private sourceCidrs(): string[] {
    const n = this.network;
    return [n.nodeSubnet.cidr, ...(n.podSubnet ? [n.podSubnet.cidr] : [])];
  }

  private createRoutes(pips: PublicIp[]): { table: RouteTable; dependencies: ITerraformDependable[] } {
    const table = new azurerm.RouteTable(this, 'RouteTable', {
      name: `rt-${this.baseName}`,
      location: this.network.location,
      resourceGroupName: this.network.resourceGroupName,
      bgpRoutePropagationEnabled: this.props.bgpRoutePropagation ?? false,
      tags: this.props.tags,
    });
    // Routes as azurerm_route only, never inline: kubenet clusters add their pod routes to this table,
    // and an inline route set would remove them on the next apply.
    const route = (id: string, name: string, addressPrefix: string, nextHopInIpAddress?: string) =>
      new azurerm.Route(this, id, {
        name,
        resourceGroupName: this.network.resourceGroupName,
        routeTableName: table.name,
        addressPrefix,
        nextHopType: nextHopInIpAddress ? 'VirtualAppliance' : 'Internet',
        nextHopInIpAddress,
      });
    const routes = [
      route('RouteDefault', 'default-via-firewall', '0.0.0.0/0', this.firewallPrivateIp),
      // Replies to DNAT'd clients leave via the firewall's public IP, not the default route.
      ...pips.map((pip, i) =>
        route(`RouteFirewallPip${i + 1}`, `firewall-pip-${i + 1}-internet`, `${pip.ipAddress}/32`),
      ),
    ];
    const n = this.network;
    const subnets = [n.nodeSubnet, n.podSubnet, n.ingressSubnet].filter(
      (s): s is NetworkSubnet => s !== undefined,
    );
    const associations = subnets.map(
      (s) =>
        new azurerm.SubnetRouteTableAssociation(this, `RouteTableAssociation-${s.name}`, {
          subnetId: s.id,
          routeTableId: table.id,
        }),
    );
    // AKS checks the default route when it creates a UDR cluster, so the routes are dependencies too.
    return { table, dependencies: [...associations, ...routes] };
  }

  private ruleGroup(id: string, priority: number, render: () => RuleCollectionGroupInput): void {
    if (this.groups.has(id)) {
      return;
    }
    const group = new azurerm.ruleCollectionGroup.FirewallPolicyRuleCollectionGroup(this, `RuleGroup${id}`, {
      name: `rcg-${id.toLowerCase()}`,
      firewallPolicyId: this.firewallPolicyId,
      priority,
      networkRuleCollection: Lazy.anyValue({
        produce: () =>
          render().networkRuleCollection?.map(
            azurerm.ruleCollectionGroup.firewallPolicyRuleCollectionGroupNetworkRuleCollectionToTerraform,
          ),
      }),
      applicationRuleCollection: Lazy.anyValue({
        produce: () =>
          render().applicationRuleCollection?.map(
            azurerm.ruleCollectionGroup.firewallPolicyRuleCollectionGroupApplicationRuleCollectionToTerraform,
          ),
      }),
      natRuleCollection: Lazy.anyValue({
        produce: () =>
          render().natRuleCollection?.map(
            azurerm.ruleCollectionGroup.firewallPolicyRuleCollectionGroupNatRuleCollectionToTerraform,
          ),
      }),
    });
    this.groups.set(id, group);
  }

  private requireDnsProxy(what: string): void {
    if (!this.dnsProxy) {
      fail(
        this.subject,
        `${what} names an FQDN in a network rule, which needs the firewall DNS proxy, but dnsProxy is off`,
        'enable dnsProxy (Standard or Premium), or allow NTP with NtpRule.ANY_ADDRESS',
      );
    }
    if (!this.dnsPointed) {
      // FQDN network rules only match when nodes resolve names through the firewall.
      this.network.useDnsServers([this.firewallPrivateIp]);
      this.dnsPointed = true;
    }
  }

  private checkTier(tier: FirewallTier, threatIntel: ThreatIntelMode): void {
    if (tier !== FirewallTier.BASIC) {
      return;
    }
    if (this.props.dnsProxy) {
      fail(
        this.subject,
        'dnsProxy true on the Basic tier, which has no DNS proxy',
        'set tier FirewallTier.STANDARD, or leave dnsProxy unset',
      );
    }
    if (threatIntel === ThreatIntelMode.DENY) {
      fail(
        this.subject,
        'threatIntelMode Deny on the Basic tier, which can only alert',
        'use ThreatIntelMode.ALERT or tier FirewallTier.STANDARD',
      );
    }
    if (this.props.managementSubnetPrefixLength === undefined) {
      fail(
        this.subject,
        'tier Basic needs AzureFirewallManagementSubnet and a management public IP, and managementSubnetPrefixLength is not set',
        'set managementSubnetPrefixLength: 26, or use FirewallTier.STANDARD',
      );
    }
  }

  private warnOptOuts(threatIntel: ThreatIntelMode): void {
    const warn = (m: string) => Annotations.of(this).addWarning(`${this.subject}: ${m}`);
    if (threatIntel !== ThreatIntelMode.DENY) {
      warn(`threatIntelMode ${threatIntel}: traffic to known-malicious addresses is not blocked`);
    }
    if (this.props.dnsProxy === false) {
      warn(
        'dnsProxy off: FQDN network rules are unavailable and FQDN filtering may resolve differently from the nodes',
      );
    }
    if (this.props.bgpRoutePropagation) {
      warn('bgpRoutePropagation on: routes learned over BGP can bypass the firewall');
    }
  }
}
