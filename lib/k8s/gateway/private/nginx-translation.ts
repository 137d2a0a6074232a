// The typed ingress-nginx annotations on the Gateway API path: each translates to what Gateway API
// (standard channel, the bundle given) has, or is refused with the reason and the alternative.
//
// kubernetes-sigs/ingress2gateway (ingress-nginx provider) is the reference for what maps. Where it
// guesses, this checks: it turns rewrite-target into ReplaceFullPath and drops capture groups, sets
// `timeouts.request` to ten times the largest NGINX timeout, and redirects with 308, which the
// standard channel of bundles before v1.5.1 refuses.
import { IConstruct } from 'constructs';
import { CorsFilter } from './render-routes';
import { AksNetworkError } from '../../../core/errors';
import {
  NginxAnnotationsProps,
  ProxyHttpVersion,
  renderNginxAnnotations,
} from '../../ingress/nginx-annotations';
import { PathMatch, RouteRewrite, RouteTimeouts } from '../../ingress/route';
import { GatewayApiBundle } from '../gateway-class';

/** NGINX's defaults for the two timeouts (annotations.md). */
const NGINX_CONNECT_TIMEOUT = 5;
const NGINX_READ_TIMEOUT = 60;
const REGEX_CHARS = /[()[\]*+?|^$\\]/;
/** `/api(/|$)(.*)`: the capture form whose `/$2` rewrite is a prefix replacement. */
const PREFIX_CAPTURE = /^(\/[^()[\]*+?|^$\\]*?)\(\/\|\$\)\(\.\*\)$/;
/** `/$2` or `/new/$2`. */
const REWRITE_REST = /^(\/[-._~a-zA-Z0-9/:]*?)\/?\$2$/;

/** What the translated annotations do to every route of a `GatewayRoutes`. */
export interface NginxTranslation {
  /** Turn a string path (as `AppIngress.route` takes it) into a match and a rewrite. */
  readonly pathOf: (path: string) => { path: PathMatch; rewrite?: RouteRewrite; warning?: string };
  readonly timeouts?: RouteTimeouts;
  readonly cors?: CorsFilter;
  /** Whether a rewrite is translated (a route may then not bring its own). */
  readonly rewrites: boolean;
  readonly warnings: string[];
}

interface Context {
  readonly scope: IConstruct;
  readonly bundle: GatewayApiBundle;
  readonly redirectsToHttps: boolean;
}

function refuse(ctx: Context, annotation: string, why: string, instead: string): never {
  throw new AksNetworkError(`nginx.${annotation} has no Gateway API equivalent: ${why}`, instead, ctx.scope);
}

/** Translate, or throw naming the annotation, why it has no equivalent and what to do instead. */
export function translateNginx(ctx: Context, props: NginxAnnotationsProps): NginxTranslation {
  // the same value checks as on the Ingress path, without the NGINX blocklist (no NGINX reads them)
  renderNginxAnnotations(ctx.scope, props, { blocklist: false });
  if (props.proxyBodySize !== undefined) {
    refuse(
      ctx,
      'proxyBodySize',
      'the standard channel has no request-body limit (the Istio gateway streams bodies unbounded)',
      'enforce the limit in the backend, and drop proxyBodySize',
    );
  }
  if (props.limitRps !== undefined) {
    refuse(
      ctx,
      'limitRps',
      'the standard channel has no rate-limit filter',
      'rate-limit in the backend, or in front of the firewall (e.g. a WAF policy), and drop limitRps',
    );
  }
  if (props.sourceAllowList !== undefined) {
    refuse(
      ctx,
      'sourceAllowList',
      'behind the firewall DNAT every client arrives from the firewall subnet, so the gateway cannot see client addresses',
      "filter clients in the DNAT rule's sourceAddresses (SecureEgress.addDnat), and drop sourceAllowList",
    );
  }
  if (props.upstreamHashBy !== undefined) {
    refuse(
      ctx,
      'upstreamHashBy',
      'the standard channel has no consistent-hash load balancing',
      'keep backend state shared (or in a store), and drop upstreamHashBy',
    );
  }
  if (props.configurationSnippet !== undefined || props.serverSnippet !== undefined) {
    const which = props.configurationSnippet !== undefined ? 'configurationSnippet' : 'serverSnippet';
    refuse(
      ctx,
      which,
      'raw NGINX configuration means nothing to the Istio gateway',
      'express it with the route model: requestHeaders, rewrite, redirect, timeouts',
    );
  }
  if (props.proxyHttpVersion === ProxyHttpVersion.HTTP_1_0) {
    refuse(
      ctx,
      'proxyHttpVersion',
      'the gateway speaks HTTP/1.1 (or HTTP/2 by the Service appProtocol) to backends, never 1.0',
      'drop proxyHttpVersion (1.1 is what the gateway does)',
    );
  }
  if (props.sslRedirect === true && !ctx.redirectsToHttps) {
    refuse(
      ctx,
      'sslRedirect',
      'on the Gateway API path the Gateway itself redirects HTTP, and this Gateway does not',
      'set redirectHttpToHttps on the IngressGateway (the default), and drop sslRedirect',
    );
  }
  if (props.sslRedirect === false) {
    refuse(
      ctx,
      'sslRedirect',
      'plain HTTP is a listener of the Gateway, not a property of routes',
      'declare GatewayListener.http({ hostname }) on the IngressGateway, and drop sslRedirect',
    );
  }
  const warnings: string[] = [];
  let timeouts: RouteTimeouts | undefined;
  if (props.proxyConnectTimeoutSeconds !== undefined || props.proxyReadTimeoutSeconds !== undefined) {
    // NGINX bounds the connect and each read separately; Gateway API bounds the whole backend request.
    // connect + read is the longest a response that arrives in one read could take under NGINX.
    const total =
      (props.proxyConnectTimeoutSeconds ?? NGINX_CONNECT_TIMEOUT) +
      (props.proxyReadTimeoutSeconds ?? NGINX_READ_TIMEOUT);
    timeouts = { backendRequestSeconds: total };
    warnings.push(
      `proxy timeouts become timeouts.backendRequest ${total}s (connect + read): Gateway API bounds the whole backend request, so a response that streams longer is cut; set timeouts on the route if it does`,
    );
  }
  let cors: CorsFilter | undefined;
  if (props.cors) {
    if (!ctx.bundle.isAtLeast(GatewayApiBundle.V1_5_1)) {
      refuse(
        ctx,
        'cors',
        `the HTTPRoute CORS filter is in Gateway API bundle v1.5.1 (Kubernetes 1.36+), this Gateway renders for ${ctx.bundle.version}`,
        'answer CORS in the backend until then, or render for GatewayApiBundle.V1_5_1',
      );
    }
    cors = {
      allowOrigins: [...props.cors.allowOrigins],
      allowMethods: props.cors.allowMethods ? props.cors.allowMethods.map((m) => m.toUpperCase()) : undefined,
      allowCredentials: props.cors.allowCredentials ?? false,
    };
  }
  const regex = props.useRegex === true || props.rewriteTarget !== undefined;
  const rewrite = props.rewriteTarget;
  const pathOf = (path: string): { path: PathMatch; rewrite?: RouteRewrite; warning?: string } => {
    if (rewrite !== undefined) {
      const capture = PREFIX_CAPTURE.exec(path);
      const rest = REWRITE_REST.exec(rewrite);
      if (capture && rest) {
        return {
          path: PathMatch.prefix(capture[1] || '/'),
          rewrite: RouteRewrite.replacePrefix(rest[1] || '/'),
        };
      }
      if (!rewrite.includes('$') && !REGEX_CHARS.test(path)) {
        return {
          path: PathMatch.prefix(path),
          rewrite: RouteRewrite.replaceFullPath(rewrite),
          warning: `rewrite-target '${rewrite}' has no capture, so every path under ${path} reaches the backend as ${rewrite}; use RouteRewrite.replacePrefix to keep the rest`,
        };
      }
      refuse(
        { ...ctx },
        'rewriteTarget',
        `Gateway API rewrites replace a prefix or the whole path, never regex captures ('${rewrite}' on '${path}')`,
        'write the path as <prefix>(/|$)(.*) with rewrite-target /$2 (or <new prefix>/$2), or use addRoute with PathMatch.prefix and RouteRewrite.replacePrefix',
      );
    }
    if (regex && REGEX_CHARS.test(path)) {
      // ingress-nginx anchors regex paths at the start only; the Istio gateway matches the whole path
      return { path: PathMatch.regex(path.endsWith('$') ? path.slice(0, -1) : `${path}.*`) };
    }
    return { path: PathMatch.prefix(path) };
  };
  return { pathOf, timeouts, cors, rewrites: rewrite !== undefined, warnings };
}
