import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { Annotations, ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { fail, within } from '../../core/errors';
import { AddressPlan, DEFAULT_DNS_SERVICE_IP, DEFAULT_SERVICE_CIDR } from '../../plan/address-plan';
import { Cidr } from '../../plan/cidr';
import { PolicyEngine } from '../../plan/policy-engine';
import { EgressFeature } from '../contracts';
import { ClusterNetwork, IClusterNetwork } from '../network/cluster-network';
import { ApiServerAccess, ClusterOutbound } from './access';
import {
  AksClusterProps,
  DEFAULT_ADDRESS_SPACE,
  DEFAULT_POD_SUBNET_PREFIX,
  DEFAULT_SECRET_ROTATION_INTERVAL,
} from './aks-cluster-props';
import {
  clusterIdentities,
  grantRole,
  MANAGED_IDENTITY_OPERATOR,
  NETWORK_CONTRIBUTOR,
  PRIVATE_DNS_ZONE_CONTRIBUTOR,
} from './cluster-identity';
import { NetworkModel } from './network-model';
import {
  DEFAULT_SYSTEM_MAX_NODES,
  DEFAULT_SYSTEM_MIN_NODES,
  DEFAULT_SYSTEM_POOL_NAME,
  DEFAULT_USER_MAX_NODES,
  DEFAULT_USER_MIN_NODES,
  UserNodePoolOptions,
} from './node-pool';
import { checkAccess, dnsPrefixFor, resolveAppRouting, appRoutingZoneRoles } from './private/cluster-checks';
import {
  checkOutbound,
  checkPolicyEngine,
  NPM_MAX_NODES,
  renderNetworkProfile,
} from './private/network-profile';
import { renderPoolCommon, resolvePool, ResolvedPool, rotationName } from './private/node-pool';
import { AutoUpgradeChannel, ClusterSkuTier, NodeOsUpgradeChannel } from './settings';

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
export class AksCluster extends Construct {
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
  /** The NetworkPolicy engine, for checking policies on the Kubernetes side. */
  public readonly policyEngine: PolicyEngine;
  /** The outbound type. */
  public readonly outboundType: string;
  /** Whether the API server is private. */
  public readonly privateCluster: boolean;
  /** Egress features the cluster needs (grows when Windows pools are added). */
  public readonly egressFeatures: EgressFeature[];
  /** The app routing default controller mode, if the add-on is on. */
  public readonly appRoutingControllerMode?: string;

  private readonly subject: string;
  private readonly pools: ResolvedPool[] = [];
  private readonly resource: KubernetesCluster;
  private readonly internalLoadBalancerIps: number;
  private readonly hasWindowsProfile: boolean;

  constructor(scope: Construct, id: string, props: AksClusterProps = {}) {
    super(scope, id);
    const subject = `AksCluster ${this.node.path}`;
    this.subject = subject;
    const warn = (message: string): void => Annotations.of(this).addWarning(`${subject}: ${message}`);

    const model = props.networkModel ?? NetworkModel.azureCniOverlay();
    if (model.problem) {
      fail(subject, model.problem, 'give podCidr for overlay addressing or podSubnet: true, not both');
    }
    if (model.warning) warn(model.warning);
    const engine = props.policyEngine ?? model.defaultPolicyEngine;
    checkPolicyEngine(subject, model, engine).forEach(warn);
    const egress = props.egress;
    const outbound =
      props.outbound ?? (egress ? ClusterOutbound.userDefinedRouting() : ClusterOutbound.loadBalancer());
    checkOutbound(subject, outbound, egress !== undefined);
    const access = props.apiServerAccess ?? ApiServerAccess.privateCluster();
    const egressIps = egress && !access.isPrivate ? egress.egressPublicIps : [];
    checkAccess(subject, access, egressIps.length).forEach(warn);

    this.clusterName = props.clusterName ?? `aks-${id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
    this.network = props.network ?? this.createNetwork(props, model);
    this.addressPlan = this.network.plan;
    if (model.usesPodSubnet && !this.network.podSubnet) {
      fail(
        subject,
        `network model ${model.name} needs a pod subnet but the network has none`,
        'set podSubnetPrefixLength, or give a network with a pod subnet',
      );
    }
    if (!model.usesPodSubnet && this.network.podSubnet) {
      warn(
        `the network's pod subnet ${this.network.podSubnet.name} is unused by network model ${model.name}`,
      );
    }
    const serviceCidr = props.serviceCidr ?? DEFAULT_SERVICE_CIDR;
    // A custom service CIDR gets its conventional .10 DNS IP unless one is given.
    const dnsServiceIp =
      props.dnsServiceIp ??
      (props.serviceCidr
        ? within(subject, () => Cidr.parse(serviceCidr).nthAddress(10))
        : DEFAULT_DNS_SERVICE_IP);
    within(subject, () =>
      this.addressPlan.useClusterRanges({ podCidr: model.podCidr, serviceCidr, dnsServiceIp }),
    );

    this.networkModel = model;
    this.policyEngine = engine;
    this.outboundType = outbound.outboundType;
    this.privateCluster = access.isPrivate;
    this.location = this.network.location;
    this.resourceGroupName = this.network.resourceGroupName;
    this.internalLoadBalancerIps = props.internalLoadBalancerIps ?? 0;

    const system = resolvePool(
      subject,
      props.systemNodePool ?? {},
      {
        name: DEFAULT_SYSTEM_POOL_NAME,
        minNodes: DEFAULT_SYSTEM_MIN_NODES,
        maxNodes: DEFAULT_SYSTEM_MAX_NODES,
        system: true,
      },
      model,
    );
    this.pools.push(system);
    this.checkCapacity();

    const appRouting = resolveAppRouting(
      subject,
      props.appRouting,
      outbound.outboundType === 'userDefinedRouting',
    );
    const kvEnabled = props.keyVaultSecretsProviderEnabled ?? false;
    const workloadIdentity = props.workloadIdentityEnabled ?? true;
    const policy = props.azurePolicyEnabled ?? true;
    const azureRbac = props.azureRbacEnabled ?? true;
    const localAccounts = props.localAccountsEnabled ?? false;
    const upgrade = props.automaticUpgradeChannel ?? AutoUpgradeChannel.PATCH;
    const nodeOsUpgrade = props.nodeOsUpgradeChannel ?? NodeOsUpgradeChannel.NODE_IMAGE;
    if (!policy) warn('Azure Policy is off: pod security and other guardrails are not enforced');
    if (!azureRbac) warn('Azure RBAC is off: grant access with Kubernetes RoleBindings to Entra ID groups');
    if (localAccounts)
      warn(
        'local accounts are enabled: the admin kubeconfig bypasses Entra ID; keep localAccountsEnabled false',
      );
    if (upgrade === AutoUpgradeChannel.NONE)
      warn('automatic Kubernetes upgrades are off: patch releases must be applied by hand');
    if (nodeOsUpgrade === NodeOsUpgradeChannel.NONE)
      warn('node OS upgrades are off: nodes get no security patches');

    const windowsProfile = props.windowsProfile;
    if (windowsProfile && !Token.isUnresolved(windowsProfile.adminPassword)) {
      fail(
        subject,
        'windowsProfile.adminPassword is a literal string',
        'pass a reference (e.g. a Key Vault secret or random_password result), never a plaintext password',
      );
    }
    this.hasWindowsProfile = windowsProfile !== undefined;
    const ids = clusterIdentities(
      this,
      {
        name: this.clusterName,
        location: this.location,
        resourceGroupName: this.resourceGroupName,
        tags: props.tags,
      },
      { controlPlane: props.controlPlaneIdentity, kubelet: props.kubeletIdentity },
    );
    const principal = ids.controlPlane.principalId;
    const before: ITerraformDependable[] = [];
    for (const subnet of [this.network.nodeSubnet, this.network.podSubnet, this.network.ingressSubnet]) {
      if (subnet)
        before.push(
          grantRole(this, `NetworkContributor-${subnet.name}`, principal, NETWORK_CONTRIBUTOR, subnet.id),
        );
    }
    if (egress) {
      before.push(
        grantRole(this, 'NetworkContributor-RouteTable', principal, NETWORK_CONTRIBUTOR, egress.routeTableId),
      );
      before.push(...egress.routeDependencies);
    }
    before.push(
      grantRole(
        this,
        'ManagedIdentityOperator-Kubelet',
        principal,
        MANAGED_IDENTITY_OPERATOR,
        ids.kubelet.resourceId,
      ),
    );
    const zone = access.privateDnsZone;
    if (zone?.isCustomZone) {
      before.push(
        grantRole(this, 'PrivateDnsZoneContributor', principal, PRIVATE_DNS_ZONE_CONTRIBUTOR, zone.value),
      );
    }
    if (outbound.dependency) before.push(outbound.dependency);

    const features = new Set<EgressFeature>(props.egressFeatures ?? []);
    if (policy) features.add(EgressFeature.POLICY);
    if (kvEnabled || appRouting.dnsZoneIds.length > 0) features.add(EgressFeature.KEY_VAULT);
    if (workloadIdentity) features.add(EgressFeature.WORKLOAD_IDENTITY);
    this.egressFeatures = [...features];

    const authorized = [
      ...access.authorizedIpRanges,
      ...egressIps.map((ip) => (ip.includes('/') ? ip : `${ip}/32`)),
    ];
    this.resource = new KubernetesCluster(this, 'Resource', {
      name: this.clusterName,
      location: this.location,
      resourceGroupName: this.resourceGroupName,
      dnsPrefix: within(subject, () => dnsPrefixFor(props.dnsPrefix ?? this.clusterName)),
      kubernetesVersion: props.kubernetesVersion,
      skuTier: props.skuTier ?? ClusterSkuTier.STANDARD,
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
        temporaryNameForRotation: props.systemNodePool?.temporaryNameForRotation ?? rotationName(system.name),
        tags: props.tags,
      },
      networkProfile: renderNetworkProfile({ model, engine, outbound, serviceCidr, dnsServiceIp }),
      bootstrapProfile: outbound.outboundType === 'none' ? { artifactSource: 'Cache' } : undefined,
      privateClusterEnabled: access.isPrivate,
      privateDnsZoneId: zone?.value,
      privateClusterPublicFqdnEnabled: access.isPrivate ? false : undefined,
      apiServerAccessProfile: authorized.length > 0 ? { authorizedIpRanges: authorized } : undefined,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: {
        azureRbacEnabled: azureRbac,
        tenantId: props.tenantId,
        adminGroupObjectIds: props.adminGroupObjectIds,
      },
      localAccountDisabled: !localAccounts,
      oidcIssuerEnabled: workloadIdentity,
      workloadIdentityEnabled: workloadIdentity,
      azurePolicyEnabled: policy,
      httpApplicationRoutingEnabled: false,
      automaticUpgradeChannel: upgrade === AutoUpgradeChannel.NONE ? undefined : upgrade,
      nodeOsUpgradeChannel: nodeOsUpgrade,
      webAppRouting: appRouting.enabled
        ? { dnsZoneIds: appRouting.dnsZoneIds, defaultNginxController: appRouting.mode }
        : undefined,
      keyVaultSecretsProvider: kvEnabled
        ? {
            secretRotationEnabled: true,
            secretRotationInterval: props.secretRotationInterval ?? DEFAULT_SECRET_ROTATION_INTERVAL,
          }
        : undefined,
      windowsProfile: windowsProfile && {
        adminUsername: windowsProfile.adminUsername,
        adminPassword: windowsProfile.adminPassword,
      },
      tags: props.tags,
      dependsOn: before,
    });
    this.clusterId = this.resource.id;
    this.nodeResourceGroup = this.resource.nodeResourceGroup;
    this.identityPrincipalId = principal;
    this.kubeletObjectId = ids.kubelet.objectId;
    this.oidcIssuerUrl = this.resource.oidcIssuerUrl;
    if (appRouting.enabled) {
      this.appRoutingControllerMode = appRouting.mode;
      this.appRoutingIdentityObjectId = this.resource.webAppRouting.webAppRoutingIdentity.get(0).objectId;
      appRoutingZoneRoles(appRouting.dnsZoneIds).forEach(({ id: roleId, role, zoneId }) =>
        grantRole(this, roleId, this.appRoutingIdentityObjectId!, role, zoneId),
      );
    }
    egress?.attachCluster({
      path: this.node.path,
      location: this.location,
      privateCluster: access.isPrivate,
      features: this.egressFeatures,
    });
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
      this.subject,
      options,
      {
        name: id.toLowerCase(),
        minNodes: DEFAULT_USER_MIN_NODES,
        maxNodes: DEFAULT_USER_MAX_NODES,
        system: false,
      },
      this.networkModel,
    );
    if (this.pools.some((p) => p.name === pool.name)) {
      fail(this.subject, `node pool name '${pool.name}' is used twice`, 'give each pool its own name');
    }
    if (pool.windows && this.policyEngine === PolicyEngine.AZURE_NPM) {
      fail(
        this.subject,
        `Windows pool ${pool.name} with Azure NPM, retired on Windows since 2026-09-30`,
        'use PolicyEngine.CALICO',
      );
    }
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
      Annotations.of(this).addWarning(
        `${this.subject}: Windows pool ${pool.name} on a cluster without windowsProfile; if AKS rejects the pool, set windowsProfile at cluster creation (adding it later replaces the cluster)`,
      );
    }
    if (pool.windows && !this.egressFeatures.includes(EgressFeature.WINDOWS)) {
      this.egressFeatures.push(EgressFeature.WINDOWS);
    }
    new KubernetesClusterNodePool(this, `NodePool-${pool.name}`, {
      ...renderPoolCommon(pool, {
        vnetSubnetId: this.network.nodeSubnet.id,
        podSubnetId: this.networkModel.usesPodSubnet ? this.network.podSubnet?.id : undefined,
      }),
      kubernetesClusterId: this.resource.id,
      mode: 'User',
      osType: pool.windows ? 'Windows' : 'Linux',
      nodeTaints: options.nodeTaints,
      temporaryNameForRotation: rotationName(pool.name, pool.windows),
    });
    return this.nodePools[this.nodePools.length - 1];
  }

  private checkCapacity(): void {
    const model = this.networkModel;
    const nodes = this.pools.reduce((sum, p) => sum + p.maxNodes + p.maxSurgeNodes, 0);
    within(this.subject, () =>
      this.addressPlan.checkCapacity({
        addressing: model.podAddressing,
        internalLoadBalancerIps: this.internalLoadBalancerIps,
        pools: this.pools.map((p) => ({
          name: p.name,
          nodeSubnetName: this.network.nodeSubnet.name,
          podSubnetName: model.usesPodSubnet ? this.network.podSubnet?.name : undefined,
          maxNodes: p.maxNodes,
          maxSurgeNodes: p.maxSurgeNodes,
          maxPods: p.maxPods,
        })),
      }),
    );
    if (this.policyEngine === PolicyEngine.AZURE_NPM && nodes > NPM_MAX_NODES) {
      fail(
        this.subject,
        `Azure NPM with ${nodes} nodes (max nodes + surge)`,
        `NPM supports at most ${NPM_MAX_NODES} nodes; use PolicyEngine.CALICO or NetworkModel.cilium()`,
      );
    }
    if (nodes > model.maxNodes) {
      fail(
        this.subject,
        `${nodes} nodes (max nodes + surge) exceed the ${model.maxNodes}-node limit of ${model.name}`,
        'lower max nodes',
      );
    }
  }

  private createNetwork(props: AksClusterProps, model: NetworkModel): IClusterNetwork {
    if (!props.location) {
      fail(
        this.subject,
        'neither network nor location is given',
        "give location (e.g. 'westeurope') to create a network, or pass network",
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
      externalRanges: props.externalRanges,
      tags: props.tags,
    });
  }
}
