import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { PolicyEngine } from '../../../plan/policy-engine';
import { ClusterOutbound } from '../access';
import { NetworkModel } from '../network-model';
import { ClusterWarning } from './cluster-warning';

/** Azure NPM retired on Windows on this date. @see https://learn.microsoft.com/azure/aks/use-network-policies */
export const NPM_WINDOWS_RETIREMENT = '2026-09-30';
/** Azure NPM supports at most this many Linux nodes. */
export const NPM_MAX_NODES = 250;

/**
 * Check that model and policy engine go together (facts: NPM ⇒ Azure CNI — Cilium engine ⇔ Cilium
 * data plane — BYO CNI has no engine — kubenet takes Calico only). Returns warnings.
 */
export function checkPolicyEngine(
  scope: IConstruct,
  model: NetworkModel,
  engine: PolicyEngine,
): ClusterWarning[] {
  if (!model.allowedPolicyEngines.includes(engine)) {
    const fix =
      engine === PolicyEngine.CILIUM
        ? 'the Cilium engine needs the Cilium data plane: use NetworkModel.cilium()'
        : `use one of ${model.allowedPolicyEngines.map((e) => e.name).join(', ')} with ${model.name}`;
    throw new AksNetworkError(
      `policy engine ${engine.name} does not run on network model ${model.name}`,
      fix,
      scope,
    );
  }
  const warnings: ClusterWarning[] = [];
  if (engine === PolicyEngine.AZURE_NPM) {
    warnings.push(
      'Azure Network Policy Manager retires on Linux 2028-09-30 (Windows 2026-09-30) and lacks endPort; use PolicyEngine.CALICO or NetworkModel.cilium() instead',
    );
  }
  if (engine === PolicyEngine.NONE && !model.bringsOwnCni) {
    // rule AKSNET-AZ-004 judges it too (an error unless suppressed): settled at synthesis, shown once
    warnings.push({
      message:
        'no policy engine: NetworkPolicies are accepted but not enforced; use PolicyEngine.CALICO or NetworkModel.cilium()',
      ruleId: 'AKSNET-AZ-004',
    });
  }
  return warnings;
}

/** Inputs of `renderNetworkProfile`. */
export interface NetworkProfileInput {
  readonly model: NetworkModel;
  readonly engine: PolicyEngine;
  readonly outbound: ClusterOutbound;
  readonly serviceCidr: string;
  readonly dnsServiceIp: string;
  readonly advancedNetworking?: { observabilityEnabled: boolean; securityEnabled: boolean };
}

/**
 * The `network_profile` block, always emitted (an omitted block means kubenet to the provider):
 * the model and the outbound choice render their own parts — `network_policy` is omitted for no
 * engine (the provider rejects `none`).
 *
 * UNCERTAIN (facts §9.1-3, 18), decided: the block is always emitted because an omitted block means
 * kubenet to the provider; `network_plugin_mode` is written explicitly because azurerm ≤4.65 may not
 * send a later change; `network_policy` is set at creation (with Cilium too, rather than relying on
 * the AKS default) because a later ""→engine update may be skipped under userDefinedRouting.
 */
export function renderNetworkProfile(input: NetworkProfileInput) {
  const { model, engine, outbound } = input;
  return {
    ...model._renderNetworkProfile(),
    networkPolicy: engine === PolicyEngine.NONE ? undefined : engine.name,
    serviceCidr: input.serviceCidr,
    dnsServiceIp: input.dnsServiceIp,
    ipVersions: ['IPv4'],
    loadBalancerSku: 'standard',
    ...outbound._renderNetworkProfile(),
    advancedNetworking: input.advancedNetworking,
  };
}
