// One complete cluster per network model, each in its own stack with its own network.
import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import * as cdk8s from 'cdk8s';
import { App, TerraformStack } from 'cdktf';
import {
  AksCluster,
  ApiServerAccess,
  ClusterNetwork,
  ClusterOutbound,
  NetworkModel,
  NodeOsSku,
  PolicyEngine,
  SecurityRules,
} from '../../lib';
import { exampleStack, runExamples } from '../run';

const LOCATION = 'westeurope';

function stackFor(app: App, name: string): TerraformStack {
  return exampleStack(app, `network-models-${name}`);
}

export function build(app: App): cdk8s.App[] {
  // kubenet (legacy, warns): Calico policies, AKS-managed route table, at most 400 nodes.
  new AksCluster(stackFor(app, 'kubenet'), 'Aks', {
    location: LOCATION,
    addressSpace: '10.10.0.0/16',
    networkModel: NetworkModel.kubenet({ podCidr: '10.244.0.0/16' }),
  });

  // Flat Azure CNI on the node subnet: every node reserves max pods + 1 addresses, so a /21.
  const nodeSubnet = new AksCluster(stackFor(app, 'cni-node-subnet'), 'Aks', {
    location: LOCATION,
    addressSpace: '10.20.0.0/16',
    nodeSubnetPrefixLength: 21,
    networkModel: NetworkModel.azureCniNodeSubnet(),
  });
  nodeSubnet.addNodePool('apps', { minNodes: 2, maxNodes: 20 });
  nodeSubnet.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022, minNodes: 1, maxNodes: 5 });

  // Azure CNI with a pod subnet, egress through a NAT gateway on the node subnet.
  const podSubnetStack = stackFor(app, 'cni-pod-subnet');
  const network = new ClusterNetwork(podSubnetStack, 'Network', {
    location: LOCATION,
    addressSpace: '10.30.0.0/16',
    resourceGroupName: 'rg-network-models-pod-subnet',
    vnetName: 'vnet-network-models-pod-subnet',
    podSubnetPrefixLength: 19,
  });
  const natIp = new PublicIp(podSubnetStack, 'NatIp', {
    name: 'pip-nat-pod-subnet',
    location: LOCATION,
    resourceGroupName: network.resourceGroupName,
    allocationMethod: 'Static',
    sku: 'Standard',
    zones: ['1'],
  });
  const nat = new NatGateway(podSubnetStack, 'Nat', {
    name: 'ng-pod-subnet',
    location: LOCATION,
    resourceGroupName: network.resourceGroupName,
    skuName: 'Standard',
    zones: ['1'],
  });
  new NatGatewayPublicIpAssociation(podSubnetStack, 'NatIpAssociation', {
    natGatewayId: nat.id,
    publicIpAddressId: natIp.id,
  });
  const natAssociation = new SubnetNatGatewayAssociation(podSubnetStack, 'NatSubnetAssociation', {
    subnetId: network.nodeSubnet.id,
    natGatewayId: nat.id,
  });
  new AksCluster(podSubnetStack, 'Aks', {
    network,
    networkModel: NetworkModel.azureCniPodSubnet(),
    outbound: ClusterOutbound.userAssignedNatGateway({ natGatewayAssociation: natAssociation }),
  }).addNodePool('apps', { minNodes: 2, maxNodes: 30, maxPods: 110 });

  // Azure CNI Overlay (the recommended default): public API limited to an office range, Windows pool.
  const overlay = new AksCluster(stackFor(app, 'cni-overlay'), 'Aks', {
    location: LOCATION,
    addressSpace: '10.40.0.0/16',
    ingressSubnetPrefixLength: 28,
    networkModel: NetworkModel.azureCniOverlay({ podCidr: '100.64.0.0/16' }),
    policyEngine: PolicyEngine.CALICO,
    apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24']),
  });
  overlay.addNodePool('apps', { minNodes: 2, maxNodes: 50 });
  overlay.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022, minNodes: 1, maxNodes: 5 });

  // Azure CNI powered by Cilium on overlay, network isolated (images from the AKS artifact cache).
  new AksCluster(stackFor(app, 'cilium'), 'Aks', {
    location: LOCATION,
    addressSpace: '10.50.0.0/16',
    networkModel: NetworkModel.cilium({ podCidr: '100.65.0.0/16' }),
    outbound: ClusterOutbound.none(),
  }).addNodePool('apps', { minNodes: 2, maxNodes: 50 });

  // Bring your own CNI (warns): install the CNI right after the cluster is created.
  const byo = new AksCluster(stackFor(app, 'byo-cni'), 'Aks', {
    location: LOCATION,
    addressSpace: '10.60.0.0/16',
    networkModel: NetworkModel.byoCni({ podCidr: '10.245.0.0/16' }),
  });
  // AKS runs no policy engine with BYO CNI: the CNI installed after the cluster (e.g. Cilium OSS
  // or Calico) enforces NetworkPolicies, so the rule's check of network_policy does not apply.
  SecurityRules.suppress(byo, 'AKSNET-AZ-004', 'BYO CNI: the self-installed CNI enforces NetworkPolicies');

  return [];
}

if (require.main === module) {
  runExamples([build]);
}
