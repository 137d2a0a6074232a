// The firewall of a SecureEgress or an EgressHub: public IPs, policy and Azure Firewall, created under
// the given scope with the same construct ids for both, and the checks both make.
import { Construct, IConstruct } from 'constructs';
import { azurerm, type Firewall, type PublicIp } from '../../../core/azurerm';
import { AksNetworkError } from '../../../core/errors';
import { warn } from '../../../core/warnings';
import { FIREWALL_POLICY_LIMITS } from '../../../plan/firewall-policy';
import { zonesFor } from '../../../plan/regions';
import { NetworkSubnet } from '../../network/cluster-network';
import { FirewallTier, ThreatIntelMode } from '../secure-egress-props';

/** What the firewall is built from. */
export interface FirewallSpec {
  readonly baseName: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly tier: FirewallTier;
  readonly publicIpCount: number;
  /** Explicit zones, checked against the region — default: the region's. */
  readonly zones?: string[];
  readonly dnsProxy?: boolean;
  readonly threatIntelMode?: ThreatIntelMode;
  readonly firewallSubnet: NetworkSubnet;
  readonly managementSubnet?: NetworkSubnet;
}

/** The firewall as plain values and the resources others refer to. */
export interface FirewallCore {
  readonly firewall: Firewall;
  readonly publicIps: PublicIp[];
  readonly policyId: string;
  readonly privateIp: string;
  readonly dnsProxy: boolean;
  readonly threatIntelMode: ThreatIntelMode;
}

/** Name of the property a construct hosting a firewall carries: the id of its AzureFirewallSubnet. */
const HOSTED_SUBNET = '_firewallSubnetId';

/**
 * Refuse a second firewall in an `AzureFirewallSubnet` that already has one: every construct of the
 * app that hosts (or imports) a firewall names its subnet id.
 */
export function checkSubnetHasNoFirewall(scope: IConstruct, subnetId: string): void {
  const other = scope.node.root.node
    .findAll()
    .find((c) => c !== scope && (c as unknown as Record<string, unknown>)[HOSTED_SUBNET] === subnetId);
  if (other) {
    throw new AksNetworkError(
      `${other.node.path} already has a firewall in this AzureFirewallSubnet, and a subnet holds one firewall`,
      'let further clusters join that firewall as spokes (EgressHub + EgressSpoke, or EgressHub.fromAttributes for a firewall of another team) instead of creating a second one',
      scope,
    );
  }
}

export function createFirewallCore(scope: Construct, spec: FirewallSpec): FirewallCore {
  const basic = spec.tier === FirewallTier.BASIC;
  const dnsProxy = spec.dnsProxy ?? !basic;
  const threatIntel = spec.threatIntelMode ?? (basic ? ThreatIntelMode.ALERT : ThreatIntelMode.DENY);
  checkTier(scope, spec, threatIntel);
  const count = spec.publicIpCount;
  if (!Number.isInteger(count) || count < 1 || count > FIREWALL_POLICY_LIMITS.publicIps) {
    throw new AksNetworkError(
      `publicIpCount ${count} is out of range`,
      `use 1 to ${FIREWALL_POLICY_LIMITS.publicIps} (${FIREWALL_POLICY_LIMITS.recommendedPublicIps} or more in production)`,
      scope,
    );
  }
  const zones = zonesFor(spec.location, spec.zones, 'firewall and public IPs', scope);
  const publicIp = (id: string, name: string) =>
    new azurerm.PublicIp(scope, id, {
      name,
      location: spec.location,
      resourceGroupName: spec.resourceGroupName,
      allocationMethod: 'Static',
      sku: 'Standard',
      zones,
    });
  const pips = Array.from({ length: count }, (_, i) =>
    publicIp(i === 0 ? 'PublicIp' : `PublicIp${i + 1}`, `pip-${spec.baseName}-${i + 1}`),
  );

  // UNCERTAIN (facts §9.10): the policy SKU is set equal to the firewall tier; a Standard firewall
  // can't use Premium features and a Basic firewall only takes a Basic policy.
  const policy = new azurerm.FirewallPolicy(scope, 'Policy', {
    name: `afwp-${spec.baseName}`,
    location: spec.location,
    resourceGroupName: spec.resourceGroupName,
    sku: spec.tier,
    threatIntelligenceMode: threatIntel,
    // UNCERTAIN (facts §9.9): DNS is configured in the policy only, never on the firewall too.
    dns: basic ? undefined : { proxyEnabled: dnsProxy },
  });
  const firewall = new azurerm.Firewall(scope, 'Firewall', {
    name: `afw-${spec.baseName}`,
    location: spec.location,
    resourceGroupName: spec.resourceGroupName,
    skuName: 'AZFW_VNet',
    skuTier: spec.tier,
    firewallPolicyId: policy.id,
    zones,
    ipConfiguration: pips.map((pip, i) => ({
      name: `ipconfig-${i + 1}`,
      publicIpAddressId: pip.id,
      // exactly one ip_configuration carries the subnet
      subnetId: i === 0 ? spec.firewallSubnet.id : undefined,
    })),
    managementIpConfiguration: spec.managementSubnet
      ? {
          name: 'management',
          subnetId: spec.managementSubnet.id,
          publicIpAddressId: publicIp('ManagementPublicIp', `pip-${spec.baseName}-mgmt`).id,
        }
      : undefined,
  });
  warnOptOuts(scope, spec, threatIntel);
  return {
    firewall,
    publicIps: pips,
    policyId: policy.id,
    privateIp: firewall.ipConfiguration.get(0).privateIpAddress,
    dnsProxy,
    threatIntelMode: threatIntel,
  };
}

/**
 * Order a fresh deployment: the firewall is created after the rule collection groups of its stack,
 * so that no group is created or updated against a live firewall (each such update locks the policy
 * for minutes). Groups of other stacks cannot be ordered this way; Azure serializes them.
 */
export function firewallAfter(firewall: Firewall, group: { readonly fqn: string }): void {
  firewall.dependsOn = [...(firewall.dependsOn ?? []), group.fqn];
}

function checkTier(scope: IConstruct, spec: FirewallSpec, threatIntel: ThreatIntelMode): void {
  if (spec.tier !== FirewallTier.BASIC) {
    return;
  }
  if (spec.dnsProxy) {
    throw new AksNetworkError(
      'dnsProxy true on the Basic tier, which has no DNS proxy',
      'set tier FirewallTier.STANDARD, or leave dnsProxy unset',
      scope,
    );
  }
  if (threatIntel === ThreatIntelMode.DENY) {
    throw new AksNetworkError(
      'threatIntelMode Deny on the Basic tier, which can only alert',
      'use ThreatIntelMode.ALERT or tier FirewallTier.STANDARD',
      scope,
    );
  }
}

function warnOptOuts(scope: IConstruct, spec: FirewallSpec, threatIntel: ThreatIntelMode): void {
  if (threatIntel !== ThreatIntelMode.DENY) {
    warn(
      scope,
      `threatIntelMode ${threatIntel}: traffic to known-malicious addresses is not blocked`,
      'AKSNET-AZ-014',
    );
  }
  if (spec.dnsProxy === false) {
    warn(
      scope,
      'dnsProxy off: FQDN network rules are unavailable and FQDN filtering may resolve differently from the nodes',
      'AKSNET-AZ-015',
    );
  }
}
