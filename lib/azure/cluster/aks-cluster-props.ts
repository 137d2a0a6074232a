import { AzureCloud, EgressFeature, IClusterEgress } from '../contracts';
import { IClusterNetwork } from '../network/cluster-network';
import { PolicyEngine } from '../../plan/policy-engine';
import { ExternalRange } from '../../plan/address-plan';
import { ApiServerAccess, ClusterOutbound } from './access';
import { KubeletIdentityReference, ManagedIdentityReference } from './cluster-identity';
import { ClusterIngress } from './ingress';
import { NetworkModel } from './network-model';
import { SystemNodePoolOptions } from './node-pool';
import {
  AcnsNetworkPolicies,
  AutoUpgradeChannel,
  ClusterSkuTier,
  LocalDnsMode,
  NginxControllerMode,
  NodeOsUpgradeChannel,
} from './settings';

/** Default VNet address space of a network the cluster creates. */
export const DEFAULT_ADDRESS_SPACE = '10.240.0.0/16';
/** Default pod subnet size for pod-subnet models (a /20 holds 4,091 pod addresses). */
export const DEFAULT_POD_SUBNET_PREFIX = 20;
/** Default Key Vault secret rotation poll interval. */
export const DEFAULT_SECRET_ROTATION_INTERVAL = '2m';

/**
 * The application routing add-on (managed NGINX).
 * @deprecated use `AksClusterProps.ingress` with `ClusterIngress.nginx(...)` or `ClusterIngress.none()`
 */
export interface AppRoutingOptions {
  /**
   * Whether to enable the add-on.
   * @default true
   * @see https://learn.microsoft.com/azure/aks/app-routing
   */
  readonly enabled?: boolean;
  /**
   * Azure DNS zones (public or private, at most 5) the add-on manages records in — its identity gets
   * the matching contributor role on each.
   * @default - none
   */
  readonly dnsZoneIds?: string[];
  /**
   * What happens to the default NGINX controller.
   * @default NginxControllerMode.INTERNAL; NginxControllerMode.NONE behind an egress firewall
   */
  readonly defaultNginxController?: NginxControllerMode;
}

/** Administrator account of Windows nodes. */
export interface WindowsProfileOptions {
  /** Administrator user name. */
  readonly adminUsername: string;
  /** Administrator password: a reference (Key Vault secret, generated password), never a literal. */
  readonly adminPassword: string;
}

/**
 * Advanced Container Networking Services (Cilium data plane only — billed separately). azurerm 4.55
 * sets the two booleans (`network_profile.advanced_networking`); the policy level, WireGuard and eBPF
 * host routing go through the cluster's AzAPI patch (`properties.networkProfile.advancedNetworking`).
 * A value left unset is not patched (AKS keeps what it has): to go back, set the "off" value
 * explicitly, since removing the patch changes nothing on the cluster.
 * @see https://learn.microsoft.com/azure/aks/advanced-container-networking-services-overview
 */
export interface AdvancedNetworkingOptions {
  /**
   * Container network observability (Hubble flow logs and metrics): azurerm `observability_enabled`.
   * @default true
   */
  readonly observabilityEnabled?: boolean;
  /**
   * Container network security: azurerm `security_enabled`. With nothing else set, AKS enforces FQDN
   * filtering (`toFQDNs` in CiliumNetworkPolicies; its default `advancedNetworkPolicies` is FQDN) and
   * nothing more: L7 rules need `advancedNetworkPolicies: AcnsNetworkPolicies.L7`. FQDN filtering does
   * not work with LocalDNS, so the cluster pins LocalDNS `Disabled` on its pools.
   * @default true
   * @see https://learn.microsoft.com/azure/aks/container-network-security-fqdn-filtering-concepts
   */
  readonly securityEnabled?: boolean;
  /**
   * Which advanced policies security enforces (AzAPI patch): FQDN, L7 (FQDN plus HTTP/gRPC/Kafka
   * rules — at most 1,000 nodes, counting max nodes plus surge — not in cluster-wide policies) or NONE.
   * Needs `securityEnabled`.
   * @default - not patched: FQDN, AKS's default with security on
   * @see https://learn.microsoft.com/azure/aks/container-network-security-l7-policy-concepts
   */
  readonly advancedNetworkPolicies?: AcnsNetworkPolicies;
  /**
   * WireGuard encryption of pod traffic between nodes (AzAPI patch:
   * `security.transitEncryption.type` WireGuard, or None for false). Not FIPS compliant; same-node and
   * host-network traffic stays unencrypted. Needs `securityEnabled`.
   * @default - not patched (AKS default: None)
   * @see https://learn.microsoft.com/azure/aks/container-network-security-wireguard-encryption-concepts
   */
  readonly wireGuardEnabled?: boolean;
  /**
   * eBPF host routing (AzAPI patch: `performance.accelerationMode` BpfVeth, or None for false):
   * bypasses iptables in the host namespace. Every pool must run Azure Linux 3; not with the Istio
   * add-on.
   * @default - not patched (AKS default: None)
   * @see https://learn.microsoft.com/azure/aks/container-network-performance-ebpf-host-routing
   */
  readonly ebpfHostRoutingEnabled?: boolean;
}

/** Props of `AksCluster`. */
export interface AksClusterProps {
  /**
   * How pods are addressed and which data plane runs.
   * @default NetworkModel.azureCniOverlay()
   */
  readonly networkModel?: NetworkModel;
  /**
   * NetworkPolicy engine — must suit the model. `PolicyEngine.NONE` on an AKS-managed CNI warns, and
   * synthesis fails on security rule AKSNET-AZ-004 unless it is suppressed with a reason.
   * @default - the model's default: Calico, Cilium for NetworkModel.cilium(), none for BYO CNI
   * @see https://learn.microsoft.com/azure/aks/use-network-policies
   */
  readonly policyEngine?: PolicyEngine;
  /**
   * Egress path through a firewall (e.g. `SecureEgress`). Selects outbound type userDefinedRouting.
   * @default - no egress path
   */
  readonly egress?: IClusterEgress;
  /**
   * LocalDNS mode of every Linux pool (a pool's own `localDns` wins), set through the cluster's AzAPI
   * patch as `agentPoolProfiles[].localDNSProfile.mode`. Applying or changing it reimages the pools.
   * @default - not managed: AKS decides (it turns LocalDNS on by itself from Kubernetes 1.36/1.37), or `Disabled` when ACNS FQDN filtering is on
   * @see https://learn.microsoft.com/azure/aks/localdns-custom
   */
  readonly localDns?: LocalDnsMode;
  /**
   * Advanced Container Networking Services (needs NetworkModel.cilium()).
   * @default - off
   * @see https://learn.microsoft.com/azure/aks/advanced-container-networking-services-overview
   */
  readonly advancedNetworking?: AdvancedNetworkingOptions;
  /**
   * Outbound type.
   * @default - ClusterOutbound.userDefinedRouting() with `egress`, else ClusterOutbound.loadBalancer()
   */
  readonly outbound?: ClusterOutbound;
  /**
   * The network to place the cluster in (`ClusterNetwork` or `ExistingClusterNetwork`).
   * @default - a ClusterNetwork created from location, addressSpace and the subnet sizes
   */
  readonly network?: IClusterNetwork;
  /**
   * Azure region of a network the cluster creates (required without `network`).
   * @default - the network's location
   */
  readonly location?: string;
  /**
   * VNet address space of a network the cluster creates.
   * @default DEFAULT_ADDRESS_SPACE (10.240.0.0/16)
   */
  readonly addressSpace?: string;
  /**
   * Node subnet prefix length of a network the cluster creates.
   * @default DEFAULT_NODE_SUBNET_PREFIX (22)
   */
  readonly nodeSubnetPrefixLength?: number;
  /**
   * Pod subnet prefix length of a network the cluster creates (pod-subnet models).
   * @default DEFAULT_POD_SUBNET_PREFIX (20) for pod-subnet models, else no pod subnet
   */
  readonly podSubnetPrefixLength?: number;
  /**
   * API server subnet prefix length of a network the cluster creates (API Server VNet Integration).
   * @default DEFAULT_API_SERVER_SUBNET_PREFIX (28) when the API server is VNet-integrated, else no subnet
   */
  readonly apiServerSubnetPrefixLength?: number;
  /**
   * Internal load balancer subnet prefix length of a network the cluster creates.
   * @default - no ingress subnet
   */
  readonly ingressSubnetPrefixLength?: number;
  /**
   * Ranges the plan must stay clear of (peered VNets, on-premises), for a network the cluster creates.
   * @default - none
   */
  readonly externalRanges?: ExternalRange[];
  /**
   * Kubernetes service CIDR.
   * @default DEFAULT_SERVICE_CIDR (10.0.0.0/16)
   */
  readonly serviceCidr?: string;
  /**
   * Cluster DNS service IP inside the service CIDR (not its first address).
   * @default DEFAULT_DNS_SERVICE_IP (10.0.0.10), or the 10th address of a given serviceCidr
   */
  readonly dnsServiceIp?: string;
  /**
   * Internal load balancer frontend IPs taken from the node subnet (sizes the plan).
   * @default 0
   */
  readonly internalLoadBalancerIps?: number;
  /**
   * Cluster name.
   * @default - `aks-<construct id>` in lower case
   */
  readonly clusterName?: string;
  /**
   * DNS prefix (1-54 characters, alphanumeric ends).
   * @default - the cluster name
   */
  readonly dnsPrefix?: string;
  /**
   * Kubernetes version.
   * @default - AKS default version (then kept current by the upgrade channel)
   */
  readonly kubernetesVersion?: string;
  /**
   * Pricing tier.
   * @default ClusterSkuTier.STANDARD
   */
  readonly skuTier?: ClusterSkuTier;
  /**
   * Long-term support (`support_plan = AKSLongTermSupport`): needs the Premium tier — keeps minor
   * versions supported for two years (1.32-1.37 as of August 2026).
   * @default false
   * @see https://learn.microsoft.com/azure/aks/long-term-support
   */
  readonly longTermSupport?: boolean;
  /**
   * API server reachability.
   * @default ApiServerAccess.privateCluster()
   */
  readonly apiServerAccess?: ApiServerAccess;
  /**
   * Control-plane identity.
   * @default - a user-assigned identity created with the cluster
   */
  readonly controlPlaneIdentity?: ManagedIdentityReference;
  /**
   * Kubelet identity.
   * @default - a user-assigned identity created with the cluster
   */
  readonly kubeletIdentity?: KubeletIdentityReference;
  /**
   * Entra ID tenant.
   * @default - the tenant of the deploying subscription
   */
  readonly tenantId?: string;
  /**
   * Entra ID groups with cluster admin.
   * @default - none (grant Azure RBAC roles instead)
   */
  readonly adminGroupObjectIds?: string[];
  /**
   * Authorize Kubernetes requests with Azure RBAC.
   * @default true
   * @see https://learn.microsoft.com/azure/aks/manage-azure-rbac
   */
  readonly azureRbacEnabled?: boolean;
  /**
   * Keep local (certificate) accounts. Opt-out of Entra-only access: the cluster warns, and synthesis
   * fails on security rule AKSNET-AZ-002 unless it is suppressed with a reason.
   * @default false
   * @see https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad
   */
  readonly localAccountsEnabled?: boolean;
  /**
   * OIDC issuer and Microsoft Entra Workload ID.
   * @default true
   */
  readonly workloadIdentityEnabled?: boolean;
  /**
   * Azure Policy add-on.
   * @default true
   */
  readonly azurePolicyEnabled?: boolean;
  /**
   * Kubernetes upgrade channel.
   * @default AutoUpgradeChannel.PATCH
   */
  readonly automaticUpgradeChannel?: AutoUpgradeChannel;
  /**
   * Node OS upgrade channel.
   * @default NodeOsUpgradeChannel.NODE_IMAGE
   */
  readonly nodeOsUpgradeChannel?: NodeOsUpgradeChannel;
  /**
   * System node pool.
   * @default - autoscaling 3-6 Standard_D4ds_v5 Azure Linux nodes over zones 1-3, critical add-ons only
   */
  readonly systemNodePool?: SystemNodePoolOptions;
  /**
   * The managed ingress the cluster runs: Gateway API on the app routing add-on
   * (`approuting-istio`), the Istio add-on, the legacy app routing NGINX, or none.
   * @default ClusterIngress.gatewayApi()
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
   */
  readonly ingress?: ClusterIngress;
  /**
   * Application routing add-on with NGINX (legacy).
   * @default - not used: `ingress` decides
   * @deprecated use `ingress: ClusterIngress.nginx({ defaultNginxController, dnsZoneIds })` (or `ClusterIngress.none()` for `enabled: false`)
   */
  readonly appRouting?: AppRoutingOptions;
  /**
   * The Azure cloud (the AzAPI provider's environment).
   * @default - the egress path's cloud, else AzureCloud.PUBLIC
   */
  readonly cloud?: AzureCloud;
  /**
   * Key Vault Secrets Store CSI driver add-on (also needed for app routing Key Vault certificates).
   * @default false
   */
  readonly keyVaultSecretsProviderEnabled?: boolean;
  /**
   * Secret rotation poll interval of the Key Vault provider.
   * @default DEFAULT_SECRET_ROTATION_INTERVAL (2m)
   */
  readonly secretRotationInterval?: string;
  /**
   * Further features whose egress the firewall must allow (monitoring, GPU, OS updates...).
   * @default - only what the cluster enables itself (policy, Key Vault, workload identity, Windows)
   */
  readonly egressFeatures?: EgressFeature[];
  /**
   * Log Analytics workspace for Container Insights (the monitoring add-on, with managed identity auth).
   * @default - no monitoring add-on (the security report warns)
   * @see https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * Windows node administrator account, set at creation (changing it replaces the cluster).
   * @default - none; AKS generates one for Azure CNI clusters (not confirmed by AKS: the cluster warns when a Windows pool is added)
   * @see https://learn.microsoft.com/azure/aks/learn/quick-windows-container-deploy-cli
   */
  readonly windowsProfile?: WindowsProfileOptions;
  /**
   * Tags on every resource.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}
