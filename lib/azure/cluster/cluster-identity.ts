import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
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

/** Create (or adopt) the control-plane and kubelet identities. */
export function clusterIdentities(
  scope: Construct,
  placement: { name: string; location: string; resourceGroupName: string; tags?: { [key: string]: string } },
  given: { controlPlane?: ManagedIdentityReference; kubelet?: KubeletIdentityReference },
): { controlPlane: ManagedIdentityReference; kubelet: KubeletIdentityReference } {
  const create = (id: string, name: string): UserAssignedIdentity =>
    new UserAssignedIdentity(scope, id, {
      name,
      location: placement.location,
      resourceGroupName: placement.resourceGroupName,
      tags: placement.tags,
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
  return new RoleAssignment(scope, id, {
    principalId,
    principalType: 'ServicePrincipal',
    roleDefinitionName: role,
    scope: target,
  });
}
