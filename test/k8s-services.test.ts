import { Testing } from 'cdk8s';
import { warningsOf } from '../lib/core/warnings';
import { AppService, AppServiceProps, ServiceExposure } from '../lib/k8s/services/app-service';
import { AzureLoadBalancerAnnotations } from '../lib/k8s/services/azure-lb';
import { SERVICE_CASES } from './cases/k8s-services';
import { chart, describeBadInputs } from './tools/helpers';

const LB = 'service.beta.kubernetes.io/';

function svc(props: AppServiceProps) {
  const c = chart('svc', 'myapp');
  const service = new AppService(c, 'Svc', { name: 'web', ...props });
  return { chart: c, service, out: Testing.synth(c)[0] };
}

const web: AppServiceProps = { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] };

describe('AppService', () => {
  test('every Service type of seeds 000 and 002', () => {
    const all = [
      svc({ ...web }),
      svc({ ...web, exposure: ServiceExposure.headless() }),
      svc({ ...web, exposure: ServiceExposure.nodePort(30080) }),
      svc({
        ...web,
        exposure: ServiceExposure.internalLoadBalancer({
          ip: '10.240.4.20',
          subnetName: 'snet-aks-ingress',
          keepClientIp: true,
        }),
      }),
      svc({
        ...web,
        exposure: ServiceExposure.publicLoadBalancer({
          publicIpName: 'pip-web',
          publicIpResourceGroup: 'rg-ips',
        }),
      }),
      svc({ exposure: ServiceExposure.externalName('db.contoso.com') }),
      svc({ ...web, clientIpAffinityTimeoutSeconds: 3600 }),
    ].map((s) => s.out);
    expect(all).toMatchSnapshot();
    expect(all.map((o) => o.spec.type)).toEqual([
      'ClusterIP',
      'ClusterIP',
      'NodePort',
      'LoadBalancer',
      'LoadBalancer',
      'ExternalName',
      'ClusterIP',
    ]);
    expect(all[0].spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 8080 }]);
    expect(all[1].spec.clusterIP).toBe('None');
    expect(all[2].spec.ports[0].nodePort).toBe(30080);
    expect(all[3].spec.externalTrafficPolicy).toBe('Local');
    expect(all[3].metadata.annotations).toEqual({
      [`${LB}azure-load-balancer-internal`]: 'true',
      [`${LB}azure-load-balancer-ipv4`]: '10.240.4.20',
      [`${LB}azure-load-balancer-internal-subnet`]: 'snet-aks-ingress',
    });
    expect(all[3].spec.loadBalancerIP).toBeUndefined(); // deprecated field, the annotation replaces it
    expect(all[4].metadata.annotations).toEqual({
      [`${LB}azure-load-balancer-internal`]: 'false',
      [`${LB}azure-pip-name`]: 'pip-web',
      [`${LB}azure-load-balancer-resource-group`]: 'rg-ips',
    });
    expect(all[4].spec.externalTrafficPolicy).toBe('Cluster');
    expect(all[5].spec).toEqual({ type: 'ExternalName', externalName: 'db.contoso.com' });
    expect(all[6].spec.sessionAffinity).toBe('ClientIP');
    expect(all[6].spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 3600 } });
  });

  test('named target ports and several ports', () => {
    const { out, service } = svc({
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, targetPortName: 'http' },
        { name: 'metrics', port: 9090, targetPort: 9100 },
      ],
    });
    expect(out.spec.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
      { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9100 },
    ]);
    expect(service.selector).toEqual({ app: 'web' });
  });

  test('public or internal: isPublicLoadBalancer tells the flagship which is which', () => {
    expect(svc({ ...web, exposure: ServiceExposure.publicLoadBalancer() }).service.isPublicLoadBalancer).toBe(
      true,
    );
    expect(
      svc({ ...web, exposure: ServiceExposure.internalLoadBalancer() }).service.isPublicLoadBalancer,
    ).toBe(false);
    expect(svc({ ...web, exposure: ServiceExposure.nodePort() }).service.isPublicLoadBalancer).toBe(false);
  });

  test('source ranges: restricted on an internal LB by default, as given on a public one', () => {
    const internal = svc({
      ...web,
      exposure: ServiceExposure.internalLoadBalancer({ sourceRanges: ['10.250.1.0/26'] }),
    });
    expect(internal.out.spec.loadBalancerSourceRanges).toEqual(['10.250.1.0/26']);
    expect(internal.out.metadata.annotations[`${LB}azure-deny-all-except-load-balancer-source-ranges`]).toBe(
      'true',
    );
    expect(warningsOf(internal.chart)).toEqual([]);

    const open = svc({
      ...web,
      exposure: ServiceExposure.internalLoadBalancer({
        sourceRanges: ['10.250.1.0/26'],
        restrictToSourceRanges: false,
      }),
    });
    expect(
      open.out.metadata.annotations[`${LB}azure-deny-all-except-load-balancer-source-ranges`],
    ).toBeUndefined();
    expect(warningsOf(open.chart).join()).toMatch(
      /AppService svc\/Svc: sourceRanges without restrictToSourceRanges do not restrict an internal load balancer/,
    );

    const pub = svc({
      ...web,
      exposure: ServiceExposure.publicLoadBalancer({
        ip: '20.50.1.2',
        sourceRanges: ['203.0.113.0/24'],
        keepClientIp: true,
      }),
    });
    expect(pub.out.spec.loadBalancerSourceRanges).toEqual(['203.0.113.0/24']);
    expect(pub.out.spec.externalTrafficPolicy).toBe('Local');
    expect(pub.out.metadata.annotations[`${LB}azure-load-balancer-ipv4`]).toBe('20.50.1.2');
    expect(
      pub.out.metadata.annotations[`${LB}azure-deny-all-except-load-balancer-source-ranges`],
    ).toBeUndefined();
  });

  test('load balancer annotations and exposures render themselves', () => {
    expect(
      AzureLoadBalancerAnnotations.internalLoadBalancer({
        ip: '10.240.4.20',
        subnetName: 'snet-aks-ingress',
        restrictToSourceRanges: true,
      }).render(),
    ).toEqual({
      [`${LB}azure-load-balancer-internal`]: 'true',
      [`${LB}azure-load-balancer-ipv4`]: '10.240.4.20',
      [`${LB}azure-load-balancer-internal-subnet`]: 'snet-aks-ingress',
      [`${LB}azure-deny-all-except-load-balancer-source-ranges`]: 'true',
    });
    expect(AzureLoadBalancerAnnotations.external({ publicIpName: 'pip-web' }).render()).toEqual({
      [`${LB}azure-load-balancer-internal`]: 'false',
      [`${LB}azure-pip-name`]: 'pip-web',
    });
    expect(
      [
        ServiceExposure.headless(),
        ServiceExposure.nodePort(),
        ServiceExposure.externalName('db.contoso.com'),
      ].map((e) => e.serviceType),
    ).toEqual(['ClusterIP', 'NodePort', 'ExternalName']);
  });

  test('the deprecated AzureLoadBalancerAnnotations.internal() is internalLoadBalancer()', () => {
    const options = { ip: '10.240.4.20', subnetName: 'snet-aks-ingress' };
    expect(AzureLoadBalancerAnnotations.internal(options).render()).toEqual(
      AzureLoadBalancerAnnotations.internalLoadBalancer(options).render(),
    );
  });

  test('public load balancers and NodePorts warn', () => {
    expect(warningsOf(svc({ ...web, exposure: ServiceExposure.nodePort() }).chart).join()).toMatch(
      /NodePort opens the port on every node/,
    );
    expect(warningsOf(svc({ ...web, exposure: ServiceExposure.publicLoadBalancer() }).chart).join()).toMatch(
      /public load balancer; behind an egress firewall use an internal one and DNAT/,
    );
    expect(warningsOf(svc({ ...web }).chart)).toEqual([]);
  });
});

describeBadInputs('AppService refuses bad inputs', SERVICE_CASES);
