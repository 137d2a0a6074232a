// Bad inputs of AppService and its exposures.
import { AppService, AppServiceProps, ServiceExposure } from '../../lib/k8s/services/app-service';
import { BadInput, Scopes } from '../tools/helpers';

const SVC = 'AppService shop/Svc';
const WEB = { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] };
const svc = (props: () => AppServiceProps) => (s: Scopes) =>
  new AppService(s.chart, 'Svc', { name: 'web', ...props() });

export const SERVICE_CASES: BadInput[] = [
  [
    'Service selecting nothing',
    svc(() => ({ selector: {}, ports: [{ port: 80 }] })),
    SVC,
    'the Service selects no pods',
    'give selector labels',
  ],
  [
    'Service without ports',
    svc(() => ({ selector: { app: 'web' }, ports: [] })),
    SVC,
    'the Service has no ports',
    'give at least one port',
  ],
  [
    'Service port 70000',
    svc(() => ({ ...WEB, ports: [{ port: 70000 }] })),
    SVC,
    'port 70000 is out of range',
    'use 1-65535',
  ],
  [
    'target port 0',
    svc(() => ({ ...WEB, ports: [{ port: 80, targetPort: 0 }] })),
    SVC,
    'targetPort 0 is out of range',
    'use 1-65535',
  ],
  [
    'unnamed ports',
    svc(() => ({ ...WEB, ports: [{ port: 80 }, { port: 443 }] })),
    SVC,
    'port 80 has no name but the Service has 2 ports',
    'name every port, e.g. http',
  ],
  [
    'port name used twice',
    svc(() => ({
      ...WEB,
      ports: [
        { port: 80, name: 'http' },
        { port: 81, name: 'http' },
      ],
    })),
    SVC,
    "port name 'http' is used twice",
    'give each port its own name',
  ],
  [
    'port listed twice',
    svc(() => ({
      ...WEB,
      ports: [
        { port: 80, name: 'a' },
        { port: 80, name: 'b' },
      ],
    })),
    SVC,
    'port 80/TCP is listed twice',
    'list each Service port once per protocol',
  ],
  [
    'protocol HTTP',
    svc(() => ({ ...WEB, ports: [{ port: 80, protocol: 'HTTP' }] })),
    SVC,
    "protocol 'HTTP' is not TCP, UDP or SCTP",
    'use TCP, UDP or SCTP',
  ],
  [
    'target port by number and name',
    svc(() => ({ ...WEB, ports: [{ port: 80, targetPort: 8080, targetPortName: 'http' }] })),
    SVC,
    "port 80 has both targetPort 8080 and targetPortName 'http'",
    'give the container port either by number or by name',
  ],
  [
    'target port name not a container port name',
    svc(() => ({ ...WEB, ports: [{ port: 80, targetPortName: 'Http_Port' }] })),
    SVC,
    "targetPortName 'Http_Port' is not a container port name",
    'use at most 15 characters',
  ],
  [
    'Service name starting with a digit',
    svc(() => ({ ...WEB, name: '1web' })),
    SVC,
    "name '1web' is not a DNS-1035 label",
    'use at most 63 characters',
  ],
  [
    'nodePort 8080',
    svc(() => ({ ...WEB, exposure: ServiceExposure.nodePort(8080) })),
    SVC,
    'nodePort 8080 is outside 30000-32767',
    'pick a port in the default NodePort range or let Kubernetes choose',
  ],
  [
    'fixed nodePort with several ports',
    svc(() => ({
      ...WEB,
      ports: [
        { port: 80, name: 'a' },
        { port: 81, name: 'b' },
      ],
      exposure: ServiceExposure.nodePort(30080),
    })),
    SVC,
    'a fixed nodePort with several ports',
    'expose one port, or let Kubernetes choose the node ports',
  ],
  [
    'affinity timeout 0',
    svc(() => ({ ...WEB, clientIpAffinityTimeoutSeconds: 0 })),
    SVC,
    'clientIpAffinityTimeoutSeconds 0 is outside 1-86400',
    'use whole seconds, e.g. 10800',
  ],
  [
    'affinity over a day',
    svc(() => ({ ...WEB, clientIpAffinityTimeoutSeconds: 86401 })),
    SVC,
    'clientIpAffinityTimeoutSeconds 86401 is outside 1-86400',
    'use whole seconds, e.g. 10800',
  ],
  [
    'externalName with underscore',
    svc(() => ({ exposure: ServiceExposure.externalName('DB_host') })),
    SVC,
    "externalName 'DB_host' is not a DNS name",
    'give a lower-case host name, e.g. db.contoso.com',
  ],
  [
    'externalName with a selector',
    svc(() => ({ selector: { app: 'db' }, exposure: ServiceExposure.externalName('db.contoso.com') })),
    SVC,
    'an ExternalName Service has a selector, which Kubernetes ignores',
    'drop the selector',
  ],
  [
    'LB source range with host bits',
    svc(() => ({ ...WEB, exposure: ServiceExposure.internalLoadBalancer({ sourceRanges: ['10.0.0.1/8'] }) })),
    SVC,
    'source range 10.0.0.1/8 has host bits set',
    'did you mean 10.0.0.0/8?',
  ],
  [
    'restrict without ranges',
    svc(() => ({ ...WEB, exposure: ServiceExposure.internalLoadBalancer({ restrictToSourceRanges: true }) })),
    SVC,
    'restrictToSourceRanges is set without sourceRanges, so the internal load balancer would admit no client',
    'list the client CIDRs in sourceRanges',
  ],
  [
    'internal LB on a public IP',
    svc(() => ({ ...WEB, exposure: ServiceExposure.internalLoadBalancer({ ip: '8.8.8.8' }) })),
    'AzureLoadBalancerAnnotations.internalLoadBalancer',
    'internal load balancer IP 8.8.8.8 is not a private address',
    'pick a free address in the cluster VNet subnet',
  ],
  [
    'public LB on a private IP',
    svc(() => ({ ...WEB, exposure: ServiceExposure.publicLoadBalancer({ ip: '10.240.4.20' }) })),
    'AzureLoadBalancerAnnotations.external',
    'public load balancer IP 10.240.4.20 is a private address',
    'give the address of an existing public IP',
  ],
  [
    'LB IP not IPv4',
    svc(() => ({ ...WEB, exposure: ServiceExposure.internalLoadBalancer({ ip: '10.240.4' }) })),
    'AzureLoadBalancerAnnotations.internalLoadBalancer',
    "load balancer IP '10.240.4' is not an IPv4 address",
    'give an address such as 10.240.4.14',
  ],
  [
    'LB subnet id instead of name',
    svc(() => ({
      ...WEB,
      exposure: ServiceExposure.internalLoadBalancer({ subnetName: '/subscriptions/x/subnets/y' }),
    })),
    'AzureLoadBalancerAnnotations.internalLoadBalancer',
    "subnet name '/subscriptions/x/subnets/y' is not an Azure subnet name",
    'give the subnet name, not its id',
  ],
  [
    'a string as the exposure (JavaScript)',
    svc(() => ({ ...WEB, exposure: 'LoadBalancer' as unknown as ServiceExposure })),
    SVC,
    "exposure is 'LoadBalancer', not a ServiceExposure",
    'use a ServiceExposure factory, e.g. ServiceExposure.clusterIp()',
  ],
];
