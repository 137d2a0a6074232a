import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AksNetworkError } from '../../core/errors';
import { checkEnum, checkEnumList, checkInstance, checkShape, checkString } from '../../core/inputs';
import { nameFromId } from '../../core/naming';
import { applyTags } from '../../core/tags';
import { warn } from '../../core/warnings';
import { checkGroupPriority, checkGroupSize, derivedGroupPriority } from '../../plan/firewall-policy';
import { AzureCloud, EgressFeature, IClusterEgress, IEgressClient } from '../contracts';
import { IClusterNetwork } from '../network/cluster-network';
import { EgressCatalogue } from './catalogue/egress-catalogue';
import { EgressRuleEntry, NtpRule } from './catalogue/types';
import { EgressSpokeProps, IEgressHub, SpokePeering } from './hub-props';
import { ClusterRuleSet, clusterSourceCidrs } from './private/cluster-rules';
import { createRuleGroup, renderedGroupBytes } from './private/rule-group';
import { ingressEndpointOf } from './private/dnat';
import { SpokeRegistry } from './private/hub-registry';
import { createRoutes, peer } from './private/routing';
import { RuleCollectionGroupInput, renderClusterGroup, sourceFields } from './private/rules';
import { DnatOptions, IngressEndpoint } from './secure-egress-props';
import { EgressPort, EgressTarget } from './targets';
import { checkedStack } from '../private/stack-checks';

/**
 * A spoke network joining a hub's firewall (`EgressHub`, or a firewall of another team through
 * `EgressHub.fromAttributes`): its own route table (`0.0.0.0/0` → the firewall's private IP, each
 * firewall public IP `/32` → Internet) on the node, pod and ingress subnets, the peering with the hub
 * both ways, and its cluster's one rule collection group in the hub's policy, with the spoke's node and
 * pod subnets as sources. Give it to the spoke's `AksCluster` as `egress`.
 *
 * Nothing of the hub is created or changed; spokes of the same policy deploy one at a time (Azure
 * serializes rule collection group changes per policy).
 *
 * @see https://learn.microsoft.com/azure/architecture/networking/architecture/hub-spoke
 */
export class EgressSpoke extends Construct implements IClusterEgress {
  public readonly routeTableId: string;
  public readonly routeDependencies: ITerraformDependable[];
  public readonly egressPublicIps: string[];
  public readonly cloud: AzureCloud;
  /** The hub's firewall private IP (next hop, DNS proxy address). */
  public readonly firewallPrivateIp: string;
  /** The hub's `AzureFirewallSubnet` block: DNAT'd clients arrive from it (admit it on the load balancer). */
  public readonly firewallSubnetCidr: string;
  /** Name of the cluster's rule collection group in the hub's policy. */
  public readonly ruleGroupName: string;
  /** Its priority. */
  public readonly rulePriority: number;

  private readonly hub: IEgressHub;
  private readonly registry: SpokeRegistry;
  private readonly network: IClusterNetwork;
  private readonly rules: ClusterRuleSet;

  constructor(scope: Construct, id: string, props: EgressSpokeProps) {
    super(scope, id);
    checkedStack(this);
    checkPropKinds(this, props);
    const registry = (props.hub as unknown as { _spokes?: unknown })._spokes;
    if (!(registry instanceof SpokeRegistry)) {
      throw new AksNetworkError(
        'hub is not an EgressHub',
        'pass an EgressHub, or EgressHub.fromAttributes(...) for a hub of another stack or team',
        this,
      );
    }
    this.hub = props.hub;
    this.registry = registry;
    this.network = props.network;
    this.cloud = this.hub.cloud;
    this.firewallPrivateIp = this.hub.firewallPrivateIp;
    this.firewallSubnetCidr = this.hub.firewallSubnetCidr;
    this.egressPublicIps = [...this.hub.publicIps];
    const baseName = props.namePrefix ?? nameFromId(id);
    this.ruleGroupName = props.ruleGroupName ?? `rcg-${baseName}`;
    this.rulePriority = props.rulePriority ?? derivedGroupPriority(this.ruleGroupName);
    checkGroupPriority(this.rulePriority, this);
    registry.register({
      spoke: this,
      groupName: this.ruleGroupName,
      priority: this.rulePriority,
      network: this.network,
    });

    const routing = createRoutes(this, {
      baseName,
      network: this.network,
      firewallPrivateIp: this.firewallPrivateIp,
      firewallPublicIps: this.egressPublicIps,
      bgpRoutePropagation: props.bgpRoutePropagation ?? false,
    });
    const peering = props.peering ?? SpokePeering.bothWays();
    const peerings = peer(this, {
      spoke: {
        vnetName: this.network.vnetName,
        resourceGroupName: this.network.vnetResourceGroupName,
        vnetId: this.network.vnetId,
      },
      hub: {
        vnetName: this.hub.hubVnetName,
        resourceGroupName: this.hub.hubResourceGroupName,
        vnetId: this.hub.hubVnetId,
      },
      spokeToHubName: `peer-${this.network.vnetName}-to-hub`,
      hubToSpokeName: `peer-hub-to-${this.network.vnetName}`,
      hubSide: peering.hubSide,
      hubProvider: props.hubProvider,
    });
    if (!peering.hubSide) {
      warn(
        this,
        "only the spoke side of the peering is created: traffic reaches the firewall once the hub's owners peer the hub VNet with this one (peer-hub-to-<spoke VNet name>)",
      );
    }
    this.rules = new ClusterRuleSet(this, {
      cloud: this.cloud,
      dnsProxy: this.hub.dnsProxy,
      features: [...(props.features ?? [])],
      useFqdnTag: props.useFqdnTag,
      ntp: props.ntp,
      network: this.network,
      firewallPrivateIp: this.firewallPrivateIp,
      publicIps: this.egressPublicIps,
      localRanges: [...this.network.plan.vnetAddressSpaces, ...this.hub.hubAddressSpaces],
      firewallInClusterVnet: false,
    });
    const group = createRuleGroup(this, 'RuleGroup', {
      name: this.ruleGroupName,
      firewallPolicyId: this.hub.firewallPolicyId,
      priority: this.rulePriority,
      render: () => this.renderGroup(),
      provider: props.hubProvider,
    });
    registry.ruleGroupCreated(group);
    this.routeTableId = routing.table.id;
    // the nodes reach the firewall through the peering, and need their rules in place to bootstrap
    this.routeDependencies = [...routing.dependencies, ...peerings, group];
    if (props.bgpRoutePropagation) {
      warn(this, 'bgpRoutePropagation on: routes learned over BGP can bypass the firewall');
    }
    applyTags(this, props.tags);
    this.node.addValidation({ validate: () => this.problems() });
  }

  /**
   * Allow the spoke's cluster to reach a destination (application rules for HTTP/HTTPS/MSSQL, network
   * rules for TCP/UDP), in its own rule collection group.
   */
  public allow(target: EgressTarget, port: EgressPort, name?: string): void {
    this.rules.allow(target, port, name);
  }

  /** The address the spoke's internal ingress load balancer should use (last usable of its ingress subnet). */
  public ingressEndpoint(): IngressEndpoint {
    return ingressEndpointOf(this, this.network, 'the spoke network');
  }

  /**
   * Forward a public port of one of the hub's public IPs to the spoke's internal ingress. A port of a
   * public IP forwards to one spoke only: give each spoke's ingress its own public IP (`publicIpIndex`).
   */
  public addDnat(options: DnatOptions): void {
    const rule = this.rules.addDnat(options, this.ingressEndpoint());
    this.registry.claimDnat(this, rule.publicIpIndex, options.publicPort, rule.name);
  }

  /** The private addresses the DNAT rules translate to. */
  public get dnatTranslatedAddresses(): string[] {
    return this.rules.dnatTranslatedAddresses;
  }

  public attachCluster(cluster: IEgressClient): void {
    this.rules.attach(cluster, this.network);
  }

  /**
   * Every rule the hub firewall allows for this spoke's cluster, as plain entries: the catalogue's
   * (the cluster's features included) and the user's (for cross-layer checks).
   */
  public get allowedRules(): EgressRuleEntry[] {
    return this.rules.allowed;
  }

  /** The catalogue as it stands (cluster location, private flag and features included). */
  public catalogue(): EgressCatalogue {
    return this.rules.catalogue();
  }

  private renderGroup(): RuleCollectionGroupInput {
    const sources = sourceFields(this, { addresses: clusterSourceCidrs(this.network) });
    return renderClusterGroup(this.ruleGroupName, this.rulePriority, this.rules.rules(), sources);
  }

  private problems(): string[] {
    const size = checkGroupSize(this.ruleGroupName, renderedGroupBytes(this.renderGroup()));
    if (size.warning) warn(this, size.warning);
    const proxyOff =
      this.rules.fqdnNetworkRules.length > 0 && !this.hub.dnsProxy
        ? [
            `${this.rules.fqdnNetworkRules[0]} is an FQDN network rule, but the hub's policy runs no DNS proxy`,
          ]
        : [];
    return [
      ...proxyOff,
      ...this.rules.dnsProblems(),
      ...this.rules.privateZoneProblems(
        `give the cluster a privatelink.<region>.azmk8s.io zone linked to the hub: ApiServerAccess.privateCluster({ privateDnsZone: hub.apiServerDnsZone() }) (or PrivateDnsZone.fromZoneId of such a zone of the platform team)`,
      ),
      ...(size.error ? [size.error] : []),
    ];
  }
}

function checkPropKinds(scope: EgressSpoke, props: EgressSpokeProps): void {
  checkShape(
    scope,
    'hub',
    props?.hub ?? {},
    ['firewallPrivateIp', 'firewallPolicyId', 'hubVnetId'],
    'an EgressHub, or EgressHub.fromAttributes(...)',
  );
  checkShape(
    scope,
    'network',
    props.network ?? {},
    ['plan', 'nodeSubnet', 'vnetId'],
    'a ClusterNetwork or ExistingClusterNetwork',
  );
  checkInstance(scope, 'peering', props.peering, SpokePeering, 'SpokePeering.bothWays() or spokeSideOnly()');
  checkEnum(scope, 'ntp', props.ntp, NtpRule, 'NtpRule');
  checkEnumList(scope, 'features', props.features, EgressFeature, 'EgressFeature');
  checkString(scope, 'ruleGroupName', props.ruleGroupName);
}
