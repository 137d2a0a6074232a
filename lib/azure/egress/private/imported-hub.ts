// A hub this app does not create (`EgressHub.fromAttributes`): its values as given, and the registry
// its spokes join.
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { checkEnum, checkString } from '../../../core/inputs';
import { Cidr } from '../../../plan/cidr';
import { FIREWALL_POLICY_LIMITS } from '../../../plan/firewall-policy';
import { AzureCloud } from '../../contracts';
import { EgressHubAttributes, IEgressHub } from '../hub-props';
import { checkSubnetHasNoFirewall } from './firewall';
import { SpokeRegistry } from './hub-registry';

/** A hub this app does not create: its values as given. */
export class ImportedEgressHub extends Construct implements IEgressHub {
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
  /** @internal the AzureFirewallSubnet the imported firewall occupies, when known */
  public readonly _firewallSubnetId?: string;
  /** @internal the spokes that joined through this reference */
  public readonly _spokes: SpokeRegistry;

  constructor(scope: Construct, id: string, a: EgressHubAttributes) {
    super(scope, id);
    for (const prop of [
      'location',
      'firewallPrivateIp',
      'firewallPolicyId',
      'firewallSubnetCidr',
      'hubVnetId',
      'hubVnetName',
      'hubResourceGroupName',
    ] as const) {
      checkString(this, prop, a?.[prop]);
      if (!a?.[prop]) {
        throw new AksNetworkError(
          `the hub attributes have no ${prop}`,
          prop.startsWith('hub')
            ? 'give the hub VNet: every spoke is peered with it (a spoke that is not peered cannot reach the firewall)'
            : `give the hub's ${prop} (hub.toAttributes() of an EgressHub, or the value from the platform team)`,
          this,
        );
      }
    }
    checkEnum(this, 'cloud', a.cloud, AzureCloud, 'AzureCloud');
    const spaces = a.hubAddressSpaces ?? [];
    if (spaces.length === 0 || spaces.some((s) => Token.isUnresolved(s))) {
      throw new AksNetworkError(
        `hubAddressSpaces is ${spaces.length === 0 ? 'empty' : 'an unresolved reference'}`,
        "give the hub VNet's address spaces as plain CIDRs (the address plan is checked at synth time)",
        this,
      );
    }
    spaces.forEach((s) => Cidr.parse(s, this));
    if (!Token.isUnresolved(a.firewallSubnetCidr)) Cidr.parse(a.firewallSubnetCidr, this);
    if ((a.publicIps ?? []).length === 0) {
      throw new AksNetworkError(
        'the hub attributes have no publicIps',
        "give the firewall's public IPs (the spokes route them to Internet and DNAT to them)",
        this,
      );
    }
    this.location = a.location;
    this.servedRegions = [a.location, ...(a.additionalSpokeRegions ?? [])];
    this.cloud = a.cloud ?? AzureCloud.PUBLIC;
    this.firewallPrivateIp = a.firewallPrivateIp;
    this.firewallPolicyId = a.firewallPolicyId;
    this.publicIps = [...a.publicIps];
    this.firewallSubnetCidr = a.firewallSubnetCidr;
    this.dnsProxy = a.dnsProxy ?? true;
    this.hubVnetId = a.hubVnetId;
    this.hubVnetName = a.hubVnetName;
    this.hubResourceGroupName = a.hubResourceGroupName;
    this.hubAddressSpaces = [...spaces];
    if (a.firewallSubnetId !== undefined) {
      checkSubnetHasNoFirewall(this, a.firewallSubnetId);
      this._firewallSubnetId = a.firewallSubnetId;
    }
    const names = [...(a.ruleGroupNamesInUse ?? [])];
    this._spokes = new SpokeRegistry({
      hub: this,
      location: this.location,
      servedRegions: this.servedRegions,
      hubSpaces: this.hubAddressSpaces,
      publicIpCount: this.publicIps.length,
      groupLimit: a.ruleCollectionGroupLimit ?? FIREWALL_POLICY_LIMITS.ruleCollectionGroups,
      inUse: {
        names,
        priorities: [...(a.rulePrioritiesInUse ?? [])],
        groups: Math.max(a.ruleCollectionGroupsInUse ?? 0, names.length),
        spaces: [...(a.spokeAddressSpaces ?? [])],
      },
    });
    this.node.addValidation({ validate: () => this._spokes.problems() });
  }
}
