import {
  azurerm,
  type FirewallPolicyRuleCollectionGroup,
  type IpGroup,
  type PublicIp,
  type RouteTable,
} from '../../core/azurerm';
import { ITerraformDependable, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { AksNetworkError } from '../../core/errors';
import { checkEnum, checkEnumList, checkInstance, checkShape } from '../../core/inputs';
import { nameFromId } from '../../core/naming';
import { applyTags } from '../../core/tags';
import { warn } from '../../core/warnings';
import { AzureCloud, EgressFeature, IClusterEgress, IEgressClient } from '../contracts';
import { IClusterNetwork, NetworkSubnet } from '../network/cluster-network';
import { EgressCatalogue } from './catalogue/egress-catalogue';
import { EgressDestinationKind, EgressRuleEntry, EgressRuleKind, NtpRule } from './catalogue/types';
import { FIREWALL_MANAGEMENT_SUBNET_NAME, FirewallPlacement } from './placement';
import { checkTranslatedIp, pickIngressIp } from './private/dnat';
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

  private readonly props: SecureEgressProps;
  private readonly network: IClusterNetwork;
  private readonly dnsProxy: boolean;
  private readonly features: EgressFeature[];
  private readonly userRules: EgressRuleEntry[] = [];
  private readonly dnatRules: NatRule[] = [];
  private readonly groups = new Map<string, FirewallPolicyRuleCollectionGroup>();
  private readonly baseName: string;
  private cluster?: IEgressClient;
  private readonly fqdnNetworkRules: string[] = [];
  private readonly ipGroup?: IpGroup;

  constructor(scope: Construct, id: string, props: SecureEgressProps) {
    super(scope, id);
    checkPropKinds(this, props);
    this.props = props;
    this.network = props.network;
    this.cloud = props.cloud ?? SECURE_EGRESS_DEFAULTS.cloud;
    this.features = [...(props.features ?? [])];
    this.baseName = props.namePrefix ?? nameFromId(id);
    const tier = props.tier ?? SECURE_EGRESS_DEFAULTS.tier;
    const basic = tier === FirewallTier.BASIC;
    this.dnsProxy = props.dnsProxy ?? !basic;
    const threatIntel =
      props.threatIntelMode ?? (basic ? ThreatIntelMode.ALERT : SECURE_EGRESS_DEFAULTS.threatIntelMode);
    this.checkTier(tier, threatIntel);
    const publicIpCount = props.publicIpCount ?? SECURE_EGRESS_DEFAULTS.publicIpCount;
    if (!Number.isInteger(publicIpCount) || publicIpCount < 1 || publicIpCount > 250) {
      throw new AksNetworkError(
        `publicIpCount ${publicIpCount} is out of range`,
        'use 1 to 250 (20 or more in production)',
        this,
      );
    }

    const subnets = (props.placement ?? FirewallPlacement.clusterVnet())._subnets(
      this,
      this.network,
      this.baseName,
    );
    if (basic && !subnets.management) {
      throw new AksNetworkError(
        `tier Basic needs ${FIREWALL_MANAGEMENT_SUBNET_NAME} and a management public IP, and the placement has none`,
        'set firewallManagementSubnetPrefixLength: 26 on the ClusterNetwork (or managementSubnetPrefixLength in FirewallPlacement.hub()), or use FirewallTier.STANDARD',
        this,
      );
    }
    this.firewallSubnet = subnets.firewall;

    const zones = [...(props.zones ?? SECURE_EGRESS_DEFAULTS.zones)];
    const publicIp = (id: string, name: string) =>
      new azurerm.PublicIp(this, id, {
        name,
        location: this.network.location,
        resourceGroupName: this.network.resourceGroupName,
        allocationMethod: 'Static',
        sku: 'Standard',
        zones,
      });
    const pips = Array.from({ length: publicIpCount }, (_, i) =>
      publicIp(i === 0 ? 'PublicIp' : `PublicIp${i + 1}`, `pip-${this.baseName}-${i + 1}`),
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
            publicIpAddressId: publicIp('ManagementPublicIp', `pip-${this.baseName}-mgmt`).id,
          }
        : undefined,
    });
    this.firewallPrivateIp = firewall.ipConfiguration.get(0).privateIpAddress;

    if (props.sourceIpGroup) {
      this.ipGroup = new azurerm.IpGroup(this, 'SourceIpGroup', {
        name: `ipg-${this.baseName}`,
        location: this.network.location,
        resourceGroupName: this.network.resourceGroupName,
        cidrs: this.sourceCidrs(),
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
    applyTags(this, props.tags);
    this.node.addValidation({ validate: () => this.checkDnsPointsHere() });
  }

  /**
   * Allow the cluster to reach a destination. HTTP/HTTPS/MSSQL ports become application rules,
   * TCP/UDP ports network rules. Ids derive from `name`, so keep it stable.
   */
  public allow(target: EgressTarget, port: EgressPort, name?: string): void {
    const ruleName = name ?? `user-${this.userRules.length + 1}`;
    if (this.userRules.some((r) => r.name === ruleName)) {
      throw new AksNetworkError(
        `egress rule name ${ruleName} is used twice`,
        'give each allow() a distinct name',
        this,
      );
    }
    const entry = userRuleEntry(this, { name: ruleName, target, port }, this.dnsProxy);
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
      throw new AksNetworkError(
        'the cluster network has no ingress subnet',
        'set ingressSubnetPrefixLength on the ClusterNetwork, e.g. 27',
        this,
      );
    }
    return { privateIp: pickIngressIp(subnet.cidr), subnetName: subnet.name, subnetCidr: subnet.cidr };
  }

  /** Forward a public port of the firewall's first public IP to a private address (the internal ingress). */
  public addDnat(options: DnatOptions): void {
    const endpoint = this.ingressEndpoint();
    const privateIp = options.privateIp ?? endpoint.privateIp;
    checkTranslatedIp(this, privateIp, endpoint.subnetName, endpoint.subnetCidr);
    for (const [what, port] of [
      ['publicPort', options.publicPort],
      ['privatePort', options.privatePort],
    ] as const) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new AksNetworkError(`DNAT ${what} ${port} is out of range`, 'use 1-65535', this);
      }
    }
    const clash = this.dnatRules.find((r) => r.destinationPorts[0] === String(options.publicPort));
    if (clash) {
      throw new AksNetworkError(
        `DNAT public port ${options.publicPort} is already used by ${clash.name}`,
        'pick another public port',
        this,
      );
    }
    const sourceAddresses = options.sourceAddresses ?? ['*'];
    if (options.sourceAddresses === undefined) {
      warn(
        this,
        `DNAT port ${options.publicPort} accepts any client; DNAT rules implicitly allow what they translate, so set sourceAddresses to the client ranges`,
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

  public attachCluster(cluster: IEgressClient): void {
    if (this.cluster) {
      throw new AksNetworkError(
        `cluster ${cluster.node.path} attached, but ${this.cluster.node.path} already uses this egress path`,
        'give each cluster its own SecureEgress',
        this,
      );
    }
    this.cluster = cluster;
    this.ensureFeatureGroup();
  }

  /** The catalogue as it stands (cluster location, private flag and features included). */
  public catalogue(): EgressCatalogue {
    return EgressCatalogue.forCluster({
      cloud: this.cloud,
      location: this.cluster?.location ?? this.network.location,
      privateCluster: this.cluster?.privateCluster ?? false,
      apiServerVnetIntegrated: this.cluster?.apiServerVnetIntegrated ?? false,
      // read when the rules render: the cluster's pools may still add features after attaching
      features: [...this.features, ...(this.cluster?.egressFeatures ?? [])],
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
      this,
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
      throw new AksNetworkError(
        `${what} names an FQDN in a network rule, which needs the firewall DNS proxy, but dnsProxy is off`,
        'enable dnsProxy (Standard or Premium), or allow NTP with NtpRule.ANY_ADDRESS',
        this,
      );
    }
    this.fqdnNetworkRules.push(what);
  }

  /** FQDN network rules only match when the nodes resolve names through the firewall's DNS proxy. */
  private checkDnsPointsHere(): string[] {
    if (this.fqdnNetworkRules.length === 0 || this.network.dnsServers.includes(this.firewallPrivateIp)) {
      return [];
    }
    return [
      `${this.fqdnNetworkRules[0]} is an FQDN network rule, which matches only when the nodes resolve names through the firewall's DNS proxy, but the network's DNS servers are ${this.network.dnsServers.join(', ') || 'Azure-provided'}; point them at the firewall: network.useDnsServers([egress.firewallPrivateIp])`,
    ];
  }

  private checkTier(tier: FirewallTier, threatIntel: ThreatIntelMode): void {
    if (tier !== FirewallTier.BASIC) {
      return;
    }
    if (this.props.dnsProxy) {
      throw new AksNetworkError(
        'dnsProxy true on the Basic tier, which has no DNS proxy',
        'set tier FirewallTier.STANDARD, or leave dnsProxy unset',
        this,
      );
    }
    if (threatIntel === ThreatIntelMode.DENY) {
      throw new AksNetworkError(
        'threatIntelMode Deny on the Basic tier, which can only alert',
        'use ThreatIntelMode.ALERT or tier FirewallTier.STANDARD',
        this,
      );
    }
  }

  private warnOptOuts(threatIntel: ThreatIntelMode): void {
    if (threatIntel !== ThreatIntelMode.DENY) {
      warn(this, `threatIntelMode ${threatIntel}: traffic to known-malicious addresses is not blocked`);
    }
    if (this.props.dnsProxy === false) {
      warn(
        this,
        'dnsProxy off: FQDN network rules are unavailable and FQDN filtering may resolve differently from the nodes',
      );
    }
    if (this.props.bgpRoutePropagation) {
      warn(this, 'bgpRoutePropagation on: routes learned over BGP can bypass the firewall');
    }
  }
}

/** The kinds of the props TypeScript would have checked (JavaScript and jsii languages pass anything). */
function checkPropKinds(scope: SecureEgress, props: SecureEgressProps): void {
  checkShape(
    scope,
    'network',
    props?.network ?? {},
    ['plan', 'nodeSubnet', 'vnetId'],
    'a ClusterNetwork or ExistingClusterNetwork',
  );
  checkEnum(scope, 'cloud', props.cloud, AzureCloud, 'AzureCloud');
  checkEnum(scope, 'tier', props.tier, FirewallTier, 'FirewallTier');
  checkEnum(scope, 'threatIntelMode', props.threatIntelMode, ThreatIntelMode, 'ThreatIntelMode');
  checkEnum(scope, 'ntp', props.ntp, NtpRule, 'NtpRule');
  checkEnumList(scope, 'features', props.features, EgressFeature, 'EgressFeature');
  checkInstance(
    scope,
    'placement',
    props.placement,
    FirewallPlacement,
    'a FirewallPlacement factory, e.g. FirewallPlacement.clusterVnet()',
  );
}
