import { azurerm, type RoleAssignment, type UserAssignedIdentity } from '../../core/azurerm';
import { Construct } from 'constructs';

/** A user-assigned managed identity that exists already. */
export interface ManagedIdentityReference {
  /** Resource id of the identity. */
  readonly resourceId: string;
  /** Its principal (object) id, for role assignments. */
  readonly principalId: string;
}

/** A user-assigned managed identity for the kubelet. */
export interface KubeletIdentityReference {
  /** Resource id of the identity. */
  readonly resourceId: string;
  /** Its client id. */
  readonly clientId: string;
  /** Its object (principal) id. */
  readonly objectId: string;
}

/** Roles the cluster identities need. */
export const NETWORK_CONTRIBUTOR = 'Network Contributor';
export const PRIVATE_DNS_ZONE_CONTRIBUTOR = 'Private DNS Zone Contributor';
export const DNS_ZONE_CONTRIBUTOR = 'DNS Zone Contributor';
export const MANAGED_IDENTITY_OPERATOR = 'Managed Identity Operator';
/** What the kubelet identity needs on a network-isolated cluster's bootstrap registry. */
export const ACR_PULL = 'AcrPull';

/** Create (or adopt) the control-plane and kubelet identities. */
export function clusterIdentities(
  scope: Construct,
  placement: { name: string; location: string; resourceGroupName: string },
  given: { controlPlane?: ManagedIdentityReference; kubelet?: KubeletIdentityReference },
): { controlPlane: ManagedIdentityReference; kubelet: KubeletIdentityReference } {
  const create = (id: string, name: string): UserAssignedIdentity =>
    new azurerm.UserAssignedIdentity(scope, id, {
      name,
      location: placement.location,
      resourceGroupName: placement.resourceGroupName,
    });
  let controlPlane = given.controlPlane;
  if (!controlPlane) {
    const uai = create('ControlPlaneIdentity', `id-${placement.name}`);
    controlPlane = { resourceId: uai.id, principalId: uai.principalId };
  }
  let kubelet = given.kubelet;
  if (!kubelet) {
    const uai = create('KubeletIdentity', `id-${placement.name}-kubelet`);
    kubelet = { resourceId: uai.id, clientId: uai.clientId, objectId: uai.principalId };
  }
  return { controlPlane, kubelet };
}

/**
 * A role assignment for a service principal (managed identity). `principal_type` is set so that
 * Azure skips the directory lookup that fails for identities created moments before.
 */
export function grantRole(
  scope: Construct,
  id: string,
  principalId: string,
  role: string,
  target: string,
): RoleAssignment {
  return new azurerm.RoleAssignment(scope, id, {
    principalId,
    principalType: 'ServicePrincipal',
    roleDefinitionName: role,
    scope: target,
  });
}

/** What the control-plane identity needs rights on before the cluster is created. */
export interface ClusterRoleTargets {
  /** Subnets the cluster places nodes, pods or load balancers in. */
  readonly subnets: Array<{ name: string; id: string }>;
  /** Route table of a UDR egress path (AKS reads it — kubenet writes routes into it). */
  readonly routeTableId?: string;
  /** The kubelet identity (AKS assigns it to the node VMs). */
  readonly kubeletIdentityId: string;
  /** A custom private DNS zone of a private cluster. */
  readonly privateDnsZoneId?: string;
  /** The cluster's VNet (AKS links a custom private DNS zone to it). */
  readonly vnetId?: string;
}

/** Grant the control-plane identity its roles — returns the assignments the cluster must depend on. */
export function grantClusterRoles(
  scope: Construct,
  principalId: string,
  targets: ClusterRoleTargets,
): RoleAssignment[] {
  const grants: RoleAssignment[] = targets.subnets.map((subnet) =>
    grantRole(scope, `NetworkContributor-${subnet.name}`, principalId, NETWORK_CONTRIBUTOR, subnet.id),
  );
  if (targets.routeTableId !== undefined) {
    grants.push(
      grantRole(
        scope,
        'NetworkContributor-RouteTable',
        principalId,
        NETWORK_CONTRIBUTOR,
        targets.routeTableId,
      ),
    );
  }
  grants.push(
    grantRole(
      scope,
      'ManagedIdentityOperator-Kubelet',
      principalId,
      MANAGED_IDENTITY_OPERATOR,
      targets.kubeletIdentityId,
    ),
  );
  // A custom zone: Private DNS Zone Contributor on it (azurerm docs, facts §3.3), and Network
  // Contributor on the cluster VNet, because AKS links the zone to that VNet even when it is already
  // linked to a hub (docs private-clusters.md, ms.date 2026-08-05, "Hub and spoke with custom DNS").
  if (targets.privateDnsZoneId !== undefined) {
    grants.push(
      grantRole(
        scope,
        'PrivateDnsZoneContributor',
        principalId,
        PRIVATE_DNS_ZONE_CONTRIBUTOR,
        targets.privateDnsZoneId,
      ),
    );
    if (targets.vnetId !== undefined) {
      grants.push(
        grantRole(scope, 'NetworkContributor-Vnet', principalId, NETWORK_CONTRIBUTOR, targets.vnetId),
      );
    }
  }
  return grants;
}
