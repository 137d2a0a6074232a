import { App, Chart, Testing } from 'cdk8s';
import { Testing as TfTesting, TerraformStack } from 'cdktf';
import { AksCluster } from '../lib/azure/cluster/aks-cluster';
import { DEFAULT_KEY_VAULT_SERVICE_ACCOUNT } from '../lib/azure/cluster/ingress';
import { SecureEgress } from '../lib/azure/egress/secure-egress';
import { ClusterNetwork } from '../lib/azure/network/cluster-network';
import * as kplus from 'cdk8s-plus-28';
import { warningsOf } from '../lib/core/warnings';
import { GatewayApiBundle, GatewayClass } from '../lib/k8s/gateway/gateway-class';
import { GatewayRoutes, GatewayRoutesProps } from '../lib/k8s/gateway/gateway-routes';
import {
  DEFAULT_GATEWAY_TLS_SERVICE_ACCOUNT,
  IngressGateway,
  IngressGatewayProps,
} from '../lib/k8s/gateway/ingress-gateway';
import { GatewayListener, ListenerCertificate, WorkloadIdentityClientId } from '../lib/k8s/gateway/listener';
import { AppIngress, PathType } from '../lib/k8s/ingress/app-ingress';
import { IngressTarget } from '../lib/k8s/ingress/ingress-target';
import { HeaderMatch, PathMatch, RouteBackend, RouteRedirect, RouteRewrite } from '../lib/k8s/ingress/route';
import { Port } from '../lib/k8s/policy/port';
import { TieredNetworkPolicies } from '../lib/k8s/policy/tiered-network-policies';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { crossLayerProblems, CrossLayerInput } from '../lib/verify/cross-layer';
import {
  GATEWAY_API_BUNDLE_VERSIONS,
  GATEWAY_API_FIELD_FEATURES,
  gatewayApiBundleProblems,
} from '../lib/verify/gateway-api';
import { Endpoint, NetworkPolicyJson, PolicyEvaluator } from '../lib/verify/policy/evaluator';
import { formatFinding, kubernetesFindings } from '../lib/verify/rule-pack';
import { crossLayerInput, renderManifests } from '../lib/synth/facts';
import { renderConnectivityReport } from '../lib/verify/policy/connectivity';
import * as FIELDS from './tools/gateway-api-fields.json';
import { BUNDLES, expectValidGatewayObjects, validateGatewayManifest } from './tools/gateway-schema';
import { expectValidManifests } from './tools/k8s-schema';

const KV = 'https://kv-myapp.vault.azure.net/certificates/myapp-local';
const CLIENT_ID = '00000000-1111-2222-3333-444444444444';
const FIREWALL = '10.240.5.0/26';
const NODES = '10.240.0.0/22';
const GATEWAY_NS = 'app-gateway';

interface Options {
  readonly gateway?: Partial<IngressGatewayProps>;
  readonly routes?: Partial<GatewayRoutesProps>;
  readonly engine?: PolicyEngine;
  readonly skipRoutes?: boolean;
}

/** The flagship's shape on Gateway API: platform gateway + app namespace with web and api. */
function deployment(options: Options = {}) {
  const app = Testing.app();
  const platform = new Chart(app, 'platform', { namespace: GATEWAY_NS });
  const gateway = new IngressGateway(platform, 'Gateway', {
    name: 'myapp-gateway',
    privateIp: '10.240.4.14',
    subnetName: 'ingress',
    listeners: [
      GatewayListener.https({
        hostname: 'myapp.local',
        certificate: ListenerCertificate.fromKeyVault(KV, WorkloadIdentityClientId.of(CLIENT_ID)),
      }),
    ],
    ...options.gateway,
  });
  const engine = options.engine ?? PolicyEngine.CILIUM;
  const gatewayPolicies = new TieredNetworkPolicies(platform, 'Policies', { namespace: GATEWAY_NS, engine });
  const chart = new Chart(app, 'myapp', { namespace: 'myapp' });
  const api = new kplus.Service(chart, 'Api', {
    metadata: { name: 'api' },
    ports: [{ port: 80, targetPort: 8080 }],
  });
  api.selectLabel('app', 'api');
  const web = new kplus.Service(chart, 'Web', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
  web.selectLabel('app', 'web');
  const policies = new TieredNetworkPolicies(chart, 'Policies', { namespace: 'myapp', engine });
  const routes = new GatewayRoutes(chart, 'Routes', { gateway, name: 'myapp', ...options.routes });
  if (!options.skipRoutes) {
    routes.route('myapp.local', '/api', IngressTarget.service(api));
    routes.route('myapp.local', '/', IngressTarget.service(web));
  }
  return { app, platform, chart, gateway, gatewayPolicies, policies, routes, api, web };
}

function wire(d: ReturnType<typeof deployment>) {
  d.policies.addTier('web', { podLabels: { app: 'web' } });
  const api = d.policies.addTier('api', { podLabels: { app: 'api' } });
  const database = d.policies.addTier('database', { podLabels: { app: 'database' } });
  d.policies.allowIngress(d.routes);
  api.allowTo(database, Port.tcp(5432));
  d.gatewayPolicies.allowGatewayTraffic(d.gateway, { clientRanges: [FIREWALL], nodeRanges: [NODES] });
  return d;
}

const objectsOf = (app: App): any[] => app.charts.flatMap((c) => Testing.synth(c));
const find = (objects: any[], kind: string, name?: string) =>
  objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
const synthError = (f: () => unknown): string => {
  try {
    const out = f();
    if (out instanceof App) objectsOf(out);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};
const validationErrors = (app: App): string[] =>
  app.node.findAll().flatMap((c) => c.node.validate().map((m) => `${c.node.path}: ${m}`));

describe('IngressGateway and GatewayRoutes', () => {
  test('default output: Gateway, HTTPS redirect, Key Vault ServiceAccount, HTTPRoute, policies', () => {
    const d = wire(deployment());
    const objects = objectsOf(d.app);
    expect(validationErrors(d.app)).toEqual([]);
    expect(
      objects.filter((o) =>
        ['Gateway', 'HTTPRoute', 'ServiceAccount', 'NetworkPolicy', 'CiliumNetworkPolicy'].includes(o.kind),
      ),
    ).toMatchSnapshot();
    expect(warningsOf(d.app)).toEqual([]);
  });

  test('every emitted object is valid: Gateway API models + the v1.2.1 allow-list, Kubernetes schemas', () => {
    const objects = objectsOf(wire(deployment()).app);
    expectValidGatewayObjects(objects, 'v1.2.1');
    expectValidManifests(objects);
  });

  test('internal load balancer at the planned IP in the ingress subnet, never public', () => {
    const gw = find(objectsOf(deployment().app), 'Gateway');
    expect(gw.metadata).toEqual({ name: 'myapp-gateway', namespace: GATEWAY_NS });
    expect(gw.spec.gatewayClassName).toBe('approuting-istio');
    expect(gw.spec.infrastructure.annotations).toEqual({
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
      'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'ingress',
      'service.beta.kubernetes.io/azure-load-balancer-ipv4': '10.240.4.14',
    });
    expect(gw.spec.addresses).toBeUndefined();
  });

  test('listeners: HTTPS from Key Vault (unversioned URI, own ServiceAccount), HTTP only redirects', () => {
    const objects = objectsOf(deployment().app);
    const gw = find(objects, 'Gateway');
    const [https, http] = gw.spec.listeners;
    expect(https).toEqual({
      name: 'https-myapp-local',
      hostname: 'myapp.local',
      port: 443,
      protocol: 'HTTPS',
      tls: {
        mode: 'Terminate',
        options: {
          'kubernetes.azure.com/tls-cert-keyvault-uri': KV,
          'kubernetes.azure.com/tls-cert-service-account': 'gateway-keyvault',
        },
      },
      allowedRoutes: {
        kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
        namespaces: {
          from: 'Selector',
          selector: {
            matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['myapp'] }],
          },
        },
      },
    });
    expect(http).toEqual({
      name: 'http',
      port: 80,
      protocol: 'HTTP',
      allowedRoutes: {
        kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
        namespaces: { from: 'Same' },
      },
    });
    const redirect = find(objects, 'HTTPRoute', 'myapp-gateway-https-redirect');
    expect(redirect.metadata.namespace).toBe(GATEWAY_NS);
    expect(redirect.spec.parentRefs[0].sectionName).toBe('http');
    expect(redirect.spec.rules).toEqual([
      { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
    ]);
    expect(find(objects, 'ServiceAccount')).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'gateway-keyvault',
        namespace: GATEWAY_NS,
        labels: { 'azure.workload.identity/use': 'true' },
        annotations: { 'azure.workload.identity/client-id': CLIENT_ID },
      },
    });
  });

  test("the default ServiceAccount is the one the cluster's Key Vault identity federates with by default", () => {
    expect(DEFAULT_GATEWAY_TLS_SERVICE_ACCOUNT).toBe(DEFAULT_KEY_VAULT_SERVICE_ACCOUNT);
  });

  test('the client id can be a substitution variable for the GitOps step, never a Terraform token', () => {
    const d = deployment({
      gateway: {
        listeners: [
          GatewayListener.https({
            hostname: 'myapp.local',
            certificate: ListenerCertificate.fromKeyVault(
              KV,
              WorkloadIdentityClientId.substitution('GATEWAY_TLS_CLIENT_ID'),
            ),
          }),
        ],
      },
    });
    const sa = find(objectsOf(d.app), 'ServiceAccount');
    expect(sa.metadata.annotations['azure.workload.identity/client-id']).toBe('${GATEWAY_TLS_CLIENT_ID}');
    expect(() => WorkloadIdentityClientId.of('${TfToken[TOKEN.42]}')).toThrow(
      /is not a client id \(a Terraform token cannot go into a manifest\)/,
    );
  });

  test('HTTPRoutes attach to the listener of their host, backends on the Service port', () => {
    const route = find(objectsOf(deployment().app), 'HTTPRoute', 'myapp-myapp-local');
    expect(route.metadata.namespace).toBe('myapp');
    expect(route.spec).toEqual({
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'myapp-gateway',
          namespace: GATEWAY_NS,
          sectionName: 'https-myapp-local',
        },
      ],
      hostnames: ['myapp.local'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          backendRefs: [{ name: 'api', port: 80 }],
        },
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] },
      ],
    });
  });

  test('the full route model: headers, weights, rewrite, header changes, timeouts, redirect', () => {
    const d = deployment({ skipRoutes: true });
    const canary = new kplus.Service(d.chart, 'Canary', {
      metadata: { name: 'api-canary' },
      ports: [{ port: 80, targetPort: 8080 }],
    });
    canary.selectLabel('app', 'api-canary');
    d.routes.addRoute({
      host: 'myapp.local',
      path: PathMatch.prefix('/api'),
      headers: [HeaderMatch.exact('X-Canary', 'always')],
      backends: [
        RouteBackend.of(IngressTarget.service(d.api), 90),
        RouteBackend.of(IngressTarget.service(canary), 10),
      ],
      rewrite: RouteRewrite.replacePrefix('/'),
      requestHeaders: { set: { 'X-Forwarded-Prefix': '/api' }, remove: ['X-Debug'] },
      timeouts: { requestSeconds: 30, backendRequestSeconds: 10 },
    });
    d.routes.addRoute({
      host: 'myapp.local',
      path: PathMatch.exact('/old'),
      redirect: RouteRedirect.to({ replaceFullPath: '/new', statusCode: 301 }),
    });
    d.routes.addRoute({
      host: 'myapp.local',
      path: PathMatch.regex('/v[0-9]+/.*'),
      backends: [RouteBackend.of(IngressTarget.service(d.web))],
    });
    const objects = objectsOf(d.app);
    const rules = find(objects, 'HTTPRoute', 'myapp-myapp-local').spec.rules;
    expect(rules[0]).toEqual({
      matches: [
        {
          path: { type: 'PathPrefix', value: '/api' },
          headers: [{ type: 'Exact', name: 'X-Canary', value: 'always' }],
        },
      ],
      filters: [
        {
          type: 'RequestHeaderModifier',
          requestHeaderModifier: {
            set: [{ name: 'X-Forwarded-Prefix', value: '/api' }],
            remove: ['X-Debug'],
          },
        },
        { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } },
      ],
      backendRefs: [
        { name: 'api', port: 80, weight: 90 },
        { name: 'api-canary', port: 80, weight: 10 },
      ],
      timeouts: { request: '30s', backendRequest: '10s' },
    });
    expect(rules[1].filters).toEqual([
      {
        type: 'RequestRedirect',
        requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/new' }, statusCode: 301 },
      },
    ]);
    expect(rules[1].backendRefs).toBeUndefined();
    expect(rules[2].matches[0].path).toEqual({ type: 'RegularExpression', value: '/v[0-9]+/.*' });
    expectValidGatewayObjects(objects, 'v1.2.1');
  });

  test('a backend in another namespace gets a ReferenceGrant there, for exactly that Service', () => {
    const d = deployment({ skipRoutes: true });
    d.routes.route(
      'myapp.local',
      '/shared',
      IngressTarget.serviceRef({
        name: 'catalog',
        port: 8080,
        podLabels: { app: 'catalog' },
        namespace: 'shared',
      }),
    );
    const objects = objectsOf(d.app);
    expect(find(objects, 'HTTPRoute', 'myapp-myapp-local').spec.rules[0].backendRefs).toEqual([
      { name: 'catalog', namespace: 'shared', port: 8080 },
    ]);
    expect(find(objects, 'ReferenceGrant')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'myapp-myapp', namespace: 'shared' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'myapp' }],
        to: [{ group: '', kind: 'Service', name: 'catalog' }],
      },
    });
    expectValidGatewayObjects(objects);
  });

  test('allowedRoutes admit exactly the namespaces whose routes use each listener', () => {
    const d = deployment({
      gateway: {
        listeners: [
          GatewayListener.https({
            hostname: 'myapp.local',
            certificate: ListenerCertificate.fromSecret('myapp-tls'),
          }),
          GatewayListener.https({
            hostname: '*.shop.local',
            certificate: ListenerCertificate.fromSecret('shop-tls'),
          }),
        ],
      },
    });
    const shop = new Chart(d.app, 'shop', { namespace: 'shop' });
    const cart = new kplus.Service(shop, 'Cart', { metadata: { name: 'cart' }, ports: [{ port: 80 }] });
    cart.selectLabel('app', 'cart');
    new GatewayRoutes(shop, 'Routes', { gateway: d.gateway }).route(
      'cart.shop.local',
      '/',
      IngressTarget.service(cart),
    );
    const gw = find(objectsOf(d.app), 'Gateway');
    const namespaces = gw.spec.listeners.map((l: any) => [
      l.name,
      l.allowedRoutes.namespaces.selector?.matchExpressions[0].values ?? l.allowedRoutes.namespaces.from,
    ]);
    expect(namespaces).toEqual([
      ['https-myapp-local', ['myapp']],
      ['https-wildcard-shop-local', ['shop']],
      ['http', 'Same'],
    ]);
    expect(gw.spec.listeners[0].tls).toEqual({
      mode: 'Terminate',
      certificateRefs: [{ group: '', kind: 'Secret', name: 'myapp-tls' }],
    });
    expect(validationErrors(d.app)).toEqual([]);
  });

  test('the Istio add-on class and a newer bundle: 308 redirect, CORS from the nginx annotations', () => {
    const d = deployment({
      gateway: { gatewayClass: GatewayClass.ISTIO, apiBundle: GatewayApiBundle.V1_5_1 },
      routes: {
        nginx: { cors: { allowOrigins: ['https://app.contoso.com'], allowMethods: ['get', 'post'] } },
      },
    });
    const objects = objectsOf(d.app);
    expect(find(objects, 'Gateway').spec.gatewayClassName).toBe('istio');
    expect(
      find(objects, 'HTTPRoute', 'myapp-gateway-https-redirect').spec.rules[0].filters[0].requestRedirect
        .statusCode,
    ).toBe(308);
    expect(find(objects, 'HTTPRoute', 'myapp-myapp-local').spec.rules[0].filters).toEqual([
      {
        type: 'CORS',
        cors: {
          allowOrigins: ['https://app.contoso.com'],
          allowMethods: ['GET', 'POST'],
          allowCredentials: false,
        },
      },
    ]);
    expectValidGatewayObjects(objects, 'v1.5.1');
    // the same objects on an older cluster: the allow-list names what v1.2.1 lacks
    const route = find(objects, 'HTTPRoute', 'myapp-myapp-local');
    expect(validateGatewayManifest(route, 'v1.2.1').join('\n')).toMatch(
      /filters\/0\/type = CORS is not one of .* in bundle v1.2.1/,
    );
  });
});

describe('nginx annotations on the Gateway API path', () => {
  const rulesOf = (d: ReturnType<typeof deployment>) =>
    find(objectsOf(d.app), 'HTTPRoute', 'myapp-myapp-local').spec.rules;

  test('rewrite-target with the prefix capture becomes ReplacePrefixMatch; timeouts become backendRequest', () => {
    const d = deployment({
      skipRoutes: true,
      routes: { nginx: { rewriteTarget: '/$2', proxyReadTimeoutSeconds: 120, sslRedirect: true } },
    });
    d.routes.route('myapp.local', '/api(/|$)(.*)', IngressTarget.service(d.api));
    expect(rulesOf(d)[0]).toEqual({
      matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
      filters: [
        { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } },
      ],
      backendRefs: [{ name: 'api', port: 80 }],
      timeouts: { backendRequest: '125s' },
    });
    expect(warningsOf(d.app).join('\n')).toMatch(
      /proxy timeouts become timeouts.backendRequest 125s \(connect \+ read\)/,
    );
  });

  test('a rewrite without capture replaces the full path (with the warning); regex paths match the whole path', () => {
    const full = deployment({ skipRoutes: true, routes: { nginx: { rewriteTarget: '/' } } });
    full.routes.route('myapp.local', '/api', IngressTarget.service(full.api));
    expect(rulesOf(full)[0].filters).toEqual([
      { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/' } } },
    ]);
    expect(warningsOf(full.app).join('\n')).toMatch(/rewrite-target '\/' has no capture/);
    const regex = deployment({ skipRoutes: true, routes: { nginx: { useRegex: true } } });
    regex.routes.route('myapp.local', '/v[0-9]+', IngressTarget.service(regex.api));
    expect(rulesOf(regex)[0].matches[0].path).toEqual({ type: 'RegularExpression', value: '/v[0-9]+.*' });
  });

  const refusals: Array<[string, GatewayRoutesProps['nginx'], RegExp]> = [
    [
      'rate limit',
      { limitRps: 10 },
      /nginx.limitRps has no Gateway API equivalent: the standard channel has no rate-limit filter; rate-limit in the backend/,
    ],
    [
      'body size',
      { proxyBodySize: '10m' },
      /nginx.proxyBodySize has no Gateway API equivalent: .*; enforce the limit in the backend/,
    ],
    [
      'CORS before v1.5.1',
      { cors: { allowOrigins: ['https://app.contoso.com'] } },
      /nginx.cors has no Gateway API equivalent: the HTTPRoute CORS filter is in Gateway API bundle v1.5.1 \(Kubernetes 1.36\+\), this Gateway renders for v1.2.1/,
    ],
    [
      'snippet',
      { configurationSnippet: 'more_set_headers "X: y";', allowSnippets: true },
      /nginx.configurationSnippet has no Gateway API equivalent: raw NGINX configuration/,
    ],
    [
      'source allow-list',
      { sourceAllowList: ['203.0.113.0/24'] },
      /nginx.sourceAllowList has no Gateway API equivalent: behind the firewall DNAT .*SecureEgress.addDnat/,
    ],
    [
      'consistent hashing',
      { upstreamHashBy: '$request_uri' },
      /nginx.upstreamHashBy has no Gateway API equivalent/,
    ],
    [
      'ssl-redirect off',
      { sslRedirect: false },
      /nginx.sslRedirect has no Gateway API equivalent: plain HTTP is a listener of the Gateway.*GatewayListener.http/,
    ],
    [
      'bad value still checked',
      { proxyReadTimeoutSeconds: 1.5 },
      /annotation proxy-read-timeout '1.5' is invalid/,
    ],
  ];
  test.each(refusals)('%s is refused with the alternative', (_name, nginx, message) => {
    expect(synthError(() => deployment({ routes: { nginx } }))).toMatch(
      new RegExp(`GatewayRoutes myapp/Routes: ${message.source}`),
    );
  });

  test('a rewrite with other captures is refused, naming the form that translates', () => {
    const d = deployment({ skipRoutes: true, routes: { nginx: { rewriteTarget: '/$1/x' } } });
    expect(
      synthError(() => d.routes.route('myapp.local', '/(a|b)/(.*)', IngressTarget.service(d.api))),
    ).toMatch(
      /nginx.rewriteTarget has no Gateway API equivalent: Gateway API rewrites replace a prefix or the whole path, never regex captures .*write the path as <prefix>\(\/\|\$\)\(\.\*\) with rewrite-target \/\$2/,
    );
  });
});

describe('policies derived from the routes', () => {
  const policiesOf = (app: App) =>
    objectsOf(app).filter((o) => o.kind === 'NetworkPolicy') as NetworkPolicyJson[];
  const pod = (name: string, namespace: string, labels: Record<string, string>): Endpoint => ({
    kind: 'pod',
    name,
    namespace,
    labels,
  });
  const proxy = pod('proxy', GATEWAY_NS, { 'gateway.networking.k8s.io/gateway-name': 'myapp-gateway' });
  const api = pod('api', 'myapp', { app: 'api' });
  const web = pod('web', 'myapp', { app: 'web' });
  const database = pod('database', 'myapp', { app: 'database' });
  const istiod = pod('istiod', 'aks-istio-system', { app: 'istiod' });
  const other = pod('other', GATEWAY_NS, { app: 'other' });
  const ext = (ip: string): Endpoint => ({ kind: 'external', name: ip, ip });

  test.each([PolicyEngine.CILIUM, PolicyEngine.CALICO])('truth table on %s', (engine) => {
    const d = wire(deployment({ engine }));
    const e = new PolicyEvaluator(policiesOf(d.app), {}, { ipBlockIgnoresPods: !engine.ipBlockMatchesPods });
    expect(e.allowed(ext('10.240.5.4'), proxy, 'TCP', 443)).toBe(true); // firewall (SNAT) → listener
    expect(e.allowed(ext('10.240.5.4'), proxy, 'TCP', 80)).toBe(true); // → redirect listener
    expect(e.allowed(ext('10.240.5.4'), proxy, 'TCP', 15021)).toBe(false);
    expect(e.allowed(ext('168.63.129.16'), proxy, 'TCP', 443)).toBe(true); // Azure health probe
    expect(e.allowed(ext('203.0.113.10'), proxy, 'TCP', 443)).toBe(false);
    expect(e.allowed(ext('10.240.1.7'), proxy, 'TCP', 443)).toBe(engine !== PolicyEngine.CILIUM); // nodes (ipBlock)
    expect(e.allowed(proxy, api, 'TCP', 8080)).toBe(true); // container port behind Service port 80
    expect(e.allowed(proxy, api, 'TCP', 80)).toBe(false);
    expect(e.allowed(proxy, web, 'TCP', 80)).toBe(true);
    expect(e.allowed(proxy, database, 'TCP', 5432)).toBe(false);
    expect(e.allowed(proxy, istiod, 'TCP', 15012)).toBe(true);
    expect(e.allowed(proxy, istiod, 'TCP', 15017)).toBe(false);
    expect(e.allowed(other, api, 'TCP', 8080)).toBe(false); // nothing else reaches the backends
    expect(e.allowed(other, proxy, 'TCP', 443)).toBe(false);
    expect(policiesOf(d.app).every((p) => p.metadata.namespace !== 'aks-istio-system')).toBe(true);
  });

  test('on Cilium the node share is a CiliumNetworkPolicy (ipBlock never matches nodes there)', () => {
    const cnp = find(
      objectsOf(wire(deployment()).app),
      'CiliumNetworkPolicy',
      'myapp-gateway-node-forwarded',
    );
    expect(cnp.metadata).toEqual({ name: 'myapp-gateway-node-forwarded', namespace: GATEWAY_NS });
    expect(cnp.spec.ingress).toEqual([
      {
        fromEntities: ['remote-node', 'host'],
        toPorts: [
          {
            ports: [
              { port: '80', protocol: 'TCP' },
              { port: '443', protocol: 'TCP' },
            ],
          },
        ],
      },
    ]);
    expect(
      find(objectsOf(wire(deployment({ engine: PolicyEngine.CALICO })).app), 'CiliumNetworkPolicy'),
    ).toBeUndefined();
  });

  test('the connectivity report shows the gateway like the controller', () => {
    const d = wire(deployment());
    const report = renderConnectivityReport(
      [d.gatewayPolicies, d.policies].map((p) => ({
        description: p._describe(),
        evaluation: p._evaluation(),
      })),
    );
    expect(report).toMatch(/\| \*\*gateway myapp-gateway \(app-gateway\)\*\* \|/);
    expect(report).toMatch(/myapp_gateway -->\|TCP 15012\| namespace_aks_istio_system/);
    expect(report).toMatch(/10_240_5_0_26 -->\|TCP 80, TCP 443\| myapp_gateway/);
    expect(report).toMatch(/gateway_myapp_gateway__app_gateway_ -->\|TCP 8080\| api/);
    expect(d.gatewayPolicies._evaluation().differences).toEqual([]);
    expect(d.policies._evaluation().differences).toEqual([]);
  });

  test('a route added after allowGatewayTraffic fails synthesis', () => {
    const d = wire(deployment());
    const extra = new kplus.Service(d.chart, 'Extra', {
      metadata: { name: 'extra' },
      ports: [{ port: 9000 }],
    });
    extra.selectLabel('app', 'extra');
    d.routes.route('myapp.local', '/extra', IngressTarget.service(extra));
    expect(validationErrors(d.app).join('\n')).toMatch(
      /platform\/Policies: gateway myapp-gateway routes to myapp\/extra but no policy lets its proxies reach it; call allowGatewayTraffic after adding the routes/,
    );
  });
});

describe('bad input', () => {
  const https = (hostname: string, certificate?: ListenerCertificate) =>
    GatewayListener.https({ hostname, certificate: certificate ?? ListenerCertificate.fromSecret('tls') });
  const cases: Array<[string, () => unknown, RegExp]> = [
    [
      'a route to a Service port that does not exist',
      () => {
        const d = deployment({ skipRoutes: true });
        d.routes.route('myapp.local', '/api', IngressTarget.service(d.api, 8080));
      },
      /GatewayRoutes myapp\/Routes: Service api has no port 8080; use one of its ports: 80/,
    ],
    [
      'two routes with the same host and match',
      () =>
        deployment().routes.route('myapp.local', '/api', IngressTarget.serviceRef({ name: 'x', port: 1 })),
      /GatewayRoutes myapp\/Routes: route myapp.local PathPrefix \/api is declared twice; route each host and match once/,
    ],
    [
      'an HTTPS listener without a certificate',
      () => GatewayListener.https({ hostname: 'myapp.local' } as any),
      /GatewayListener.https: listener myapp.local has no certificate; pass certificate: ListenerCertificate.fromKeyVault/,
    ],
    [
      'a versioned Key Vault certificate URI',
      () =>
        ListenerCertificate.fromKeyVault(
          `${KV}/0123456789abcdef0123456789abcdef`,
          WorkloadIdentityClientId.of(CLIENT_ID),
        ),
      /is a versioned certificate URI; drop the version: the listener takes the unversioned URI/,
    ],
    [
      'a secret URI instead of a certificate URI',
      () =>
        ListenerCertificate.fromKeyVault(
          'https://kv-myapp.vault.azure.net/secrets/myapp',
          WorkloadIdentityClientId.of(CLIENT_ID),
        ),
      /is not a Key Vault certificate URI; use https:\/\/<vault>.vault.azure.net\/certificates\/<name>/,
    ],
    [
      'a redirect status the bundle lacks',
      () =>
        deployment().routes.addRoute({
          host: 'myapp.local',
          path: PathMatch.exact('/old'),
          redirect: RouteRedirect.to({ replaceFullPath: '/new', statusCode: 308 }),
        }),
      /GatewayRoutes myapp\/Routes: route myapp.local Exact \/old redirects with status 308, which Gateway API bundle v1.2.1 lacks \(it allows 301 and 302\)/,
    ],
    [
      'a gateway IP that is not IPv4',
      () => deployment({ gateway: { privateIp: '10.240.4.300' } }),
      /IngressGateway platform\/Gateway: privateIp '10.240.4.300' is not an IPv4 address/,
    ],
    [
      'a public gateway IP',
      () => deployment({ gateway: { privateIp: '20.50.1.2' } }),
      /IngressGateway platform\/Gateway: privateIp 20.50.1.2 is not a private address, and the Gateway's load balancer is internal/,
    ],
    [
      'a gateway IP outside the ingress subnet',
      () => deployment({ gateway: { subnetCidr: '10.240.4.0/28', privateIp: '10.240.4.20' } }),
      /IngressGateway platform\/Gateway: privateIp 10.240.4.20 is outside subnet ingress \(10.240.4.0\/28\)/,
    ],
    [
      'a gateway IP Azure reserves',
      () => deployment({ gateway: { subnetCidr: '10.240.4.0/28', privateIp: '10.240.4.3' } }),
      /privateIp 10.240.4.3 is one of the addresses Azure reserves in 10.240.4.0\/28 \(10.240.4.0, 10.240.4.1, 10.240.4.2, 10.240.4.3, 10.240.4.15\); pick a free address from 10.240.4.4 on/,
    ],
    [
      'a route host no listener serves',
      () => deployment().routes.route('other.local', '/', IngressTarget.serviceRef({ name: 'x', port: 1 })),
      /host other.local has no listener on Gateway myapp-gateway \(listeners: myapp.local\)/,
    ],
    [
      'two Key Vault identities on one gateway',
      () =>
        deployment({
          gateway: {
            listeners: [
              https('a.local', ListenerCertificate.fromKeyVault(KV, WorkloadIdentityClientId.of(CLIENT_ID))),
              https(
                'b.local',
                ListenerCertificate.fromKeyVault(KV, WorkloadIdentityClientId.substitution('OTHER')),
              ),
            ],
          },
        }),
      /Key Vault listeners use 2 identities/,
    ],
    [
      'gateway traffic policies in another namespace',
      () => {
        const d = deployment();
        d.policies.allowGatewayTraffic(d.gateway, { clientRanges: [FIREWALL] });
      },
      /gateway myapp-gateway runs in namespace app-gateway, not myapp/,
    ],
    [
      'a route the Ingress rendering cannot express',
      () => {
        const chart = new Chart(Testing.app(), 'myapp', { namespace: 'myapp' });
        new AppIngress(chart, 'Ingress', { tls: [] }).addRoute({
          host: 'myapp.local',
          headers: [HeaderMatch.exact('X-Canary', 'always')],
          backends: [RouteBackend.of(IngressTarget.serviceRef({ name: 'x', port: 80 }))],
        });
      },
      /AppIngress myapp\/Ingress: route myapp.local PathPrefix \/ has header matches, which an Ingress cannot express; render it with GatewayRoutes/,
    ],
    [
      'an unsupported GatewayClass passed from JavaScript',
      () => deployment({ gateway: { gatewayClass: 'approuting-istio' as any } }),
      /IngressGateway platform\/Gateway: gatewayClass is 'approuting-istio', not a GatewayClass; use GatewayClass.APP_ROUTING_ISTIO/,
    ],
  ];
  test.each(cases)('%s', (_name, f, message) => {
    expect(synthError(f)).toMatch(message);
  });

  test('a listener hostname no route uses fails synthesis; nothing is routed there', () => {
    const d = deployment({ gateway: { listeners: [https('myapp.local'), https('unused.local')] } });
    expect(validationErrors(d.app)).toEqual([
      'platform/Gateway: listener https-unused-local (HTTPS unused.local:443) serves no route; route unused.local with GatewayRoutes, or remove the listener',
    ]);
  });

  test('the same host and match from two route sets fails synthesis', () => {
    const d = deployment();
    const again = new Chart(d.app, 'again', { namespace: 'again' });
    new GatewayRoutes(again, 'Routes', { gateway: d.gateway }).route(
      'myapp.local',
      '/api',
      IngressTarget.serviceRef({ name: 'x', port: 1 }),
    );
    expect(validationErrors(d.app).join('\n')).toMatch(
      /route myapp.local PathPrefix \/api is declared by both myapp\/Routes and again\/Routes/,
    );
  });
});

describe('the shared route model on the Ingress rendering', () => {
  test('addRoute renders the same Ingress as route()', () => {
    const make = (useModel: boolean) => {
      const chart = new Chart(Testing.app(), 'myapp', { namespace: 'myapp' });
      const web = new kplus.Service(chart, 'Web', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
      web.selectLabel('app', 'web');
      const ingress = new AppIngress(chart, 'Ingress', { name: 'myapp-ingress', tls: [] });
      if (useModel) {
        ingress.addRoute({
          host: 'myapp.local',
          path: PathMatch.exact('/x'),
          backends: [RouteBackend.of(IngressTarget.service(web))],
        });
        ingress.addRoute({ host: 'myapp.local', backends: [RouteBackend.of(IngressTarget.service(web))] });
      } else {
        ingress.route('myapp.local', '/x', IngressTarget.service(web), { pathType: PathType.EXACT });
        ingress.route('myapp.local', '/', IngressTarget.service(web));
      }
      return Testing.synth(chart);
    };
    expect(make(true)).toEqual(make(false));
  });
});

describe('Gateway API bundles', () => {
  const fields = FIELDS as unknown as Record<
    string,
    Record<string, { paths: string[]; enums: Record<string, unknown[]> }>
  >;

  test('the library knows every field and value a bundle added after v1.2.1 to Gateway and HTTPRoute', () => {
    const base = fields['v1.2.1'];
    const missing: string[] = [];
    for (const bundle of BUNDLES.slice(1)) {
      for (const kind of ['gateway.networking.k8s.io/v1/Gateway', 'gateway.networking.k8s.io/v1/HTTPRoute']) {
        const covered = (path: string, value?: unknown) =>
          GATEWAY_API_FIELD_FEATURES.some(
            (f) =>
              f.kind === kind &&
              (path === f.path || path.startsWith(`${f.path}/`)) &&
              (value === undefined || f.value === value) &&
              GATEWAY_API_BUNDLE_VERSIONS.indexOf(f.since) <= GATEWAY_API_BUNDLE_VERSIONS.indexOf(bundle),
          );
        for (const path of fields[bundle][kind].paths.filter((p) => !base[kind].paths.includes(p))) {
          if (!covered(path)) missing.push(`${bundle} ${kind} ${path}`);
        }
        for (const [path, values] of Object.entries(fields[bundle][kind].enums)) {
          for (const v of values.filter(
            (x) => base[kind].enums[path] && !base[kind].enums[path].includes(x),
          )) {
            if (!covered(path, v)) missing.push(`${bundle} ${kind} ${path} = ${String(v)}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('an object is checked against the bundle the cluster runs', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r' },
      spec: { rules: [{ name: 'api', filters: [{ type: 'CORS', cors: {} }] }] },
    };
    expect(gatewayApiBundleProblems('v1.2.1', route)).toEqual([
      'HTTPRoute r: /spec/rules/0/filters/0/type = CORS (the CORS filter) needs Gateway API bundle v1.5.1, the cluster runs v1.2.1',
      'HTTPRoute r: /spec/rules/0/filters/0/cors (the CORS filter) needs Gateway API bundle v1.5.1, the cluster runs v1.2.1',
      'HTTPRoute r: /spec/rules/0/name (named route rules) needs Gateway API bundle v1.4.1, the cluster runs v1.2.1',
    ]);
    expect(gatewayApiBundleProblems('v1.5.1', route)).toEqual([]);
    expect(
      gatewayApiBundleProblems('v1.2.1', {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'TLSRoute',
        metadata: { name: 't' },
      }),
    ).toEqual([
      'TLSRoute t: gateway.networking.k8s.io/v1/TLSRoute needs Gateway API bundle v1.5.1, the cluster runs v1.2.1',
    ]);
  });
});

describe('cross-layer checks of Gateways', () => {
  const input = (cluster: Partial<CrossLayerInput['cluster']>, bundle = 'v1.2.1'): CrossLayerInput => {
    const d = deployment({ gateway: { apiBundle: GatewayApiBundle.fromVersion(bundle) } });
    return {
      cluster: {
        kind: 'AksCluster',
        path: 'prod/Aks',
        policyEngine: 'cilium',
        egress: { kind: 'SecureEgress', path: 'prod/Egress', dnatTargets: ['10.240.4.14'] },
        gatewayClasses: ['approuting-istio'],
        gatewayApiBundle: 'v1.2.1',
        ingressClasses: [],
        keyVaultSecretsProvider: true,
        workloadIdentity: true,
        ...cluster,
      },
      ingressEndpoints: [
        { kind: 'IngressGateway', path: 'platform/Gateway', privateIp: d.gateway.privateIp },
      ],
      policies: [],
      manifests: objectsOf(d.app).map((body) => ({ kind: 'IngressGateway', path: 'platform/Gateway', body })),
    };
  };

  test('an agreeing cluster passes (DNAT reaches the Gateway)', () => {
    expect(crossLayerProblems(input({}))).toEqual([]);
  });

  test('DNAT to another address than the Gateway fails', () => {
    expect(
      crossLayerProblems(
        input({ egress: { kind: 'SecureEgress', path: 'prod/Egress', dnatTargets: ['10.240.4.20'] } }),
      ).join('\n'),
    ).toMatch(
      /SecureEgress prod\/Egress: DNAT translates to 10.240.4.20, but IngressGateway platform\/Gateway listens at 10.240.4.14/,
    );
  });

  test('a GatewayClass the cluster does not provide fails', () => {
    expect(crossLayerProblems(input({ gatewayClasses: ['istio'] })).join('\n')).toMatch(
      /IngressGateway platform\/Gateway: Gateway myapp-gateway uses GatewayClass approuting-istio, but AksCluster prod\/Aks provides istio; choose a class the cluster enables/,
    );
  });

  test('Key Vault listeners need the secrets provider and workload identity', () => {
    expect(
      crossLayerProblems(input({ keyVaultSecretsProvider: false, workloadIdentity: false })).join('\n'),
    ).toMatch(
      /takes listener certificates from Key Vault \(https-myapp-local\), but AksCluster prod\/Aks lacks the Key Vault secrets provider and workload identity \(and the OIDC issuer\)/,
    );
  });

  test("Key Vault listeners name the ServiceAccount the cluster's identity federates with", () => {
    expect(
      crossLayerProblems(
        input({ keyVaultServiceAccount: { namespace: GATEWAY_NS, name: 'gateway-keyvault' } }),
      ),
    ).toEqual([]);
    expect(
      crossLayerProblems(
        input({ keyVaultServiceAccount: { namespace: 'gateway', name: 'gateway-keyvault' } }),
      ).join('\n'),
    ).toMatch(
      /listener https-myapp-local uses ServiceAccount app-gateway\/gateway-keyvault, but the Key Vault identity of AksCluster prod\/Aks federates with gateway\/gateway-keyvault; give both the same namespace and name/,
    );
  });

  test('manifests rendered for a newer bundle than the cluster runs fail; no managed Gateway API fails', () => {
    expect(crossLayerProblems(input({}, 'v1.5.1')).join('\n')).toMatch(
      /HTTPRoute myapp-gateway-https-redirect: \/spec\/rules\/0\/filters\/0\/requestRedirect\/statusCode = 308 .*needs Gateway API bundle v1.5.1, the cluster runs v1.2.1; render for the cluster's bundle/,
    );
    expect(crossLayerProblems(input({ gatewayApiBundle: undefined })).join('\n')).toMatch(
      /Gateway myapp-gateway needs the managed Gateway API, which AksCluster prod\/Aks does not install/,
    );
  });
});

describe('synthesis facts', () => {
  test('a Gateway is an ingress endpoint at its planned IP, for the DNAT check', () => {
    const stack = new TerraformStack(TfTesting.app(), 'prod');
    const network = new ClusterNetwork(stack, 'Network', {
      location: 'westeurope',
      addressSpace: '10.240.0.0/16',
      ingressSubnetPrefixLength: 28,
      firewallSubnetPrefixLength: 26,
    });
    const egress = new SecureEgress(stack, 'Egress', { network });
    const endpoint = egress.ingressEndpoint();
    egress.addDnat({
      publicPort: 443,
      privatePort: 443,
      privateIp: endpoint.privateIp,
      sourceAddresses: ['203.0.113.0/24'],
    });
    const cluster = new AksCluster(stack, 'Aks', { network, egress });
    const d = deployment({
      gateway: {
        privateIp: endpoint.privateIp,
        subnetName: endpoint.subnetName,
        subnetCidr: network.ingressSubnet!.cidr,
      },
    });
    const input = crossLayerInput(cluster, renderManifests(d.app));
    expect(input.ingressEndpoints).toEqual([
      { kind: 'IngressGateway', path: 'platform/Gateway', privateIp: endpoint.privateIp },
    ]);
    expect(input.manifests.find((m) => (m.body as any).kind === 'Gateway')?.path).toBe('platform/Gateway');
    // the DNAT check passes; what the cluster offers for Gateway API is the lead's wiring (today: nothing)
    const problems = crossLayerProblems(input);
    expect(problems.filter((p) => p.includes('DNAT'))).toEqual([]);
  });
});

describe('the security rule pack', () => {
  test('finds nothing at all in the Gateway API output', () => {
    const findings = kubernetesFindings(objectsOf(wire(deployment()).app).map((body) => ({ body })));
    expect(findings.map(formatFinding)).toEqual([]);
  });
});
