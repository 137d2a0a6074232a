/* eslint-disable @typescript-eslint/no-require-imports */
// The azurerm provider classes the constructs create, in one place.
//
// Each provider module is loaded by deep path (never the package root, which loads every resource
// class) and only when a construct first creates that resource: importing the library loads no
// provider module, and a stack without a hub, IP group or extra node pool never pays for those
// classes. Types are re-exported type-only, so referring to them loads nothing either.
import type { Firewall } from '@cdktf/provider-azurerm/lib/firewall';
import type { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type { FirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
import type * as RuleCollectionGroupModule from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import type { IpGroup } from '@cdktf/provider-azurerm/lib/ip-group';
import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import type { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import type { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import type { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { Route } from '@cdktf/provider-azurerm/lib/route';
import type { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import type { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import type { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import type { VirtualNetworkDnsServers } from '@cdktf/provider-azurerm/lib/virtual-network-dns-servers';
import type { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';

/** The rule collection group resource (its module also renders the collection blocks). */
export type FirewallPolicyRuleCollectionGroup = RuleCollectionGroupModule.FirewallPolicyRuleCollectionGroup;

export type {
  FederatedIdentityCredential,
  Firewall,
  FirewallPolicy,
  IpGroup,
  KubernetesCluster,
  KubernetesClusterNodePool,
  PrivateDnsZone,
  PrivateDnsZoneVirtualNetworkLink,
  PublicIp,
  ResourceGroup,
  RoleAssignment,
  Route,
  RouteTable,
  Subnet,
  SubnetRouteTableAssociation,
  UserAssignedIdentity,
  VirtualNetwork,
  VirtualNetworkDnsServers,
  VirtualNetworkPeering,
};

/** The provider module at `@cdktf/provider-azurerm/lib/<name>` (Node caches it after the first call). */
function load<T>(name: string): T {
  return require(`@cdktf/provider-azurerm/lib/${name}`) as T;
}

/** Provider resource classes, each loaded on first use. */
export const azurerm = {
  get FederatedIdentityCredential(): typeof FederatedIdentityCredential {
    return require('@cdktf/provider-azurerm/lib/federated-identity-credential').FederatedIdentityCredential;
  },
  get Firewall(): typeof Firewall {
    return load<{ Firewall: typeof Firewall }>('firewall').Firewall;
  },
  get FirewallPolicy(): typeof FirewallPolicy {
    return load<{ FirewallPolicy: typeof FirewallPolicy }>('firewall-policy').FirewallPolicy;
  },
  /** The rule collection group resource and the renderers of its collection blocks. */
  get ruleCollectionGroup(): typeof RuleCollectionGroupModule {
    return load<typeof RuleCollectionGroupModule>('firewall-policy-rule-collection-group');
  },
  get IpGroup(): typeof IpGroup {
    return load<{ IpGroup: typeof IpGroup }>('ip-group').IpGroup;
  },
  get KubernetesCluster(): typeof KubernetesCluster {
    return load<{ KubernetesCluster: typeof KubernetesCluster }>('kubernetes-cluster').KubernetesCluster;
  },
  get KubernetesClusterNodePool(): typeof KubernetesClusterNodePool {
    return load<{ KubernetesClusterNodePool: typeof KubernetesClusterNodePool }>(
      'kubernetes-cluster-node-pool',
    ).KubernetesClusterNodePool;
  },
  // Static module names (bundlers must see them), as for every loader.
  get PrivateDnsZone(): typeof PrivateDnsZone {
    return (
      require('@cdktf/provider-azurerm/lib/private-dns-zone') as { PrivateDnsZone: typeof PrivateDnsZone }
    ).PrivateDnsZone;
  },
  get PrivateDnsZoneVirtualNetworkLink(): typeof PrivateDnsZoneVirtualNetworkLink {
    return (
      require('@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link') as {
        PrivateDnsZoneVirtualNetworkLink: typeof PrivateDnsZoneVirtualNetworkLink;
      }
    ).PrivateDnsZoneVirtualNetworkLink;
  },
  get PublicIp(): typeof PublicIp {
    return load<{ PublicIp: typeof PublicIp }>('public-ip').PublicIp;
  },
  get ResourceGroup(): typeof ResourceGroup {
    return load<{ ResourceGroup: typeof ResourceGroup }>('resource-group').ResourceGroup;
  },
  get RoleAssignment(): typeof RoleAssignment {
    return load<{ RoleAssignment: typeof RoleAssignment }>('role-assignment').RoleAssignment;
  },
  get Route(): typeof Route {
    return load<{ Route: typeof Route }>('route').Route;
  },
  get RouteTable(): typeof RouteTable {
    return load<{ RouteTable: typeof RouteTable }>('route-table').RouteTable;
  },
  get Subnet(): typeof Subnet {
    return load<{ Subnet: typeof Subnet }>('subnet').Subnet;
  },
  get SubnetRouteTableAssociation(): typeof SubnetRouteTableAssociation {
    return load<{ SubnetRouteTableAssociation: typeof SubnetRouteTableAssociation }>(
      'subnet-route-table-association',
    ).SubnetRouteTableAssociation;
  },
  get UserAssignedIdentity(): typeof UserAssignedIdentity {
    return load<{ UserAssignedIdentity: typeof UserAssignedIdentity }>('user-assigned-identity')
      .UserAssignedIdentity;
  },
  get VirtualNetwork(): typeof VirtualNetwork {
    return load<{ VirtualNetwork: typeof VirtualNetwork }>('virtual-network').VirtualNetwork;
  },
  get VirtualNetworkDnsServers(): typeof VirtualNetworkDnsServers {
    return load<{ VirtualNetworkDnsServers: typeof VirtualNetworkDnsServers }>('virtual-network-dns-servers')
      .VirtualNetworkDnsServers;
  },
  get VirtualNetworkPeering(): typeof VirtualNetworkPeering {
    return load<{ VirtualNetworkPeering: typeof VirtualNetworkPeering }>('virtual-network-peering')
      .VirtualNetworkPeering;
  },
};
