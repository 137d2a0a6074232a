import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { AddressPlan } from '../../../plan/address-plan';
import { PolicyEngine } from '../../../plan/policy-engine';
import { IClusterNetwork } from '../../network/cluster-network';
import { NetworkModel } from '../network-model';
import { NPM_MAX_NODES } from './network-profile';
import { ResolvedPool } from './node-pool';

/** What the cluster-wide capacity check looks at. */
export interface ClusterDemand {
  readonly plan: AddressPlan;
  readonly network: IClusterNetwork;
  readonly model: NetworkModel;
  readonly engine: PolicyEngine;
  readonly pools: ResolvedPool[];
  readonly internalLoadBalancerIps: number;
  /** Whether the cluster is on the Free tier (at most 1,000 nodes). */
  readonly freeTier: boolean;
}

/** Free tier clusters hold at most this many nodes. @see https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers */
export const FREE_TIER_MAX_NODES = 1000;

/**
 * Check every pool (max nodes + surge, max pods) against the address plan under the model's pod
 * addressing, then the node limits of the engine and the model. Throws with the cluster's path.
 */
export function checkClusterCapacity(scope: IConstruct, demand: ClusterDemand): void {
  const { model, network, pools } = demand;
  demand.plan.checkCapacity(
    {
      addressing: model.podAddressing,
      internalLoadBalancerIps: demand.internalLoadBalancerIps,
      pools: pools.map((p) => ({
        name: p.name,
        nodeSubnetName: network.nodeSubnet.name,
        podSubnetName: model.usesPodSubnet ? network.podSubnet?.name : undefined,
        maxNodes: p.maxNodes,
        maxSurgeNodes: p.maxSurgeNodes,
        maxPods: p.maxPods,
      })),
    },
    scope,
  );
  const nodes = pools.reduce((sum, p) => sum + p.maxNodes + p.maxSurgeNodes, 0);
  if (demand.engine === PolicyEngine.AZURE_NPM && nodes > NPM_MAX_NODES) {
    throw new AksNetworkError(
      `Azure NPM with ${nodes} nodes (max nodes + surge)`,
      `NPM supports at most ${NPM_MAX_NODES} nodes; use PolicyEngine.CALICO or NetworkModel.cilium()`,
      scope,
    );
  }
  if (demand.freeTier && nodes > FREE_TIER_MAX_NODES) {
    throw new AksNetworkError(
      `${nodes} nodes (max nodes + surge) exceed the ${FREE_TIER_MAX_NODES}-node limit of the Free tier`,
      'use ClusterSkuTier.STANDARD or lower max nodes',
      scope,
    );
  }
  if (nodes > model.maxNodes) {
    throw new AksNetworkError(
      `${nodes} nodes (max nodes + surge) exceed the ${model.maxNodes}-node limit of ${model.name}`,
      'lower max nodes',
      scope,
    );
  }
}
