import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { azurerm, type IpGroup } from '../../core/azurerm';
import { AksNetworkError } from '../../core/errors';
import { checkEnum, checkEnumList, checkInstance, checkShape } from '../../core/inputs';
import { nameFromId } from '../../core/naming';
import { applyTags } from '../../core/tags';
import { warn } from '../../core/warnings';
import { checkGroupPriority, checkGroupSize } from '../../plan/firewall-policy';
import { Cidr } from '../../plan/cidr';
import { AzureCloud, EgressFeature, IClusterEgress, IEgressClient } from '../contracts';
import { IClusterNetwork, NetworkSubnet } from '../network/cluster-network';
import { checkedStack } from '../private/stack-checks';
import { checkLocation } from '../regions';
import { EgressCatalogue } from './catalogue/egress-catalogue';
import { EgressRuleEntry, NtpRule } from './catalogue/types';
import { FIREWALL_MANAGEMENT_SUBNET_NAME, FirewallPlacement } from './placement';
import { ClusterRuleSet, clusterSourceCidrs } from './private/cluster-rules';
import { createRuleGroup, renderedGroupBytes } from './private/rule-group';
import { ingressEndpointOf } from './private/dnat';
import { checkSubnetHasNoFirewall, createFirewallCore, firewallAfter } from './private/firewall';
import { createRoutes } from './private/routing';
import {
  LEGACY_PRIORITY,
  RuleCollectionGroupInput,
  renderCatalogueGroup,
  renderClusterGroup,
  renderDnatGroup,
  renderUserGroup,
  sourceFields,
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
 * The cluster's rules live in one rule collection group (collections DNAT → network → application),
 * and the firewall is created after it: a fresh deployment never updates a rule group against a live
 * firewall, which locks the policy for minutes per update.
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
  /** The firewall policy id (add your own rule collection groups to it, at priorities below 1000). */
  public readonly firewallPolicyId: string;
  /** The firewall subnet. */
  public readonly firewallSubnet: NetworkSubnet;
  /** Name of the cluster's rule collection group. */
  public readonly ruleGroupName: string;
  /** Priority of the cluster's rule collection group. */
  public readonly ruleGroupPriority: number;
  /** @internal the AzureFirewallSubnet this firewall occupies (one firewall per subnet) */
  public readonly _firewallSubnetId: string;

  private readonly props: SecureEgressProps;
  private readonly network: IClusterNetwork;
  private readonly rules: ClusterRuleSet;
  private readonly legacyGroups = new Set<string>();
  private readonly baseName: string;
  private readonly ipGroup?: IpGroup;

  constructor(scope: Construct, id: string, props: SecureEgressProps) {
    super(scope, id);
    checkedStack(this);
    checkPropKinds(this, props);
    this.props = props;
    this.network = props.network;
    this.cloud = props.cloud ?? SECURE_EGRESS_DEFAULTS.cloud;
    checkLocation(this, this.network.location, this.cloud, { warnUnknown: false });
    this.baseName = props.namePrefix ?? nameFromId(id);
    const tier = props.tier ?? SECURE_EGRESS_DEFAULTS.tier;
    const subnets = (props.placement ?? FirewallPlacement.clusterVnet())._subnets(
      this,
      this.network,
      this.baseName,
    );
    if (tier === FirewallTier.BASIC && !subnets.management) {
      throw new AksNetworkError(
        `tier Basic needs ${FIREWALL_MANAGEMENT_SUBNET_NAME} and a management public IP, and the placement has none`,
        'set firewallManagementSubnetPrefixLength: 26 on the ClusterNetwork (or managementSubnetPrefixLength in FirewallPlacement.hub()), or use FirewallTier.STANDARD',
        this,
      );
    }
    this.firewallSubnet = subnets.firewall;
    checkSubnetHasNoFirewall(this, subnets.firewall.id);
    this._firewallSubnetId = subnets.firewall.id;

    const core = createFirewallCore(this, {
      baseName: this.baseName,
      location: this.network.location,
      resourceGroupName: this.network.resourceGroupName,
      tier,
      publicIpCount: props.publicIpCount ?? SECURE_EGRESS_DEFAULTS.publicIpCount,
      zones: props.zones,
      dnsProxy: props.dnsProxy,
      threatIntelMode: props.threatIntelMode,
      firewallSubnet: subnets.firewall,
      managementSubnet: subnets.management,
    });
    this.egressPublicIps = core.publicIps.map((p) => p.ipAddress);
    this.firewallPolicyId = core.policyId;
    this.firewallPrivateIp = core.privateIp;

    if (props.sourceIpGroup) {
      this.ipGroup = new azurerm.IpGroup(this, 'SourceIpGroup', {
        name: `ipg-${this.baseName}`,
        location: this.network.location,
        resourceGroupName: this.network.resourceGroupName,
        cidrs: clusterSourceCidrs(this.network),
      });
    }
    const routing = createRoutes(this, {
      baseName: this.baseName,
      network: this.network,
      firewallPrivateIp: this.firewallPrivateIp,
      firewallPublicIps: this.egressPublicIps,
      bgpRoutePropagation: props.bgpRoutePropagation ?? false,
    });
    this.routeTableId = routing.table.id;
    this.routeDependencies = routing.dependencies;

    this.rules = new ClusterRuleSet(this, {
      cloud: this.cloud,
      dnsProxy: core.dnsProxy,
      features: [...(props.features ?? [])],
      useFqdnTag: props.useFqdnTag,
      ntp: props.ntp,
      network: this.network,
      firewallPrivateIp: this.firewallPrivateIp,
      publicIps: this.egressPublicIps,
      localRanges: this.network.plan.vnetAddressSpaces,
      firewallInClusterVnet: this.network.plan.vnetAddressSpaces.some((s) =>
        Cidr.parse(s).contains(Cidr.parse(subnets.firewall.cidr)),
      ),
    });
    this.ruleGroupName = `rcg-${this.baseName}`;
    this.ruleGroupPriority = props.ruleGroupPriority ?? SECURE_EGRESS_DEFAULTS.ruleGroupPriority;
    checkGroupPriority(this.ruleGroupPriority, this);
    const group = createRuleGroup(this, 'RuleGroup', {
      name: this.ruleGroupName,
      firewallPolicyId: this.firewallPolicyId,
      priority: this.ruleGroupPriority,
      render: () => this.renderGroup(),
    });
    firewallAfter(core.firewall, group);
    if (props.keepLegacyRuleGroups) {
      this.keepLegacyGroup('Platform');
      if ((props.features ?? []).length > 0) this.keepLegacyGroup('Features');
    }
    if (props.bgpRoutePropagation) {
      warn(this, 'bgpRoutePropagation on: routes learned over BGP can bypass the firewall');
    }
    applyTags(this, props.tags);
    this.node.addValidation({ validate: () => this.problems() });
  }

  /**
   * Allow the cluster to reach a destination. HTTP/HTTPS/MSSQL ports become application rules,
   * TCP/UDP ports network rules. Ids derive from `name`, so keep it stable. The whole Internet (or
   * much of its public space) is refused; wildcards over multi-tenant services warn.
   */
  public allow(target: EgressTarget, port: EgressPort, name?: string): void {
    this.rules.allow(target, port, name);
    this.keepLegacyGroup('User');
  }

  /**
   * The address the internal ingress load balancer should use: the ingress subnet's last usable address,
   * chosen at synth time so it can go into Kubernetes manifests.
   */
  public ingressEndpoint(): IngressEndpoint {
    return ingressEndpointOf(this, this.network, 'the cluster network');
  }

  /** Forward a public port of one of the firewall's public IPs to a private address (the internal ingress). */
  public addDnat(options: DnatOptions): void {
    this.rules.addDnat(options, this.ingressEndpoint());
    this.keepLegacyGroup('Dnat');
  }

  /** The private addresses the DNAT rules translate to (for cross-layer checks against the manifests). */
  public get dnatTranslatedAddresses(): string[] {
    return this.rules.dnatTranslatedAddresses;
  }

  public attachCluster(cluster: IEgressClient): void {
    this.rules.attach(cluster, this.network);
    this.keepLegacyGroup('Features');
  }

  /**
   * Every rule the firewall policy allows for the cluster, as plain entries: the catalogue's (the
   * cluster's features included) and the user's, read when asked (for cross-layer checks, e.g. that
   * the FQDNs pod policies allow are allowed here too).
   */
  public get allowedRules(): EgressRuleEntry[] {
    return this.rules.allowed;
  }

  /** The catalogue as it stands (cluster location, private flag and features included). */
  public catalogue(): EgressCatalogue {
    return this.rules.catalogue();
  }

  private renderGroup(): RuleCollectionGroupInput {
    return renderClusterGroup(this.ruleGroupName, this.ruleGroupPriority, this.rules.rules(), this.sources());
  }

  /**
   * The group of the four-group layout, unchanged, while `keepLegacyRuleGroups` migrates a deployment:
   * each appears when it did before (platform always, features with features or a cluster, user with
   * the first rule, DNAT with the first DNAT rule).
   */
  private keepLegacyGroup(id: 'Platform' | 'Features' | 'User' | 'Dnat'): void {
    if (!this.props.keepLegacyRuleGroups || this.legacyGroups.has(id)) {
      return;
    }
    this.legacyGroups.add(id);
    const render = (): RuleCollectionGroupInput => {
      const rules = this.rules.rules();
      switch (id) {
        case 'Dnat':
          return renderDnatGroup('dnat', rules.dnat);
        case 'User':
          return renderUserGroup('user', LEGACY_PRIORITY.user, rules.user, this.sources());
        case 'Platform':
          return renderCatalogueGroup(
            'aks-platform',
            LEGACY_PRIORITY.platform,
            rules.platform,
            this.sources(),
          );
        case 'Features':
          return renderCatalogueGroup(
            'aks-features',
            LEGACY_PRIORITY.features,
            rules.features,
            this.sources(),
          );
      }
    };
    const priority = {
      Dnat: LEGACY_PRIORITY.dnat,
      User: LEGACY_PRIORITY.user,
      Platform: LEGACY_PRIORITY.platform,
      Features: LEGACY_PRIORITY.features,
    }[id];
    createRuleGroup(this, `RuleGroup${id}`, {
      name: `rcg-${id.toLowerCase()}`,
      firewallPolicyId: this.firewallPolicyId,
      priority,
      render,
    });
  }

  private sources() {
    return sourceFields(
      this,
      this.ipGroup ? { ipGroupIds: [this.ipGroup.id] } : { addresses: clusterSourceCidrs(this.network) },
    );
  }

  private problems(): string[] {
    const size = checkGroupSize(this.ruleGroupName, renderedGroupBytes(this.renderGroup()));
    if (size.warning) warn(this, size.warning);
    return [
      ...this.rules.dnsProblems(),
      ...this.rules.privateZoneProblems(
        'put the firewall into a hub with EgressHub and give the cluster PrivateDnsZone.fromZoneId(...) of a privatelink.<region>.azmk8s.io zone linked to the hub (hub.apiServerDnsZone()), or use PrivateDnsZone.NONE with your own records',
      ),
      ...(size.error ? [size.error] : []),
    ];
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
