// Bad inputs of AppIngress and InternalNginxController.
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IngressController } from '../../lib/k8s/controller';
import { AppIngress, AppIngressProps, IngressTls, PathType } from '../../lib/k8s/ingress/app-ingress';
import { IngressTarget } from '../../lib/k8s/ingress/ingress-target';
import {
  InternalNginxController,
  InternalNginxControllerProps,
} from '../../lib/k8s/ingress/internal-controller';
import { BadInput, Scopes } from '../tools/helpers';

export const KV = 'https://kv-shop.vault.azure.net/certificates/shop';
const TLS = () => [IngressTls.fromKeyVault(KV, ['shop.example.com'])];
const ING = 'AppIngress shop/Ingress';

/** The Services api (80 → 8080) and web (80) and an AppIngress (named `shop` unless told), in `chart`. */
export function seed(chart: Chart, props: AppIngressProps = { tls: TLS() }, name = 'shop') {
  const api = new kplus.Service(chart, 'Api', {
    metadata: { name: 'api' },
    ports: [{ port: 80, targetPort: 8080 }],
  });
  api.selectLabel('app', 'api');
  const web = new kplus.Service(chart, 'Web', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
  web.selectLabel('app', 'web');
  const ingress = new AppIngress(chart, 'Ingress', { name, ...props });
  return { chart, api, web, ingress };
}
const ingress = (props: () => AppIngressProps) => (s: Scopes) => seed(s.chart, props());
const nginx = (n: AppIngressProps['nginx']) => ingress(() => ({ tls: TLS(), nginx: n }));
const route =
  (
    host: string,
    p: string,
    opts: { props?: () => AppIngressProps; port?: number; pathType?: PathType } = {},
  ) =>
  (s: Scopes) => {
    const { web, ingress: i } = seed(s.chart, opts.props?.());
    i.route(
      host,
      p,
      IngressTarget.service(web, opts.port),
      opts.pathType ? { pathType: opts.pathType } : undefined,
    );
  };

export const INGRESS_CASES: BadInput[] = [
  [
    'rewrite target with braces',
    nginx({ rewriteTarget: '/${1}' }),
    ING,
    "annotation rewrite-target '/${1}' is invalid",
    'use a path of letters, digits',
  ],
  [
    'body size in mb',
    nginx({ proxyBodySize: '10mb' }),
    ING,
    "annotation proxy-body-size '10mb' is invalid",
    'use a number with an optional unit b, k, m or g, e.g. 10m',
  ],
  [
    'fractional read timeout',
    nginx({ proxyReadTimeoutSeconds: 1.5 }),
    ING,
    "annotation proxy-read-timeout '1.5' is invalid",
    'use whole seconds from 1 to 3600',
  ],
  [
    'connect timeout of 120 s',
    nginx({ proxyConnectTimeoutSeconds: 120 }),
    ING,
    "proxy-connect-timeout '120' is invalid",
    'use whole seconds from 1 to 75',
  ],
  [
    'CORS for every origin',
    nginx({ cors: { allowOrigins: ['*'] } }),
    ING,
    "cors-allow-origin '*' is invalid",
    'use explicit origins such as https://app.contoso.com',
  ],
  [
    'CORS without origins',
    nginx({ cors: { allowOrigins: [] } }),
    ING,
    "cors-allow-origin '' is invalid",
    'name the origins allowed',
  ],
  [
    'CORS origin on the blocklist',
    nginx({ cors: { allowOrigins: ['https://root.contoso.com'] } }),
    ING,
    "contains 'root', which the controller's blocklist rejects, so it would skip the whole Ingress",
    'remove that text from the value',
  ],
  [
    'limit-rps 0',
    nginx({ limitRps: 0 }),
    ING,
    "annotation limit-rps '0' is invalid",
    'use a whole number of requests per second of at least 1',
  ],
  [
    'allow-list with blanks (seed 002)',
    nginx({ sourceAllowList: ['10.0 .0 .0 /8'] }),
    ING,
    "annotation allowlist-source-range '10.0 .0 .0 /8' is not an IPv4 CIDR",
    'write it as a.b.c.d/n',
  ],
  [
    'empty allow-list',
    nginx({ sourceAllowList: [] }),
    ING,
    "allowlist-source-range '' is invalid",
    'give at least one CIDR',
  ],
  [
    'upstream hash with braces',
    nginx({ upstreamHashBy: '${request_uri}' }),
    ING,
    "annotation upstream-hash-by '${request_uri}' is invalid",
    'use NGINX variables without braces, e.g. $request_uri',
  ],
  [
    'snippet without opt-in',
    nginx({ serverSnippet: 'return 200;' }),
    ING,
    'annotation server-snippet is refused: snippets can expose every Secret the controller reads (CVE-2021-25742)',
    'express it with typed annotations, or set allowSnippets: true',
  ],
  [
    'snippet with a blocklisted word',
    nginx({ configurationSnippet: 'location /x {}', allowSnippets: true }),
    ING,
    "configuration-snippet 'location /x {}' contains 'location'",
    'remove that text from the value',
  ],
  [
    'path without a slash',
    route('shop.example.com', 'api'),
    ING,
    "path 'api' does not start with /",
    'write it as /api',
  ],
  [
    'host in capitals',
    route('Shop.example.com', '/'),
    ING,
    "host 'Shop.example.com' is not a DNS name",
    'use lower-case labels',
  ],
  [
    'IP address as the host',
    route('10.240.4.14', '/'),
    ING,
    "host '10.240.4.14' is an IP address, which Ingress rules do not accept",
    'route by a DNS name',
  ],
  [
    'regex path without regex',
    route('shop.example.com', '/api/(.*)'),
    ING,
    "path '/api/(.*)' is a regular expression but the Ingress does not use regex paths",
    'set nginx.useRegex (or rewriteTarget), or write a plain path',
  ],
  [
    'a path routed twice',
    (s) => {
      const { web, ingress: i } = seed(s.chart);
      i.route('shop.example.com', '/', IngressTarget.service(web));
      i.route('shop.example.com', '/', IngressTarget.service(web));
    },
    ING,
    'host shop.example.com path / is routed twice',
    'route each host and path once',
  ],
  [
    'unknown Service port',
    route('shop.example.com', '/x', { port: 8080 }),
    ING,
    'Service web has no port 8080',
    'use one of its ports: 80',
  ],
  [
    'regex path with Prefix',
    route('shop.example.com', '/api/(.*)', {
      props: () => ({ tls: TLS(), nginx: { useRegex: true } }),
      pathType: PathType.PREFIX,
    }),
    ING,
    'pathType Prefix but the Ingress uses regex paths',
    'use PathType.IMPLEMENTATION_SPECIFIC',
  ],
  [
    'rewrite capture without group',
    route('shop.example.com', '/api', { props: () => ({ tls: TLS(), nginx: { rewriteTarget: '/$1' } }) }),
    ING,
    "rewrite-target '/$1' uses capture $1 but path '/api' has 0 capture group(s)",
    'capture what you rewrite, e.g. path /api(/|$)(.*) with rewrite-target /$2',
  ],
  [
    'a Service known only by name, without pod labels',
    (s) => {
      const { ingress: i } = seed(s.chart);
      i.route('shop.example.com', '/unknown', IngressTarget.serviceRef({ name: 'unknown', port: 80 }));
      i.routedBackends();
    },
    ING,
    'Service unknown is known only by name, so its pods are unknown',
    'give podLabels',
  ],
  [
    'no routes',
    (s) => seed(s.chart),
    ING,
    'no routes and no default backend',
    'add ingress.route(host, path, target) or defaultBackend',
    'validation',
  ],
  [
    'TLS host without a rule',
    route('shop.example.com', '/', {
      props: () => ({ tls: [IngressTls.fromSecret('tls', ['other.example.com'])] }),
    }),
    ING,
    'TLS host other.example.com has no rule',
    'route it or remove it from tls (rule hosts: shop.example.com)',
    'validation',
  ],
  [
    'Key Vault URI of a secret',
    ingress(() => ({ tls: [IngressTls.fromKeyVault('https://kv.example.com/x', ['shop.example.com'])] })),
    ING,
    "Key Vault certificate URI 'https://kv.example.com/x' is not a certificate URI",
    'use https://<vault>.vault.azure.net/certificates/<name>',
  ],
  [
    'two Key Vault certificates',
    ingress(() => ({
      tls: [IngressTls.fromKeyVault(KV, ['a.example.com']), IngressTls.fromKeyVault(KV, ['b.example.com'])],
    })),
    ING,
    'more than one Key Vault certificate on one Ingress',
    'split the hosts over several AppIngress',
  ],
  [
    'Key Vault certificate on a class the add-on does not serve',
    ingress(() => ({ controller: IngressController.ingressNginx(), tls: TLS() })),
    ING,
    'a Key Vault certificate on IngressClass nginx, whose controller is not the app routing add-on, so no one syncs Secret keyvault-shop',
    'use IngressController.appRouting()',
  ],
  [
    'Ingress name too long for a Key Vault certificate',
    ingress(() => ({ name: 'a'.repeat(55), tls: TLS() })),
    ING,
    `name '${'a'.repeat(55)}' has 55 characters, too long for a Key Vault certificate`,
    'at most 54 characters',
  ],
  [
    'Ingress name not a DNS subdomain',
    ingress(() => ({ name: 'MyApp_Ingress' })),
    ING,
    "name 'MyApp_Ingress' is not a DNS subdomain",
    'use lower-case',
  ],
  [
    'TLS secret name not a DNS subdomain',
    ingress(() => ({ tls: [IngressTls.fromSecret('My_TLS', ['shop.example.com'])] })),
    ING,
    "TLS secret name 'My_TLS' is not a DNS subdomain",
    'name a kubernetes.io/tls Secret',
  ],
  [
    'TLS without hosts',
    ingress(() => ({ tls: [IngressTls.fromSecret('tls', [])] })),
    ING,
    'a TLS entry names no host',
    'list the hosts the certificate covers',
  ],
  [
    'TLS host an IP address',
    ingress(() => ({ tls: [IngressTls.fromSecret('tls', ['10.0.0.1'])] })),
    ING,
    "host '10.0.0.1' is an IP address, which Ingress rules do not accept",
    'route by a DNS name',
  ],
];

const NIC = 'InternalNginxController shop/Nginx';
const nic = (bad: Partial<InternalNginxControllerProps>) => (s: Scopes) =>
  new InternalNginxController(s.chart, 'Nginx', {
    privateIp: '10.240.4.14',
    subnetName: 'snet-aks-ingress',
    ...bad,
  });

export const CONTROLLER_CASES: BadInput[] = [
  [
    'controller IP not an address',
    nic({ privateIp: '10.240.4.300' }),
    NIC,
    "privateIp '10.240.4.300' is not an IPv4 address",
    'pass the planned ingress IP, e.g. 10.240.4.14',
  ],
  [
    'controller on a public IP',
    nic({ privateIp: '20.1.2.3' }),
    NIC,
    'internal load balancer IP 20.1.2.3 is not a private address',
    'pick a free address in the cluster VNet subnet',
  ],
  [
    'controller name with capitals',
    nic({ name: 'Nginx_Internal' }),
    NIC,
    "name 'Nginx_Internal' is not a lower-case DNS label",
    'use a-z, 0-9 and -',
  ],
  [
    'controller prefix of 61 characters',
    nic({ controllerNamePrefix: 'n'.repeat(61) }),
    NIC,
    `controllerNamePrefix '${'n'.repeat(61)}' is not a lower-case DNS label`,
    'at most 60 characters',
  ],
  [
    'IngressClass name with capitals',
    nic({ ingressClassName: 'Nginx.Internal' }),
    NIC,
    "ingressClassName 'Nginx.Internal' is not a lower-case DNS subdomain",
    'use a-z, 0-9, . and -',
  ],
  [
    'controller subnet given as id',
    nic({ subnetName: '/subscriptions/x/subnets/y' }),
    NIC,
    "subnet name '/subscriptions/x/subnets/y' is not an Azure subnet name",
    'give the subnet name, not its id',
  ],
  [
    'controller min above max replicas',
    nic({ minReplicas: 5, maxReplicas: 2 }),
    NIC,
    'minReplicas 5 exceeds maxReplicas 2',
    'lower minReplicas or raise maxReplicas',
  ],
];
