import { ApiObject, Chart, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { IngressGateway } from './ingress-gateway';
import { GatewayListener } from './listener';
import { NginxTranslation, translateNginx } from './private/nginx-translation';
import { MAX_RULES_PER_ROUTE, renderRule, RouteToRender } from './private/render-routes';
import { AksNetworkError } from '../../core/errors';
import { checkInstance } from '../../core/inputs';
import { isDnsSubdomain } from '../../core/naming';
import { warn } from '../../core/warnings';
import { GATEWAY_API_GROUP } from '../../verify/gateway-api';
import { IngressController, IRoutedIngress, RoutedBackend } from '../controller';
import { PathType, RouteOptions } from '../ingress/app-ingress';
import { IngressTarget } from '../ingress/ingress-target';
import { NginxAnnotationsProps } from '../ingress/nginx-annotations';
import { checkRoute, CheckedRoute, matchKey } from '../ingress/private/route-model';
import { PathMatch, RouteBackend, RouteSpec } from '../ingress/route';
import { checkedTree } from '../private/checks';

/** Properties of `GatewayRoutes`. */
export interface GatewayRoutesProps {
  /** The Gateway the routes attach to (its listeners for their hosts). */
  readonly gateway: IngressGateway;
  /**
   * Prefix of the HTTPRoute names (one HTTPRoute per host: `<name>-<host>`).
   * @default - derived from the construct id
   */
  readonly name?: string;
  /**
   * The typed ingress-nginx annotations of an `AppIngress` being migrated: translated where Gateway
   * API has an equivalent (rewrite-target, regex paths, ssl-redirect, proxy timeouts, CORS from
   * bundle v1.5.1), refused with the alternative where it has none.
   * @default - none
   */
  readonly nginx?: NginxAnnotationsProps;
}

interface HostRoutes {
  readonly host: string;
  readonly listeners: GatewayListener[];
  readonly routes: RouteToRender[];
}

/**
 * The HTTPRoutes of one app namespace, attached to an `IngressGateway` in a platform namespace: the
 * Gateway API rendering of the route model `AppIngress` also takes (same `route(host, path, target)`).
 * Backends in other namespaces get a generated `ReferenceGrant` there. It knows the pods and container
 * ports behind every route, so `TieredNetworkPolicies.allowIngress(routes)` admits the gateway's
 * proxies exactly there.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 */
export class GatewayRoutes extends Construct implements IRoutedIngress {
  /** @internal marks route sets for the gateway (see private/attached) */
  public readonly _attachesToGateway = true as const;
  /** The Gateway. */
  public readonly gateway: IngressGateway;
  /** The gateway's proxy pods (what `TieredNetworkPolicies.allowIngress` admits). */
  public readonly controller: IngressController;
  /** Prefix of the HTTPRoute names. */
  public readonly name: string;
  /** The namespace of the routes (the chart's). */
  public readonly namespace: string;
  private readonly hosts: HostRoutes[] = [];
  private readonly nginx?: NginxTranslation;

  constructor(scope: Construct, id: string, props: GatewayRoutesProps) {
    super(scope, id);
    checkedTree(this);
    checkInstance(this, 'gateway', props?.gateway, IngressGateway, 'an IngressGateway');
    if (props.gateway === undefined) {
      throw new AksNetworkError(
        'no gateway is given',
        'pass gateway: the IngressGateway the routes attach to',
        this,
      );
    }
    this.gateway = props.gateway;
    this.controller = props.gateway.proxies;
    this.name = props.name ?? Names.toDnsLabel(this);
    this.namespace = Chart.of(this).namespace ?? 'default';
    if (!isDnsSubdomain(this.name) || this.name.length > 200) {
      throw new AksNetworkError(
        `name '${this.name}' is not a DNS subdomain of at most 200 characters`,
        'use lower-case letters, digits and -',
        this,
      );
    }
    if (props.nginx) {
      this.nginx = translateNginx(
        { scope: this, bundle: this.gateway.apiBundle, redirectsToHttps: this.gateway.redirectsHttpToHttps },
        props.nginx,
      );
      this.nginx.warnings.forEach((w) => warn(this, w));
    }
  }

  /**
   * Route `host` + `path` to a Service, as `AppIngress.route` does (NGINX annotations translated).
   * @param path starts with `/`; a regular expression when the annotations use regex paths
   */
  public route(host: string, path: string, target: IngressTarget, options: RouteOptions = {}): void {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new AksNetworkError(
        `path '${String(path)}' does not start with /`,
        `write it as /${String(path)}`,
        this,
      );
    }
    let match: {
      path: PathMatch;
      rewrite?: ReturnType<NginxTranslation['pathOf']>['rewrite'];
      warning?: string;
    };
    if (options.pathType === PathType.EXACT) match = { path: PathMatch.exact(path) };
    else if (options.pathType === PathType.IMPLEMENTATION_SPECIFIC && !this.nginx)
      match = { path: PathMatch.regex(path) };
    else if (this.nginx) match = this.nginx.pathOf(path);
    else if (/[()[\]*+?|^$\\]/.test(path)) {
      throw new AksNetworkError(
        `path '${path}' is a regular expression but the routes do not use regex paths`,
        'pass pathType: PathType.IMPLEMENTATION_SPECIFIC, or addRoute with PathMatch.regex(...)',
        this,
      );
    } else match = { path: PathMatch.prefix(path) };
    if (match.warning) warn(this, match.warning);
    this.add({ host, path: match.path, rewrite: match.rewrite, backends: [RouteBackend.of(target)] }, true);
  }

  /** Add a route of the model `AppIngress` and `GatewayRoutes` share. */
  public addRoute(spec: RouteSpec): void {
    this.add(spec, false);
  }

  /** Every backend the routes reach, resolved to pods and container port. */
  public routedBackends(): RoutedBackend[] {
    const seen = new Map<string, RoutedBackend>();
    for (const { route } of this.hosts.flatMap((h) => h.routes)) {
      for (const b of route.backends) {
        const backend = b.target._backend(this, this.namespace);
        seen.set(
          `${backend.namespace}/${backend.serviceName}:${backend.containerPort ?? backend.containerPortName}`,
          backend,
        );
      }
    }
    return [...seen.values()];
  }

  /** @internal */
  public _matchKeys(): string[] {
    return this.hosts.flatMap((h) => h.routes.map((r) => matchKey(r.route)));
  }

  /** @internal */
  public _listenerNames(): string[] {
    return [...new Set(this.hosts.flatMap((h) => h.listeners.map((l) => l.name)))];
  }

  private add(spec: RouteSpec, translated: boolean): void {
    if (!translated && this.nginx?.rewrites) {
      throw new AksNetworkError(
        'addRoute takes typed rewrites, and nginx.rewriteTarget rewrites string paths only',
        'give the route a RouteRewrite, or use route(host, path, target)',
        this,
      );
    }
    const route: CheckedRoute = checkRoute(this, spec);
    const withDefaults: CheckedRoute =
      this.nginx?.timeouts && !route.timeouts && !route.redirect
        ? { ...route, timeouts: this.nginx.timeouts }
        : route;
    const listeners = this.gateway._listenersFor(route.host);
    if (listeners.length === 0) {
      throw new AksNetworkError(
        `host ${route.host} has no listener on Gateway ${this.gateway.name} (listeners: ${this.gateway.listeners.map((l) => l.hostname).join(', ')})`,
        `add GatewayListener.https({ hostname: '${route.host}', certificate }) to the gateway, or route one of its host names`,
        this,
      );
    }
    for (const b of route.backends) b.target._servicePort(this); // a port the Service has
    const key = matchKey(route);
    if (this._matchKeys().includes(key)) {
      throw new AksNetworkError(`route ${key} is declared twice`, 'route each host and match once', this);
    }
    let entry = this.hosts.find((h) => h.host === route.host);
    if (!entry) {
      entry = { host: route.host, listeners, routes: [] };
      this.hosts.push(entry);
      this.httpRoute(entry);
    }
    if (entry.routes.length >= MAX_RULES_PER_ROUTE) {
      throw new AksNetworkError(
        `host ${route.host} has more than ${MAX_RULES_PER_ROUTE} routes, the most one HTTPRoute holds`,
        'split its routes over two GatewayRoutes',
        this,
      );
    }
    entry.routes.push({ route: withDefaults, cors: route.redirect ? undefined : this.nginx?.cors });
    // render once now: a feature the bundle lacks fails here, where the route was declared
    renderRule(this, entry.routes[entry.routes.length - 1], this.namespace, this.gateway.apiBundle);
    for (const b of route.backends) this.grant(b.target._namespace(this.namespace));
  }

  private httpRoute(entry: HostRoutes): void {
    const host = entry.host.replace(/^\*\./, 'wildcard.').replace(/\./g, '-');
    new ApiObject(this, `Route-${entry.host}`, {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'HTTPRoute',
      metadata: { name: `${this.name}-${host}`.slice(0, 253).replace(/-+$/, '') },
      spec: Lazy.any({
        produce: () => ({
          parentRefs: entry.listeners.map((l) => ({
            group: GATEWAY_API_GROUP,
            kind: 'Gateway',
            name: this.gateway.name,
            namespace: this.gateway.namespace,
            sectionName: l.name,
          })),
          hostnames: [entry.host],
          rules: entry.routes.map((r) => renderRule(this, r, this.namespace, this.gateway.apiBundle)),
        }),
      }),
    });
  }

  /** One ReferenceGrant per other namespace reached: it admits exactly the Services routed to there. */
  private grant(namespace: string): void {
    if (namespace === this.namespace || this.node.tryFindChild(`Grant-${namespace}`)) return;
    new ApiObject(this, `Grant-${namespace}`, {
      apiVersion: `${GATEWAY_API_GROUP}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: { name: `${this.namespace}-${this.name}`.slice(0, 253), namespace },
      spec: Lazy.any({
        produce: () => ({
          from: [{ group: GATEWAY_API_GROUP, kind: 'HTTPRoute', namespace: this.namespace }],
          to: [
            ...new Set(
              this.hosts
                .flatMap((h) => h.routes.flatMap((r) => r.route.backends))
                .filter((b) => b.target._namespace(this.namespace) === namespace)
                .map((b) => b.target.serviceName),
            ),
          ]
            .sort()
            .map((name) => ({ group: '', kind: 'Service', name })),
        }),
      }),
    });
  }
}
