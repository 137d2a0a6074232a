import { AksNetworkError } from '../../core/errors';
import { bundleAtLeast, GATEWAY_API_BUNDLE_VERSIONS } from '../../verify/gateway-api';

/**
 * A managed Gateway API bundle of AKS (standard channel). It follows the cluster's Kubernetes
 * version: v1.2.1 on 1.26–1.33, v1.3.0 on 1.34, v1.4.1 on 1.35, v1.5.1 on 1.36 and later.
 * Manifests render only what the bundle given has.
 *
 * @see https://learn.microsoft.com/azure/aks/managed-gateway-api
 */
export class GatewayApiBundle {
  /** Kubernetes 1.26 to 1.33: Gateway, HTTPRoute (timeouts, redirects 301/302, rewrites, weights), ReferenceGrant v1beta1. */
  public static readonly V1_2_1 = new GatewayApiBundle('v1.2.1');
  /** Kubernetes 1.34: adds percentage-based mirroring. */
  public static readonly V1_3_0 = new GatewayApiBundle('v1.3.0');
  /** Kubernetes 1.35: adds BackendTLSPolicy and named route rules. */
  public static readonly V1_4_1 = new GatewayApiBundle('v1.4.1');
  /** Kubernetes 1.36+: adds the CORS filter, redirect statuses 303/307/308, ListenerSet, TLSRoute. */
  public static readonly V1_5_1 = new GatewayApiBundle('v1.5.1');

  /** The bundle of that version, e.g. `v1.2.1`. */
  public static fromVersion(version: string): GatewayApiBundle {
    const bundle = [
      GatewayApiBundle.V1_2_1,
      GatewayApiBundle.V1_3_0,
      GatewayApiBundle.V1_4_1,
      GatewayApiBundle.V1_5_1,
    ].find((b) => b.version === version);
    if (!bundle) {
      throw new AksNetworkError(
        `GatewayApiBundle.fromVersion: '${version}' is not a bundle AKS installs`,
        `use one of ${GATEWAY_API_BUNDLE_VERSIONS.join(', ')}`,
      );
    }
    return bundle;
  }

  private constructor(/** The version, e.g. `v1.2.1`. */ public readonly version: string) {}

  /** Whether this bundle is `other` or newer. */
  public isAtLeast(other: GatewayApiBundle): boolean {
    return bundleAtLeast(this.version, other.version);
  }
}

export { GATEWAY_NAME_LABEL } from '../../verify/gateway-api';

/**
 * Which implementation serves a Gateway. Both create the proxies (Deployment, Service, HPA, PDB) in the
 * Gateway's own namespace, named `<gateway>-<class>`, with pods labelled `gateway.networking.k8s.io/gateway-name`.
 */
export class GatewayClass {
  /**
   * The application routing add-on's Gateway API implementation (meshless Istio, GA April 2026): the
   * supported successor of the add-on's NGINX.
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
   */
  public static readonly APP_ROUTING_ISTIO = new GatewayClass('approuting-istio');
  /**
   * The Istio service mesh add-on's Gateway API support (cannot run with `approuting-istio`).
   * @see https://learn.microsoft.com/azure/aks/istio-gateway-api
   */
  public static readonly ISTIO = new GatewayClass('istio');

  private constructor(/** The GatewayClass name. */ public readonly name: string) {}

  /** The name of the proxies' Deployment and Service for a Gateway of this class. */
  public proxyName(gatewayName: string): string {
    return `${gatewayName}-${this.name}`;
  }
}
