// The route model both ingress renderings share: `AppIngress` renders it as an Ingress for an NGINX
// controller, `GatewayRoutes` as Gateway API HTTPRoutes. Value classes check their values when made
// (and name their factory in the problem); the rendering that receives them checks what it can express.
import { AksNetworkError } from '../../core/errors';
import { IngressTarget } from './ingress-target';

/** How a route matches the request path (the Gateway API names). */
export enum PathMatchType {
  /** Element-wise prefix on `/` (Ingress `Prefix`). */
  PREFIX = 'PathPrefix',
  /** The exact path. */
  EXACT = 'Exact',
  /** A regular expression (RE2 on the Istio gateway — regex paths on ingress-nginx). */
  REGEX = 'RegularExpression',
}

/** Path segments the Gateway API refuses in Exact and PathPrefix values (its CRD validation). */
const FORBIDDEN_IN_PATH = ['//', '/./', '/../', '%2f', '%2F', '#'];
/** JavaScript-only regex constructs RE2 (Istio/Envoy) rejects. */
const NOT_RE2 = /\(\?[=!<]|\\[1-9]/;

/** The path part of a route. */
export class PathMatch {
  /**
   * Requests whose path starts with `path`, element-wise (`/api` matches `/api` and `/api/x`, not `/apix`).
   * @param path starts with `/`
   */
  public static prefix(path: string): PathMatch {
    return new PathMatch(PathMatchType.PREFIX, checkPlainPath('PathMatch.prefix', path));
  }

  /** Requests for exactly `path`. */
  public static exact(path: string): PathMatch {
    return new PathMatch(PathMatchType.EXACT, checkPlainPath('PathMatch.exact', path));
  }

  /**
   * Requests whose path matches a regular expression (RE2 syntax: no lookaround, no backreferences).
   * @param pattern e.g. `/v[0-9]+/.*`
   */
  public static regex(pattern: string): PathMatch {
    if (typeof pattern !== 'string' || !pattern.startsWith('/')) {
      throw new AksNetworkError(
        `PathMatch.regex: pattern '${String(pattern)}' does not start with /`,
        'match from the start of the path, e.g. /api/v[0-9]+',
      );
    }
    try {
      new RegExp(pattern);
    } catch {
      throw new AksNetworkError(
        `PathMatch.regex: '${pattern}' is not a regular expression`,
        'fix its syntax',
      );
    }
    if (NOT_RE2.test(pattern)) {
      throw new AksNetworkError(
        `PathMatch.regex: '${pattern}' uses lookaround or a backreference, which RE2 does not have`,
        'write it without (?=, (?!, (?<, \\1',
      );
    }
    return new PathMatch(PathMatchType.REGEX, pattern);
  }

  private constructor(
    /** How the path matches. */ public readonly matchType: PathMatchType,
    /** The path or pattern. */ public readonly value: string,
  ) {}

  /** Human-readable, e.g. `PathPrefix /api`. */
  public toString(): string {
    return `${this.matchType} ${this.value}`;
  }
}

function checkPlainPath(factory: string, path: string): string {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new AksNetworkError(
      `${factory}: path '${String(path)}' does not start with /`,
      `write it as /${path}`,
    );
  }
  const bad = FORBIDDEN_IN_PATH.find((s) => path.includes(s)) ?? (/\/\.\.?$/.test(path) ? '/.' : undefined);
  if (bad !== undefined || path.length > 1024) {
    throw new AksNetworkError(
      `${factory}: path '${path}' ${bad !== undefined ? `contains '${bad}'` : 'is longer than 1024 characters'}, which the Gateway API refuses`,
      'write a normalized path without //, /./, /../, %2F or #',
    );
  }
  return path;
}

/** How a header match compares. */
export enum HeaderMatchType {
  /** The exact value. */
  EXACT = 'Exact',
  /** A regular expression over the value. */
  REGEX = 'RegularExpression',
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/;

/** A condition on a request header. */
export class HeaderMatch {
  /** Header `name` equals `value` (names compare case-insensitively). */
  public static exact(name: string, value: string): HeaderMatch {
    return new HeaderMatch('HeaderMatch.exact', HeaderMatchType.EXACT, name, value);
  }

  /** Header `name` matches the regular expression `pattern`. */
  public static regex(name: string, pattern: string): HeaderMatch {
    const match = new HeaderMatch('HeaderMatch.regex', HeaderMatchType.REGEX, name, pattern);
    try {
      new RegExp(pattern);
    } catch {
      throw new AksNetworkError(
        `HeaderMatch.regex: '${pattern}' is not a regular expression`,
        'fix its syntax',
      );
    }
    return match;
  }

  private constructor(
    factory: string,
    /** How the value compares. */ public readonly matchType: HeaderMatchType,
    /** Header name. */ public readonly name: string,
    /** Value or pattern. */ public readonly value: string,
  ) {
    checkHeaderName(factory, name);
    if (typeof value !== 'string' || value.length === 0 || value.length > 4096) {
      throw new AksNetworkError(
        `${factory}: value '${String(value)}' of header ${name} is empty or too long`,
        'give 1 to 4096 characters',
      );
    }
  }
}

function checkHeaderName(factory: string, name: string): void {
  if (typeof name !== 'string' || !HEADER_NAME.test(name)) {
    throw new AksNetworkError(
      `${factory}: '${String(name)}' is not an HTTP header name`,
      'use letters, digits and - (an RFC 7230 token), e.g. X-Canary',
    );
  }
}

/** Where a route sends matched requests: a Service port, with a share of the traffic. */
export class RouteBackend {
  /**
   * A Service (see `IngressTarget`), optionally weighted against the route's other backends.
   * @param weight relative share, 0 to 1,000,000; @default 1 (equal shares)
   */
  public static of(target: IngressTarget, weight?: number): RouteBackend {
    if (!(target instanceof IngressTarget)) {
      throw new AksNetworkError(
        `RouteBackend.of: target is not an IngressTarget`,
        'pass IngressTarget.service(svc), appService(...) or serviceRef(...)',
      );
    }
    if (weight !== undefined && (!Number.isInteger(weight) || weight < 0 || weight > 1_000_000)) {
      throw new AksNetworkError(
        `RouteBackend.of: weight ${weight} is invalid`,
        'use a whole number from 0 to 1000000',
      );
    }
    return new RouteBackend(target, weight);
  }

  private constructor(
    /** The Service. */ public readonly target: IngressTarget,
    /** The weight, when given. */ public readonly weight?: number,
  ) {}
}

/** Options of a `RouteRedirect`. */
export interface RedirectOptions {
  /**
   * Scheme of the new location (`http` or `https`).
   * @default - the request's
   */
  readonly scheme?: string;
  /**
   * Host of the new location.
   * @default - the request's
   */
  readonly hostname?: string;
  /**
   * Port of the new location.
   * @default - the scheme's well-known port
   */
  readonly port?: number;
  /**
   * Replace the whole path.
   * @default - keep it
   */
  readonly replaceFullPath?: string;
  /**
   * Replace the matched prefix (the route's path must be a prefix match).
   * @default - keep it
   */
  readonly replacePrefixMatch?: string;
  /**
   * HTTP status of the redirect. Bundles before v1.5.1 allow only 301 and 302.
   * @default 302
   */
  readonly statusCode?: number;
}

/** The Gateway API's default redirect status. */
export const DEFAULT_REDIRECT_STATUS = 302;
const REDIRECT_STATUS = [301, 302, 303, 307, 308];

/** Answer matched requests with a redirect instead of forwarding them. */
export class RouteRedirect {
  /** To the same URL over HTTPS (301: the status every bundle allows). */
  public static toHttps(): RouteRedirect {
    return new RouteRedirect({ scheme: 'https', statusCode: 301 });
  }

  /** To another location. */
  public static to(options: RedirectOptions): RouteRedirect {
    const o = options ?? {};
    if (o.scheme !== undefined && !['http', 'https'].includes(o.scheme)) {
      throw new AksNetworkError(`RouteRedirect.to: scheme '${o.scheme}' is invalid`, 'use http or https');
    }
    if (o.statusCode !== undefined && !REDIRECT_STATUS.includes(o.statusCode)) {
      throw new AksNetworkError(
        `RouteRedirect.to: status ${o.statusCode} is not a redirect status`,
        'use 301, 302, 303, 307 or 308',
      );
    }
    if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535)) {
      throw new AksNetworkError(`RouteRedirect.to: port ${o.port} is out of range`, 'use 1-65535');
    }
    if (o.replaceFullPath !== undefined && o.replacePrefixMatch !== undefined) {
      throw new AksNetworkError(
        'RouteRedirect.to: both replaceFullPath and replacePrefixMatch are set',
        'choose one',
      );
    }
    for (const path of [o.replaceFullPath, o.replacePrefixMatch]) {
      if (path !== undefined) checkPlainPath('RouteRedirect.to', path);
    }
    return new RouteRedirect({ ...o });
  }

  private constructor(/** The redirect. */ public readonly options: RedirectOptions) {}

  /** The status code sent. */
  public get statusCode(): number {
    return this.options.statusCode ?? DEFAULT_REDIRECT_STATUS;
  }
}

/** Change the request before it is forwarded (Gateway API `URLRewrite`). */
export class RouteRewrite {
  /**
   * Replace the matched prefix, e.g. route `/api` with `replacePrefix('/')`: `/api/x` reaches the
   * backend as `/x` (ingress-nginx: path `/api(/|$)(.*)`, rewrite-target `/$2`).
   */
  public static replacePrefix(prefix: string, hostname?: string): RouteRewrite {
    return new RouteRewrite(checkPlainPath('RouteRewrite.replacePrefix', prefix), undefined, hostname);
  }

  /** Replace the whole path (every matched request reaches the backend as `path`). */
  public static replaceFullPath(path: string, hostname?: string): RouteRewrite {
    return new RouteRewrite(undefined, checkPlainPath('RouteRewrite.replaceFullPath', path), hostname);
  }

  /** Replace only the Host header. */
  public static replaceHostname(hostname: string): RouteRewrite {
    return new RouteRewrite(undefined, undefined, hostname);
  }

  private constructor(
    /** The new prefix. */ public readonly prefixReplacement?: string,
    /** The new path. */ public readonly pathReplacement?: string,
    /** The new Host header. */ public readonly hostnameReplacement?: string,
  ) {}
}

/** Request header changes before forwarding (Gateway API `RequestHeaderModifier`). */
export interface RequestHeaderChanges {
  /**
   * Headers to set (replacing any value).
   * @default - none
   */
  readonly set?: { [name: string]: string };
  /**
   * Headers to add (keeping existing values).
   * @default - none
   */
  readonly add?: { [name: string]: string };
  /**
   * Headers to remove.
   * @default - none
   */
  readonly remove?: string[];
}

/** Timeouts of a route (Gateway API `HTTPRouteRule.timeouts`, standard since v1.2). */
export interface RouteTimeouts {
  /**
   * Longest the gateway waits for the whole response to a client request, in seconds.
   * @default - the implementation's (Istio: none)
   */
  readonly requestSeconds?: number;
  /**
   * Longest one request from the gateway to a backend may take, in seconds — at most `requestSeconds`.
   * @default - the implementation's
   */
  readonly backendRequestSeconds?: number;
}

/** One route: which requests (host, path, headers) go where (backends or a redirect), and how. */
export interface RouteSpec {
  /** Host name, e.g. `myapp.contoso.com` (`*.contoso.com` for a wildcard). */
  readonly host: string;
  /**
   * The path match.
   * @default PathMatch.prefix('/')
   */
  readonly path?: PathMatch;
  /**
   * Header conditions (all must hold).
   * @default - none
   */
  readonly headers?: HeaderMatch[];
  /**
   * Where matched requests go. Exactly one of `backends` and `redirect`.
   * @default - none
   */
  readonly backends?: RouteBackend[];
  /**
   * Answer with a redirect instead.
   * @default - none
   */
  readonly redirect?: RouteRedirect;
  /**
   * Rewrite path or host before forwarding.
   * @default - none
   */
  readonly rewrite?: RouteRewrite;
  /**
   * Request header changes.
   * @default - none
   */
  readonly requestHeaders?: RequestHeaderChanges;
  /**
   * Timeouts.
   * @default - none
   */
  readonly timeouts?: RouteTimeouts;
}
