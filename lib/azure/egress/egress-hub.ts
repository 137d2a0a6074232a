import { Construct } from 'constructs';
import { azurerm, type PrivateDnsZone as PrivateDnsZoneResource } from '../../core/azurerm';
import { AksNetworkError } from '../../core/errors';
import { checkEnum, checkString } from '../../core/inputs';
import { nameFromId } from '../../core/naming';
import { useProvider } from '../../core/providers';
import { applyTags } from '../../core/tags';
import { AddressPlan, FIREWALL_SUBNET_MAX_PREFIX } from '../../plan/address-plan';
import { FIREWALL_POLICY_LIMITS } from '../../plan/firewall-policy';
import { PrivateDnsZone } from '../cluster/access';
import { AzureCloud } from '../contracts';
import { NetworkSubnet } from '../network/cluster-network';
import { EgressSpoke } from './egress-spoke';
import { EgressHubAttributes, EgressHubProps, EgressSpokeOptions, IEgressHub } from './hub-props';
import { FIREWALL_MANAGEMENT_SUBNET_NAME, FIREWALL_SUBNET_NAME } from './placement';
import { checkSubnetHasNoFirewall, createFirewallCore } from './private/firewall';
import { SpokeRegistry } from './private/hub-registry';
import { ImportedEgressHub } from './private/imported-hub';
import { FirewallTier, SECURE_EGRESS_DEFAULTS, ThreatIntelMode } from './secure-egress-props';
import { checkedStack } from '../private/stack-checks';

/**
 * The hub of a landing zone: a hub VNet with Azure Firewall, its policy and public IPs, that any
 * number of spoke networks join (`EgressSpoke`), in this stack or in others. Each spoke brings its own
 * route table, peering and one rule collection group; the firewall of this stack is created after
 * the groups of this stack. Spokes in other stacks, or of other teams, join by reference
 * (`hub.toAttributes()`, `EgressHub.fromAttributes()`).
 *
 * @see https://learn.microsoft.com/azure/architecture/networking/architecture/hub-spoke
 * @see https://learn.microsoft.com/azure/aks/limit-egress-traffic
 */
export class EgressHub extends Construct implements IEgressHub {
  /**
   * A hub that exists already (another team's firewall, or an `EgressHub` of another stack given as
   * `hub.toAttributes()`): spokes joining it add only their own rule collection group, route table
   * and peering, never anything of the hub's.
   */
  public static fromAttributes(scope: Construct, id: string, attributes: EgressHubAttributes): IEgressHub {
    return new ImportedEgressHub(scope, id, attributes);
  }

  public readonly location: string;
  public readonly servedRegions: string[];
  public readonly cloud: AzureCloud;
  public readonly firewallPrivateIp: string;
  public readonly firewallPolicyId: string;
  public readonly publicIps: string[];
  public readonly firewallSubnetCidr: string;
  public readonly dnsProxy: boolean;
  public readonly hubVnetId: string;
  public readonly hubVnetName: string;
  public readonly hubResourceGroupName: string;
  public readonly hubAddressSpaces: string[];
  /** The firewall subnet. */
  public readonly firewallSubnet: NetworkSubnet;
  /** The firewall tier. */
  public readonly tier: FirewallTier;
  /** @internal the AzureFirewallSubnet this firewall occupies (one firewall per subnet) */
  public readonly _firewallSubnetId: string;
  /** @internal the spokes that joined */
  public readonly _spokes: SpokeRegistry;

  private readonly baseName: string;
  private readonly groupLimit: number;
  private readonly additionalRegions: string[];
  private readonly dnsZones = new Map<string, PrivateDnsZoneResource>();

  constructor(scope: Construct, id: string, props: EgressHubProps) {
    super(scope, id);
    checkedStack(this);
    for (const prop of ['location', 'addressSpace', 'resourceGroupName', 'vnetName'] as const) {
      checkString(this, prop, props?.[prop]);
    }
    checkEnum(this, 'cloud', props.cloud, AzureCloud, 'AzureCloud');
    checkEnum(this, 'tier', props.tier, FirewallTier, 'FirewallTier');
    checkEnum(this, 'threatIntelMode', props.threatIntelMode, ThreatIntelMode, 'ThreatIntelMode');
    this.baseName = props.namePrefix ?? nameFromId(id);
    this.location = props.location;
    this.additionalRegions = [...(props.additionalSpokeRegions ?? [])];
    this.servedRegions = [this.location, ...this.additionalRegions];
    this.cloud = props.cloud ?? SECURE_EGRESS_DEFAULTS.cloud;
    this.tier = props.tier ?? SECURE_EGRESS_DEFAULTS.tier;
    this.groupLimit = props.ruleCollectionGroupLimit ?? FIREWALL_POLICY_LIMITS.ruleCollectionGroups;

    const plan = new AddressPlan({ vnetAddressSpaces: [props.addressSpace] }, this);
    const firewallPlan = plan.carveSubnet(
      FIREWALL_SUBNET_NAME,
      props.firewallSubnetPrefixLength ?? FIREWALL_SUBNET_MAX_PREFIX,
      this,
    );
    const managementPlan =
      props.managementSubnetPrefixLength !== undefined
        ? plan.carveSubnet(FIREWALL_MANAGEMENT_SUBNET_NAME, props.managementSubnetPrefixLength, this)
        : undefined;
    if (this.tier === FirewallTier.BASIC && !managementPlan) {
      throw new AksNetworkError(
        `tier Basic needs ${FIREWALL_MANAGEMENT_SUBNET_NAME} and a management public IP`,
        'set managementSubnetPrefixLength: 26, or use FirewallTier.STANDARD',
        this,
      );
    }

    const rgName = props.resourceGroupName ?? `rg-${this.baseName}`;
    this.hubResourceGroupName =
      (props.createResourceGroup ?? true)
        ? new azurerm.ResourceGroup(this, 'ResourceGroup', { name: rgName, location: this.location }).name
        : rgName;
    const vnet = new azurerm.VirtualNetwork(this, 'VirtualNetwork', {
      name: props.vnetName ?? `vnet-${this.baseName}`,
      location: this.location,
      resourceGroupName: this.hubResourceGroupName,
      addressSpace: plan.vnetAddressSpaces,
    });
    this.hubVnetId = vnet.id;
    this.hubVnetName = vnet.name;
    this.hubAddressSpaces = plan.vnetAddressSpaces;
    const subnet = (planned: { name: string; cidr: string }): NetworkSubnet => ({
      name: planned.name,
      cidr: planned.cidr,
      id: new azurerm.Subnet(this, `Subnet-${planned.name}`, {
        name: planned.name,
        resourceGroupName: this.hubResourceGroupName,
        virtualNetworkName: vnet.name,
        addressPrefixes: [planned.cidr],
      }).id,
    });
    this.firewallSubnet = subnet(firewallPlan);
    this.firewallSubnetCidr = firewallPlan.cidr;
    checkSubnetHasNoFirewall(this, this.firewallSubnet.id);
    this._firewallSubnetId = this.firewallSubnet.id;

    const core = createFirewallCore(this, {
      baseName: this.baseName,
      location: this.location,
      resourceGroupName: this.hubResourceGroupName,
      tier: this.tier,
      publicIpCount: props.publicIpCount ?? SECURE_EGRESS_DEFAULTS.publicIpCount,
      zones: props.zones,
      dnsProxy: props.dnsProxy,
      threatIntelMode: props.threatIntelMode,
      firewallSubnet: this.firewallSubnet,
      managementSubnet: managementPlan && subnet(managementPlan),
    });
    this.firewallPrivateIp = core.privateIp;
    this.firewallPolicyId = core.policyId;
    this.publicIps = core.publicIps.map((p) => p.ipAddress);
    this.dnsProxy = core.dnsProxy;
    this._spokes = new SpokeRegistry({
      hub: this,
      location: this.location,
      servedRegions: this.servedRegions,
      hubSpaces: this.hubAddressSpaces,
      publicIpCount: this.publicIps.length,
      groupLimit: this.groupLimit,
      inUse: { names: [], priorities: [], groups: 0, spaces: [] },
      firewall: core.firewall,
    });
    useProvider(this, props.provider);
    applyTags(this, props.tags);
    this.node.addValidation({ validate: () => this._spokes.problems() });
  }

  /**
   * A spoke of this hub next to it (in the hub's scope, so in its stack) — the same as
   * `new EgressSpoke(scope, id, { hub, ...options })`, which also joins from other stacks.
   */
  public addSpoke(id: string, options: EgressSpokeOptions): EgressSpoke {
    return new EgressSpoke(this.node.scope as Construct, id, { ...options, hub: this });
  }

  /**
   * The private DNS zone for the API servers of private clusters in `location`
   * (`privatelink.<location>.azmk8s.io`), created in the hub and linked to the hub VNet, so that the
   * firewall's DNS proxy (the spokes' DNS server) resolves them. Give it to each private cluster as
   * `ApiServerAccess.privateCluster({ privateDnsZone })`; the cluster identity then gets Private DNS
   * Zone Contributor on it and Network Contributor on its VNet (AKS links the zone there too).
   * @param location the clusters' region
   * @see https://learn.microsoft.com/azure/aks/private-clusters#hub-and-spoke-with-custom-dns-for-private-aks-clusters
   */
  public apiServerDnsZone(location?: string): PrivateDnsZone {
    const region = location ?? this.location;
    let zone = this.dnsZones.get(region);
    if (!zone) {
      const suffix =
        this.cloud === AzureCloud.CHINA
          ? 'cx.prod.service.azk8s.cn'
          : this.cloud === AzureCloud.US_GOVERNMENT
            ? 'cx.aks.containerservice.azure.us'
            : 'azmk8s.io';
      zone = new azurerm.PrivateDnsZone(this, `ApiServerDnsZone-${region}`, {
        name: `privatelink.${region}.${suffix}`,
        resourceGroupName: this.hubResourceGroupName,
      });
      new azurerm.PrivateDnsZoneVirtualNetworkLink(this, `ApiServerDnsZoneLink-${region}`, {
        name: `link-${this.baseName}`,
        resourceGroupName: this.hubResourceGroupName,
        privateDnsZoneName: zone.name,
        virtualNetworkId: this.hubVnetId,
        registrationEnabled: false,
      });
      this.dnsZones.set(region, zone);
    }
    return PrivateDnsZone.fromZoneId(zone.id);
  }

  /**
   * The hub as plain values for a spoke in another stack (`EgressHub.fromAttributes`): cdktf turns
   * them into cross-stack references, so deploy this stack first. The spokes' address spaces and rule
   * group names and priorities are those of the spokes that joined before this call.
   */
  public toAttributes(): EgressHubAttributes {
    return {
      location: this.location,
      cloud: this.cloud,
      firewallPrivateIp: this.firewallPrivateIp,
      firewallPolicyId: this.firewallPolicyId,
      publicIps: [...this.publicIps],
      firewallSubnetCidr: this.firewallSubnetCidr,
      dnsProxy: this.dnsProxy,
      hubVnetId: this.hubVnetId,
      hubVnetName: this.hubVnetName,
      hubResourceGroupName: this.hubResourceGroupName,
      hubAddressSpaces: [...this.hubAddressSpaces],
      additionalSpokeRegions: [...this.additionalRegions],
      spokeAddressSpaces: this._spokes.spokeSpaces(),
      rulePrioritiesInUse: this._spokes.entries.map((s) => s.priority),
      ruleGroupNamesInUse: this._spokes.entries.map((s) => s.groupName),
      ruleCollectionGroupLimit: this.groupLimit,
    };
  }
}
