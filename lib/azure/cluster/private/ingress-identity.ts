// The identity a Gateway's Key Vault listeners use: user-assigned, Key Vault Secrets User on the
// vault, federated with the listener's ServiceAccount through the cluster's OIDC issuer.
// Facts: docs `app-routing-gateway-api-dns-tls.md` (2026-08-07), platform-2026-12 §1 and §5.
import { Construct } from 'constructs';
import { azurerm } from '../../../core/azurerm';
import { GatewayKeyVaultOptions } from '../ingress';
import { grantRole } from '../cluster-identity';

/** The role the identity needs on an RBAC-mode vault to read certificates as secrets. */
export const KEY_VAULT_SECRETS_USER = 'Key Vault Secrets User';
/** The audience of a workload identity federation. */
export const WORKLOAD_IDENTITY_AUDIENCE = 'api://AzureADTokenExchange';

/** What the manifests need of the identity (the client id is an apply-time value). */
export interface GatewayKeyVaultIdentity {
  /** Client id of the identity (a Terraform reference: known after apply). */
  readonly clientId: string;
  /** Principal id of the identity. */
  readonly principalId: string;
  /** Namespace of the ServiceAccount it federates with. */
  readonly serviceAccountNamespace: string;
  /** Name of that ServiceAccount. */
  readonly serviceAccountName: string;
}

export function createGatewayKeyVaultIdentity(
  scope: Construct,
  cluster: { name: string; location: string; resourceGroupName: string; oidcIssuerUrl: string },
  kv: GatewayKeyVaultOptions,
): GatewayKeyVaultIdentity {
  const serviceAccountName = kv.serviceAccountName!;
  const identity = new azurerm.UserAssignedIdentity(scope, 'GatewayKeyVaultIdentity', {
    name: `id-${cluster.name}-gateway-kv`,
    location: cluster.location,
    resourceGroupName: cluster.resourceGroupName,
  });
  grantRole(scope, 'GatewayKeyVaultSecretsUser', identity.principalId, KEY_VAULT_SECRETS_USER, kv.keyVaultId);
  new azurerm.FederatedIdentityCredential(scope, 'GatewayKeyVaultFederation', {
    name: `${kv.gatewayNamespace}-${serviceAccountName}`,
    resourceGroupName: cluster.resourceGroupName,
    parentId: identity.id,
    audience: [WORKLOAD_IDENTITY_AUDIENCE],
    issuer: cluster.oidcIssuerUrl,
    subject: `system:serviceaccount:${kv.gatewayNamespace}:${serviceAccountName}`,
  });
  return {
    clientId: identity.clientId,
    principalId: identity.principalId,
    serviceAccountNamespace: kv.gatewayNamespace,
    serviceAccountName,
  };
}
