// The cluster's ingress choice with the legacy `appRouting` prop mapped onto it, and the rules the
// choice sets for the rest of the cluster.
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { AksClusterProps } from '../aks-cluster-props';
import { checkDnsZones, ClusterIngress } from '../ingress';

/** `ingress`, or what the deprecated `appRouting` prop asked for, or the default (Gateway API). */
export function resolveIngress(scope: IConstruct, props: AksClusterProps): ClusterIngress {
  if (props.ingress && props.appRouting) {
    throw new AksNetworkError(
      'ingress and the deprecated appRouting are both given',
      'give ingress only, e.g. ClusterIngress.nginx({ defaultNginxController, dnsZoneIds })',
      scope,
    );
  }
  const legacy = props.appRouting;
  // the deprecated prop is the cluster's own input: its zones are checked with the cluster's path
  if (legacy?.enabled !== false) checkDnsZones('appRouting', legacy?.dnsZoneIds ?? [], scope);
  const ingress =
    props.ingress ??
    (legacy === undefined
      ? ClusterIngress.gatewayApi()
      : legacy.enabled === false
        ? noZones(scope, legacy.dnsZoneIds, ClusterIngress.none())
        : ClusterIngress.nginx({
            defaultNginxController: legacy.defaultNginxController,
            dnsZoneIds: legacy.dnsZoneIds,
          }));
  const kv = ingress.keyVault;
  if (kv && props.workloadIdentityEnabled === false) {
    throw new AksNetworkError(
      `Key Vault listeners for namespace ${kv.gatewayNamespace} need workload identity, but workloadIdentityEnabled is false`,
      'leave workloadIdentityEnabled on (the default), or drop keyVault from the ingress',
      scope,
    );
  }
  if (kv && props.keyVaultSecretsProviderEnabled === false) {
    throw new AksNetworkError(
      `Key Vault listeners for namespace ${kv.gatewayNamespace} need the Key Vault secrets provider add-on, but keyVaultSecretsProviderEnabled is false`,
      'leave keyVaultSecretsProviderEnabled unset (the ingress turns it on), or drop keyVault from the ingress',
      scope,
    );
  }
  return ingress;
}

function noZones(scope: IConstruct, zones: string[] | undefined, ingress: ClusterIngress): ClusterIngress {
  if ((zones ?? []).length > 0) {
    throw new AksNetworkError(
      'app routing DNS zones given with the add-on disabled',
      'enable app routing or drop dnsZoneIds',
      scope,
    );
  }
  return ingress;
}
