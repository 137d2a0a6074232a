import { azurerm, type KubernetesCluster } from '../../core/azurerm';
import { AzapiEnvironment } from '../../core/azapi';
import { ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AksNetworkError } from '../../core/errors';
import { applyTags } from '../../core/tags';
import { warn } from '../../core/warnings';
import { AddressPlan } from '../../plan/address-plan';
import { PolicyEngine } from '../../plan/policy-engine';
import { AzureCloud, EgressFeature, IClusterEgress, IEgressClient } from '../contracts';
import {
  ClusterNetwork,
  DEFAULT_API_SERVER_SUBNET_PREFIX,
  IClusterNetwork,
} from '../network/cluster-network';
import { checkLocation } from '../regions';
import { MANIFEST_EFFECTS } from '../../core/tree-effects';
import { recordBinding, refOf } from '../../verify/construct-data';
import { registerManifestChecks } from '../../verify/tree-checks';
import { checkedStack } from '../private/stack-checks';
import type { ClusterFacts } from '../../verify/cross-layer';
import { SecurityRules } from '../../verify/suppressions';
import { AksClusterProps, DEFAULT_ADDRESS_SPACE, DEFAULT_POD_SUBNET_PREFIX } from './aks-cluster-props';
import { ACR_PULL, clusterIdentities, grantClusterRoles, grantRole } from './cluster-identity';
import { NetworkModel } from './network-model';
import {
  DEFAULT_SYSTEM_MAX_NODES,
  DEFAULT_SYSTEM_MIN_NODES,
  DEFAULT_SYSTEM_POOL_NAME,
  DEFAULT_USER_MAX_NODES,
  DEFAULT_USER_MIN_NODES,
  UserNodePoolOptions,
} from './node-pool';
import { appRoutingZoneRoles, dnsPrefixFor } from './private/cluster-checks';
import { ClusterPatch } from './private/cluster-patch';
import {
  checkAcnsPools,
  checkVnetIntegration,
  checkVnetIntegrationPool,
  LocalDnsPlan,
  ResolvedAcns,
} from './private/features';
import { resolveIngress } from './private/ingress';
import { createGatewayKeyVaultIdentity, GatewayKeyVaultIdentity } from './private/ingress-identity';
import { gatewayApiBundleFor } from './private/versions';
import { renderNetworkProfile } from './private/network-profile';
import {
  renderPoolCommon,
  resolvePool,
  ResolvedPool,
  rotationName,
  temporaryPoolName,
  checkTaints,
} from './private/node-pool';
import { checkClusterCapacity } from './private/capacity';
import { placeInNetwork, resolveInputs } from './private/inputs';
import { resolveSecurity } from './private/security';
import { ApiServerAccess, OutboundType } from './access';
import { APP_ROUTING_INGRESS_CLASS, ClusterIngress, IngressKind } from './ingress';
import { ClusterSkuTier, NginxControllerMode, NodeOsUpgradeChannel } from './settings';

/** The AzAPI provider's `environment` per cloud. */
const AZAPI_ENVIRONMENT: Record<AzureCloud, AzapiEnvironment> = {
  [AzureCloud.PUBLIC]: 'public',
  [AzureCloud.CHINA]: 'china',
  [AzureCloud.US_GOVERNMENT]: 'usgovernment',
};

/** A node pool of the cluster, as plain values. */
export interface AksNodePoolInfo {
  /** Pool name. */
  readonly name: string;
  /** OS SKU. */
  readonly osSku: string;
  /** Whether it runs Windows. */
  readonly windows: boolean;
  /** Autoscaler maximum or fixed count. */
  readonly maxNodes: number;
  /** Max pods per node. */
  readonly maxPods: number;
}

/**
 * An AKS cluster in its network, secure by default: private API server, Entra ID with Azure RBAC,
 * no local accounts, Azure Policy, workload identity, automatic upgrades, user-assigned identities
 * whose network roles exist before the cluster, and an address plan checked for the chosen model.
 *
 * Changes that REPLACE the cluster (azurerm 4.55 ForceNew): network plugin, plugin mode (except to
 * overlay), data plane (azure→cilium), policy engine once set, pod CIDR, service CIDR, DNS service
 * IP, load balancer SKU, private cluster on/off, private DNS zone, RBAC on/off, dns prefix.
 * In place: outbound type (among loadBalancer, userAssignedNATGateway, userDefinedRouting, none),
 * authorized IP ranges, upgrade channels, add-ons. Changing a pool's subnets, max pods, VM size, zones
 * or OS SKU (except Ubuntu↔AzureLinux) rotates that pool.
 *
 * @see https://learn.microsoft.com/azure/aks/concepts-network
 */
export class AksCluster extends Construct implements IEgressClient {
  /** Cluster resource id. */
  public readonly clusterId: string;
  /** Cluster name. */
  public readonly clusterName: string;
  /** Node resource group name (computed by AKS). */
  public readonly nodeResourceGroup: string;
  /** Azure region. */
  public readonly location: string;
  /** Resource group of the cluster. */
  public readonly resourceGroupName: string;
  /** Principal id of the control-plane identity. */
  public readonly identityPrincipalId: string;
  /** Object id of the kubelet identity (e.g. for AcrPull). */
  public readonly kubeletObjectId: string;
  /** OIDC issuer URL (workload identity federation). */
  public readonly oidcIssuerUrl: string;
  /** Object id of the app routing identity (DNS and Key Vault roles), if the add-on is on. */
  public readonly appRoutingIdentityObjectId?: string;
  /** The cluster's network. */
  public readonly network: IClusterNetwork;
  /** The checked address plan (subnets, pod and service ranges). */
  public readonly addressPlan: AddressPlan;
  /** The network model. */
  public readonly networkModel: NetworkModel;
  /** Whether the Key Vault secrets provider add-on is on. */
  public readonly keyVaultSecretsProvider: boolean;
  /** Whether the OIDC issuer and Microsoft Entra Workload ID are on. */
  public readonly workloadIdentity: boolean;
  /** The egress path the cluster sends through, if any. */
  public readonly egress?: IClusterEgress;
  /** The NetworkPolicy engine, for checking policies on the Kubernetes side. */
  public readonly policyEngine: PolicyEngine;
  /** Whether ACNS security is on (azurerm `security_enabled`) — what it enforces: see the two below. */
  public readonly advancedNetworkSecurity: boolean;
  /**
   * Whether CiliumNetworkPolicies with `toFQDNs` are enforced (ACNS security with FQDN or L7
   * policies), for the Kubernetes side to allow or refuse FQDN peers.
   */
  public readonly fqdnPoliciesAllowed: boolean;
  /** Whether CiliumNetworkPolicies with L7 (HTTP) rules are enforced (ACNS L7 policies). */
  public readonly l7PoliciesAllowed: boolean;
  /**
   * Whether the API server is VNet-integrated (nodes reach it on a private IP in the API server
   * subnet — the egress path drops the tunnel rules).
   */
  public readonly apiServerVnetIntegrated: boolean;
  /** The outbound type. */
  public readonly outboundType: OutboundType;
  /** Whether the API server is private. */
  public readonly privateCluster: boolean;
  /** The private DNS zone of a private cluster (`System`, `None` or a zone id), for its egress path's checks. */
  public readonly privateDnsZoneId?: string;
  /** Resource id of the cluster's VNet (always set — optional as the egress contract has it). */
  public readonly vnetId?: string;
  /** The app routing default controller mode, if the add-on is on. */
  public readonly appRoutingControllerMode?: NginxControllerMode;
  /** The managed ingress the cluster runs. */
  public readonly ingress: ClusterIngress;
  /**
   * The identity of the Gateway's Key Vault listeners, when the ingress asks for Key Vault
   * certificates: its client id goes into the listener ServiceAccount's
   * `azure.workload.identity/client-id` annotation (an apply-time value).
   */
  public readonly gatewayKeyVaultIdentity?: GatewayKeyVaultIdentity;
  /** The Azure cloud. */
  public readonly cloud: AzureCloud;
  /**
   * The managed Gateway API bundle the cluster runs (e.g. `v1.2.1`), when its ingress serves Gateway
   * API: it follows `kubernetesVersion` (v1.2.1, the floor of every supported cluster, when the version
   * is left to AKS). Give it to the Kubernetes side: `GatewayApiBundle.fromVersion(cluster.gatewayApiBundle)`.
   */
  public readonly gatewayApiBundle?: string;

  private readonly features: EgressFeature[];
  private readonly manifestApps: IConstruct[] = [];
  private readonly pools: ResolvedPool[] = [];
  private readonly resource: KubernetesCluster;
  private readonly internalLoadBalancerIps: number;
  private readonly hasWindowsProfile: boolean;
  private readonly nodeOsUpgradeChannel: NodeOsUpgradeChannel;
  private readonly skuTier: ClusterSkuTier;
  private readonly patch: ClusterPatch;
  private readonly access: ApiServerAccess;
  private readonly acns?: ResolvedAcns;
  private readonly localDns: LocalDnsPlan;
  private localDnsContributed = false;

  constructor(scope: Construct, id: string, props: AksClusterProps = {}) {
    super(scope, id);
    checkedStack(this);

    const { clusterName, model, engine, outbound, access, egressIps, acns, warnings } = resolveInputs(
      this,
      id,
      props,
    );
    warnings.forEach((w) => (typeof w === 'string' ? warn(this, w) : warn(this, w.message, w.ruleId)));
    const egress = props.egress;
    this.egress = egress;
    this.clusterName = clusterName;
    this.access = access;
    this.acns = acns;
    this.cloud = props.cloud ?? egress?.cloud ?? AzureCloud.PUBLIC;
    // the name this cluster was given (or its network's), for this cluster's cloud; the network
    // itself warns about a name it does not know
    const location = props.network?.location ?? props.location;
    if (location !== undefined) checkLocation(this, location, this.cloud, { warnUnknown: false });
    this.network = props.network ?? this.createNetwork(props, model, access);
    this.addressPlan = this.network.plan;
    this.vnetId = this.network.vnetId;
    const placed = placeInNetwork(this, this.network, model, props);
    placed.warnings.forEach((w) => warn(this, w));
    const { serviceCidr, dnsServiceIp } = placed;
    checkVnetIntegration(this, access, this.network, {
      location: this.network.location,
      cloud: this.cloud,
    }).forEach((w) => warn(this, w));

    this.advancedNetworkSecurity = acns?.azurerm.securityEnabled ?? false;
    this.fqdnPoliciesAllowed = acns?.fqdnPolicies ?? false;
    this.l7PoliciesAllowed = acns?.l7Policies ?? false;
    this.apiServerVnetIntegrated = access.vnetIntegration;
    this.localDns = new LocalDnsPlan(props.localDns, this.fqdnPoliciesAllowed, props.kubernetesVersion);
    this.networkModel = model;
    this.policyEngine = engine;
    this.outboundType = outbound.outboundType;
    this.privateCluster = access.isPrivate;
    this.privateDnsZoneId = access.isPrivate ? access.privateDnsZone?.value : undefined;
    this.location = this.network.location;
    this.resourceGroupName = this.network.resourceGroupName;
    this.internalLoadBalancerIps = props.internalLoadBalancerIps ?? 0;
    this.skuTier = props.skuTier ?? ClusterSkuTier.STANDARD;

    const system = resolvePool(
      this,
      props.systemNodePool ?? {},
      {
        name: DEFAULT_SYSTEM_POOL_NAME,
        minNodes: DEFAULT_SYSTEM_MIN_NODES,
        maxNodes: DEFAULT_SYSTEM_MAX_NODES,
        system: true,
        location: this.location,
      },
      model,
    );
    this.checkPoolFeatures(system, []);
    this.pools.push(system);
    // Not checked yet: the system pool alone would suggest a prefix the user pools added next do
    // not fit in. The next addNodePool checks every pool declared so far, synthesis checks them all.
    this.node.addValidation({ validate: () => this.capacityProblems() });

    this.ingress = resolveIngress(this, props);
    this.gatewayApiBundle =
      this.ingress.gatewayClasses.length > 0 ? gatewayApiBundleFor(props.kubernetesVersion) : undefined;
    if (acns?.ebpfHostRouting && this.ingress.kind === IngressKind.ISTIO_ADDON) {
      throw new AksNetworkError(
        'eBPF host routing with the Istio add-on ingress',
        'the Istio add-on cannot run on clusters with eBPF host routing: use ClusterIngress.gatewayApi(), or drop ebpfHostRoutingEnabled',
        this,
      );
    }
    const ingress = this.ingress._render(this, egress !== undefined);
    ingress.warnings.forEach((w) => warn(this, w));
    const security = resolveSecurity(this, props, this.ingress);
    this.keyVaultSecretsProvider = security.settings.keyVaultSecretsProvider !== undefined;
    this.workloadIdentity = security.settings.workloadIdentityEnabled;
    security.warnings.forEach((w) => warn(this, w));
    this.hasWindowsProfile = props.windowsProfile !== undefined;
    const ids = clusterIdentities(
      this,
      {
        name: this.clusterName,
        location: this.location,
        resourceGroupName: this.resourceGroupName,
      },
      { controlPlane: props.controlPlaneIdentity, kubelet: props.kubeletIdentity },
    );
    const principal = ids.controlPlane.principalId;
    const zone = access.privateDnsZone;
    const network = this.network;
    const before: ITerraformDependable[] = [
      ...grantClusterRoles(this, principal, {
        // API Server VNet Integration: Network Contributor on the API server subnet and the node subnet
        subnets: [
          network.nodeSubnet,
          network.podSubnet,
          network.ingressSubnet,
          access.vnetIntegration ? network.apiServerSubnet : undefined,
        ].filter((s) => s !== undefined),
        routeTableId: egress?.routeTableId,
        kubeletIdentityId: ids.kubelet.resourceId,
        privateDnsZoneId: zone?.isCustomZone ? zone.value : undefined,
        vnetId: network.vnetId,
      }),
      ...(egress?.routeDependencies ?? []),
      ...(outbound.dependency ? [outbound.dependency] : []),
      // network isolated: nodes pull every image through the ACR cache with the kubelet identity
      ...(outbound.containerRegistryId
        ? [grantRole(this, 'AcrPull-Bootstrap', ids.kubelet.objectId, ACR_PULL, outbound.containerRegistryId)]
        : []),
    ];
    this.features = [...security.features];
    this.nodeOsUpgradeChannel = props.nodeOsUpgradeChannel ?? NodeOsUpgradeChannel.NODE_IMAGE;
    this.addPoolFeatures(system);

    const authorized = [
      ...access.authorizedIpRanges,
      ...egressIps.map((ip) => (ip.includes('/') ? ip : `${ip}/32`)),
    ];
    this.resource = new azurerm.KubernetesCluster(this, 'Resource', {
      name: this.clusterName,
      location: this.location,
      resourceGroupName: this.resourceGroupName,
      dnsPrefix: dnsPrefixFor(this, props.dnsPrefix ?? this.clusterName),
      kubernetesVersion: props.kubernetesVersion,
      skuTier: this.skuTier,
      supportPlan: props.longTermSupport ? 'AKSLongTermSupport' : undefined,
      identity: { type: 'UserAssigned', identityIds: [ids.controlPlane.resourceId] },
      kubeletIdentity: {
        userAssignedIdentityId: ids.kubelet.resourceId,
        clientId: ids.kubelet.clientId,
        objectId: ids.kubelet.objectId,
      },
      defaultNodePool: {
        ...renderPoolCommon(system, {
          vnetSubnetId: this.network.nodeSubnet.id,
          podSubnetId: model.usesPodSubnet ? this.network.podSubnet?.id : undefined,
        }),
        onlyCriticalAddonsEnabled: props.systemNodePool?.onlyCriticalAddons ?? true,
        temporaryNameForRotation: temporaryPoolName(
          this,
          system.name,
          props.systemNodePool?.temporaryNameForRotation ?? rotationName(system.name),
        ),
        tags: props.tags, // a block of the cluster: the tags aspect reaches resources only
      },
      networkProfile: renderNetworkProfile({
        model,
        engine,
        outbound,
        serviceCidr,
        dnsServiceIp,
        advancedNetworking: acns?.azurerm,
      }),
      bootstrapProfile: outbound._renderBootstrapProfile(),
      privateClusterEnabled: access.isPrivate,
      privateDnsZoneId: zone?.value,
      privateClusterPublicFqdnEnabled: access.isPrivate ? false : undefined,
      apiServerAccessProfile: access._renderProfile(authorized, this.network.apiServerSubnet?.id),
      ...security.settings,
      webAppRouting: ingress.webAppRouting,
      serviceMeshProfile: ingress.serviceMeshProfile,
      dependsOn: before,
    });
    if (model.bringsOwnCni) {
      SecurityRules.suppress(
        this.resource,
        'AKSNET-AZ-004',
        'BYO CNI: AKS runs no policy engine; the CNI installed after creation enforces NetworkPolicies',
      );
    }
    this.clusterId = this.resource.id;
    this.nodeResourceGroup = this.resource.nodeResourceGroup;
    this.identityPrincipalId = principal;
    this.kubeletObjectId = ids.kubelet.objectId;
    this.oidcIssuerUrl = this.resource.oidcIssuerUrl;
    const appRouting = ingress.webAppRouting;
    if (appRouting) {
      this.appRoutingControllerMode = appRouting.defaultNginxController;
      this.appRoutingIdentityObjectId = this.resource.webAppRouting.webAppRoutingIdentity.get(0).objectId;
      appRoutingZoneRoles(appRouting.dnsZoneIds).forEach(({ id: roleId, role, zoneId }) =>
        grantRole(this, roleId, this.appRoutingIdentityObjectId!, role, zoneId),
      );
    }
    if (this.ingress.keyVault) {
      this.gatewayKeyVaultIdentity = createGatewayKeyVaultIdentity(
        this,
        {
          name: this.clusterName,
          location: this.location,
          resourceGroupName: this.resourceGroupName,
          oidcIssuerUrl: this.oidcIssuerUrl,
        },
        this.ingress.keyVault,
      );
    }
    this.patch = new ClusterPatch(this, this.clusterId, this.resource, AZAPI_ENVIRONMENT[this.cloud]);
    if (ingress.patch) this.patch.contribute(`ingress ${this.ingress.kind}`, ingress.patch);
    if (acns?.patch) this.patch.contribute('advanced container networking', acns.patch);
    this.contributeLocalDns();
    egress?.attachCluster(this);
    applyTags(this, props.tags);
  }

  /**
   * Whether LocalDNS may be on on some node pool (pods may then resolve through 169.254.10.x and the
   * node): false only when the cluster pins LocalDNS `Disabled` on every Linux pool through the
   * AzAPI patch (explicitly, or because ACNS FQDN filtering is on). A plain value for the Kubernetes
   * side: DNS policies must allow both paths while it is true. Pools added later count.
   */
  public get localDnsMayBeOn(): boolean {
    return this.localDns.mayBeOn(this.pools);
  }

  /** The features the cluster needs egress for (add-ons, and the OS of every pool added so far). */
  public get egressFeatures(): EgressFeature[] {
    return [...this.features];
  }

  /**
   * Bind the cdk8s app that holds this cluster's manifests, so that the cross-layer checks compare
   * them with this cluster and its egress path. Needed when the Terraform app holds several clusters;
   * with one cluster, every cdk8s app synthesized with it belongs to it.
   * @param manifests the cdk8s `App`
   */
  public bindManifests(manifests: IConstruct): void {
    if (manifests.node.scope !== undefined) {
      throw new AksNetworkError(
        `bindManifests got ${manifests.node.path}, which is not the root of a construct tree`,
        'pass the cdk8s App itself',
        this,
      );
    }
    if (!this.manifestApps.includes(manifests)) this.manifestApps.push(manifests);
    recordBinding(manifests, { cluster: this, facts: () => this._crossLayerFacts() });
    registerManifestChecks(manifests, MANIFEST_EFFECTS);
  }

  /**
   * The cluster as the cross-layer checks see it: plain values, read when the checks run.
   * @internal
   */
  public _crossLayerFacts(): ClusterFacts {
    const egress = this.egress;
    return {
      ...refOf(this),
      policyEngine: this.policyEngine.name,
      appRoutingControllerMode: this.appRoutingControllerMode,
      egress: egress && { ...refOf(egress), dnatTargets: egress.dnatTranslatedAddresses },
      ...this._ingressFacts(),
    };
  }

  /**
   * What the cluster offers its manifests for ingress, as plain values for the cross-layer checks.
   * @internal
   */
  public _ingressFacts(): {
    gatewayClasses: string[];
    gatewayApiBundle?: string;
    ingressClasses: string[];
    keyVaultSecretsProvider: boolean;
    workloadIdentity: boolean;
    keyVaultServiceAccount?: { namespace: string; name: string };
  } {
    const kv = this.gatewayKeyVaultIdentity;
    const nginxClass =
      this.appRoutingControllerMode !== undefined &&
      this.appRoutingControllerMode !== NginxControllerMode.NONE;
    return {
      gatewayClasses: [...this.ingress.gatewayClasses],
      gatewayApiBundle: this.gatewayApiBundle,
      ingressClasses: nginxClass ? [APP_ROUTING_INGRESS_CLASS] : [],
      keyVaultSecretsProvider: this.keyVaultSecretsProvider,
      workloadIdentity: this.workloadIdentity,
      keyVaultServiceAccount: kv && { namespace: kv.serviceAccountNamespace, name: kv.serviceAccountName },
    };
  }

  /** The cdk8s apps bound with `bindManifests`. */
  public get boundManifests(): IConstruct[] {
    return [...this.manifestApps];
  }

  /** The pools (system first) as plain values. */
  public get nodePools(): AksNodePoolInfo[] {
    return this.pools.map((p) => ({
      name: p.name,
      osSku: p.osSku,
      windows: p.windows,
      maxNodes: p.maxNodes,
      maxPods: p.maxPods,
    }));
  }

  /**
   * Add a user node pool in the cluster's node subnet (and pod subnet). The address plan is checked
   * again with the new pool's max nodes, surge and max pods.
   */
  public addNodePool(id: string, options: UserNodePoolOptions = {}): AksNodePoolInfo {
    const pool = resolvePool(
      this,
      options,
      {
        name: id.toLowerCase(),
        minNodes: DEFAULT_USER_MIN_NODES,
        maxNodes: DEFAULT_USER_MAX_NODES,
        system: false,
        location: this.location,
      },
      this.networkModel,
    );
    if (this.pools.some((p) => p.name === pool.name)) {
      throw new AksNetworkError(
        `node pool name '${pool.name}' is used twice`,
        'give each pool its own name',
        this,
      );
    }
    if (pool.windows && this.policyEngine === PolicyEngine.AZURE_NPM) {
      throw new AksNetworkError(
        `Windows pool ${pool.name} with Azure NPM, retired on Windows since 2026-09-30`,
        'use PolicyEngine.CALICO',
        this,
      );
    }
    if (pool.windows && this.outboundType === OutboundType.NONE) {
      throw new AksNetworkError(
        `Windows pool ${pool.name} on a network-isolated cluster (outbound none)`,
        'AKS does not support Windows pools on network-isolated clusters: use a Linux pool, or another outbound type',
        this,
      );
    }
    const taints = options.nodeTaints && checkTaints(this, pool.name, options.nodeTaints);
    this.checkPoolFeatures(pool, this.pools);
    this.pools.push(pool);
    try {
      this.checkCapacity();
    } catch (e) {
      this.pools.pop();
      throw e;
    }
    if (pool.windows && !this.hasWindowsProfile) {
      // UNCERTAIN: AKS says clusters created with Azure CNI, Standard LB and VMSS get a Windows
      // profile generated (Azure/AKS#1545, #2101), while module users report it is required
      // (Azure/terraform-azurerm-aks#713, Azure/bicep-registry-modules#5815). Decision: emit none
      // unless given, and warn here, because adding windows_profile later replaces the cluster.
      warn(
        this,
        `Windows pool ${pool.name} on a cluster without windowsProfile; if AKS rejects the pool, set windowsProfile at cluster creation (adding it later replaces the cluster)`,
      );
    }
    this.addPoolFeatures(pool);
    const nodePool = new azurerm.KubernetesClusterNodePool(this, `NodePool-${pool.name}`, {
      ...renderPoolCommon(pool, {
        vnetSubnetId: this.network.nodeSubnet.id,
        podSubnetId: this.networkModel.usesPodSubnet ? this.network.podSubnet?.id : undefined,
      }),
      kubernetesClusterId: this.resource.id,
      mode: 'User',
      osType: pool.windows ? 'Windows' : 'Linux',
      nodeTaints: taints,
      temporaryNameForRotation: rotationName(pool.name, pool.windows),
    });
    this.patch.runAfter(nodePool);
    this.contributeLocalDns();
    return this.nodePools[this.nodePools.length - 1];
  }

  /** The rules of today's features that a pool must meet (VNet integration, ACNS, LocalDNS). */
  private checkPoolFeatures(pool: ResolvedPool, others: ResolvedPool[]): void {
    checkVnetIntegrationPool(this, this.access, this.network, pool);
    checkAcnsPools(this, this.acns, [...others, pool]);
    this.localDns.checkPool(this, pool).forEach((w) => warn(this, w));
  }

  /** LocalDNS modes go into the one patch, rendered from the pools as they stand at synthesis. */
  private contributeLocalDns(): void {
    if (this.localDnsContributed || !this.pools.some((p) => this.localDns.modeFor(p) !== undefined)) return;
    this.localDnsContributed = true;
    this.patch.contribute('LocalDNS', () => this.localDns.fragment(this.pools));
  }

  /** Egress the pool's OS needs: Windows hosts, or Ubuntu mirrors when nodes patch themselves. */
  private addPoolFeatures(pool: ResolvedPool): void {
    const patchesInPlace = [NodeOsUpgradeChannel.UNMANAGED, NodeOsUpgradeChannel.SECURITY_PATCH].includes(
      this.nodeOsUpgradeChannel,
    );
    const needed = [
      ...(pool.windows ? [EgressFeature.WINDOWS] : []),
      ...(patchesInPlace && pool.osSku.startsWith('Ubuntu') ? [EgressFeature.OS_UPDATES] : []),
    ];
    for (const feature of needed) {
      if (!this.features.includes(feature)) this.features.push(feature);
    }
  }

  /** The capacity check over every pool, as a validation message. */
  private capacityProblems(): string[] {
    try {
      this.checkCapacity();
      return [];
    } catch (e) {
      if (e instanceof AksNetworkError) return [`${e.problem}; ${e.fix}`];
      throw e;
    }
  }

  private checkCapacity(): void {
    checkClusterCapacity(this, {
      plan: this.addressPlan,
      network: this.network,
      model: this.networkModel,
      engine: this.policyEngine,
      pools: this.pools,
      internalLoadBalancerIps: this.internalLoadBalancerIps,
      freeTier: this.skuTier === ClusterSkuTier.FREE,
    });
  }

  private createNetwork(
    props: AksClusterProps,
    model: NetworkModel,
    access: ApiServerAccess,
  ): IClusterNetwork {
    if (!props.location) {
      throw new AksNetworkError(
        'neither network nor location is given',
        "give location (e.g. 'westeurope') to create a network, or pass network",
        this,
      );
    }
    return new ClusterNetwork(this, 'Network', {
      location: props.location,
      addressSpace: props.addressSpace ?? DEFAULT_ADDRESS_SPACE,
      resourceGroupName: `rg-${this.clusterName}`,
      vnetName: `vnet-${this.clusterName}`,
      nodeSubnetPrefixLength: props.nodeSubnetPrefixLength,
      podSubnetPrefixLength:
        props.podSubnetPrefixLength ?? (model.usesPodSubnet ? DEFAULT_POD_SUBNET_PREFIX : undefined),
      ingressSubnetPrefixLength: props.ingressSubnetPrefixLength,
      apiServerSubnetPrefixLength:
        props.apiServerSubnetPrefixLength ??
        (access.vnetIntegration ? DEFAULT_API_SERVER_SUBNET_PREFIX : undefined),
      externalRanges: props.externalRanges,
    });
  }
}
