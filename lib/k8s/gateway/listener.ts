import { AksNetworkError } from '../../core/errors';
import { isDnsSubdomain } from '../../core/naming';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const VARIABLE = /^[A-Z_][A-Z0-9_]*$/;
const VAULT = '[a-zA-Z0-9-]{3,24}\\.vault\\.(azure\\.net|azure\\.cn|usgovcloudapi\\.net)';
const KEY_VAULT_CERTIFICATE = new RegExp(`^https://${VAULT}/certificates/[a-zA-Z0-9-]{1,127}$`);
const KEY_VAULT_VERSIONED = new RegExp(`^https://${VAULT}/certificates/[a-zA-Z0-9-]{1,127}/[0-9a-fA-F]{32}$`);
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The client id of the user-assigned identity a Key Vault listener's ServiceAccount federates to.
 * Terraform knows it only after apply, and a manifest never holds a Terraform token: give it as a
 * plain value (an identity created beforehand or in another stack), or as a variable that the GitOps
 * step substitutes (Flux `postBuild.substitute`, `envsubst`), as mspnp/aks-baseline does.
 */
export class WorkloadIdentityClientId {
  /** A known client id (a GUID). */
  public static of(clientId: string): WorkloadIdentityClientId {
    if (typeof clientId !== 'string' || !GUID.test(clientId)) {
      const token = typeof clientId === 'string' && clientId.includes('${');
      throw new AksNetworkError(
        `WorkloadIdentityClientId.of: '${String(clientId)}' is not a client id${token ? ' (a Terraform token cannot go into a manifest)' : ''}`,
        "pass the GUID of the identity, or WorkloadIdentityClientId.substitution('GATEWAY_TLS_CLIENT_ID') and substitute it at deploy time",
      );
    }
    return new WorkloadIdentityClientId(clientId.toLowerCase());
  }

  /**
   * A placeholder `${VARIABLE}` the deployment step replaces with the client id (e.g. from the
   * Terraform output of the identity).
   * @param variable upper-case letters, digits and _, e.g. `GATEWAY_TLS_CLIENT_ID`
   */
  public static substitution(variable: string): WorkloadIdentityClientId {
    if (typeof variable !== 'string' || !VARIABLE.test(variable)) {
      throw new AksNetworkError(
        `WorkloadIdentityClientId.substitution: '${String(variable)}' is not a variable name`,
        'use upper-case letters, digits and _, e.g. GATEWAY_TLS_CLIENT_ID',
      );
    }
    return new WorkloadIdentityClientId(`\${${variable}}`, variable);
  }

  private constructor(
    /** What the manifest holds: the GUID, or `${VARIABLE}`. */ public readonly value: string,
    /** The variable to substitute, when this is a placeholder. */ public readonly substitutionVariable?: string,
  ) {}
}

/** Where an HTTPS listener gets its certificate. */
export class ListenerCertificate {
  /**
   * A `kubernetes.io/tls` Secret in the Gateway's namespace.
   * @see https://gateway-api.sigs.k8s.io/guides/tls/
   */
  public static fromSecret(secretName: string): ListenerCertificate {
    if (typeof secretName !== 'string' || !isDnsSubdomain(secretName)) {
      throw new AksNetworkError(
        `ListenerCertificate.fromSecret: '${String(secretName)}' is not a Secret name`,
        'name a kubernetes.io/tls Secret in the Gateway namespace, e.g. myapp-tls',
      );
    }
    return new ListenerCertificate(secretName);
  }

  /**
   * A Key Vault certificate, synced by the app routing operator into a `kubernetes.io/tls` Secret
   * (listener `tls.options`). The Gateway's ServiceAccount federates to the identity `clientId`,
   * which needs Key Vault Secrets User on the vault.
   * @param certificateUri the unversioned URI, e.g. `https://kv-myapp.vault.azure.net/certificates/myapp` (the operator follows new versions)
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api-dns-tls
   */
  public static fromKeyVault(
    certificateUri: string,
    clientId: WorkloadIdentityClientId,
  ): ListenerCertificate {
    if (typeof certificateUri !== 'string' || !KEY_VAULT_CERTIFICATE.test(certificateUri)) {
      const versioned = typeof certificateUri === 'string' && KEY_VAULT_VERSIONED.test(certificateUri);
      throw new AksNetworkError(
        `ListenerCertificate.fromKeyVault: '${String(certificateUri)}' is ${versioned ? 'a versioned certificate URI' : 'not a Key Vault certificate URI'}`,
        versioned
          ? 'drop the version: the listener takes the unversioned URI and the operator follows the latest version'
          : 'use https://<vault>.vault.azure.net/certificates/<name>',
      );
    }
    if (!(clientId instanceof WorkloadIdentityClientId)) {
      throw new AksNetworkError(
        'ListenerCertificate.fromKeyVault: clientId is not a WorkloadIdentityClientId',
        'pass WorkloadIdentityClientId.of(guid) or WorkloadIdentityClientId.substitution(variable)',
      );
    }
    return new ListenerCertificate(undefined, certificateUri, clientId);
  }

  private constructor(
    /** The TLS Secret, when not from Key Vault. */ public readonly secretName?: string,
    /** The Key Vault certificate URI, when from Key Vault. */ public readonly keyVaultCertificateUri?: string,
    /** The identity the listener's ServiceAccount federates to, when from Key Vault. */
    public readonly clientId?: WorkloadIdentityClientId,
  ) {}
}

/** Options of an HTTPS listener. */
export interface HttpsListenerOptions {
  /** The host name it serves, e.g. `myapp.contoso.com` (`*.contoso.com` for a wildcard). */
  readonly hostname: string;
  /** Its certificate. */
  readonly certificate: ListenerCertificate;
  /**
   * Port.
   * @default 443
   */
  readonly port?: number;
}

/** Options of a plain HTTP listener. */
export interface HttpListenerOptions {
  /** The host name it serves. */
  readonly hostname: string;
  /**
   * Port.
   * @default 80
   */
  readonly port?: number;
}

/** What a listener speaks. */
export enum ListenerProtocol {
  /** TLS terminated at the Gateway. */
  HTTPS = 'HTTPS',
  /** Plain HTTP. */
  HTTP = 'HTTP',
}

/** The default HTTPS port. */
export const HTTPS_PORT = 443;
/** The default HTTP port (also the port of the HTTPS redirect). */
export const HTTP_PORT = 80;

/** A port a Gateway listens on for one host name. */
export class GatewayListener {
  /** HTTPS for one host name, terminated at the Gateway. */
  public static https(options: HttpsListenerOptions): GatewayListener {
    const o = options ?? ({} as HttpsListenerOptions);
    checkHostname('GatewayListener.https', o.hostname);
    if (!(o.certificate instanceof ListenerCertificate)) {
      throw new AksNetworkError(
        `GatewayListener.https: listener ${o.hostname} has no certificate`,
        'pass certificate: ListenerCertificate.fromKeyVault(...) or ListenerCertificate.fromSecret(...)',
      );
    }
    return new GatewayListener(
      ListenerProtocol.HTTPS,
      o.hostname,
      checkPort('GatewayListener.https', o.port ?? HTTPS_PORT),
      o.certificate,
    );
  }

  /**
   * Plain HTTP served to routes, for one host name. Only for traffic that may travel unencrypted:
   * without it, port 80 only redirects to HTTPS.
   */
  public static http(options: HttpListenerOptions): GatewayListener {
    const o = options ?? ({} as HttpListenerOptions);
    checkHostname('GatewayListener.http', o.hostname);
    return new GatewayListener(
      ListenerProtocol.HTTP,
      o.hostname,
      checkPort('GatewayListener.http', o.port ?? HTTP_PORT),
    );
  }

  private constructor(
    /** What it speaks. */ public readonly protocol: ListenerProtocol,
    /** The host name. */ public readonly hostname: string,
    /** The port. */ public readonly port: number,
    /** The certificate (HTTPS). */ public readonly certificate?: ListenerCertificate,
  ) {}

  /** The listener name in the Gateway (a route's `sectionName`), e.g. `https-myapp-contoso-com`. */
  public get name(): string {
    const host = this.hostname.replace(/^\*\./, 'wildcard.').replace(/\./g, '-');
    return `${this.protocol.toLowerCase()}-${host}`.slice(0, 253);
  }

  /** Whether this listener's host name covers `host` (equal, or a wildcard one label deeper or more). */
  public covers(host: string): boolean {
    if (this.hostname === host) return true;
    return this.hostname.startsWith('*.') && host.endsWith(this.hostname.slice(1)) && !host.startsWith('*.');
  }
}

function checkHostname(factory: string, hostname: string): void {
  if (typeof hostname !== 'string' || !HOSTNAME.test(hostname) || hostname.length > 253) {
    throw new AksNetworkError(
      `${factory}: hostname '${String(hostname)}' is not a DNS name`,
      'use lower-case labels such as myapp.contoso.com (or *.contoso.com)',
    );
  }
  if (/^[\d.]+$/.test(hostname)) {
    throw new AksNetworkError(`${factory}: hostname '${hostname}' is an IP address`, 'listen for a DNS name');
  }
}

function checkPort(factory: string, port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AksNetworkError(`${factory}: port ${port} is out of range`, 'use 1-65535');
  }
  return port;
}
