import { IConstruct } from 'constructs';
import { ArmBody } from '../../core/azapi';
import { AksNetworkError } from '../../core/errors';
import { NginxControllerMode } from './settings';

/** The GatewayClass of the app routing add-on's Gateway API implementation. */
export const APP_ROUTING_GATEWAY_CLASS = 'approuting-istio';
/** The GatewayClass of the Istio service mesh add-on. */
export const ISTIO_GATEWAY_CLASS = 'istio';
/** The IngressClass of the app routing add-on's default NGINX controller. */
export const APP_ROUTING_INGRESS_CLASS = 'webapprouting.kubernetes.azure.com';
/** Oldest Istio add-on revision that works with the managed Gateway API CRDs (docs `managed-gateway-api.md`). */
export const ISTIO_GATEWAY_API_MIN_REVISION = 'asm-1-26';
/** Microsoft's security-patch support for the app routing add-on's NGINX ended with this month. */
export const APP_ROUTING_NGINX_SUPPORT_END = '2026-11';
/** Application routing accepts at most five DNS zones. */
export const APP_ROUTING_MAX_DNS_ZONES = 5;
/** Default ServiceAccount a Gateway's Key Vault listeners use (in the Gateway's namespace). */
export const DEFAULT_KEY_VAULT_SERVICE_ACCOUNT = 'gateway-keyvault';

/**
 * Key Vault certificates for Gateway listeners: the cluster creates a user-assigned identity with
 * Key Vault Secrets User on the vault and a federated credential for the listener's ServiceAccount,
 * and turns on what they need (Key Vault secrets provider, OIDC issuer, workload identity).
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api-dns-tls
 */
export interface GatewayKeyVaultOptions {
  /** Resource id of the Key Vault (RBAC authorization mode) that holds the certificates. */
  readonly keyVaultId: string;
  /** Namespace of the Gateway: its ServiceAccount lives there. */
  readonly gatewayNamespace: string;
  /**
   * The ServiceAccount the listeners name in `kubernetes.azure.com/tls-cert-service-account`.
   * @default DEFAULT_KEY_VAULT_SERVICE_ACCOUNT ('gateway-keyvault')
   */
  readonly serviceAccountName?: string;
}

/** Options of `ClusterIngress.gatewayApi`. */
export interface GatewayApiIngressOptions {
  /**
   * Key Vault certificates for the Gateway's listeners.
   * @default - none (TLS from Secrets only)
   */
  readonly keyVault?: GatewayKeyVaultOptions;
  /**
   * Azure DNS zones (public or private, at most 5) the add-on manages records in — its identity gets
   * the matching contributor role on each.
   * @default - none
   */
  readonly dnsZoneIds?: string[];
}

/** Options of `ClusterIngress.istioAddon`. */
export interface IstioAddonIngressOptions {
  /**
   * Istio add-on revisions (one, or two during a canary upgrade), e.g. `['asm-1-26']`.
   * @see https://learn.microsoft.com/azure/aks/istio-upgrade
   */
  readonly revisions: string[];
  /**
   * Key Vault certificates for Gateway listeners (GatewayClass `istio`).
   * @default - none
   */
  readonly keyVault?: GatewayKeyVaultOptions;
}

/** Options of `ClusterIngress.nginx`. */
export interface NginxIngressOptions {
  /**
   * What happens to the default NGINX controller.
   * @default NginxControllerMode.INTERNAL; NginxControllerMode.NONE behind an egress firewall
   */
  readonly defaultNginxController?: NginxControllerMode;
  /**
   * Azure DNS zones (at most 5) the add-on manages records in.
   * @default - none
   */
  readonly dnsZoneIds?: string[];
}

/** Which ingress the cluster runs. */
export enum IngressKind {
  /** The app routing add-on's Gateway API implementation (`approuting-istio`). */
  GATEWAY_API = 'gateway-api',
  /** The Istio service mesh add-on, with Gateway API (`istio`). */
  ISTIO_ADDON = 'istio-addon',
  /** The app routing add-on's NGINX (legacy — support ended November 2026). */
  NGINX = 'nginx',
  /** No managed ingress. */
  NONE = 'none',
}

/**
 * What an ingress choice renders for the cluster.
 * @internal
 */
export interface IngressRendering {
  /** The azurerm `web_app_routing` block, when the app routing add-on is on. */
  readonly webAppRouting?: { dnsZoneIds: string[]; defaultNginxController: NginxControllerMode };
  /** The azurerm `service_mesh_profile` block, for the Istio add-on. */
  readonly serviceMeshProfile?: {
    mode: string;
    revisions: string[];
    internalIngressGatewayEnabled: boolean;
    externalIngressGatewayEnabled: boolean;
  };
  /** The part of the cluster's AzAPI patch (what azurerm 4.55 cannot set). */
  readonly patch?: ArmBody;
  /** Warnings to show on the cluster. */
  readonly warnings: string[];
}

interface IngressSpec {
  readonly kind: IngressKind;
  readonly gatewayClasses: string[];
  readonly dnsZoneIds?: string[];
  readonly keyVault?: GatewayKeyVaultOptions;
  readonly render: (scope: IConstruct, behindFirewall: boolean) => IngressRendering;
}

/** The managed Gateway API CRDs and the app routing Istio implementation, on or off. */
function gatewayPatch(
  installation: 'Standard' | 'Disabled',
  appRoutingIstio?: 'Enabled' | 'Disabled',
): ArmBody {
  return {
    properties: {
      ingressProfile: {
        gatewayAPI: { installation },
        ...(appRoutingIstio
          ? { webAppRouting: { gatewayAPIImplementations: { appRoutingIstio: { mode: appRoutingIstio } } } }
          : {}),
      },
    },
  };
}

/** @internal the app routing DNS zones: at most five, each a DNS zone id (errors name `scope` when given) */
export function checkDnsZones(where: string, zoneIds: string[], scope?: IConstruct): string[] {
  if (zoneIds.length > APP_ROUTING_MAX_DNS_ZONES) {
    throw new AksNetworkError(
      `${scope ? 'app routing with' : `${where}:`} ${zoneIds.length} DNS zones`,
      `the add-on takes at most ${APP_ROUTING_MAX_DNS_ZONES}`,
      scope,
    );
  }
  const notZone = zoneIds.find((z) => !z.includes('${') && !/\/(privatednszones|dnszones)\/[^/]+$/i.test(z));
  if (notZone !== undefined) {
    throw new AksNetworkError(
      `${scope ? 'app routing' : `${where}:`} DNS zone id '${notZone}' is not an Azure DNS zone`,
      'give the resource id of a public (dnszones) or private (privateDnsZones) zone',
      scope,
    );
  }
  return [...zoneIds];
}

function checkKeyVault(
  where: string,
  kv: GatewayKeyVaultOptions | undefined,
): GatewayKeyVaultOptions | undefined {
  if (!kv) return undefined;
  if (
    !kv.keyVaultId.includes('${') &&
    !/\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+$/i.test(kv.keyVaultId)
  ) {
    throw new AksNetworkError(
      `${where}: keyVault.keyVaultId '${kv.keyVaultId}' is not a Key Vault resource id`,
      'give /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name> (or a reference to an azurerm_key_vault id)',
    );
  }
  const sa = kv.serviceAccountName ?? DEFAULT_KEY_VAULT_SERVICE_ACCOUNT;
  for (const [what, value] of [
    ['gatewayNamespace', kv.gatewayNamespace],
    ['serviceAccountName', sa],
  ] as const) {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) || value.length > 63) {
      throw new AksNetworkError(
        `${where}: keyVault.${what} '${value}' is not a Kubernetes name`,
        'use at most 63 lower-case letters, digits and -',
      );
    }
  }
  return { ...kv, serviceAccountName: sa };
}

/**
 * The cluster's ingress: which managed implementation serves Gateways or Ingresses. Gateway API on
 * the app routing add-on is the default and Microsoft's supported path since the add-on's NGINX
 * lost support (November 2026).
 *
 * What azurerm 4.55 cannot set (the managed Gateway API CRDs, the app routing Istio implementation)
 * goes into the cluster's one AzAPI patch; `web_app_routing` and `service_mesh_profile` stay in
 * azurerm so that the two never write the same property.
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
 */
export class ClusterIngress {
  /**
   * The app routing add-on's Gateway API implementation (GatewayClass `approuting-istio`) with the
   * managed Gateway API CRDs (standard channel) — the add-on's NGINX default controller is off.
   * Cannot run together with the Istio add-on.
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
   */
  public static gatewayApi(options: GatewayApiIngressOptions = {}): ClusterIngress {
    const where = 'ClusterIngress.gatewayApi';
    const dnsZoneIds = checkDnsZones(where, options.dnsZoneIds ?? []);
    return new ClusterIngress({
      kind: IngressKind.GATEWAY_API,
      gatewayClasses: [APP_ROUTING_GATEWAY_CLASS],
      dnsZoneIds,
      keyVault: checkKeyVault(where, options.keyVault),
      render: () => ({
        webAppRouting: { dnsZoneIds, defaultNginxController: NginxControllerMode.NONE },
        patch: gatewayPatch('Standard', 'Enabled'),
        warnings: [],
      }),
    });
  }

  /**
   * The Istio service mesh add-on serving Gateway API (GatewayClass `istio`) with the managed Gateway
   * API CRDs — no add-on ingress gateways (Gateways are declared in the manifests). Needs revision
   * asm-1-26 or later. Moving between this and `gatewayApi()` takes two applies: switch one off,
   * apply, then switch the other on.
   * @see https://learn.microsoft.com/azure/aks/istio-gateway-api
   */
  public static istioAddon(options: IstioAddonIngressOptions): ClusterIngress {
    const where = 'ClusterIngress.istioAddon';
    const revisions = [...(options?.revisions ?? [])];
    if (revisions.length < 1 || revisions.length > 2) {
      throw new AksNetworkError(
        `${where}: ${revisions.length} revisions`,
        `give one revision (two during a canary upgrade), e.g. ['${ISTIO_GATEWAY_API_MIN_REVISION}']`,
      );
    }
    const tooOld = revisions.find((r) => !/^asm-1-\d+$/.test(r) || Number(r.split('-')[2]) < 26);
    if (tooOld !== undefined) {
      throw new AksNetworkError(
        `${where}: revision '${tooOld}' does not work with the managed Gateway API CRDs`,
        `use ${ISTIO_GATEWAY_API_MIN_REVISION} or later (asm-1-<minor>)`,
      );
    }
    return new ClusterIngress({
      kind: IngressKind.ISTIO_ADDON,
      gatewayClasses: [ISTIO_GATEWAY_CLASS],
      keyVault: checkKeyVault(where, options.keyVault),
      render: () => ({
        serviceMeshProfile: {
          mode: 'Istio',
          revisions,
          internalIngressGatewayEnabled: false,
          externalIngressGatewayEnabled: false,
        },
        patch: gatewayPatch('Standard'),
        warnings: [],
      }),
    });
  }

  /**
   * The app routing add-on's NGINX (legacy): Microsoft's support ended in November 2026, so
   * synthesis warns. Keeps the Gateway API implementation explicitly off in the patch, so that a
   * cluster moved back from `gatewayApi()` switches it off (removing a patch changes nothing).
   * @see https://learn.microsoft.com/azure/aks/app-routing-nginx-to-gateway-api-migration
   */
  public static nginx(options: NginxIngressOptions = {}): ClusterIngress {
    const dnsZoneIds = checkDnsZones('ClusterIngress.nginx', options.dnsZoneIds ?? []);
    return new ClusterIngress({
      kind: IngressKind.NGINX,
      gatewayClasses: [],
      dnsZoneIds,
      render: (scope, behindFirewall) => {
        const mode =
          options.defaultNginxController ??
          (behindFirewall ? NginxControllerMode.NONE : NginxControllerMode.INTERNAL);
        if (
          behindFirewall &&
          (mode === NginxControllerMode.ANNOTATION_CONTROLLED || mode === NginxControllerMode.EXTERNAL)
        ) {
          throw new AksNetworkError(
            `app routing default controller ${mode} creates a public load balancer behind the egress firewall`,
            'use NginxControllerMode.INTERNAL or NONE and publish through a firewall DNAT rule to the internal load balancer',
            scope,
          );
        }
        return {
          webAppRouting: { dnsZoneIds, defaultNginxController: mode },
          patch: gatewayPatch('Disabled', 'Disabled'),
          warnings: [
            `the app routing add-on's NGINX lost Microsoft support in November 2026 (upstream ingress-nginx stopped in March 2026); migrate to ClusterIngress.gatewayApi() (README "Migrating from NGINX to Gateway API")`,
          ],
        };
      },
    });
  }

  /** No managed ingress: no app routing add-on, no service mesh (bring your own controller). */
  public static none(): ClusterIngress {
    return new ClusterIngress({
      kind: IngressKind.NONE,
      gatewayClasses: [],
      render: () => ({ warnings: [] }),
    });
  }

  /** Which ingress this is. */
  public readonly kind: IngressKind;
  /** The GatewayClasses it provides. */
  public readonly gatewayClasses: string[];
  /** Key Vault certificates for Gateway listeners, if asked for. */
  public readonly keyVault?: GatewayKeyVaultOptions;
  /** The Azure DNS zones the app routing add-on manages records in. */
  public readonly dnsZoneIds: string[];

  private constructor(private readonly spec: IngressSpec) {
    this.kind = spec.kind;
    this.gatewayClasses = [...spec.gatewayClasses];
    this.keyVault = spec.keyVault;
    this.dnsZoneIds = [...(spec.dnsZoneIds ?? [])];
  }

  /** @internal what the choice renders for the cluster at `scope` */
  public _render(scope: IConstruct, behindFirewall: boolean): IngressRendering {
    return this.spec.render(scope, behindFirewall);
  }
}
