import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { checkEnum, checkEnumList, checkInstance, checkShape, checkString } from '../../../core/inputs';
import { nameFromId } from '../../../core/naming';
import { DEFAULT_DNS_SERVICE_IP, DEFAULT_SERVICE_CIDR } from '../../../plan/address-plan';
import { Cidr } from '../../../plan/cidr';
import { PolicyEngine } from '../../../plan/policy-engine';
import { IClusterNetwork } from '../../network/cluster-network';
import { ApiServerAccess, ClusterOutbound, OutboundType } from '../access';
import { AksClusterProps } from '../aks-cluster-props';
import { EgressFeature } from '../../contracts';
import {
  AutoUpgradeChannel,
  ClusterSkuTier,
  LocalDnsMode,
  NginxControllerMode,
  NodeOsSku,
  NodeOsUpgradeChannel,
} from '../settings';
import { NetworkModel } from '../network-model';
import { checkAccess } from './cluster-checks';
import { ClusterWarning } from './cluster-warning';
import { resolveAcns, ResolvedAcns } from './features';
import { checkPolicyEngine } from './network-profile';
import { kubernetesVersionWarnings } from './versions';

/** AKS cluster name rule (1-63 characters). */
const CLUSTER_NAME = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][a-zA-Z0-9_-]{0,61}[a-zA-Z0-9]$/;
/** Props that only shape a network the cluster creates itself. */
const NETWORK_SHAPING_PROPS = [
  'location',
  'addressSpace',
  'nodeSubnetPrefixLength',
  'podSubnetPrefixLength',
  'ingressSubnetPrefixLength',
  'apiServerSubnetPrefixLength',
  'externalRanges',
] as const;

/** The cluster's choices with defaults filled in and every combination rule checked. */
export interface ClusterInputs {
  readonly clusterName: string;
  readonly model: NetworkModel;
  readonly engine: PolicyEngine;
  readonly outbound: ClusterOutbound;
  readonly access: ApiServerAccess;
  /** Firewall public IPs that join the authorized ranges of a restricted public API server. */
  readonly egressIps: string[];
  readonly acns?: ResolvedAcns;
  readonly warnings: ClusterWarning[];
}

/** Resolve and check everything that needs no network yet. */
export function resolveInputs(scope: IConstruct, id: string, props: AksClusterProps): ClusterInputs {
  checkPropKinds(scope, props);
  const model = props.networkModel ?? NetworkModel.azureCniOverlay();
  const warnings: ClusterWarning[] = model.warning
    ? [{ message: model.warning, ruleId: model._warningRule }]
    : [];
  const engine = props.policyEngine ?? model.defaultPolicyEngine;
  warnings.push(...checkPolicyEngine(scope, model, engine));
  const egress = props.egress;
  const outbound =
    props.outbound ?? (egress ? ClusterOutbound.userDefinedRouting() : ClusterOutbound.loadBalancer());
  const access = props.apiServerAccess ?? ApiServerAccess.privateCluster();
  outbound._checkFor(scope, {
    hasEgress: egress !== undefined,
    apiServerPrivateOrVnetIntegrated: access.isPrivate || access.vnetIntegration,
    networkModelName: model.name,
    nodeOsUpgradeChannel: props.nodeOsUpgradeChannel ?? NodeOsUpgradeChannel.NODE_IMAGE,
    clusterExtensions: (props.egressFeatures ?? []).includes(EgressFeature.CLUSTER_EXTENSIONS),
  });
  // Only a restricted public API server needs the firewall's IPs (an open one stays open), and only
  // without VNet integration: a VNet-integrated API server is reached on its private IP.
  const egressIps =
    egress && !access.isPrivate && !access.openToAll && !access.vnetIntegration ? egress.egressPublicIps : [];
  warnings.push(...checkAccess(scope, access, egressIps.length));
  if (
    outbound.outboundType === OutboundType.USER_ASSIGNED_NAT_GATEWAY &&
    !access.isPrivate &&
    !access.openToAll
  ) {
    // AKS adds its own load balancer IPs to the ranges, never a NAT gateway's.
    warnings.push(
      "the API server is restricted but nodes egress through your NAT gateway; include the NAT gateway's public IPs in publicRestricted([...])",
    );
  }

  const clusterName = props.clusterName ?? `aks-${nameFromId(id)}`;
  if (!CLUSTER_NAME.test(clusterName)) {
    throw new AksNetworkError(
      `cluster name '${clusterName}' breaks the AKS rule`,
      'use 1-63 letters, digits, _ or -, starting and ending with a letter or digit',
      scope,
    );
  }
  if (props.network) {
    const shaping = NETWORK_SHAPING_PROPS.filter((p) => props[p] !== undefined);
    if (shaping.length > 0) {
      throw new AksNetworkError(
        `${shaping.join(', ')} given together with network`,
        'these shape a network the cluster creates; set them on the network you pass, or drop network',
        scope,
      );
    }
  }
  if (props.kubernetesVersion !== undefined && !/^\d+\.\d+(\.\d+)?$/.test(props.kubernetesVersion)) {
    throw new AksNetworkError(
      `kubernetesVersion '${props.kubernetesVersion}' is not a version`,
      "write major.minor or major.minor.patch, e.g. '1.33'",
      scope,
    );
  }
  if (props.longTermSupport && props.skuTier !== ClusterSkuTier.PREMIUM) {
    throw new AksNetworkError(
      `longTermSupport with sku tier ${props.skuTier ?? ClusterSkuTier.STANDARD}`,
      'long-term support needs skuTier: ClusterSkuTier.PREMIUM',
      scope,
    );
  }
  warnings.push(...kubernetesVersionWarnings(props.kubernetesVersion, props.longTermSupport ?? false));
  const acns = resolveAcns(scope, model, props.advancedNetworking);
  return { clusterName, model, engine, outbound, access, egressIps, acns, warnings };
}

/**
 * Check the network against the model and register the cluster's pod and service ranges in its
 * plan. Returns the service CIDR, the DNS service IP and warnings.
 */
export function placeInNetwork(
  scope: IConstruct,
  network: IClusterNetwork,
  model: NetworkModel,
  props: AksClusterProps,
): { serviceCidr: string; dnsServiceIp: string; warnings: string[] } {
  const plan = network.plan;
  if (plan.serviceCidr !== undefined) {
    // The plan sizes one cluster's pools and ranges; a second cluster would overwrite them.
    throw new AksNetworkError(
      `the network's address plan already holds the ranges of another cluster (service CIDR ${plan.serviceCidr})`,
      'give each cluster its own ClusterNetwork',
      scope,
    );
  }
  if (model.usesPodSubnet && !network.podSubnet) {
    throw new AksNetworkError(
      `network model ${model.name} needs a pod subnet but the network has none`,
      'set podSubnetPrefixLength, or give a network with a pod subnet',
      scope,
    );
  }
  const warnings =
    !model.usesPodSubnet && network.podSubnet
      ? [`the network's pod subnet ${network.podSubnet.name} is unused by network model ${model.name}`]
      : [];
  const serviceCidr = props.serviceCidr ?? DEFAULT_SERVICE_CIDR;
  // A custom service CIDR gets its conventional .10 DNS IP (or the last one of a tiny range).
  const dnsServiceIp =
    props.dnsServiceIp ??
    (props.serviceCidr ? conventionalDnsIp(Cidr.parse(serviceCidr, scope)) : DEFAULT_DNS_SERVICE_IP);
  plan.useClusterRanges({ podCidr: model.podCidr, serviceCidr, dnsServiceIp }, scope);
  return { serviceCidr, dnsServiceIp, warnings };
}

/** The conventional `.10` of a service range (or its second-to-last address in a tiny one). */
function conventionalDnsIp(block: Cidr): string {
  return block.nthAddress(Math.max(0, Math.min(10, block.size - 2)));
}

/** The kinds of the props TypeScript would have checked (JavaScript and jsii languages pass anything). */
function checkPropKinds(scope: IConstruct, props: AksClusterProps): void {
  checkInstance(
    scope,
    'networkModel',
    props.networkModel,
    NetworkModel,
    'a NetworkModel factory, e.g. NetworkModel.cilium()',
  );
  checkInstance(
    scope,
    'policyEngine',
    props.policyEngine,
    PolicyEngine,
    'PolicyEngine.CILIUM, CALICO, AZURE_NPM or NONE',
  );
  checkInstance(
    scope,
    'outbound',
    props.outbound,
    ClusterOutbound,
    'a ClusterOutbound factory, e.g. ClusterOutbound.loadBalancer()',
  );
  checkInstance(
    scope,
    'apiServerAccess',
    props.apiServerAccess,
    ApiServerAccess,
    'an ApiServerAccess factory, e.g. ApiServerAccess.privateCluster()',
  );
  checkShape(
    scope,
    'network',
    props.network,
    ['plan', 'nodeSubnet', 'vnetId'],
    'a ClusterNetwork or ExistingClusterNetwork',
  );
  checkShape(
    scope,
    'egress',
    props.egress,
    ['routeTableId', 'routeDependencies', 'attachCluster'],
    'a SecureEgress or an EgressSpoke',
  );
  checkEnum(scope, 'skuTier', props.skuTier, ClusterSkuTier, 'ClusterSkuTier');
  checkEnum(
    scope,
    'automaticUpgradeChannel',
    props.automaticUpgradeChannel,
    AutoUpgradeChannel,
    'AutoUpgradeChannel',
  );
  checkEnum(
    scope,
    'nodeOsUpgradeChannel',
    props.nodeOsUpgradeChannel,
    NodeOsUpgradeChannel,
    'NodeOsUpgradeChannel',
  );
  checkEnum(
    scope,
    'appRouting.defaultNginxController',
    props.appRouting?.defaultNginxController,
    NginxControllerMode,
    'NginxControllerMode',
  );
  checkEnum(scope, 'systemNodePool.osSku', props.systemNodePool?.osSku, NodeOsSku, 'NodeOsSku');
  checkEnum(scope, 'localDns', props.localDns, LocalDnsMode, 'LocalDnsMode');
  checkEnum(scope, 'systemNodePool.localDns', props.systemNodePool?.localDns, LocalDnsMode, 'LocalDnsMode');
  checkEnumList(scope, 'egressFeatures', props.egressFeatures, EgressFeature, 'EgressFeature');
  for (const prop of [
    'location',
    'clusterName',
    'dnsPrefix',
    'kubernetesVersion',
    'serviceCidr',
    'dnsServiceIp',
  ] as const) {
    checkString(scope, prop, props[prop]);
  }
}
