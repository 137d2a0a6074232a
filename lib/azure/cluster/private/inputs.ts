import { fail, within } from '../../../core/errors';
import { DEFAULT_DNS_SERVICE_IP, DEFAULT_SERVICE_CIDR } from '../../../plan/address-plan';
import { Cidr } from '../../../plan/cidr';
import { PolicyEngine } from '../../../plan/policy-engine';
import { IClusterNetwork } from '../../network/cluster-network';
import { ApiServerAccess, ClusterOutbound } from '../access';
import { AksClusterProps } from '../aks-cluster-props';
import { NetworkModel } from '../network-model';
import { checkAccess } from './cluster-checks';
import { checkOutbound, checkPolicyEngine } from './network-profile';

/** AKS cluster name rule (1-63 characters). */
const CLUSTER_NAME = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][a-zA-Z0-9_-]{0,61}[a-zA-Z0-9]$/;
/** Props that only shape a network the cluster creates itself. */
const NETWORK_SHAPING_PROPS = [
  'location',
  'addressSpace',
  'nodeSubnetPrefixLength',
  'podSubnetPrefixLength',
  'ingressSubnetPrefixLength',
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
  readonly advancedNetworking?: { observabilityEnabled: boolean; securityEnabled: boolean };
  readonly warnings: string[];
}

/** Resolve and check everything that needs no network yet. */
export function resolveInputs(subject: string, id: string, props: AksClusterProps): ClusterInputs {
  const warnings: string[] = [];
  const model = props.networkModel ?? NetworkModel.azureCniOverlay();
  if (model._problem) {
    fail(subject, model._problem, 'give podCidr for overlay addressing or podSubnet: true, not both');
  }
  if (model.warning) warnings.push(model.warning);
  const engine = props.policyEngine ?? model.defaultPolicyEngine;
  warnings.push(...checkPolicyEngine(subject, model, engine));
  const egress = props.egress;
  const outbound =
    props.outbound ?? (egress ? ClusterOutbound.userDefinedRouting() : ClusterOutbound.loadBalancer());
  checkOutbound(subject, outbound, egress !== undefined);
  const access = props.apiServerAccess ?? ApiServerAccess.privateCluster();
  // Only a restricted public API server needs the firewall's IPs; an open one stays open.
  const egressIps = egress && !access.isPrivate && !access.openToAll ? egress.egressPublicIps : [];
  warnings.push(...checkAccess(subject, access, egressIps.length));
  if (outbound.outboundType === 'userAssignedNATGateway' && !access.isPrivate && !access.openToAll) {
    // AKS adds its own load balancer IPs to the ranges, never a NAT gateway's.
    warnings.push(
      "the API server is restricted but nodes egress through your NAT gateway; include the NAT gateway's public IPs in publicRestricted([...])",
    );
  }

  const clusterName = props.clusterName ?? `aks-${id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
  if (!CLUSTER_NAME.test(clusterName)) {
    fail(
      subject,
      `cluster name '${clusterName}' breaks the AKS rule`,
      'use 1-63 letters, digits, _ or -, starting and ending with a letter or digit',
    );
  }
  if (props.network) {
    const shaping = NETWORK_SHAPING_PROPS.filter((p) => props[p] !== undefined);
    if (shaping.length > 0) {
      fail(
        subject,
        `${shaping.join(', ')} given together with network`,
        'these shape a network the cluster creates; set them on the network you pass, or drop network',
      );
    }
  }
  if (props.kubernetesVersion !== undefined && !/^\d+\.\d+(\.\d+)?$/.test(props.kubernetesVersion)) {
    fail(
      subject,
      `kubernetesVersion '${props.kubernetesVersion}' is not a version`,
      "write major.minor or major.minor.patch, e.g. '1.33'",
    );
  }
  const acns = props.advancedNetworking;
  if (acns && model.networkDataPlane !== 'cilium') {
    fail(
      subject,
      `advanced container networking on network model ${model.name}`,
      'ACNS needs the Cilium data plane: use NetworkModel.cilium()',
    );
  }
  const advancedNetworking = acns && {
    observabilityEnabled: acns.observabilityEnabled ?? true,
    securityEnabled: acns.securityEnabled ?? true,
  };
  return { clusterName, model, engine, outbound, access, egressIps, advancedNetworking, warnings };
}

/**
 * Check the network against the model and register the cluster's pod and service ranges in its
 * plan. Returns the service CIDR, the DNS service IP and warnings.
 */
export function placeInNetwork(
  subject: string,
  network: IClusterNetwork,
  model: NetworkModel,
  props: AksClusterProps,
): { serviceCidr: string; dnsServiceIp: string; warnings: string[] } {
  const plan = network.plan;
  if (plan.serviceCidr !== undefined) {
    // The plan sizes one cluster's pools and ranges; a second cluster would overwrite them.
    fail(
      subject,
      `the network's address plan already holds the ranges of another cluster (service CIDR ${plan.serviceCidr})`,
      'give each cluster its own ClusterNetwork',
    );
  }
  if (model.usesPodSubnet && !network.podSubnet) {
    fail(
      subject,
      `network model ${model.name} needs a pod subnet but the network has none`,
      'set podSubnetPrefixLength, or give a network with a pod subnet',
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
    (props.serviceCidr
      ? within(subject, () => {
          const block = Cidr.parse(serviceCidr);
          return block.nthAddress(Math.max(0, Math.min(10, block.size - 2)));
        })
      : DEFAULT_DNS_SERVICE_IP);
  within(subject, () => plan.useClusterRanges({ podCidr: model.podCidr, serviceCidr, dnsServiceIp }));
  return { serviceCidr, dnsServiceIp, warnings };
}
