import { Chart, Testing } from 'cdk8s';
import { warningsOf } from '../lib/core/warnings';
import { AppService, AppServiceProps, ServiceExposure } from '../lib/k8s/services/app-service';

const LB = 'service.beta.kubernetes.io/';

function svc(props: AppServiceProps) {
  const chart = new Chart(Testing.app(), 'svc', { namespace: 'myapp' });
  const service = new AppService(chart, 'Svc', { name: 'web', ...props });
  return { chart, service, out: Testing.synth(chart)[0] };
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

  test('public load balancers and NodePorts warn', () => {
    expect(warningsOf(svc({ ...web, exposure: ServiceExposure.nodePort() }).chart).join()).toMatch(
      /NodePort opens the port on every node/,
    );
    expect(warningsOf(svc({ ...web, exposure: ServiceExposure.publicLoadBalancer() }).chart).join()).toMatch(
      /public load balancer; behind an egress firewall use an internal one and DNAT/,
    );
    expect(warningsOf(svc({ ...web }).chart)).toEqual([]);
  });

  test.each<[string, AppServiceProps, RegExp]>([
    [
      'no selector',
      { selector: {}, ports: [{ port: 80 }] },
      /AppService svc\/Svc: the Service selects no pods; give selector labels/,
    ],
    ['no ports', { selector: { app: 'web' }, ports: [] }, /the Service has no ports; give at least one port/],
    ['port range', { ...web, ports: [{ port: 70000 }] }, /port 70000 is out of range; use 1-65535/],
    ['target port range', { ...web, ports: [{ port: 80, targetPort: 0 }] }, /targetPort 0 is out of range/],
    [
      'unnamed ports',
      { ...web, ports: [{ port: 80 }, { port: 443 }] },
      /port 80 has no name but the Service has 2 ports/,
    ],
    [
      'duplicate port names',
      {
        ...web,
        ports: [
          { port: 80, name: 'http' },
          { port: 81, name: 'http' },
        ],
      },
      /port name 'http' is used twice/,
    ],
    [
      'duplicate ports',
      {
        ...web,
        ports: [
          { port: 80, name: 'a' },
          { port: 80, name: 'b' },
        ],
      },
      /port 80\/TCP is listed twice; list each Service port once per protocol/,
    ],
    [
      'protocol',
      { ...web, ports: [{ port: 80, protocol: 'HTTP' }] },
      /protocol 'HTTP' is not TCP, UDP or SCTP/,
    ],
    [
      'target port by number and name',
      { ...web, ports: [{ port: 80, targetPort: 8080, targetPortName: 'http' }] },
      /port 80 has both targetPort 8080 and targetPortName 'http'; give the container port either by number or by name/,
    ],
    [
      'target port name',
      { ...web, ports: [{ port: 80, targetPortName: 'Http_Port' }] },
      /targetPortName 'Http_Port' is not a container port name; use at most 15 characters/,
    ],
    [
      'service name',
      { ...web, name: '1web' },
      /name '1web' is not a DNS-1035 label; use at most 63 characters/,
    ],
    [
      'nodePort range',
      { ...web, exposure: ServiceExposure.nodePort(8080) },
      /nodePort 8080 is outside 30000-32767/,
    ],
    [
      'fixed nodePort, several ports',
      {
        ...web,
        ports: [
          { port: 80, name: 'a' },
          { port: 81, name: 'b' },
        ],
        exposure: ServiceExposure.nodePort(30080),
      },
      /a fixed nodePort with several ports/,
    ],
    [
      'affinity 0',
      { ...web, clientIpAffinityTimeoutSeconds: 0 },
      /clientIpAffinityTimeoutSeconds 0 is outside 1-86400/,
    ],
    [
      'affinity over a day',
      { ...web, clientIpAffinityTimeoutSeconds: 86401 },
      /clientIpAffinityTimeoutSeconds 86401 is outside 1-86400/,
    ],
    [
      'externalName',
      { exposure: ServiceExposure.externalName('DB_host') },
      /externalName 'DB_host' is not a DNS name/,
    ],
    [
      'externalName with a selector',
      { selector: { app: 'db' }, exposure: ServiceExposure.externalName('db.contoso.com') },
      /an ExternalName Service has a selector, which Kubernetes ignores; drop the selector/,
    ],
    [
      'source range',
      { ...web, exposure: ServiceExposure.internalLoadBalancer({ sourceRanges: ['10.0.0.1/8'] }) },
      /source range '10.0.0.1\/8' is not an IPv4 CIDR/,
    ],
    [
      'restrict without ranges',
      { ...web, exposure: ServiceExposure.internalLoadBalancer({ restrictToSourceRanges: true }) },
      /restrictToSourceRanges is set without sourceRanges, so the internal load balancer would admit no client/,
    ],
    [
      'internal LB with a public IP',
      { ...web, exposure: ServiceExposure.internalLoadBalancer({ ip: '8.8.8.8' }) },
      /internal load balancer IP 8.8.8.8 is not a private address; pick a free address/,
    ],
    [
      'public LB with a private IP',
      { ...web, exposure: ServiceExposure.publicLoadBalancer({ ip: '10.240.4.20' }) },
      /public load balancer IP 10.240.4.20 is a private address; give the address of an existing public IP/,
    ],
    [
      'LB IP not IPv4',
      { ...web, exposure: ServiceExposure.internalLoadBalancer({ ip: '10.240.4' }) },
      /load balancer IP '10.240.4' is not an IPv4 address/,
    ],
    [
      'subnet id instead of name',
      {
        ...web,
        exposure: ServiceExposure.internalLoadBalancer({ subnetName: '/subscriptions/x/subnets/y' }),
      },
      /subnet name '\/subscriptions\/x\/subnets\/y' is not an Azure subnet name; give the subnet name, not its id/,
    ],
  ])('bad service: %s', (_name, props, message) => {
    expect(() => svc(props)).toThrow(message);
  });
});
