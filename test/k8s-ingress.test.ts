import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { warningsOf } from '../lib/core/warnings';
import { IngressController } from '../lib/k8s/controller';
import { AppIngress, AppIngressProps, IngressTls, PathType } from '../lib/k8s/ingress/app-ingress';
import { IngressTarget } from '../lib/k8s/ingress/ingress-target';
import { InternalNginxController } from '../lib/k8s/ingress/internal-controller';
import { ProxyHttpVersion } from '../lib/k8s/ingress/nginx-annotations';

const KV = 'https://kv-myapp.vault.azure.net/certificates/myapp';

function seedApp(props: AppIngressProps = { tls: [IngressTls.fromKeyVault(KV, ['myapp.local'])] }) {
  const chart = new Chart(Testing.app(), 'myapp', { namespace: 'myapp' });
  const api = new kplus.Service(chart, 'Api', {
    metadata: { name: 'api' },
    ports: [{ port: 80, targetPort: 8080 }],
  });
  api.selectLabel('app', 'api');
  const web = new kplus.Service(chart, 'Web', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
  web.selectLabel('app', 'web');
  const ingress = new AppIngress(chart, 'Ingress', { name: 'myapp-ingress', ...props });
  return { chart, api, web, ingress };
}

const ingressOf = (chart: Chart): any => Testing.synth(chart).find((o: any) => o.kind === 'Ingress');

describe('AppIngress', () => {
  test("seed 002's routes on the app routing class, with a Key Vault certificate", () => {
    const { chart, api, web, ingress } = seedApp();
    ingress.route('myapp.local', '/api', IngressTarget.service(api));
    ingress.route('myapp.local', '/', IngressTarget.service(web));
    const out = ingressOf(chart);
    expect(out).toMatchSnapshot();
    expect(out.spec.ingressClassName).toBe('webapprouting.kubernetes.azure.com');
    expect(out.spec.tls).toEqual([{ hosts: ['myapp.local'], secretName: 'keyvault-myapp-ingress' }]);
    expect(out.metadata.annotations['kubernetes.azure.com/tls-cert-keyvault-uri']).toBe(KV);
    expect(
      out.spec.rules[0].http.paths.map((p: any) => [p.path, p.pathType, p.backend.service.name]),
    ).toEqual([
      ['/api', 'Prefix', 'api'],
      ['/', 'Prefix', 'web'],
    ]);
    expect(warningsOf(chart)).toEqual([]);
  });

  test('routed backends resolve to the pods and the container port behind the Service port', () => {
    const { ingress, api, web } = seedApp();
    ingress.route('myapp.local', '/api', IngressTarget.service(api));
    ingress.route('myapp.local', '/', IngressTarget.service(web));
    ingress.route('myapp.local', '/v2', IngressTarget.service(api, 80)); // same backend: deduplicated
    expect(ingress.routedBackends()).toEqual([
      {
        namespace: 'myapp',
        serviceName: 'api',
        podLabels: { app: 'api' },
        containerPort: 8080,
        containerPortName: undefined,
      },
      {
        namespace: 'myapp',
        serviceName: 'web',
        podLabels: { app: 'web' },
        containerPort: 80,
        containerPortName: undefined,
      },
    ]);
  });

  test('named target ports and services known by name', () => {
    const { ingress, chart } = seedApp();
    const named = new kplus.Service(chart, 'Named', { ports: [{ port: 80, targetPort: 8080 }] });
    named.selectLabel('app', 'named');
    ingress.route('myapp.local', '/named', IngressTarget.service(named));
    ingress.route(
      'myapp.local',
      '/legacy',
      IngressTarget.serviceRef({
        name: 'legacy',
        port: 80,
        podLabels: { app: 'legacy' },
        containerPortName: 'http',
      }),
    );
    expect(
      ingress.routedBackends().map((b) => [b.serviceName, b.containerPort, b.containerPortName]),
    ).toEqual([
      [named.name, 8080, undefined],
      ['legacy', undefined, 'http'],
    ]);
    ingress.route('myapp.local', '/unknown', IngressTarget.serviceRef({ name: 'unknown', port: 80 }));
    expect(() => ingress.routedBackends()).toThrow(
      /AppIngress myapp\/Ingress: Service unknown is known only by name, so its pods are unknown; give podLabels/,
    );
  });

  test('typed NGINX annotations of seed 002, value-checked', () => {
    const { chart, web, ingress } = seedApp({
      controller: IngressController.ingressNginx(),
      tls: [IngressTls.fromSecret('tls-secret', ['myapp.local'])],
      nginx: {
        rewriteTarget: '/$2',
        proxyBodySize: '10m',
        proxyConnectTimeoutSeconds: 60,
        proxyReadTimeoutSeconds: 60,
        cors: { allowOrigins: ['https://app.contoso.com'] },
        limitRps: 10,
        sourceAllowList: ['10.0.0.0/8', '172.16.0.0/12'],
        proxyHttpVersion: ProxyHttpVersion.HTTP_1_1,
        upstreamHashBy: '$request_uri',
        sslRedirect: true,
      },
    });
    ingress.route('myapp.local', '/web(/|$)(.*)', IngressTarget.service(web));
    const out = ingressOf(chart);
    expect(out.spec.ingressClassName).toBe('nginx');
    expect(out.spec.tls).toEqual([{ hosts: ['myapp.local'], secretName: 'tls-secret' }]);
    expect(out.spec.rules[0].http.paths[0].pathType).toBe('ImplementationSpecific');
    expect(out.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/rewrite-target': '/$2',
      'nginx.ingress.kubernetes.io/use-regex': 'true',
      'nginx.ingress.kubernetes.io/proxy-body-size': '10m',
      'nginx.ingress.kubernetes.io/proxy-connect-timeout': '60',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '60',
      'nginx.ingress.kubernetes.io/enable-cors': 'true',
      'nginx.ingress.kubernetes.io/cors-allow-origin': 'https://app.contoso.com',
      'nginx.ingress.kubernetes.io/cors-allow-credentials': 'false',
      'nginx.ingress.kubernetes.io/limit-rps': '10',
      'nginx.ingress.kubernetes.io/allowlist-source-range': '10.0.0.0/8,172.16.0.0/12',
      'nginx.ingress.kubernetes.io/proxy-http-version': '1.1',
      'nginx.ingress.kubernetes.io/upstream-hash-by': '$request_uri',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    });
  });

  test('warnings: plain HTTP, ssl-redirect off, snippets opted into', () => {
    const { chart, web, ingress } = seedApp({
      tls: [],
      nginx: {
        sslRedirect: false,
        configurationSnippet: 'more_set_headers "X-Frame-Options: DENY";',
        allowSnippets: true,
      },
    });
    ingress.route('myapp.local', '/', IngressTarget.service(web));
    expect(warningsOf(chart).join('\n')).toMatch(
      /no TLS[\s\S]*ssl-redirect is off[\s\S]*snippet annotations are on/,
    );
  });

  const annotationCases: Array<[string, AppIngressProps['nginx'], RegExp]> = [
    [
      'rewrite with braces',
      { rewriteTarget: '/${1}' },
      /annotation rewrite-target '\/\$\{1\}' is invalid; use a path/,
    ],
    [
      'body size unit',
      { proxyBodySize: '10mb' },
      /annotation proxy-body-size '10mb' is invalid; use a number with an optional unit/,
    ],
    [
      'timeout with unit',
      { proxyReadTimeoutSeconds: 1.5 },
      /annotation proxy-read-timeout '1.5' is invalid; use whole seconds/,
    ],
    [
      'connect timeout over 75 s',
      { proxyConnectTimeoutSeconds: 120 },
      /proxy-connect-timeout '120' is invalid; use whole seconds from 1 to 75/,
    ],
    [
      'CORS origin *',
      { cors: { allowOrigins: ['*'] } },
      /cors-allow-origin '\*' is invalid; use explicit origins/,
    ],
    ['CORS without origins', { cors: { allowOrigins: [] } }, /cors-allow-origin '' is invalid/],
    [
      'CORS origin hitting the blocklist',
      { cors: { allowOrigins: ['https://root.contoso.com'] } },
      /contains 'root', which the controller's blocklist rejects, so it would skip the whole Ingress/,
    ],
    ['limit-rps 0', { limitRps: 0 }, /annotation limit-rps '0' is invalid/],
    [
      'allow-list with spaces (seed 002)',
      { sourceAllowList: ['10.0 .0 .0 /8'] },
      /annotation allowlist-source-range '10.0 .0 .0 \/8' is invalid; use IPv4 CIDRs/,
    ],
    ['empty allow-list', { sourceAllowList: [] }, /allowlist-source-range '' is invalid/],
    [
      'upstream hash with braces',
      { upstreamHashBy: '${request_uri}' },
      /annotation upstream-hash-by '\$\{request_uri\}' is invalid; use NGINX variables without braces/,
    ],
    [
      'snippet without opt-in',
      { serverSnippet: 'return 200;' },
      /annotation server-snippet is refused: snippets can expose every Secret .*CVE-2021-25742.*set allowSnippets/,
    ],
    [
      'snippet with a blocklisted word',
      { configurationSnippet: 'location /x {}', allowSnippets: true },
      /configuration-snippet 'location \/x \{\}' contains 'location'/,
    ],
  ];
  test.each(annotationCases)('bad annotation: %s', (_name, nginx, message) => {
    expect(() => seedApp({ nginx })).toThrow(message);
  });

  test('validations of routes', () => {
    const { web, ingress } = seedApp();
    expect(() => ingress.route('myapp.local', 'api', IngressTarget.service(web))).toThrow(
      /AppIngress myapp\/Ingress: path 'api' does not start with \/; write it as \/api/,
    );
    expect(() => ingress.route('MyApp.local', '/', IngressTarget.service(web))).toThrow(
      /host 'MyApp.local' is not a DNS name/,
    );
    expect(() => ingress.route('myapp.local', '/api/(.*)', IngressTarget.service(web))).toThrow(
      /path '\/api\/\(\.\*\)' is a regular expression but the Ingress does not use regex paths; set nginx.useRegex/,
    );
    ingress.route('myapp.local', '/', IngressTarget.service(web));
    expect(() => ingress.route('myapp.local', '/', IngressTarget.service(web))).toThrow(
      /host myapp.local path \/ is routed twice/,
    );
    expect(() => ingress.route('myapp.local', '/x', IngressTarget.service(web, 8080))).toThrow(
      /Service web has no port 8080; use one of its ports: 80/,
    );
  });

  test('regex paths need ImplementationSpecific; rewrite captures must exist (seed 002 rewrite-target /$1)', () => {
    const regex = seedApp({ nginx: { useRegex: true } });
    expect(() =>
      regex.ingress.route('myapp.local', '/api/(.*)', IngressTarget.service(regex.api), {
        pathType: PathType.PREFIX,
      }),
    ).toThrow(/pathType Prefix but the Ingress uses regex paths; use PathType.IMPLEMENTATION_SPECIFIC/);
    const rewrite = seedApp({ nginx: { rewriteTarget: '/$1' } });
    expect(() => rewrite.ingress.route('myapp.local', '/api', IngressTarget.service(rewrite.api))).toThrow(
      /rewrite-target '\/\$1' uses capture \$1 but path '\/api' has 0 capture group\(s\)/,
    );
  });

  test('synth-time validations: TLS hosts are rule hosts; at least one rule or a default backend', () => {
    const empty = seedApp();
    expect(() => Testing.synth(empty.chart)).toThrow(/no routes and no default backend/);
    const other = seedApp({ tls: [IngressTls.fromSecret('tls', ['other.local'])] });
    other.ingress.route('myapp.local', '/', IngressTarget.service(other.web));
    expect(() => Testing.synth(other.chart)).toThrow(
      /TLS host other.local has no rule; route it or remove it from tls \(rule hosts: myapp.local\)/,
    );
    const fallback = seedApp({ tls: [], defaultBackend: IngressTarget.service(seedApp().web) });
    expect(ingressOf(fallback.chart).spec.defaultBackend).toEqual({
      service: { name: 'web', port: { number: 80 } },
    });
  });

  test('TLS sources are validated', () => {
    expect(() =>
      seedApp({ tls: [IngressTls.fromKeyVault('https://kv.example.com/x', ['myapp.local'])] }),
    ).toThrow(/Key Vault certificate URI 'https:\/\/kv.example.com\/x' is not a certificate URI/);
    expect(() =>
      seedApp({ tls: [IngressTls.fromKeyVault(KV, ['a.local']), IngressTls.fromKeyVault(KV, ['b.local'])] }),
    ).toThrow(/more than one Key Vault certificate on one Ingress/);
  });

  test('Key Vault certificates need the app routing controller and a name that fits its helper', () => {
    expect(() =>
      seedApp({
        controller: IngressController.ingressNginx(),
        tls: [IngressTls.fromKeyVault(KV, ['myapp.local'])],
      }),
    ).toThrow(
      /AppIngress myapp\/Ingress: a Key Vault certificate on IngressClass nginx, whose controller is not the app routing add-on, so no one syncs Secret keyvault-myapp-ingress; use IngressController.appRouting\(\)/,
    );
    const long = 'a'.repeat(55);
    expect(() => seedApp({ name: long, tls: [IngressTls.fromKeyVault(KV, ['myapp.local'])] })).toThrow(
      new RegExp(
        `name '${long}' has 55 characters, too long for a Key Vault certificate .*at most 54 characters`,
      ),
    );
    // 54 characters fit; an internal app routing controller's class takes Key Vault certificates too
    const nic = new InternalNginxController(new Chart(Testing.app(), 'platform'), 'Nginx', {
      privateIp: '10.240.4.14',
      subnetName: 'snet-aks-ingress',
    });
    const ok = seedApp({
      name: 'a'.repeat(54),
      controller: nic.controller,
      tls: [IngressTls.fromKeyVault(KV, ['myapp.local'])],
    });
    ok.ingress.route('myapp.local', '/', IngressTarget.service(ok.web));
    const out = ingressOf(ok.chart);
    expect(out.spec.ingressClassName).toBe('nginx-internal');
    expect(out.spec.tls[0].secretName).toBe(`keyvault-${'a'.repeat(54)}`);
  });

  test.each<[string, AppIngressProps, RegExp]>([
    [
      'ingress name',
      { name: 'MyApp_Ingress' },
      /name 'MyApp_Ingress' is not a DNS subdomain; use lower-case/,
    ],
    [
      'TLS secret name',
      { tls: [IngressTls.fromSecret('My_TLS', ['myapp.local'])] },
      /TLS secret name 'My_TLS' is not a DNS subdomain; name a kubernetes.io\/tls Secret/,
    ],
    [
      'TLS without hosts',
      { tls: [IngressTls.fromSecret('tls', [])] },
      /a TLS entry names no host; list the hosts the certificate covers/,
    ],
    [
      'TLS host an IP',
      { tls: [IngressTls.fromSecret('tls', ['10.0.0.1'])] },
      /host '10.0.0.1' is an IP address, which Ingress rules do not accept; route by a DNS name/,
    ],
  ])('bad Ingress name or TLS: %s', (_name, props, message) => {
    expect(() => seedApp(props)).toThrow(message);
  });

  test('a rewrite without a capture warns (seed 002 rewrite-target /)', () => {
    const { chart, api, ingress } = seedApp({
      tls: [IngressTls.fromKeyVault(KV, ['myapp.local'])],
      nginx: { rewriteTarget: '/' },
    });
    ingress.route('myapp.local', '/api', IngressTarget.service(api));
    expect(warningsOf(chart)).toEqual([
      "myapp/Ingress: AppIngress myapp/Ingress: rewrite-target '/' has no capture, so every matched path is rewritten to it; capture the rest, e.g. path /api(/|$)(.*) with /$2",
    ]);
    const captured = seedApp({
      tls: [IngressTls.fromKeyVault(KV, ['myapp.local'])],
      nginx: { rewriteTarget: '/$2' },
    });
    expect(warningsOf(captured.chart)).toEqual([]);
  });

  test('rule hosts are DNS names, not IP addresses', () => {
    const { web, ingress } = seedApp();
    expect(() => ingress.route('10.240.4.14', '/', IngressTarget.service(web))).toThrow(
      /AppIngress myapp\/Ingress: host '10.240.4.14' is an IP address/,
    );
  });
});

describe('InternalNginxController', () => {
  test('a cluster-scoped NginxIngressController on an internal LB at the planned IP', () => {
    const chart = new Chart(Testing.app(), 'platform', { namespace: 'myapp' });
    const nic = new InternalNginxController(chart, 'Nginx', {
      privateIp: '10.240.4.14',
      subnetName: 'snet-aks-ingress',
    });
    const [out] = Testing.synth(chart);
    expect(out).toMatchSnapshot();
    expect(out.metadata).toEqual({ name: 'nginx-internal' });
    expect(out.spec.loadBalancerAnnotations).toEqual({
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
      'service.beta.kubernetes.io/azure-load-balancer-ipv4': '10.240.4.14',
      'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'snet-aks-ingress',
    });
    expect(nic.controller.ingressClassName).toBe('nginx-internal');
    expect(nic.controller.namespace).toBe('app-routing-system');
  });

  test('IngressClass names may have dots, like the operator default class', () => {
    const chart = new Chart(Testing.app(), 'platform');
    const nic = new InternalNginxController(chart, 'Nginx', {
      privateIp: '10.240.4.14',
      subnetName: 'snet-aks-ingress',
      ingressClassName: 'nginx-internal.approuting.kubernetes.azure.com',
    });
    expect(Testing.synth(chart)[0].spec.ingressClassName).toBe(
      'nginx-internal.approuting.kubernetes.azure.com',
    );
    expect(nic.controller.ingressClassName).toBe('nginx-internal.approuting.kubernetes.azure.com');
    expect(
      () =>
        new InternalNginxController(chart, 'Other', {
          privateIp: '10.240.4.15',
          subnetName: 'snet-aks-ingress',
          ingressClassName: 'Nginx.Internal',
        }),
    ).toThrow(/ingressClassName 'Nginx.Internal' is not a lower-case DNS subdomain; use a-z, 0-9, . and -/);
  });

  test.each([
    [{ privateIp: '10.240.4.300' }, /privateIp '10.240.4.300' is not an IPv4 address/],
    [{ privateIp: '20.1.2.3' }, /internal load balancer IP 20.1.2.3 is not a private address/],
    [{ name: 'Nginx_Internal' }, /name 'Nginx_Internal' is not a lower-case DNS label/],
    [
      { controllerNamePrefix: 'n'.repeat(61) },
      /controllerNamePrefix 'n{61}' is not a lower-case DNS label; .*at most 60/,
    ],
    [
      { subnetName: '/subscriptions/x/subnets/y' },
      /subnet name '\/subscriptions\/x\/subnets\/y' is not an Azure subnet name; give the subnet name, not its id/,
    ],
    [{ minReplicas: 5, maxReplicas: 2 }, /minReplicas 5 exceeds maxReplicas 2/],
  ])('bad controller %p', (bad, message) => {
    const chart = new Chart(Testing.app(), 'platform');
    expect(
      () =>
        new InternalNginxController(chart, 'Nginx', {
          privateIp: '10.240.4.14',
          subnetName: 'snet-aks-ingress',
          ...bad,
        }),
    ).toThrow(message);
  });
});
