// Tiers, Services and flows that do not meet the workloads in the output: refused at synthesis, each
// naming the construct, the value and the fix.
import { Chart } from 'cdk8s';
import { AppIngress, IngressTls } from '../../lib/k8s/ingress/app-ingress';
import { IngressTarget } from '../../lib/k8s/ingress/ingress-target';
import { Port } from '../../lib/k8s/policy/port';
import { TieredNetworkPolicies } from '../../lib/k8s/policy/tiered-network-policies';
import { AppService, AppServicePort } from '../../lib/k8s/services/app-service';
import { PolicyEngine } from '../../lib/plan/policy-engine';
import { BadInput, Scopes, TestPort, workload } from '../tools/helpers';

export const HTTP_8080: TestPort[] = [{ containerPort: 8080, name: 'http' }];

/** Namespace shop: Deployments web and api (TCP 8080 named http), tiers web and api. */
export function shop(chart: Chart, options: { webLabels?: Record<string, string> } = {}) {
  workload(chart, 'web', HTTP_8080, { labels: options.webLabels });
  workload(chart, 'api', HTTP_8080);
  const policies = new TieredNetworkPolicies(chart, 'Policies', {
    namespace: 'shop',
    engine: PolicyEngine.CILIUM,
  });
  const web = policies.addTier('web', { podLabels: { app: 'web' } });
  const api = policies.addTier('api', { podLabels: { app: 'api' } });
  return { policies, web, api };
}

/** A Service `name` in front of the pods `app=<selects>`, port 80 to `target`. */
export const service = (chart: Chart, name: string, selects: string, target: Partial<AppServicePort> = {}) =>
  new AppService(chart, name === 'api' ? 'Api' : name, {
    name,
    selector: { app: selects },
    ports: [{ port: 80, targetPort: 8080, ...target }],
  });

/** The shop with an Ingress to Service api, admitted by the policies. */
export function routed(s: Scopes, target: Partial<AppServicePort>) {
  const { policies } = shop(s.chart);
  const ingress = new AppIngress(s.chart, 'Ingress', {
    tls: [IngressTls.fromSecret('tls', ['shop.example.com'])],
  });
  ingress.route('shop.example.com', '/', IngressTarget.appService(service(s.chart, 'api', 'api', target)));
  policies.allowIngress(ingress);
}

const POL = 'TieredNetworkPolicies shop/Policies';

export const WORKLOAD_CASES: BadInput[] = [
  [
    'external that is no boolean',
    (s) =>
      shop(s.chart).policies.addTier('db', {
        podLabels: { app: 'db' },
        external: 'yes' as unknown as boolean,
      }),
    POL,
    "external is 'yes', not a boolean",
    'give external as true or false',
  ],
  [
    'a tier whose labels no workload carries (a label typo on the Deployment)',
    (s) => shop(s.chart, { webLabels: { app: 'wbe' } }),
    POL,
    'tier web selects pods app=web, but no workload in namespace shop has those labels (workloads in shop: Deployment web (app=wbe), Deployment api (app=api))',
    "give the tier the pod labels of its workload, or fix the workload's",
    'synthesis',
  ],
  [
    'a tier in a namespace without workloads',
    (s) => {
      new TieredNetworkPolicies(s.chart, 'Policies', {
        namespace: 'shop',
        engine: PolicyEngine.CILIUM,
      }).addTier('web', { podLabels: { app: 'web' } });
    },
    POL,
    'tier web selects pods app=web, but no workload in namespace shop has those labels (namespace shop has no workload in this app)',
    "if its pods are deployed outside this app, declare the tier: addTier('web', { podLabels, external: true })",
    'synthesis',
  ],
  [
    'a Service selector typo',
    (s) => {
      shop(s.chart);
      service(s.chart, 'web', 'wbe');
    },
    'AppService shop/web',
    'Service web selects pods app=wbe, but no workload in namespace shop has those labels (workloads in shop: Deployment web (app=web), Deployment api (app=api))',
    "fix the selector or the workload's pod labels",
    'synthesis',
  ],
  [
    'a Service targetPort that is no container port',
    (s) => {
      shop(s.chart);
      service(s.chart, 'web', 'web', { targetPort: 8081 });
    },
    'AppService shop/web',
    'Service web port 80 targets container port TCP 8081, which Deployment web does not declare (its container ports: TCP 8080 (http))',
    'set targetPort to the port the container listens on, or declare it: ports: [{ containerPort: 8081 }]',
    'synthesis',
  ],
  [
    'a Service targetPort name that no container port has',
    (s) => {
      shop(s.chart);
      service(s.chart, 'web', 'web', { targetPort: undefined, targetPortName: 'grpc' });
    },
    'AppService shop/web',
    'Service web port 80 targets container port TCP grpc, which Deployment web does not declare',
    "target one of its ports, or name the container port: ports: [{ name: 'grpc', containerPort: <port> }]",
    'synthesis',
  ],
  [
    'a routed Service whose targetPort no container listens on (one message, not one per flow)',
    (s) => routed(s, { targetPort: 9090 }),
    'AppService shop/Api',
    'Service api port 80 targets container port TCP 9090, which Deployment api does not declare',
    'set targetPort to the port the container listens on',
    'synthesis',
  ],
  [
    'a flow on a port no container of the destination listens on',
    (s) => {
      const { web, api } = shop(s.chart);
      web.allowTo(api, Port.tcp(8081));
    },
    POL,
    'the flow tier web → tier api on TCP 8081: no container of Deployment api listens on it (container ports: Deployment api: TCP 8080 (http))',
    'use a port the container declares, or declare the port on the container',
    'synthesis',
  ],
  [
    'a flow on a named port no container of the destination has',
    (s) => {
      const { web, api } = shop(s.chart);
      web.allowTo(api, Port.named('grpc'));
    },
    POL,
    'the flow tier web → tier api on TCP grpc: no container of Deployment api listens on it',
    'name the container port grpc, or use the port number it listens on',
    'synthesis',
  ],
  [
    'a flow on a port range no container port falls in',
    (s) => {
      const { web, api } = shop(s.chart);
      web.allowTo(api, Port.tcpRange(9000, 9100));
    },
    POL,
    'the flow tier web → tier api on TCP 9000-9100: no container of Deployment api listens on it',
    'use a port the container declares',
    'synthesis',
  ],
  [
    'a flow on a UDP port where the container listens on TCP',
    (s) => {
      const { web, api } = shop(s.chart);
      web.allowTo(api, Port.udp(8080));
    },
    POL,
    'the flow tier web → tier api on UDP 8080: no container of Deployment api listens on it',
    'use a port the container declares',
    'synthesis',
  ],
  [
    'a named port to an external tier without its number',
    (s) => {
      const { policies, web } = shop(s.chart);
      web.allowTo(
        policies.addTier('legacy', { podLabels: { app: 'legacy' }, external: true }),
        Port.named('grpc'),
      );
    },
    POL,
    "the flow tier web → tier legacy on TCP grpc uses a named port, and the tier's pods are not in this app",
    "declare its number: addTier('legacy', { ..., namedPorts: { grpc: <port> } })",
    'synthesis',
  ],
  [
    'namedPorts of a tier that disagree with the container',
    (s) => {
      workload(s.chart, 'web', HTTP_8080);
      new TieredNetworkPolicies(s.chart, 'Policies', {
        namespace: 'shop',
        engine: PolicyEngine.CILIUM,
      }).addTier('web', { podLabels: { app: 'web' }, namedPorts: { http: 80 } });
    },
    POL,
    'tier web declares namedPorts http: 80, but container port http of Deployment web is 8080',
    'drop namedPorts (the ports are read from the workloads) or make it match',
    'synthesis',
  ],
  [
    'a tier that selects only cdk8s-plus address labels (the hint)',
    (s) => {
      workload(s.chart, 'web', HTTP_8080, { labels: { 'cdk8s.io/metadata.addr': 'c8a1b2c3' } });
      new TieredNetworkPolicies(s.chart, 'Policies', {
        namespace: 'shop',
        engine: PolicyEngine.CILIUM,
      }).addTier('web', { podLabels: { app: 'web' } });
    },
    POL,
    'tier web selects pods app=web, but no workload in namespace shop has those labels (workloads in shop: Deployment web (cdk8s.io/metadata.addr=c8a1b2c3))',
    "cdk8s-plus selects pods by cdk8s.io/metadata.addr unless told otherwise: give the workload pod labels (podMetadata: { labels: { app: 'web' } }) and select those",
    'synthesis',
  ],
];
