import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../core/errors';
import { APP_ROUTING_ANNOTATION_BLOCKLIST } from '../../verify/app-routing';
import { parseRange } from '../../plan/cidr';

/** HTTP version NGINX speaks to the backends. */
export enum ProxyHttpVersion {
  /** HTTP/1.0. */
  HTTP_1_0 = '1.0',
  /** HTTP/1.1 (keep-alive, the controller default). */
  HTTP_1_1 = '1.1',
}

/** Cross-origin resource sharing for an Ingress. */
export interface CorsOptions {
  /** Origins allowed, e.g. `https://app.contoso.com`. A list is required: the controller default `*` is refused. */
  readonly allowOrigins: string[];
  /**
   * Methods allowed.
   * @default - the controller default (GET, PUT, POST, DELETE, PATCH, OPTIONS)
   */
  readonly allowMethods?: string[];
  /**
   * Whether credentials are allowed.
   * @default false
   */
  readonly allowCredentials?: boolean;
}

/**
 * The common ingress-nginx annotations, typed and value-checked as the controller's
 * annotation validation does (`--enable-annotation-validation`).
 *
 * @see https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
 */
export interface NginxAnnotationsProps {
  /**
   * Rewrite the matched path, e.g. `/$2` with a regex path `/api(/|$)(.*)`. Needs regex paths.
   * @default - no rewrite
   */
  readonly rewriteTarget?: string;
  /**
   * Treat paths as regular expressions (`use-regex`). Implied by `rewriteTarget`.
   * @default false
   */
  readonly useRegex?: boolean;
  /**
   * Largest request body, e.g. `10m` (`0` = unlimited).
   * @default - the controller default, 1m
   */
  readonly proxyBodySize?: string;
  /**
   * Timeout to connect to a backend, in seconds.
   * @default - the controller default, 5
   */
  readonly proxyConnectTimeoutSeconds?: number;
  /**
   * Timeout to read a backend response, in seconds.
   * @default - the controller default, 60
   */
  readonly proxyReadTimeoutSeconds?: number;
  /**
   * CORS.
   * @default - off
   */
  readonly cors?: CorsOptions;
  /**
   * Requests per second per client IP and per controller replica (burst 5× — over it: 503).
   * @default - no limit
   */
  readonly limitRps?: number;
  /**
   * Client CIDRs allowed (`allowlist-source-range`). Behind Azure Firewall DNAT clients arrive from
   * the firewall subnet, so filter them in the DNAT rule instead.
   * @default - all clients
   */
  readonly sourceAllowList?: string[];
  /**
   * HTTP version to the backends.
   * @default - the controller default, 1.1
   */
  readonly proxyHttpVersion?: ProxyHttpVersion;
  /**
   * Consistent hashing key for the upstream, e.g. `$request_uri`.
   * @default - round robin
   */
  readonly upstreamHashBy?: string;
  /**
   * Redirect HTTP to HTTPS when the Ingress has TLS.
   * @default - the controller default: on with TLS
   */
  readonly sslRedirect?: boolean;
  /**
   * Raw NGINX configuration for the location (`configuration-snippet`). Refused unless
   * `allowSnippets` is set: snippets can read every Secret the controller sees (CVE-2021-25742).
   * @default - none
   */
  readonly configurationSnippet?: string;
  /**
   * Raw NGINX configuration for the server (`server-snippet`) — same risk as `configurationSnippet`.
   * @default - none
   */
  readonly serverSnippet?: string;
  /**
   * Accept snippet annotations (a known injection risk).
   * @default false
   */
  readonly allowSnippets?: boolean;
}

export { APP_ROUTING_ANNOTATION_BLOCKLIST };

const PREFIX = 'nginx.ingress.kubernetes.io/';
const REWRITE = /^\/?[-._~a-zA-Z0-9/:$]*$/;
const BODY_SIZE = /^\d+[bkmg]?$/i;
const HASH_BY = /^[A-Za-z0-9\-_$]*$/;
const ORIGIN = /^(\*|https?:\/\/(\*\.)?[a-zA-Z0-9.-]+(:\d+)?)$/;

/** What the annotations need from the Ingress they sit on. */
export interface RenderedAnnotations {
  readonly annotations: { [key: string]: string };
  /** Whether paths are regular expressions. */
  readonly regexPaths: boolean;
}

/** Options of `renderNginxAnnotations`. */
export interface RenderNginxOptions {
  /** Whether to refuse values the app routing controller's blocklist rejects (only NGINX reads them). */
  readonly blocklist: boolean;
}

/** Validate and render the annotations — `scope` is the construct errors name. */
export function renderNginxAnnotations(
  scope: IConstruct,
  props: NginxAnnotationsProps,
  options: RenderNginxOptions = { blocklist: true },
): RenderedAnnotations {
  const bad = (what: string, value: unknown, fix: string): never => {
    throw new AksNetworkError(`annotation ${what} '${String(value)}' is invalid`, fix, scope);
  };
  const out: { [key: string]: string } = {};
  const regexPaths = props.useRegex === true || props.rewriteTarget !== undefined;
  if (props.rewriteTarget !== undefined) {
    if (!REWRITE.test(props.rewriteTarget)) {
      bad(
        'rewrite-target',
        props.rewriteTarget,
        'use a path of letters, digits, / . _ ~ - : and $n captures, e.g. /$2',
      );
    }
    out[`${PREFIX}rewrite-target`] = props.rewriteTarget;
  }
  if (regexPaths) {
    out[`${PREFIX}use-regex`] = 'true';
  }
  if (props.proxyBodySize !== undefined) {
    if (!BODY_SIZE.test(props.proxyBodySize)) {
      bad(
        'proxy-body-size',
        props.proxyBodySize,
        'use a number with an optional unit b, k, m or g, e.g. 10m',
      );
    }
    out[`${PREFIX}proxy-body-size`] = props.proxyBodySize;
  }
  const seconds = (name: string, value: number | undefined, max: number): void => {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < 1 || value > max) {
      bad(name, value, `use whole seconds from 1 to ${max}, without a unit`);
    }
    out[`${PREFIX}${name}`] = String(value);
  };
  // NGINX caps proxy_connect_timeout at 75 s
  seconds('proxy-connect-timeout', props.proxyConnectTimeoutSeconds, 75);
  seconds('proxy-read-timeout', props.proxyReadTimeoutSeconds, 3600);
  if (props.cors) {
    renderCors(props.cors, out, bad);
  }
  if (props.limitRps !== undefined) {
    if (!Number.isInteger(props.limitRps) || props.limitRps < 1) {
      bad('limit-rps', props.limitRps, 'use a whole number of requests per second of at least 1');
    }
    out[`${PREFIX}limit-rps`] = String(props.limitRps);
  }
  if (props.sourceAllowList !== undefined) {
    if (props.sourceAllowList.length === 0) {
      bad('allowlist-source-range', '', 'give at least one CIDR, or leave the allow-list out');
    }
    for (const cidr of props.sourceAllowList) {
      parseRange(cidr, { what: 'annotation allowlist-source-range', scope });
    }
    out[`${PREFIX}allowlist-source-range`] = props.sourceAllowList.join(',');
  }
  if (props.proxyHttpVersion !== undefined) {
    out[`${PREFIX}proxy-http-version`] = props.proxyHttpVersion;
  }
  if (props.upstreamHashBy !== undefined) {
    if (!HASH_BY.test(props.upstreamHashBy) || props.upstreamHashBy.length === 0) {
      bad('upstream-hash-by', props.upstreamHashBy, 'use NGINX variables without braces, e.g. $request_uri');
    }
    out[`${PREFIX}upstream-hash-by`] = props.upstreamHashBy;
  }
  if (props.sslRedirect !== undefined) {
    out[`${PREFIX}ssl-redirect`] = String(props.sslRedirect);
  }
  if (options.blocklist) {
    renderSnippets(scope, props, out);
    checkBlocklist(scope, out);
  }
  return { annotations: out, regexPaths };
}

function renderCors(
  cors: CorsOptions,
  out: { [key: string]: string },
  bad: (what: string, value: unknown, fix: string) => never,
): void {
  if (cors.allowOrigins.length === 0) {
    bad('cors-allow-origin', '', 'name the origins allowed, e.g. https://app.contoso.com');
  }
  for (const origin of cors.allowOrigins) {
    if (origin === '*' || !ORIGIN.test(origin)) {
      bad('cors-allow-origin', origin, 'use explicit origins such as https://app.contoso.com (not *)');
    }
  }
  out[`${PREFIX}enable-cors`] = 'true';
  out[`${PREFIX}cors-allow-origin`] = cors.allowOrigins.join(', ');
  if (cors.allowMethods) {
    out[`${PREFIX}cors-allow-methods`] = cors.allowMethods.join(', ');
  }
  out[`${PREFIX}cors-allow-credentials`] = String(cors.allowCredentials ?? false);
}

function renderSnippets(
  scope: IConstruct,
  props: NginxAnnotationsProps,
  out: { [key: string]: string },
): void {
  const snippets: Array<[string, string | undefined]> = [
    ['configuration-snippet', props.configurationSnippet],
    ['server-snippet', props.serverSnippet],
  ];
  for (const [name, value] of snippets) {
    if (value === undefined) continue;
    if (!props.allowSnippets) {
      throw new AksNetworkError(
        `annotation ${name} is refused: snippets can expose every Secret the controller reads (CVE-2021-25742)`,
        'express it with typed annotations, or set allowSnippets: true if you accept the risk',
        scope,
      );
    }
    out[`${PREFIX}${name}`] = value;
  }
}

function checkBlocklist(scope: IConstruct, annotations: { [key: string]: string }): void {
  for (const [key, value] of Object.entries(annotations)) {
    const hit = APP_ROUTING_ANNOTATION_BLOCKLIST.find((word) => value.includes(word));
    if (hit) {
      throw new AksNetworkError(
        `annotation ${key} '${value}' contains '${hit}', which the controller's blocklist rejects, so it would skip the whole Ingress`,
        'remove that text from the value',
        scope,
      );
    }
  }
}
