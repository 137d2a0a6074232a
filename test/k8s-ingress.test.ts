import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { warningsOf } from '../lib/core/warnings';
import { IngressController } from '../lib/k8s/controller';
import { AppIngressProps, IngressTls } from '../lib/k8s/ingress/app-ingress';
import { IngressTarget } from '../lib/k8s/ingress/ingress-target';
import { InternalNginxController } from '../lib/k8s/ingress/internal-controller';
import { ProxyHttpVersion } from '../lib/k8s/ingress/nginx-annotations';
import { CONTROLLER_CASES, INGRESS_CASES, seed } from './cases/k8s-ingress';
import { chart, describeBadInputs } from './tools/helpers';

const KV = 'https://kv-myapp.vault.azure.net/certificates/myapp';

/** Seed 002: Services api and web and an AppIngress myapp-ingress in namespace myapp. */
const seedApp = (props: AppIngressProps = { tls: [IngressTls.fromKeyVault(KV, ['myapp.local'])] }) =>
  seed(chart('myapp', 'myapp'), props, 'myapp-ingress');

const ingressOf = (c: Chart): any => Testing.synth(c).find((o: any) => o.kind === 'Ingress');

describe('AppIngress', () => {
  test("seed 002's routes on the app routing class, with a Key Vault certificate", () => {
    const { chart: c, api, web, ingress } = seedApp();
    ingress.route('myapp.local', '/api', IngressTarget.service(api));
    ingress.route('myapp.local', '/', IngressTarget.service(web));
    const out = ingressOf(c);
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
    expect(warningsOf(c)).toEqual([]);
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
    const { ingress, chart: c } = seedApp();
    const named = new kplus.Service(c, 'Named', { ports: [{ port: 80, targetPort: 8080 }] });
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
  });

  test('typed NGINX annotations of seed 002, value-checked', () => {
    const {
      chart: c,
      web,
      ingress,
    } = seedApp({
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
    const out = ingressOf(c);
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
    const {
      chart: c,
      web,
      ingress,
    } = seedApp({
      tls: [],
      nginx: {
        sslRedirect: false,
        configurationSnippet: 'more_set_headers "X-Frame-Options: DENY";',
        allowSnippets: true,
      },
    });
    ingress.route('myapp.local', '/', IngressTarget.service(web));
    expect(warningsOf(c).join('\n')).toMatch(
      /no TLS[\s\S]*ssl-redirect is off[\s\S]*snippet annotations are on/,
    );
  });

  test('a default backend instead of rules', () => {
    const fallback = seedApp({ tls: [], defaultBackend: IngressTarget.service(seedApp().web) });
    expect(ingressOf(fallback.chart).spec.defaultBackend).toEqual({
      service: { name: 'web', port: { number: 80 } },
    });
  });

  test('Key Vault certificates: a 54-character name fits, and an internal app routing class takes them', () => {
    const nic = new InternalNginxController(chart('platform'), 'Nginx', {
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

  test('a rewrite without a capture warns (seed 002 rewrite-target /)', () => {
    const {
      chart: c,
      api,
      ingress,
    } = seedApp({
      tls: [IngressTls.fromKeyVault(KV, ['myapp.local'])],
      nginx: { rewriteTarget: '/' },
    });
    ingress.route('myapp.local', '/api', IngressTarget.service(api));
    // one helper records every warning as `<Kind> <path>: <message>` (the path is no longer doubled)
    expect(warningsOf(c)).toEqual([
      "AppIngress myapp/Ingress: rewrite-target '/' has no capture, so every matched path is rewritten to it; capture the rest, e.g. path /api(/|$)(.*) with /$2",
    ]);
    const captured = seedApp({
      tls: [IngressTls.fromKeyVault(KV, ['myapp.local'])],
      nginx: { rewriteTarget: '/$2' },
    });
    expect(warningsOf(captured.chart)).toEqual([]);
  });
});

describe('InternalNginxController', () => {
  test('a cluster-scoped NginxIngressController on an internal LB at the planned IP', () => {
    const c = chart('platform', 'myapp');
    const nic = new InternalNginxController(c, 'Nginx', {
      privateIp: '10.240.4.14',
      subnetName: 'snet-aks-ingress',
    });
    const [out] = Testing.synth(c);
    expect(out).toMatchSnapshot();
    expect(out.metadata).toEqual({ name: 'nginx-internal' });
    expect(out.spec.loadBalancerAnnotations).toEqual({
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
      'service.beta.kubernetes.io/azure-load-balancer-ipv4': '10.240.4.14',
      'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'snet-aks-ingress',
    });
    expect(nic.controller.ingressClassName).toBe('nginx-internal');
    expect(nic.controller.namespace).toBe('app-routing-system');
    expect(nic.privateIp).toBe('10.240.4.14');
  });

  test('IngressClass names may have dots, like the operator default class', () => {
    const c = chart('platform');
    const nic = new InternalNginxController(c, 'Nginx', {
      privateIp: '10.240.4.14',
      subnetName: 'snet-aks-ingress',
      ingressClassName: 'nginx-internal.approuting.kubernetes.azure.com',
    });
    expect(Testing.synth(c)[0].spec.ingressClassName).toBe('nginx-internal.approuting.kubernetes.azure.com');
    expect(nic.controller.ingressClassName).toBe('nginx-internal.approuting.kubernetes.azure.com');
  });
});

describeBadInputs('AppIngress refuses bad inputs', INGRESS_CASES);
describeBadInputs('InternalNginxController refuses bad inputs', CONTROLLER_CASES);
