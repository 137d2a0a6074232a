import { AksNetworkError } from '../../core/errors';
import { PodAddressing } from '../../plan/capacity';
import { PolicyEngine } from '../../plan/policy-engine';

/** Default pod CIDR of the models that have one (AKS default). @see https://learn.microsoft.com/azure/aks/azure-cni-overlay */
export const DEFAULT_POD_CIDR = '10.244.0.0/16';
/** AKS node limit with Azure CNI (Standard/Premium tier). */
export const AZURE_CNI_MAX_NODES = 5000;
/** kubenet puts one route per node into a route table of at most 400 routes. */
export const KUBENET_NODE_LIMIT = 400;
/**
 * The kubenet migration path (platform facts 2026-12 §2 — docs `upgrade-azure-cni.md`,
 * `migrate-from-kubenet.md`): kubenet → Azure CNI Overlay first (one-way, every pool reimaged, the
 * route table detached), Cilium as a separate step. azurerm 4.66 changes the plugin in place; our
 * pin 4.55 replaces the cluster instead.
 *
 * UNCERTAIN, decided: one doc requires the network policy engine to be uninstalled before the move
 * (upgrade-azure-cni.md: "Doesn't have network policies enabled"), another describes kubenet+Calico →
 * Overlay+Calico. The warning follows the stricter one: plan for NetworkPolicies not being enforced
 * during the move, or move by building a new cluster, because guessing wrong leaves pods unprotected.
 */
export const KUBENET_MIGRATION_WARNING =
  'kubenet retires on 2028-03-31 (no Windows pools, at most 400 nodes): new clusters use NetworkModel.azureCniOverlay() or NetworkModel.cilium(); ' +
  'to migrate, move to Azure CNI Overlay first (one-way, reimages every pool, detaches the route table; in place needs azurerm 4.66, with 4.55 the cluster is replaced), then to Cilium as a separate step; ' +
  'the docs disagree on whether the policy engine must be uninstalled first, so plan for NetworkPolicies not being enforced during the move, or build a new cluster';

/** Props of the models that give pods addresses from a private pod CIDR. */
export interface PodCidrModelProps {
  /**
   * Pod CIDR — one /24 per node (overlay, kubenet). Must not overlap the VNet, the service CIDR or
   * peered networks.
   * @default DEFAULT_POD_CIDR (10.244.0.0/16)
   * @see https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
   */
  readonly podCidr?: string;
}

/** Props of `NetworkModel.cilium`: overlay with a pod CIDR, or a pod subnet. */
export interface CiliumModelProps {
  /**
   * Pod CIDR for Cilium on overlay addressing.
   * @default DEFAULT_POD_CIDR (10.244.0.0/16), unless `podSubnet` is true
   */
  readonly podCidr?: string;
  /**
   * Give pods addresses from a pod subnet (dynamic IP allocation) instead of an overlay pod CIDR.
   * @default false
   * @see https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium
   */
  readonly podSubnet?: boolean;
}

/** `network_profile.network_plugin`. */
export enum NetworkPlugin {
  /** Azure CNI (node subnet, pod subnet, overlay, Cilium). */
  AZURE = 'azure',
  /** kubenet. */
  KUBENET = 'kubenet',
  /** No CNI from AKS (bring your own). */
  NONE = 'none',
}

/** `network_profile.network_data_plane`. */
export enum NetworkDataPlane {
  /** The Azure data plane. */
  AZURE = 'azure',
  /** Azure CNI powered by Cilium (eBPF). */
  CILIUM = 'cilium',
}

interface ModelShape {
  readonly name: string;
  readonly networkPlugin: NetworkPlugin;
  readonly networkPluginMode?: string;
  readonly networkDataPlane?: NetworkDataPlane;
  readonly podCidr?: string;
  readonly podAddressing: PodAddressing;
  readonly supportsWindows: boolean;
  readonly maxNodes: number;
  readonly defaultMaxPods: number;
  readonly defaultPolicyEngine: PolicyEngine;
  readonly allowedPolicyEngines: PolicyEngine[];
  readonly warning?: string;
  /** The rule of the pack that judges the same thing as the warning. */
  readonly warningRule?: string;
}

/**
 * How pods get IP addresses and which data plane carries their traffic. Each model renders its
 * `network_profile` and knows the capacity rule the address plan checks.
 *
 * Changing the model of an existing cluster (plugin, plugin mode, data plane) replaces the cluster
 * in azurerm 4.55.
 *
 * @see https://learn.microsoft.com/azure/aks/concepts-network-cni-overview
 */
export class NetworkModel {
  /**
   * kubenet: nodes on the subnet, pods on a private pod CIDR NATed to the node — AKS manages the
   * route table with one route per node. Legacy: retires 2028-03-31, no Windows pools, at most 400
   * nodes, Calico is the only policy engine.
   * @see https://learn.microsoft.com/azure/aks/configure-kubenet
   */
  public static kubenet(props: PodCidrModelProps = {}): NetworkModel {
    return new NetworkModel({
      name: 'kubenet',
      networkPlugin: NetworkPlugin.KUBENET,
      podCidr: props.podCidr ?? DEFAULT_POD_CIDR,
      podAddressing: PodAddressing.KUBENET,
      supportsWindows: false,
      maxNodes: KUBENET_NODE_LIMIT,
      defaultMaxPods: 110,
      defaultPolicyEngine: PolicyEngine.CALICO,
      allowedPolicyEngines: [PolicyEngine.CALICO, PolicyEngine.NONE],
      warning: KUBENET_MIGRATION_WARNING,
      warningRule: 'AKSNET-AZ-009',
    });
  }

  /**
   * Azure CNI with pods on the node subnet: every node reserves max pods + 1 subnet addresses up
   * front. Legacy; prefer overlay or a pod subnet.
   * @see https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni
   */
  public static azureCniNodeSubnet(): NetworkModel {
    return new NetworkModel({
      name: 'azure-cni-node-subnet',
      networkPlugin: NetworkPlugin.AZURE,
      networkDataPlane: NetworkDataPlane.AZURE,
      podAddressing: PodAddressing.NODE_SUBNET,
      supportsWindows: true,
      maxNodes: AZURE_CNI_MAX_NODES,
      defaultMaxPods: 30,
      defaultPolicyEngine: PolicyEngine.CALICO,
      allowedPolicyEngines: [PolicyEngine.AZURE_NPM, PolicyEngine.CALICO, PolicyEngine.NONE],
    });
  }

  /**
   * Azure CNI with dynamic pod IP allocation: pods take VNet addresses from a separate pod subnet,
   * handed to nodes in batches of 16.
   * @see https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation
   */
  public static azureCniPodSubnet(): NetworkModel {
    return new NetworkModel({
      name: 'azure-cni-pod-subnet',
      networkPlugin: NetworkPlugin.AZURE,
      networkDataPlane: NetworkDataPlane.AZURE,
      podAddressing: PodAddressing.POD_SUBNET,
      supportsWindows: true,
      maxNodes: AZURE_CNI_MAX_NODES,
      defaultMaxPods: 110,
      defaultPolicyEngine: PolicyEngine.CALICO,
      allowedPolicyEngines: [PolicyEngine.AZURE_NPM, PolicyEngine.CALICO, PolicyEngine.NONE],
    });
  }

  /**
   * Azure CNI Overlay: pods on a private pod CIDR (one /24 per node), SNATed when they leave the
   * cluster. The recommended default.
   * @see https://learn.microsoft.com/azure/aks/azure-cni-overlay
   */
  public static azureCniOverlay(props: PodCidrModelProps = {}): NetworkModel {
    return new NetworkModel({
      name: 'azure-cni-overlay',
      networkPlugin: NetworkPlugin.AZURE,
      networkPluginMode: 'overlay',
      networkDataPlane: NetworkDataPlane.AZURE,
      podCidr: props.podCidr ?? DEFAULT_POD_CIDR,
      podAddressing: PodAddressing.OVERLAY,
      supportsWindows: true,
      maxNodes: AZURE_CNI_MAX_NODES,
      defaultMaxPods: 250,
      defaultPolicyEngine: PolicyEngine.CALICO,
      allowedPolicyEngines: [PolicyEngine.AZURE_NPM, PolicyEngine.CALICO, PolicyEngine.NONE],
    });
  }

  /**
   * Azure CNI powered by Cilium (eBPF data plane, Cilium policy engine), on overlay addressing or a
   * pod subnet. Linux pools only.
   * @see https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium
   */
  public static cilium(props: CiliumModelProps = {}): NetworkModel {
    const podSubnet = props.podSubnet ?? false;
    if (podSubnet && props.podCidr !== undefined) {
      throw new AksNetworkError(
        `NetworkModel.cilium: podCidr ${props.podCidr} is set together with podSubnet: true`,
        'give podCidr for overlay addressing or podSubnet: true, not both',
      );
    }
    return new NetworkModel({
      name: podSubnet ? 'cilium-pod-subnet' : 'cilium-overlay',
      networkPlugin: NetworkPlugin.AZURE,
      networkPluginMode: podSubnet ? undefined : 'overlay',
      networkDataPlane: NetworkDataPlane.CILIUM,
      podCidr: podSubnet ? undefined : (props.podCidr ?? DEFAULT_POD_CIDR),
      podAddressing: podSubnet ? PodAddressing.POD_SUBNET : PodAddressing.OVERLAY,
      supportsWindows: false,
      maxNodes: AZURE_CNI_MAX_NODES,
      defaultMaxPods: podSubnet ? 110 : 250,
      defaultPolicyEngine: PolicyEngine.CILIUM,
      allowedPolicyEngines: [PolicyEngine.CILIUM],
    });
  }

  /**
   * Bring your own CNI (`network_plugin = none`): AKS installs no CNI and no policy engine — nodes
   * stay NotReady until you install one, and CNI issues are outside AKS support.
   * @see https://learn.microsoft.com/azure/aks/use-byo-cni
   */
  public static byoCni(props: PodCidrModelProps = {}): NetworkModel {
    return new NetworkModel({
      name: 'byo-cni',
      networkPlugin: NetworkPlugin.NONE,
      podCidr: props.podCidr ?? DEFAULT_POD_CIDR,
      podAddressing: PodAddressing.BYO,
      supportsWindows: true,
      maxNodes: AZURE_CNI_MAX_NODES,
      defaultMaxPods: 110,
      defaultPolicyEngine: PolicyEngine.NONE,
      allowedPolicyEngines: [PolicyEngine.NONE],
      warning:
        'BYO CNI: nodes stay NotReady until you install a CNI, and AKS does not support CNI issues; install it right after the cluster is created',
    });
  }

  /** Model name, e.g. `azure-cni-overlay`. */
  public readonly name: string;
  /** `network_profile.network_plugin`. */
  public readonly networkPlugin: NetworkPlugin;
  /** `network_profile.network_plugin_mode` (`overlay`), if any. */
  public readonly networkPluginMode?: string;
  /** `network_profile.network_data_plane`, where the plugin is Azure CNI. */
  public readonly networkDataPlane?: NetworkDataPlane;
  /** Whether pods run on the Cilium data plane (what ACNS and CiliumNetworkPolicies need). */
  public readonly ciliumDataPlane: boolean;
  /** Whether AKS installs no CNI (you bring your own, and with it the policy engine). */
  public readonly bringsOwnCni: boolean;
  /** The pod CIDR, for models that have one. */
  public readonly podCidr?: string;
  /** How pods are addressed (drives the capacity check). */
  public readonly podAddressing: PodAddressing;
  /** Whether pods take addresses from a separate pod subnet. */
  public readonly usesPodSubnet: boolean;
  /** Whether Windows node pools are possible. */
  public readonly supportsWindows: boolean;
  /** Largest node count the model supports. */
  public readonly maxNodes: number;
  /** Pods per node AKS uses when max pods is not given. */
  public readonly defaultMaxPods: number;
  /** The policy engine used when none is given. */
  public readonly defaultPolicyEngine: PolicyEngine;
  /** The policy engines this model works with. */
  public readonly allowedPolicyEngines: PolicyEngine[];
  /** Deprecation or support warning, if any. */
  public readonly warning?: string;
  /** @internal the rule of the pack that judges the same thing as the warning */
  public readonly _warningRule?: string;

  private constructor(shape: ModelShape) {
    this.name = shape.name;
    this.networkPlugin = shape.networkPlugin;
    this.networkPluginMode = shape.networkPluginMode;
    this.networkDataPlane = shape.networkDataPlane;
    this.ciliumDataPlane = shape.networkDataPlane === NetworkDataPlane.CILIUM;
    this.bringsOwnCni = shape.networkPlugin === NetworkPlugin.NONE;
    this.podCidr = shape.podCidr;
    this.podAddressing = shape.podAddressing;
    this.usesPodSubnet = shape.podAddressing === PodAddressing.POD_SUBNET;
    this.supportsWindows = shape.supportsWindows;
    this.maxNodes = shape.maxNodes;
    this.defaultMaxPods = shape.defaultMaxPods;
    this.defaultPolicyEngine = shape.defaultPolicyEngine;
    this.allowedPolicyEngines = shape.allowedPolicyEngines;
    this.warning = shape.warning;
    this._warningRule = shape.warningRule;
  }

  /** @internal the model's part of `network_profile` */
  public _renderNetworkProfile(): {
    networkPlugin: string;
    networkPluginMode?: string;
    networkDataPlane?: string;
    podCidr?: string;
  } {
    return {
      networkPlugin: this.networkPlugin,
      networkPluginMode: this.networkPluginMode,
      networkDataPlane: this.networkDataPlane,
      podCidr: this.podCidr,
    };
  }
}
