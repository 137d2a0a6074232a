import { fail } from '../../../core/errors';
import { PolicyEngine } from '../../../plan/policy-engine';
import { ClusterOutbound } from '../access';
import { NetworkModel } from '../network-model';

/** Azure NPM retired on Windows on this date. @see https://learn.microsoft.com/azure/aks/use-network-policies */
export const NPM_WINDOWS_RETIREMENT = '2026-09-30';
/** Azure NPM supports at most this many Linux nodes. */
export const NPM_MAX_NODES = 250;

/**
 * Check that model and policy engine go together (facts: NPM ⇒ Azure CNI; Cilium engine ⇔ Cilium
 * data plane; BYO CNI has no engine; kubenet takes Calico only). Returns warnings.
 */
export function checkPolicyEngine(subject: string, model: NetworkModel, engine: PolicyEngine): string[] {
  if (!model.allowedPolicyEngines.includes(engine)) {
    const fix =
      engine === PolicyEngine.CILIUM
        ? 'the Cilium engine needs the Cilium data plane: use NetworkModel.cilium()'
        : `use one of ${model.allowedPolicyEngines.map((e) => e.name).join(', ')} with ${model.name}`;
    fail(subject, `policy engine ${engine.name} does not run on network model ${model.name}`, fix);
  }
  const warnings: string[] = [];
  if (engine === PolicyEngine.AZURE_NPM) {
    warnings.push(
      'Azure Network Policy Manager retires on Linux 2028-09-30 (Windows 2026-09-30) and lacks endPort; use PolicyEngine.CALICO or NetworkModel.cilium() instead',
    );
  }
  if (engine === PolicyEngine.NONE && model.networkPlugin !== 'none') {
    warnings.push(
      'no policy engine: NetworkPolicies are accepted but not enforced; use PolicyEngine.CALICO or NetworkModel.cilium()',
    );
  }
  return warnings;
}

/** Inputs of {@link renderNetworkProfile}. */
export interface NetworkProfileInput {
  readonly model: NetworkModel;
  readonly engine: PolicyEngine;
  readonly outbound: ClusterOutbound;
  readonly serviceCidr: string;
  readonly dnsServiceIp: string;
  readonly advancedNetworking?: { observabilityEnabled: boolean; securityEnabled: boolean };
}

/**
 * The `network_profile` block, always emitted (an omitted block means kubenet to the provider).
 * `network_plugin_mode` only for overlay, `pod_cidr` only where the plugin accepts it,
 * `network_data_plane` only with the `azure` plugin, `network_policy` omitted for no engine
 * (the provider rejects `none`).
 *
 * UNCERTAIN (facts §9.1-3, 18), decided: the block is always emitted because an omitted block means
 * kubenet to the provider; `network_plugin_mode` is written explicitly because azurerm ≤4.65 may not
 * send a later change; `network_policy` is set at creation (with Cilium too, rather than relying on
 * the AKS default) because a later ""→engine update may be skipped under userDefinedRouting.
 */
export function renderNetworkProfile(input: NetworkProfileInput) {
  const { model, engine, outbound } = input;
  return {
    networkPlugin: model.networkPlugin,
    networkPluginMode: model.networkPluginMode,
    networkDataPlane: model.networkDataPlane,
    networkPolicy: engine === PolicyEngine.NONE ? undefined : engine.name,
    podCidr: model.podCidr,
    serviceCidr: input.serviceCidr,
    dnsServiceIp: input.dnsServiceIp,
    ipVersions: ['IPv4'],
    loadBalancerSku: 'standard',
    outboundType: outbound.outboundType,
    loadBalancerProfile:
      outbound.outboundType === 'loadBalancer'
        ? {
            managedOutboundIpCount: outbound.managedOutboundIpCount,
            idleTimeoutInMinutes: outbound.idleTimeoutMinutes,
          }
        : undefined,
    advancedNetworking: input.advancedNetworking,
    natGatewayProfile:
      outbound.outboundType === 'managedNATGateway'
        ? {
            managedOutboundIpCount: outbound.managedOutboundIpCount,
            idleTimeoutInMinutes: outbound.idleTimeoutMinutes,
          }
        : undefined,
  };
}

/** Check the outbound settings against their ranges and the cluster's network. */
export function checkOutbound(subject: string, outbound: ClusterOutbound, hasEgress: boolean): void {
  const range = (what: string, value: number | undefined, low: number, high: number): void => {
    if (value !== undefined && (!Number.isInteger(value) || value < low || value > high)) {
      fail(subject, `${outbound.outboundType} ${what} ${value} is out of range`, `use ${low}-${high}`);
    }
  };
  switch (outbound.outboundType) {
    case 'loadBalancer':
      range('managed outbound IP count', outbound.managedOutboundIpCount, 1, 100);
      range('idle timeout minutes', outbound.idleTimeoutMinutes, 4, 100);
      break;
    case 'managedNATGateway':
      fail(
        subject,
        'outbound type managedNATGateway with the cluster in your own VNet',
        'a managed NAT gateway is incompatible with custom VNets; create a NAT gateway on the node subnet and use ClusterOutbound.userAssignedNatGateway()',
      );
      break;
    case 'userDefinedRouting':
      if (!hasEgress) {
        fail(
          subject,
          'outbound type userDefinedRouting without an egress path',
          'give egress (e.g. a SecureEgress): it provides the route table, its firewall and the rules AKS needs',
        );
      }
      break;
  }
  if (hasEgress && outbound.outboundType !== 'userDefinedRouting') {
    fail(
      subject,
      `egress is given but outbound type is ${outbound.outboundType}`,
      'leave outbound unset (egress selects userDefinedRouting) or drop egress',
    );
  }
}
