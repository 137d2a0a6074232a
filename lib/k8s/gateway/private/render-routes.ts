// HTTPRoute rules and ReferenceGrants from checked routes: plain values in, plain objects out.
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { CheckedRoute } from '../../ingress/private/route-model';
import { PathMatchType, RequestHeaderChanges } from '../../ingress/route';
import { GatewayApiBundle } from '../gateway-class';

/** A CORS policy translated from the NGINX annotations (bundle v1.5.1+). */
export interface CorsFilter {
  readonly allowOrigins: string[];
  readonly allowMethods?: string[];
  readonly allowCredentials: boolean;
}

/** A route with what the NGINX translation adds to it. */
export interface RouteToRender {
  readonly route: CheckedRoute;
  readonly cors?: CorsFilter;
}

/** Gateway API caps: 16 rules per HTTPRoute. */
export const MAX_RULES_PER_ROUTE = 16;

const seconds = (s: number | undefined): string | undefined => (s === undefined ? undefined : `${s}s`);

function headerModifier(changes: RequestHeaderChanges): unknown {
  const list = (m?: { [name: string]: string }) =>
    m && Object.keys(m).length > 0 ? Object.entries(m).map(([name, value]) => ({ name, value })) : undefined;
  return {
    type: 'RequestHeaderModifier',
    requestHeaderModifier: {
      set: list(changes.set),
      add: list(changes.add),
      remove: changes.remove && changes.remove.length > 0 ? [...changes.remove] : undefined,
    },
  };
}

/** One HTTPRoute rule. `backendRef` resolves a backend to the Service name, namespace and port. */
export function renderRule(
  scope: IConstruct,
  r: RouteToRender,
  routeNamespace: string,
  bundle: GatewayApiBundle,
): unknown {
  const { route } = r;
  const filters: unknown[] = [];
  if (route.requestHeaders) filters.push(headerModifier(route.requestHeaders));
  if (route.rewrite) {
    const rw = route.rewrite;
    const path = pathModifier(rw.prefixReplacement, rw.pathReplacement);
    filters.push({ type: 'URLRewrite', urlRewrite: { hostname: rw.hostnameReplacement, path } });
  }
  if (route.redirect) {
    const o = route.redirect.options;
    const status = route.redirect.statusCode;
    if (![301, 302].includes(status) && !bundle.isAtLeast(GatewayApiBundle.V1_5_1)) {
      throw new AksNetworkError(
        `route ${route.host} ${route.path} redirects with status ${status}, which Gateway API bundle ${bundle.version} lacks (it allows 301 and 302)`,
        'use 301 or 302, or render for bundle v1.5.1 (Kubernetes 1.36+)',
        scope,
      );
    }
    const path = pathModifier(o.replacePrefixMatch, o.replaceFullPath);
    filters.push({
      type: 'RequestRedirect',
      requestRedirect: { scheme: o.scheme, hostname: o.hostname, port: o.port, path, statusCode: status },
    });
  }
  if (r.cors) {
    if (!bundle.isAtLeast(GatewayApiBundle.V1_5_1)) {
      throw new AksNetworkError(
        `the CORS filter needs Gateway API bundle v1.5.1 (Kubernetes 1.36+), the Gateway renders for ${bundle.version}`,
        'answer CORS in the backend until the cluster runs 1.36, then render for GatewayApiBundle.V1_5_1',
        scope,
      );
    }
    filters.push({
      type: 'CORS',
      cors: {
        allowOrigins: r.cors.allowOrigins,
        allowMethods: r.cors.allowMethods,
        allowCredentials: r.cors.allowCredentials,
      },
    });
  }
  const timeouts =
    route.timeouts && (route.timeouts.requestSeconds ?? route.timeouts.backendRequestSeconds) !== undefined
      ? {
          request: seconds(route.timeouts.requestSeconds),
          backendRequest: seconds(route.timeouts.backendRequestSeconds),
        }
      : undefined;
  return {
    matches: [
      {
        path: { type: route.path.matchType, value: route.path.value },
        headers:
          route.headers.length > 0
            ? route.headers.map((h) => ({ type: h.matchType, name: h.name, value: h.value }))
            : undefined,
      },
    ],
    filters: filters.length > 0 ? filters : undefined,
    backendRefs:
      route.backends.length > 0
        ? route.backends.map((b) => {
            const namespace = b.target._namespace(routeNamespace);
            return {
              name: b.target.serviceName,
              namespace: namespace !== routeNamespace ? namespace : undefined,
              port: b.target._servicePort(scope),
              weight: b.weight,
            };
          })
        : undefined,
    timeouts,
  };
}

/** Whether a path type renders as a regex (the Istio gateway's RE2, a full match). */
export function isRegex(type: PathMatchType): boolean {
  return type === PathMatchType.REGEX;
}

/** An HTTPPathModifier: the prefix replacement, else the full-path one, else none. */
function pathModifier(prefix: string | undefined, fullPath: string | undefined): unknown {
  if (prefix !== undefined) return { type: 'ReplacePrefixMatch', replacePrefixMatch: prefix };
  return fullPath !== undefined ? { type: 'ReplaceFullPath', replaceFullPath: fullPath } : undefined;
}
