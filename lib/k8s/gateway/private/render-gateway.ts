// The Gateway's spec and its HTTPS redirect route: plain values in, plain objects out.
import { NAMESPACE_NAME_LABEL } from '../../policy/peer';
import { GatewayApiBundle } from '../gateway-class';
import { GatewayListener, HTTP_PORT } from '../listener';
import { GATEWAY_API_GROUP } from '../../../verify/gateway-api';

/** The listener that only redirects to HTTPS. */
export const REDIRECT_LISTENER = 'http';
/** Listener `tls.options` of the app routing operator's Key Vault integration. */
export const KEY_VAULT_URI_OPTION = 'kubernetes.azure.com/tls-cert-keyvault-uri';
export const KEY_VAULT_SERVICE_ACCOUNT_OPTION = 'kubernetes.azure.com/tls-cert-service-account';

/** What the Gateway spec is made of. */
export interface GatewayRender {
  readonly gatewayClassName: string;
  readonly loadBalancerAnnotations: { [key: string]: string };
  readonly listeners: GatewayListener[];
  readonly redirect: boolean;
  readonly keyVaultServiceAccount?: string;
}

const HTTPROUTE_KIND = [{ group: GATEWAY_API_GROUP, kind: 'HTTPRoute' }];

/**
 * The Gateway spec. Each listener admits HTTPRoutes from exactly the namespaces whose routes attach to
 * it (by `kubernetes.io/metadata.name`, which only the control plane sets); a listener no route uses
 * admits its own namespace only (and fails validation).
 *
 * The static IP goes in as the `azure-load-balancer-ipv4` annotation, like the internal and subnet
 * annotations the AKS docs show under `infrastructure.annotations` ("Annotation customizations").
 * That this one propagates to the generated Service is UNCERTAIN (platform-2026-12 §1: same mechanism,
 * not shown in the doc); `spec.addresses` is not used alongside, because Istio turns it into the
 * deprecated `spec.loadBalancerIP` and the two could disagree. If the address does not stick, the
 * cross-layer DNAT check still holds and `kubectl get svc` shows the LB IP to compare.
 */
export function renderGatewaySpec(r: GatewayRender, namespacesByListener: Map<string, string[]>): unknown {
  const listeners: unknown[] = r.listeners.map((l) => ({
    name: l.name,
    hostname: l.hostname,
    port: l.port,
    protocol: l.protocol,
    tls: l.certificate ? tlsOf(l, r.keyVaultServiceAccount) : undefined,
    allowedRoutes: allowedRoutes(namespacesByListener.get(l.name)),
  }));
  if (r.redirect) {
    listeners.push({
      name: REDIRECT_LISTENER,
      port: HTTP_PORT,
      protocol: 'HTTP',
      allowedRoutes: { kinds: HTTPROUTE_KIND, namespaces: { from: 'Same' } },
    });
  }
  return {
    gatewayClassName: r.gatewayClassName,
    infrastructure: { annotations: { ...r.loadBalancerAnnotations } },
    listeners,
  };
}

function tlsOf(l: GatewayListener, serviceAccount: string | undefined): unknown {
  const c = l.certificate!;
  if (c.keyVaultCertificateUri !== undefined) {
    // the operator syncs a kubernetes.io/tls Secret and sets certificateRefs itself
    return {
      mode: 'Terminate',
      options: {
        [KEY_VAULT_URI_OPTION]: c.keyVaultCertificateUri,
        [KEY_VAULT_SERVICE_ACCOUNT_OPTION]: serviceAccount,
      },
    };
  }
  return { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: c.secretName }] };
}

function allowedRoutes(namespaces: string[] | undefined): unknown {
  if (!namespaces || namespaces.length === 0) {
    return { kinds: HTTPROUTE_KIND, namespaces: { from: 'Same' } };
  }
  return {
    kinds: HTTPROUTE_KIND,
    namespaces: {
      from: 'Selector',
      selector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: namespaces }] },
    },
  };
}

/**
 * The route of the redirect listener: every plain HTTP request gets a redirect to HTTPS. 301 before
 * bundle v1.5.1 (v1.2.1 allows only 301 and 302 in the standard channel), 308 from then on (keeps
 * the method, as ingress-nginx's ssl-redirect does).
 */
export function renderRedirectRouteSpec(
  gateway: string,
  namespace: string,
  bundle: GatewayApiBundle,
): unknown {
  return {
    parentRefs: [
      { group: GATEWAY_API_GROUP, kind: 'Gateway', name: gateway, namespace, sectionName: REDIRECT_LISTENER },
    ],
    rules: [
      {
        filters: [
          {
            type: 'RequestRedirect',
            requestRedirect: {
              scheme: 'https',
              statusCode: bundle.isAtLeast(GatewayApiBundle.V1_5_1) ? 308 : 301,
            },
          },
        ],
      },
    ],
  };
}
