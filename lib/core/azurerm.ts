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

/**
 * Provider resource classes, each loaded on first use. Every module path is a string literal in its
 * own `require` so that bundlers see it: a computed path stays a runtime lookup, and a bundle then
 * loads the provider, and with it a second copy of cdktf, from node_modules.
 */
export const azurerm = {
  get FederatedIdentityCredential(): typeof FederatedIdentityCredential {
    return require('@cdktf/provider-azurerm/lib/federated-identity-credential').FederatedIdentityCredential;
  },
  get Firewall(): typeof Firewall {
    return (require('@cdktf/provider-azurerm/lib/firewall') as { Firewall: typeof Firewall }).Firewall;
  },
  get FirewallPolicy(): typeof FirewallPolicy {
    return (
      require('@cdktf/provider-azurerm/lib/firewall-policy') as { FirewallPolicy: typeof FirewallPolicy }
    ).FirewallPolicy;
  },
  /** The rule collection group resource and the renderers of its collection blocks. */
  get ruleCollectionGroup(): typeof RuleCollectionGroupModule {
    return require('@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group') as typeof RuleCollectionGroupModule;
  },
  get IpGroup(): typeof IpGroup {
    return (require('@cdktf/provider-azurerm/lib/ip-group') as { IpGroup: typeof IpGroup }).IpGroup;
  },
  get KubernetesCluster(): typeof KubernetesCluster {
    return (
      require('@cdktf/provider-azurerm/lib/kubernetes-cluster') as {
        KubernetesCluster: typeof KubernetesCluster;
      }
    ).KubernetesCluster;
  },
  get KubernetesClusterNodePool(): typeof KubernetesClusterNodePool {
    return (
      require('@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool') as {
        KubernetesClusterNodePool: typeof KubernetesClusterNodePool;
      }
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
    return (require('@cdktf/provider-azurerm/lib/public-ip') as { PublicIp: typeof PublicIp }).PublicIp;
  },
  get ResourceGroup(): typeof ResourceGroup {
    return (require('@cdktf/provider-azurerm/lib/resource-group') as { ResourceGroup: typeof ResourceGroup })
      .ResourceGroup;
  },
  get RoleAssignment(): typeof RoleAssignment {
    return (
      require('@cdktf/provider-azurerm/lib/role-assignment') as { RoleAssignment: typeof RoleAssignment }
    ).RoleAssignment;
  },
  get Route(): typeof Route {
    return (require('@cdktf/provider-azurerm/lib/route') as { Route: typeof Route }).Route;
  },
  get RouteTable(): typeof RouteTable {
    return (require('@cdktf/provider-azurerm/lib/route-table') as { RouteTable: typeof RouteTable })
      .RouteTable;
  },
  get Subnet(): typeof Subnet {
    return (require('@cdktf/provider-azurerm/lib/subnet') as { Subnet: typeof Subnet }).Subnet;
  },
  get SubnetRouteTableAssociation(): typeof SubnetRouteTableAssociation {
    return (
      require('@cdktf/provider-azurerm/lib/subnet-route-table-association') as {
        SubnetRouteTableAssociation: typeof SubnetRouteTableAssociation;
      }
    ).SubnetRouteTableAssociation;
  },
  get UserAssignedIdentity(): typeof UserAssignedIdentity {
    return (
      require('@cdktf/provider-azurerm/lib/user-assigned-identity') as {
        UserAssignedIdentity: typeof UserAssignedIdentity;
      }
    ).UserAssignedIdentity;
  },
  get VirtualNetwork(): typeof VirtualNetwork {
    return (
      require('@cdktf/provider-azurerm/lib/virtual-network') as { VirtualNetwork: typeof VirtualNetwork }
    ).VirtualNetwork;
  },
  get VirtualNetworkDnsServers(): typeof VirtualNetworkDnsServers {
    return (
      require('@cdktf/provider-azurerm/lib/virtual-network-dns-servers') as {
        VirtualNetworkDnsServers: typeof VirtualNetworkDnsServers;
      }
    ).VirtualNetworkDnsServers;
  },
  get VirtualNetworkPeering(): typeof VirtualNetworkPeering {
    return (
      require('@cdktf/provider-azurerm/lib/virtual-network-peering') as {
        VirtualNetworkPeering: typeof VirtualNetworkPeering;
      }
    ).VirtualNetworkPeering;
  },
};
