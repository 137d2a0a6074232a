// One complete cluster per network model, each in its own stack with its own network.
import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
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
import { exampleStack, manifestsFor, runExamples } from '../run';

const LOCATION = 'westeurope';
const APP_NAMESPACE = 'apps';
/** The network-isolated cluster's image cache, an ACR that exists already. */
const BOOTSTRAP_REGISTRY_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared-registry/providers/Microsoft.ContainerRegistry/registries/acrsharedcache';

/**
 * The workload side of each cluster: an `apps` namespace that denies all traffic except DNS, which
 * every model's engine enforces (on BYO CNI, the CNI you install does).
 */
function baselineManifests(stackName: string): cdk8s.App {
  const k8s = manifestsFor(stackName);
  const chart = new cdk8s.Chart(k8s, 'baseline', { namespace: APP_NAMESPACE });
  new cdk8s.ApiObject(chart, 'DefaultDeny', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  new cdk8s.ApiObject(chart, 'AllowDns', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-dns' },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  });
  return k8s;
}

/** A Log Analytics workspace for Container Insights, in its own resource group. */
function logsFor(stack: TerraformStack): string {
  const name = stack.node.id;
  const rg = new ResourceGroup(stack, 'MonitoringGroup', {
    name: `rg-${name}-monitoring`,
    location: LOCATION,
  });
  return new LogAnalyticsWorkspace(stack, 'Logs', {
    name: `log-${name}`,
    location: LOCATION,
    resourceGroupName: rg.name,
    sku: 'PerGB2018',
    retentionInDays: 30,
    // the agent authenticates with the cluster's managed identity, so workspace keys stay off
    localAuthenticationEnabled: false,
  }).id;
}

export function build(app: App): cdk8s.App[] {
  const stackNames: string[] = [];
  const stackFor = (name: string): TerraformStack => {
    const stack = exampleStack(app, `network-models-${name}`);
    stackNames.push(stack.node.id);
    return stack;
  };

  // kubenet (legacy, warns): Calico policies, AKS-managed route table, at most 400 nodes.
  const kubenetStack = stackFor('kubenet');
  const kubenet = new AksCluster(kubenetStack, 'Aks', {
    logAnalyticsWorkspaceId: logsFor(kubenetStack),
    location: LOCATION,
    addressSpace: '10.10.0.0/16',
    networkModel: NetworkModel.kubenet({ podCidr: '10.244.0.0/16' }),
  });
  kubenet.addNodePool('apps', { minNodes: 2, maxNodes: 20 });

  // Flat Azure CNI on the node subnet: every node reserves max pods + 1 addresses, so a /21.
  const nodeSubnetStack = stackFor('cni-node-subnet');
  const nodeSubnet = new AksCluster(nodeSubnetStack, 'Aks', {
    logAnalyticsWorkspaceId: logsFor(nodeSubnetStack),
    location: LOCATION,
    addressSpace: '10.20.0.0/16',
    nodeSubnetPrefixLength: 21,
    networkModel: NetworkModel.azureCniNodeSubnet(),
  });
  nodeSubnet.addNodePool('apps', { minNodes: 2, maxNodes: 20 });
  nodeSubnet.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022, minNodes: 1, maxNodes: 5 });

  // Azure CNI with a pod subnet, egress through a NAT gateway on the node subnet.
  const podSubnetStack = stackFor('cni-pod-subnet');
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
  const podSubnet = new AksCluster(podSubnetStack, 'Aks', {
    logAnalyticsWorkspaceId: logsFor(podSubnetStack),
    network,
    networkModel: NetworkModel.azureCniPodSubnet(),
    outbound: ClusterOutbound.userAssignedNatGateway({ natGatewayAssociation: natAssociation }),
  });
  podSubnet.addNodePool('apps', { minNodes: 2, maxNodes: 30, maxPods: 110 });

  // Azure CNI Overlay (the recommended default): public API limited to an office range, Windows pool.
  const overlayStack = stackFor('cni-overlay');
  const overlay = new AksCluster(overlayStack, 'Aks', {
    logAnalyticsWorkspaceId: logsFor(overlayStack),
    location: LOCATION,
    addressSpace: '10.40.0.0/16',
    ingressSubnetPrefixLength: 28,
    networkModel: NetworkModel.azureCniOverlay({ podCidr: '100.64.0.0/16' }),
    policyEngine: PolicyEngine.CALICO,
    apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24']),
  });
  overlay.addNodePool('apps', { minNodes: 2, maxNodes: 50 });
  overlay.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022, minNodes: 1, maxNodes: 5 });

  // Azure CNI powered by Cilium on overlay, network isolated: images come through a registry prepared
  // beforehand (Premium ACR with a private endpoint in this VNet and a cache rule for mcr.microsoft.com).
  const cilium = new AksCluster(stackFor('cilium'), 'Aks', {
    location: LOCATION,
    addressSpace: '10.50.0.0/16',
    networkModel: NetworkModel.cilium({ podCidr: '100.65.0.0/16' }),
    outbound: ClusterOutbound.none({ containerRegistryId: BOOTSTRAP_REGISTRY_ID }),
  });
  cilium.addNodePool('apps', { minNodes: 2, maxNodes: 50 });
  SecurityRules.suppress(
    cilium,
    'AKSNET-AZ-012',
    'network isolated: Container Insights needs an Azure Monitor private link scope, outside this example',
  );

  // Bring your own CNI (warns): install the CNI right after the cluster is created.
  const byoStack = stackFor('byo-cni');
  const byo = new AksCluster(byoStack, 'Aks', {
    logAnalyticsWorkspaceId: logsFor(byoStack),
    location: LOCATION,
    addressSpace: '10.60.0.0/16',
    networkModel: NetworkModel.byoCni({ podCidr: '10.245.0.0/16' }),
  });
  byo.addNodePool('apps', { minNodes: 2, maxNodes: 20 });

  // one cdk8s app per cluster, each bound to its cluster for the cross-layer checks
  const clusters = [kubenet, nodeSubnet, podSubnet, overlay, cilium, byo];
  return stackNames.map((name, i) => {
    const manifests = baselineManifests(name);
    clusters[i].bindManifests(manifests);
    return manifests;
  });
}

if (require.main === module) {
  runExamples([build]);
}
