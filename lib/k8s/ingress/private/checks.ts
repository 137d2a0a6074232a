import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { parseIpv4 } from '../../../plan/ipv4';
import { IngressController } from '../../controller';

/** What the TLS checks need of one `IngressTls`. */
export interface TlsInput {
  readonly hosts: string[];
  readonly secretName?: string;
  readonly keyVaultCertificateUri?: string;
}

const KEY_VAULT_URI =
  /^https:\/\/[a-zA-Z0-9-]{3,24}\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)\/certificates\/[a-zA-Z0-9-]+(\/[a-f0-9]{32})?$/;
const HOST = /^(\*\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** The label every app routing operator object carries — only its controllers read the Key Vault annotation. */
const APP_ROUTING_MANAGED_BY = 'aks-app-routing-operator';
/** Prefix of the Secret (and helper Deployment) app routing creates for a Key Vault certificate. */
export const KEY_VAULT_SECRET_PREFIX = 'keyvault-';
/**
 * Longest Ingress name that takes a Key Vault certificate. App routing labels its helper Deployment
 * `app: keyvault-<ingress name>` (azure-facts §6.3) and a label value holds at most 63 characters,
 * so the name leaves 63 - 9. Derived from those two facts, not from an operator error seen in use.
 */
export const KEY_VAULT_INGRESS_NAME_MAX = 63 - KEY_VAULT_SECRET_PREFIX.length;

/** The Ingress name is a DNS subdomain (Kubernetes object names). */
export function checkIngressName(scope: IConstruct, name: string): void {
  if (!DNS_1123_SUBDOMAIN.test(name) || name.length > 253) {
    throw new AksNetworkError(
      `name '${name}' is not a DNS subdomain`,
      'use lower-case letters, digits, - and ., starting and ending alphanumeric, e.g. myapp-ingress',
      scope,
    );
  }
}

/** A rule host: a lower-case DNS name (optionally `*.` wildcard), never an IP address. */
export function checkHost(scope: IConstruct, host: string): void {
  if (!HOST.test(host)) {
    throw new AksNetworkError(
      `host '${host}' is not a DNS name`,
      'use lower-case labels such as myapp.contoso.com',
      scope,
    );
  }
  if (parseIpv4(host) !== undefined) {
    throw new AksNetworkError(
      `host '${host}' is an IP address, which Ingress rules do not accept`,
      'route by a DNS name, or leave the host out with a default backend',
      scope,
    );
  }
}

/** Checks every TLS entry that can be checked when the Ingress is built. */
export function checkTls(
  scope: IConstruct,
  ingressName: string,
  controller: IngressController,
  tls: TlsInput[],
): void {
  const fromKeyVault = tls.filter((t) => t.keyVaultCertificateUri !== undefined);
  for (const t of tls) {
    if (t.hosts.length === 0) {
      throw new AksNetworkError('a TLS entry names no host', 'list the hosts the certificate covers', scope);
    }
    t.hosts.forEach((h) => checkHost(scope, h));
    if (t.secretName !== undefined && (!DNS_1123_SUBDOMAIN.test(t.secretName) || t.secretName.length > 253)) {
      throw new AksNetworkError(
        `TLS secret name '${t.secretName}' is not a DNS subdomain`,
        'name a kubernetes.io/tls Secret in the Ingress namespace, e.g. myapp-tls',
        scope,
      );
    }
  }
  for (const t of fromKeyVault) {
    if (!KEY_VAULT_URI.test(t.keyVaultCertificateUri!)) {
      throw new AksNetworkError(
        `Key Vault certificate URI '${t.keyVaultCertificateUri}' is not a certificate URI`,
        'use https://<vault>.vault.azure.net/certificates/<name>',
        scope,
      );
    }
  }
  if (fromKeyVault.length > 1) {
    throw new AksNetworkError(
      'more than one Key Vault certificate on one Ingress',
      'the add-on syncs one certificate per Ingress; split the hosts over several AppIngress',
      scope,
    );
  }
  if (fromKeyVault.length === 0) return;
  if (controller.podLabels['app.kubernetes.io/managed-by'] !== APP_ROUTING_MANAGED_BY) {
    throw new AksNetworkError(
      `a Key Vault certificate on IngressClass ${controller.ingressClassName}, whose controller is not the app routing add-on, so no one syncs Secret ${KEY_VAULT_SECRET_PREFIX}${ingressName}`,
      'use IngressController.appRouting() (or an InternalNginxController), or IngressTls.fromSecret',
      scope,
    );
  }
  if (ingressName.length > KEY_VAULT_INGRESS_NAME_MAX) {
    throw new AksNetworkError(
      `name '${ingressName}' has ${ingressName.length} characters, too long for a Key Vault certificate (the add-on labels its helper ${KEY_VAULT_SECRET_PREFIX}${ingressName})`,
      `shorten the name to at most ${KEY_VAULT_INGRESS_NAME_MAX} characters`,
      scope,
    );
  }
}
