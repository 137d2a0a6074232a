// One route as both renderings consume it: checked once, with defaults applied.
import { IConstruct } from 'constructs';
import { checkHost } from './checks';
import { AksNetworkError } from '../../../core/errors';
import { checkInstance } from '../../../core/inputs';
import {
  HeaderMatch,
  PathMatch,
  PathMatchType,
  RequestHeaderChanges,
  RouteBackend,
  RouteRedirect,
  RouteRewrite,
  RouteSpec,
  RouteTimeouts,
} from '../route';

/** A checked route. */
export interface CheckedRoute {
  readonly host: string;
  readonly path: PathMatch;
  readonly headers: HeaderMatch[];
  readonly backends: RouteBackend[];
  readonly redirect?: RouteRedirect;
  readonly rewrite?: RouteRewrite;
  readonly requestHeaders?: RequestHeaderChanges;
  readonly timeouts?: RouteTimeouts;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/;
/** Gateway API Duration: at most 5 digits per unit. */
const MAX_SECONDS = 99999;

/** Check a route spec as far as it can be checked without its rendering. */
export function checkRoute(scope: IConstruct, spec: RouteSpec): CheckedRoute {
  if (typeof spec !== 'object' || spec === null) {
    throw new AksNetworkError(
      `route is ${String(spec)}, not a RouteSpec`,
      'pass { host, path, backends }',
      scope,
    );
  }
  checkHost(scope, spec.host);
  checkInstance(scope, 'path', spec.path, PathMatch, 'PathMatch.prefix(...), exact(...) or regex(...)');
  checkInstance(
    scope,
    'redirect',
    spec.redirect,
    RouteRedirect,
    'RouteRedirect.toHttps() or RouteRedirect.to(...)',
  );
  checkInstance(
    scope,
    'rewrite',
    spec.rewrite,
    RouteRewrite,
    'RouteRewrite.replacePrefix(...) or replaceFullPath(...)',
  );
  (spec.headers ?? []).forEach((h, i) =>
    checkInstance(scope, `headers[${i}]`, h, HeaderMatch, 'HeaderMatch.exact(...) or regex(...)'),
  );
  (spec.backends ?? []).forEach((b, i) =>
    checkInstance(scope, `backends[${i}]`, b, RouteBackend, 'RouteBackend.of(IngressTarget...)'),
  );
  const path = spec.path ?? PathMatch.prefix('/');
  const backends = spec.backends ?? [];
  const where = `route ${spec.host} ${path}`;
  if (backends.length > 0 === (spec.redirect !== undefined)) {
    throw new AksNetworkError(
      `${where} has ${backends.length > 0 ? 'both backends and a redirect' : 'neither backends nor a redirect'}`,
      'give exactly one: backends (where requests go) or redirect',
      scope,
    );
  }
  if (spec.redirect && (spec.rewrite || spec.requestHeaders || spec.timeouts)) {
    throw new AksNetworkError(
      `${where} redirects, so its rewrite, header changes and timeouts would never apply`,
      'drop them, or forward to backends instead of redirecting',
      scope,
    );
  }
  const prefixOnly = spec.rewrite?.prefixReplacement ?? spec.redirect?.options.replacePrefixMatch;
  if (prefixOnly !== undefined && path.matchType !== PathMatchType.PREFIX) {
    throw new AksNetworkError(
      `${where} replaces the matched prefix with '${prefixOnly}', but its path is ${path.matchType}`,
      'match with PathMatch.prefix(...), or replace the full path',
      scope,
    );
  }
  checkHeaderChanges(scope, where, spec.requestHeaders);
  checkTimeouts(scope, where, spec.timeouts);
  if (spec.rewrite?.hostnameReplacement !== undefined) checkHost(scope, spec.rewrite.hostnameReplacement);
  if (spec.redirect?.options.hostname !== undefined) checkHost(scope, spec.redirect.options.hostname);
  return {
    host: spec.host,
    path,
    headers: [...(spec.headers ?? [])],
    backends: [...backends],
    redirect: spec.redirect,
    rewrite: spec.rewrite,
    requestHeaders: spec.requestHeaders,
    timeouts: spec.timeouts,
  };
}

function checkHeaderChanges(scope: IConstruct, where: string, changes?: RequestHeaderChanges): void {
  if (!changes) return;
  const names = [
    ...Object.keys(changes.set ?? {}),
    ...Object.keys(changes.add ?? {}),
    ...(changes.remove ?? []),
  ];
  for (const name of names) {
    if (!HEADER_NAME.test(name)) {
      throw new AksNetworkError(
        `${where}: '${name}' is not an HTTP header name`,
        'use an RFC 7230 token, e.g. X-Forwarded-Prefix',
        scope,
      );
    }
  }
  const lower = names.map((n) => n.toLowerCase());
  const twice = lower.find((n, i) => lower.indexOf(n) !== i);
  if (twice) {
    throw new AksNetworkError(
      `${where} changes header ${twice} twice`,
      'set, add or remove each header once',
      scope,
    );
  }
  if (names.length > 48) {
    throw new AksNetworkError(
      `${where} changes ${names.length} headers`,
      'change at most 16 each with set, add and remove',
      scope,
    );
  }
}

function checkTimeouts(scope: IConstruct, where: string, timeouts?: RouteTimeouts): void {
  if (!timeouts) return;
  for (const [name, value] of Object.entries(timeouts)) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > MAX_SECONDS)) {
      throw new AksNetworkError(
        `${where}: ${name} ${value} is invalid`,
        `use whole seconds from 1 to ${MAX_SECONDS}`,
        scope,
      );
    }
  }
  const { requestSeconds, backendRequestSeconds } = timeouts;
  if (
    requestSeconds !== undefined &&
    backendRequestSeconds !== undefined &&
    backendRequestSeconds > requestSeconds
  ) {
    throw new AksNetworkError(
      `${where}: backendRequestSeconds ${backendRequestSeconds} exceeds requestSeconds ${requestSeconds}`,
      'a backend request is part of the client request: keep it at most requestSeconds',
      scope,
    );
  }
}

/** What makes two routes the same match: host, path and header conditions. */
export function matchKey(route: CheckedRoute): string {
  const headers = route.headers
    .map((h) => `${h.name.toLowerCase()}${h.matchType === 'Exact' ? '=' : '~'}${h.value}`)
    .sort()
    .join('&');
  return `${route.host} ${route.path}${headers ? ` [${headers}]` : ''}`;
}
