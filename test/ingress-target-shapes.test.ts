// IngressTarget.service reads the rendered Service of any construct: a cdk8s-plus Service of any line,
// an AppService, a plain ApiObject. No class of one particular cdk8s-plus line is needed.
import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppIngress, IngressTls } from '../lib/k8s/ingress/app-ingress';
import { IngressTarget } from '../lib/k8s/ingress/ingress-target';
import { AppService } from '../lib/k8s/services/app-service';
import { chart as newChart, thrownBy } from './tools/helpers';

/** What an Ingress in namespace shop routing `/` to the target resolves it to. */
function backendOf(c: Chart, target: IngressTarget) {
  const ingress = new AppIngress(c, 'Ingress', { tls: [IngressTls.fromSecret('tls', ['shop.example.com'])] });
  ingress.route('shop.example.com', '/', target);
  return ingress.routedBackends();
}

const serviceObject = (scope: Construct, id: string, targetPort: number | string) =>
  new ApiObject(scope, id, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'api' },
    spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort }] },
  });

/** A Service of some other construct library (say cdk8s-plus-33): a class of its own around an ApiObject. */
class OtherLineService extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    serviceObject(this, 'Resource', 'http');
  }
}

describe('IngressTarget.service takes a Service of any origin', () => {
  test('a plain ApiObject: name, namespace, selector and target port from the manifest', () => {
    const c = newChart('shop', 'shop');
    expect(backendOf(c, IngressTarget.service(serviceObject(c, 'Api', 8080)))).toEqual([
      {
        namespace: 'shop',
        serviceName: 'api',
        podLabels: { app: 'api' },
        containerPort: 8080,
        containerPortName: undefined,
      },
    ]);
  });

  test('a construct of another library whose default child is the Service, with a named target port', () => {
    const c = newChart('shop', 'shop');
    expect(backendOf(c, IngressTarget.service(new OtherLineService(c, 'Api')))).toEqual([
      {
        namespace: 'shop',
        serviceName: 'api',
        podLabels: { app: 'api' },
        containerPort: undefined,
        containerPortName: 'http',
      },
    ]);
  });

  test('an AppService resolves as IngressTarget.appService does', () => {
    const c = newChart('shop', 'shop');
    const svc = new AppService(c, 'Api', {
      name: 'api',
      selector: { app: 'api' },
      ports: [{ port: 80, targetPort: 8080 }],
    });
    const viaService = backendOf(c, IngressTarget.service(svc));
    expect(viaService).toEqual(backendOf(newChart('other', 'shop'), IngressTarget.appService(svc)));
  });

  test('a cdk8s-plus-28 Service (the tested line) still works, its port chosen among several', () => {
    const c = newChart('shop', 'shop');
    const svc = new kplus.Service(c, 'Api', {
      metadata: { name: 'api' },
      ports: [
        { port: 80, targetPort: 8080, name: 'http' },
        { port: 9090, name: 'metrics' },
      ],
    });
    svc.selectLabel('app', 'api');
    expect(backendOf(c, IngressTarget.service(svc, 9090))).toEqual([
      {
        namespace: 'shop',
        serviceName: 'api',
        podLabels: { app: 'api' },
        containerPort: 9090,
        containerPortName: undefined,
      },
    ]);
    expect(thrownBy(() => backendOf(newChart('x', 'shop'), IngressTarget.service(svc)))).toContain(
      'Service api has 2 ports and no port was chosen; pass the Service port: IngressTarget.service(svc, 80)',
    );
  });
});

describe('IngressTarget.service refuses what is not a Service', () => {
  test.each([
    [
      'a Deployment',
      (c: Chart) => new kplus.Deployment(c, 'Web'),
      'IngressTarget.service: shop/Web is a Deployment, not a Service; route to the Service in front of the pods',
    ],
    [
      'a construct without an ApiObject',
      (c: Chart) => new Construct(c, 'Nothing'),
      'IngressTarget.service: shop/Nothing renders no ApiObject; pass the Service construct itself',
    ],
    [
      'a plain object',
      () => ({ name: 'api', ports: [80] }),
      'IngressTarget.service: the service is a plain object, not a construct; pass the Service construct',
    ],
  ])('%s', (_what, make, message) => {
    const c = newChart('shop', 'shop');
    expect(thrownBy(() => IngressTarget.service(make(c) as Construct))).toContain(message);
  });
});
