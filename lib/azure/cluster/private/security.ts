import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { AksNetworkError } from '../../../core/errors';
import { EgressFeature } from '../../contracts';
import { AksClusterProps, DEFAULT_SECRET_ROTATION_INTERVAL } from '../aks-cluster-props';
import { ClusterIngress } from '../ingress';
import { AutoUpgradeChannel, NodeOsUpgradeChannel } from '../settings';

/** The access, identity and add-on settings with defaults filled in, plus warnings for opt-outs. */
export interface ResolvedSecurity {
  readonly settings: {
    readonly roleBasedAccessControlEnabled: boolean;
    readonly azureActiveDirectoryRoleBasedAccessControl: {
      azureRbacEnabled: boolean;
      tenantId?: string;
      adminGroupObjectIds?: string[];
    };
    readonly localAccountDisabled: boolean;
    readonly oidcIssuerEnabled: boolean;
    readonly workloadIdentityEnabled: boolean;
    readonly azurePolicyEnabled: boolean;
    readonly httpApplicationRoutingEnabled: boolean;
    readonly automaticUpgradeChannel?: string;
    readonly nodeOsUpgradeChannel: string;
    readonly keyVaultSecretsProvider?: { secretRotationEnabled: boolean; secretRotationInterval: string };
    readonly windowsProfile?: { adminUsername: string; adminPassword: string };
    readonly omsAgent?: { logAnalyticsWorkspaceId: string; msiAuthForMonitoringEnabled: boolean };
  };
  readonly features: EgressFeature[];
  readonly warnings: string[];
}

/**
 * Secure defaults, each written explicitly even where it equals the provider default (scanners read
 * an absent RBAC flag as false), each with an opt-out that warns.
 */
export function resolveSecurity(
  scope: IConstruct,
  props: AksClusterProps,
  ingress: ClusterIngress,
): ResolvedSecurity {
  // Key Vault listeners of the ingress need the secrets provider add-on (resolveIngress refuses `false`)
  const kv = props.keyVaultSecretsProviderEnabled ?? ingress.keyVault !== undefined;
  const workloadIdentity = props.workloadIdentityEnabled ?? true;
  const policy = props.azurePolicyEnabled ?? true;
  const azureRbac = props.azureRbacEnabled ?? true;
  const localAccounts = props.localAccountsEnabled ?? false;
  const upgrade = props.automaticUpgradeChannel ?? AutoUpgradeChannel.PATCH;
  const nodeOsUpgrade = props.nodeOsUpgradeChannel ?? NodeOsUpgradeChannel.NODE_IMAGE;
  const windows = props.windowsProfile;
  if (windows && !Token.isUnresolved(windows.adminPassword)) {
    throw new AksNetworkError(
      'windowsProfile.adminPassword is a literal string',
      'pass a reference (e.g. a Key Vault secret or random_password result), never a plaintext password',
      scope,
    );
  }
  const warnings = [
    [!policy, 'Azure Policy is off: pod security and other guardrails are not enforced'],
    [!azureRbac, 'Azure RBAC is off: grant access with Kubernetes RoleBindings to Entra ID groups'],
    [
      localAccounts,
      'local accounts are enabled: the admin kubeconfig bypasses Entra ID; keep localAccountsEnabled false',
    ],
    [
      upgrade === AutoUpgradeChannel.NONE,
      'automatic Kubernetes upgrades are off: patch releases must be applied by hand',
    ],
    [nodeOsUpgrade === NodeOsUpgradeChannel.NONE, 'node OS upgrades are off: nodes get no security patches'],
  ]
    .filter(([on]) => on)
    .map(([, message]) => message as string);
  const features = new Set<EgressFeature>(props.egressFeatures ?? []);
  if (policy) features.add(EgressFeature.POLICY);
  if (kv || ingress.dnsZoneIds.length > 0) features.add(EgressFeature.KEY_VAULT);
  if (workloadIdentity) features.add(EgressFeature.WORKLOAD_IDENTITY);
  if (props.logAnalyticsWorkspaceId !== undefined) features.add(EgressFeature.MONITOR);
  return {
    settings: {
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
      keyVaultSecretsProvider: kv
        ? {
            secretRotationEnabled: true,
            secretRotationInterval: props.secretRotationInterval ?? DEFAULT_SECRET_ROTATION_INTERVAL,
          }
        : undefined,
      windowsProfile: windows && {
        adminUsername: windows.adminUsername,
        adminPassword: windows.adminPassword,
      },
      // Managed identity auth for the monitoring agent instead of workspace keys.
      omsAgent: props.logAnalyticsWorkspaceId
        ? { logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId, msiAuthForMonitoringEnabled: true }
        : undefined,
    },
    features: [...features],
    warnings,
  };
}
