import { azurerm, type VirtualNetwork, type VirtualNetworkDnsServers } from '../../core/azurerm';
import { Construct } from 'constructs';
import { checkString } from '../../core/inputs';
import { nameFromId } from '../../core/naming';
import { applyTags } from '../../core/tags';
import { AksNetworkError } from '../../core/errors';
import { AddressPlan, ExternalRange, FIREWALL_SUBNET_NAMES, PlannedSubnet } from '../../plan/address-plan';
import { checkAzureName } from '../../plan/names';
import { checkedStack } from '../private/stack-checks';
import { checkLocation } from '../regions';

/** A subnet of the cluster network: its planned block and its Azure resource id. */
export interface NetworkSubnet {
  /** Azure subnet name. */
  readonly name: string;
  /** The subnet's block, known at synth time. */
  readonly cidr: string;
  /** The subnet's resource id (a Terraform reference for subnets this construct creates). */
  readonly id: string;
}

/** Default subnet names. */
export const DEFAULT_NODE_SUBNET_NAME = 'snet-aks-nodes';
export const DEFAULT_POD_SUBNET_NAME = 'snet-aks-pods';
export const DEFAULT_INGRESS_SUBNET_NAME = 'snet-aks-ingress';
export const DEFAULT_API_SERVER_SUBNET_NAME = 'snet-aks-apiserver';
/** Default node subnet size: a /22 holds 1,019 nodes (overlay) or 32 nodes × 30 pods (flat CNI). */
export const DEFAULT_NODE_SUBNET_PREFIX = 22;
/**
 * API Server VNet Integration: the API server subnet must be a /28 or larger (docs
 * `api-server-vnet-integration.md`, ms.date 2026-04-15: "minimum supported ... /28"; AKS reserves at
 * least nine of its addresses, Azure five more). The docs name no larger recommended size; a /28 is
 * what every example there uses, so it is also the default. Several clusters of one VNet may share it.
 */
export const API_SERVER_SUBNET_MAX_PREFIX = 28;
/** Default API server subnet size (the documented minimum). */
export const DEFAULT_API_SERVER_SUBNET_PREFIX = 28;

/** Sizes or blocks of the cluster subnets, shared by created and existing networks. */
export interface ClusterNetworkProps {
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /** The VNet's address space, e.g. `10.240.0.0/16`. */
  readonly addressSpace: string;
  /**
   * Further VNet address spaces.
   * @default - none
   */
  readonly additionalAddressSpaces?: string[];
  /**
   * Resource group name.
   * @default - `rg-<construct id>` in lower case
   */
  readonly resourceGroupName?: string;
  /**
   * Whether to create the resource group (false: it exists already).
   * @default true
   */
  readonly createResourceGroup?: boolean;
  /**
   * VNet name.
   * @default - `vnet-<construct id>` in lower case
   */
  readonly vnetName?: string;
  /**
   * Prefix length of the node subnet, carved first from the address space.
   * @default DEFAULT_NODE_SUBNET_PREFIX (22)
   */
  readonly nodeSubnetPrefixLength?: number;
  /**
   * Prefix length of a pod subnet (Azure CNI with dynamic pod IP allocation).
   * @default - no pod subnet
   */
  readonly podSubnetPrefixLength?: number;
  /**
   * Prefix length of a subnet for internal load balancers (e.g. the ingress controller's).
   * @default - no ingress subnet
   */
  readonly ingressSubnetPrefixLength?: number;
  /**
   * Prefix length of `AzureFirewallSubnet` (at least a /26), for a firewall in this VNet
   * (`SecureEgress` with `FirewallPlacement.clusterVnet()`).
   * @default - no firewall subnet
   * @see https://learn.microsoft.com/azure/firewall/firewall-faq#why-does-azure-firewall-need-a--26-subnet-size
   */
  readonly firewallSubnetPrefixLength?: number;
  /**
   * Prefix length of `AzureFirewallManagementSubnet` (at least a /26), needed by a Basic-tier firewall.
   * @default - no firewall management subnet
   * @see https://learn.microsoft.com/azure/firewall/management-nic
   */
  readonly firewallManagementSubnetPrefixLength?: number;
  /**
   * Prefix length of the API server subnet (API Server VNet Integration), delegated to
   * `Microsoft.ContainerService/managedClusters` — at least a /28. Carved last, after the firewall
   * subnets, so that adding it never moves another subnet.
   * @default - no API server subnet
   * @see https://learn.microsoft.com/azure/aks/api-server-vnet-integration
   */
  readonly apiServerSubnetPrefixLength?: number;
  /**
   * DNS servers of the VNet (e.g. a firewall's DNS proxy, which FQDN network rules need); a firewall
   * created later is pointed at with `useDnsServers`.
   * @default - Azure-provided DNS
   */
  readonly dnsServers?: string[];
  /**
   * Ranges nothing may overlap: peered VNets, on-premises, VPN clients.
   * @default - none
   */
  readonly externalRanges?: ExternalRange[];
  /**
   * Whether subnets keep Azure's implicit default outbound access. AKS always has an explicit
   * outbound path (load balancer, NAT gateway or UDR), and Azure is retiring default outbound
   * access, so it is off.
   * @default false
   * @see https://learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access
   */
  readonly defaultOutboundAccess?: boolean;
  /**
   * Tags on every resource the network creates.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** An existing subnet: its id and the block it has, so the plan can still be checked. */
export interface ExistingSubnet {
  /** Azure subnet name. */
  readonly name: string;
  /** Resource id. */
  readonly id: string;
  /** The subnet's address prefix. */
  readonly cidr: string;
}

/** An existing VNet and subnets to place a cluster into. */
export interface ExistingNetworkProps {
  /** Azure region. */
  readonly location: string;
  /** Resource group of the cluster. */
  readonly resourceGroupName: string;
  /** The VNet's resource id. */
  readonly vnetId: string;
  /** The VNet's name. */
  readonly vnetName: string;
  /** The VNet's resource group, if it differs from the cluster's. @default - resourceGroupName */
  readonly vnetResourceGroupName?: string;
  /** The VNet's address spaces. */
  readonly vnetAddressSpaces: string[];
  /** The node subnet. */
  readonly nodeSubnet: ExistingSubnet;
  /** A pod subnet. @default - none */
  readonly podSubnet?: ExistingSubnet;
  /** A subnet for internal load balancers. @default - none */
  readonly ingressSubnet?: ExistingSubnet;
  /** An existing `AzureFirewallSubnet` in this VNet. @default - none */
  readonly firewallSubnet?: ExistingSubnet;
  /**
   * Prefix length of an `AzureFirewallSubnet` to create in the existing VNet (carved from its free space).
   * @default - none
   */
  readonly firewallSubnetPrefixLength?: number;
  /**
   * Prefix length of an `AzureFirewallManagementSubnet` to create in the existing VNet (Basic tier).
   * @default - none
   */
  readonly firewallManagementSubnetPrefixLength?: number;
  /**
   * An existing API server subnet (API Server VNet Integration): delegated to
   * `Microsoft.ContainerService/managedClusters`, at least a /28, used by nothing but AKS API servers.
   * @default - none
   */
  readonly apiServerSubnet?: ExistingSubnet;
  /**
   * Prefix length of an API server subnet to create (delegated) in the existing VNet's free space.
   * @default - none
   */
  readonly apiServerSubnetPrefixLength?: number;
  /**
   * Whether the existing VNet has virtual network encryption on (API Server VNet Integration then
   * refuses VM SKUs of generation v4 and later).
   * @default false
   * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-encryption-overview
   */
  readonly vnetEncryptionEnabled?: boolean;
  /** Other subnets in the VNet (their blocks must not be reused). @default - none */
  readonly otherSubnets?: PlannedSubnet[];
  /** Ranges nothing may overlap. @default - none */
  readonly externalRanges?: ExternalRange[];
}

/**
 * The network a cluster sits in: an address plan plus the subnets' Azure ids. Implemented by
 * `ClusterNetwork` (creates everything) and `ExistingClusterNetwork` (brings its own).
 */
export interface IClusterNetwork {
  /** The checked address plan. */
  readonly plan: AddressPlan;
  /** Azure region. */
  readonly location: string;
  /** The cluster's resource group name. */
  readonly resourceGroupName: string;
  /** The VNet's resource id. */
  readonly vnetId: string;
  /** The VNet's name. */
  readonly vnetName: string;
  /** The VNet's resource group name. */
  readonly vnetResourceGroupName: string;
  /** The node subnet. */
  readonly nodeSubnet: NetworkSubnet;
  /** The pod subnet, if any. */
  readonly podSubnet?: NetworkSubnet;
  /** The internal load balancer subnet, if any. */
  readonly ingressSubnet?: NetworkSubnet;
  /** `AzureFirewallSubnet`, if the VNet holds a firewall. */
  readonly firewallSubnet?: NetworkSubnet;
  /** `AzureFirewallManagementSubnet`, if the VNet holds a Basic-tier firewall. */
  readonly firewallManagementSubnet?: NetworkSubnet;
  /** The API server subnet (API Server VNet Integration), if any. */
  readonly apiServerSubnet?: NetworkSubnet;
  /** Whether the VNet has virtual network encryption on (this library never turns it on). */
  readonly vnetEncryptionEnabled: boolean;
  /** The VNet's DNS servers as configured here (empty: Azure-provided DNS or as the VNet is). */
  readonly dnsServers: string[];
}

const AKS_POD_SUBNET_DELEGATION = {
  // AKS adds this delegation to a dynamic-allocation pod subnet by itself; declaring it keeps
  // Terraform from seeing drift (MicrosoftDocs/azure-docs#103167). The API server subnet of API
  // Server VNet Integration needs the same delegation (docs api-server-vnet-integration.md).
  name: 'aks-delegation',
  serviceDelegation: {
    name: 'Microsoft.ContainerService/managedClusters',
    actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
  },
};

/** Firewall subnet sizes, carved after the cluster subnets in this fixed order. */
interface FirewallSubnetSizes {
  readonly firewallSubnetPrefixLength?: number;
  readonly firewallManagementSubnetPrefixLength?: number;
}

abstract class NetworkBase extends Construct implements IClusterNetwork {
  public abstract readonly plan: AddressPlan;
  public abstract readonly location: string;
  public abstract readonly resourceGroupName: string;
  public abstract readonly vnetId: string;
  public abstract readonly vnetName: string;
  public abstract readonly vnetResourceGroupName: string;
  public abstract readonly nodeSubnet: NetworkSubnet;
  public abstract readonly podSubnet?: NetworkSubnet;
  public abstract readonly ingressSubnet?: NetworkSubnet;
  public abstract readonly firewallSubnet?: NetworkSubnet;
  public abstract readonly firewallManagementSubnet?: NetworkSubnet;
  public abstract readonly apiServerSubnet?: NetworkSubnet;
  public abstract readonly vnetEncryptionEnabled: boolean;
  protected abstract readonly defaultOutboundAccess: boolean;
  protected servers: string[] = [];

  public get dnsServers(): string[] {
    return [...this.servers];
  }

  /** Point the VNet's DNS at these servers (e.g. `[egress.firewallPrivateIp]` for its DNS proxy). */
  public abstract useDnsServers(ips: string[]): void;

  /** The planned subnet as an Azure subnet of this VNet. */
  protected createSubnet(planned: PlannedSubnet, delegateToAks: boolean): NetworkSubnet {
    const subnet = new azurerm.Subnet(this, `Subnet-${planned.name}`, {
      name: planned.name,
      resourceGroupName: this.vnetResourceGroupName,
      virtualNetworkName: this.vnetName,
      addressPrefixes: [planned.cidr],
      defaultOutboundAccessEnabled: this.defaultOutboundAccess,
      delegation: delegateToAks ? [AKS_POD_SUBNET_DELEGATION] : undefined,
    });
    return { name: planned.name, cidr: planned.cidr, id: subnet.id };
  }

  /** @internal carve and create the firewall subnets the props ask for (their place depends only on the plan) */
  protected _createFirewallSubnets(sizes: FirewallSubnetSizes): {
    firewall?: NetworkSubnet;
    management?: NetworkSubnet;
  } {
    const carve = (name: string, prefix: number | undefined) =>
      prefix === undefined ? undefined : this.createSubnet(this.plan.carveSubnet(name, prefix, this), false);
    return {
      firewall: carve(FIREWALL_SUBNET_NAMES[0], sizes.firewallSubnetPrefixLength),
      management: carve(FIREWALL_SUBNET_NAMES[1], sizes.firewallManagementSubnetPrefixLength),
    };
  }

  /** @internal carve and create the delegated API server subnet (last in the fixed order) */
  protected _createApiServerSubnet(prefixLength: number | undefined): NetworkSubnet | undefined {
    if (prefixLength === undefined) return undefined;
    checkApiServerSubnetSize(this, `apiServerSubnetPrefixLength ${prefixLength}`, prefixLength);
    return this.createSubnet(this.plan.carveSubnet(DEFAULT_API_SERVER_SUBNET_NAME, prefixLength, this), true);
  }
}

function checkApiServerSubnetSize(scope: Construct, what: string, prefixLength: number): void {
  if (Number.isInteger(prefixLength) && prefixLength > API_SERVER_SUBNET_MAX_PREFIX) {
    throw new AksNetworkError(
      `${what}: the API server subnet is smaller than a /${API_SERVER_SUBNET_MAX_PREFIX}`,
      `use a /${API_SERVER_SUBNET_MAX_PREFIX} or larger (AKS reserves at least nine addresses in it)`,
      scope,
    );
  }
}

/**
 * Resource group, VNet and subnets created from an address plan that is checked at synth time.
 * Every subnet is carved in one fixed order (nodes, pods, ingress, firewall, firewall management,
 * API server),
 * so the blocks depend only on the props.
 *
 * @see https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
 */
export class ClusterNetwork extends NetworkBase {
  public readonly plan: AddressPlan;
  public readonly location: string;
  public readonly resourceGroupName: string;
  public readonly vnetId: string;
  public readonly vnetName: string;
  public readonly vnetResourceGroupName: string;
  public readonly nodeSubnet: NetworkSubnet;
  public readonly podSubnet?: NetworkSubnet;
  public readonly ingressSubnet?: NetworkSubnet;
  public readonly firewallSubnet?: NetworkSubnet;
  public readonly firewallManagementSubnet?: NetworkSubnet;
  public readonly apiServerSubnet?: NetworkSubnet;
  public readonly vnetEncryptionEnabled = false;
  protected readonly defaultOutboundAccess: boolean;
  private readonly vnet: VirtualNetwork;

  constructor(scope: Construct, id: string, props: ClusterNetworkProps) {
    super(scope, id);
    checkedStack(this);
    for (const prop of ['location', 'addressSpace', 'resourceGroupName', 'vnetName'] as const) {
      checkString(this, prop, props?.[prop]);
    }
    const base = nameFromId(id);
    const rgName = props.resourceGroupName ?? `rg-${base}`;
    const vnetName = props.vnetName ?? `vnet-${base}`;
    checkAzureName('resource group', rgName, this);
    checkAzureName('virtual network', vnetName, this);
    checkLocation(this, props.location);
    this.location = props.location;
    this.defaultOutboundAccess = props.defaultOutboundAccess ?? false;
    this.plan = new AddressPlan(
      {
        vnetAddressSpaces: [props.addressSpace, ...(props.additionalAddressSpaces ?? [])],
        externalRanges: props.externalRanges,
      },
      this,
    );
    const carve = (name: string, prefix: number): PlannedSubnet => this.plan.carveSubnet(name, prefix, this);
    const nodePlan = carve(
      DEFAULT_NODE_SUBNET_NAME,
      props.nodeSubnetPrefixLength ?? DEFAULT_NODE_SUBNET_PREFIX,
    );
    const podPlan =
      props.podSubnetPrefixLength !== undefined
        ? carve(DEFAULT_POD_SUBNET_NAME, props.podSubnetPrefixLength)
        : undefined;
    const ingressPlan =
      props.ingressSubnetPrefixLength !== undefined
        ? carve(DEFAULT_INGRESS_SUBNET_NAME, props.ingressSubnetPrefixLength)
        : undefined;

    if (props.createResourceGroup ?? true) {
      const rg = new azurerm.ResourceGroup(this, 'ResourceGroup', { name: rgName, location: props.location });
      this.resourceGroupName = rg.name;
    } else {
      this.resourceGroupName = rgName;
    }
    const vnet = new azurerm.VirtualNetwork(this, 'VirtualNetwork', {
      name: vnetName,
      location: props.location,
      resourceGroupName: this.resourceGroupName,
      addressSpace: this.plan.vnetAddressSpaces,
    });
    this.vnet = vnet;
    this.vnetId = vnet.id;
    this.vnetName = vnet.name;
    this.vnetResourceGroupName = this.resourceGroupName;
    this.nodeSubnet = this.createSubnet(nodePlan, false);
    this.podSubnet = podPlan && this.createSubnet(podPlan, true);
    this.ingressSubnet = ingressPlan && this.createSubnet(ingressPlan, false);
    const firewall = this._createFirewallSubnets(props);
    this.firewallSubnet = firewall.firewall;
    this.firewallManagementSubnet = firewall.management;
    this.apiServerSubnet = this._createApiServerSubnet(props.apiServerSubnetPrefixLength);
    if (props.dnsServers) this.useDnsServers(props.dnsServers);
    applyTags(this, props.tags);
  }

  public useDnsServers(ips: string[]): void {
    this.servers = [...ips];
    this.vnet.dnsServers = [...ips];
  }
}

/**
 * A cluster network that exists already: the plan is built from the blocks given, so overlaps,
 * reserved ranges and capacity are still checked — firewall subnets it asks for are created in the
 * existing VNet.
 */
export class ExistingClusterNetwork extends NetworkBase {
  public readonly plan: AddressPlan;
  public readonly location: string;
  public readonly resourceGroupName: string;
  public readonly vnetId: string;
  public readonly vnetName: string;
  public readonly vnetResourceGroupName: string;
  public readonly nodeSubnet: NetworkSubnet;
  public readonly podSubnet?: NetworkSubnet;
  public readonly ingressSubnet?: NetworkSubnet;
  public readonly firewallSubnet?: NetworkSubnet;
  public readonly firewallManagementSubnet?: NetworkSubnet;
  public readonly apiServerSubnet?: NetworkSubnet;
  public readonly vnetEncryptionEnabled: boolean;
  protected readonly defaultOutboundAccess = false;
  private dnsServersResource?: VirtualNetworkDnsServers;

  constructor(scope: Construct, id: string, props: ExistingNetworkProps) {
    super(scope, id);
    checkedStack(this);
    checkLocation(this, props.location);
    this.location = props.location;
    this.resourceGroupName = props.resourceGroupName;
    this.vnetId = props.vnetId;
    this.vnetName = props.vnetName;
    this.vnetResourceGroupName = props.vnetResourceGroupName ?? props.resourceGroupName;
    if (props.firewallSubnet && props.firewallSubnet.name !== FIREWALL_SUBNET_NAMES[0]) {
      throw new AksNetworkError(
        `firewallSubnet is named ${props.firewallSubnet.name}`,
        `Azure Firewall only deploys into a subnet named exactly ${FIREWALL_SUBNET_NAMES[0]}`,
        this,
      );
    }
    if (props.firewallSubnet && props.firewallSubnetPrefixLength !== undefined) {
      throw new AksNetworkError(
        'firewallSubnet and firewallSubnetPrefixLength are both given',
        'give the existing AzureFirewallSubnet, or a prefix length to create one, not both',
        this,
      );
    }
    if (props.apiServerSubnet && props.apiServerSubnetPrefixLength !== undefined) {
      throw new AksNetworkError(
        'apiServerSubnet and apiServerSubnetPrefixLength are both given',
        'give the existing API server subnet, or a prefix length to create one, not both',
        this,
      );
    }
    if (props.apiServerSubnet) {
      const prefix = Number(props.apiServerSubnet.cidr.split('/')[1]);
      checkApiServerSubnetSize(this, `apiServerSubnet ${props.apiServerSubnet.cidr}`, prefix);
    }
    this.vnetEncryptionEnabled = props.vnetEncryptionEnabled ?? false;
    const given = [
      props.nodeSubnet,
      props.podSubnet,
      props.ingressSubnet,
      props.firewallSubnet,
      props.apiServerSubnet,
    ].filter((s): s is ExistingSubnet => s !== undefined);
    this.plan = new AddressPlan(
      {
        vnetAddressSpaces: props.vnetAddressSpaces,
        subnets: [...given.map((s) => ({ name: s.name, cidr: s.cidr })), ...(props.otherSubnets ?? [])],
        externalRanges: props.externalRanges,
      },
      this,
    );
    this.nodeSubnet = { ...props.nodeSubnet };
    this.podSubnet = props.podSubnet && { ...props.podSubnet };
    this.ingressSubnet = props.ingressSubnet && { ...props.ingressSubnet };
    const created = this._createFirewallSubnets(props);
    this.firewallSubnet = props.firewallSubnet ? { ...props.firewallSubnet } : created.firewall;
    this.firewallManagementSubnet = created.management;
    this.apiServerSubnet = props.apiServerSubnet
      ? { ...props.apiServerSubnet }
      : this._createApiServerSubnet(props.apiServerSubnetPrefixLength);
  }

  public useDnsServers(ips: string[]): void {
    this.servers = [...ips];
    this.dnsServersResource ??= new azurerm.VirtualNetworkDnsServers(this, 'DnsServers', {
      virtualNetworkId: this.vnetId,
    });
    this.dnsServersResource.dnsServers = [...ips];
  }
}
