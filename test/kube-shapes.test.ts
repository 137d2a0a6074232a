// The library renders its five Kubernetes kinds through cdk8s ApiObject with its own shapes; the
// generated classes of cdk8s-plus-28 rendered them before. Both renderings must be the same bytes,
// key order included, for every field the library writes.
import { ApiObject, Chart, Lazy, Testing } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { kube } from '../lib/core/kube';

const METADATA = {
  name: 'web',
  labels: { 'kubernetes.io/metadata.name': 'myapp', app: 'web', 'azure.workload.identity/use': 'true' },
  annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', zeta: 'z', alpha: 'a' },
};

/** The JSON text of one object rendered in a chart of namespace myapp. */
function rendered(make: (chart: Chart) => ApiObject): string {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'myapp' });
  return JSON.stringify(make(chart).toJson());
}

const intOrString = (v: number | string) =>
  typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v);

const policySpec = {
  podSelector: { matchLabels: { app: 'web', tier: 'front' } },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [
    {
      from: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/component': 'ingress-controller' } },
        },
        { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12'] } },
      ],
      ports: [
        { protocol: 'TCP', port: 8080 },
        { protocol: 'TCP', port: 8000, endPort: 8100 },
        { protocol: 'TCP', port: 'http' },
      ],
    },
  ],
  egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ protocol: 'UDP', port: 53 }] }],
};

describe('the own shapes render as the generated cdk8s-plus-28 classes did, byte for byte', () => {
  test('Namespace', () => {
    expect(rendered((c) => kube.namespace(c, 'N', { metadata: METADATA }))).toBe(
      rendered((c) => new k8s.KubeNamespace(c, 'N', { metadata: METADATA })),
    );
  });

  test('NetworkPolicy, with a lazy spec, ranges, named ports, ipBlocks and both directions', () => {
    const l1Spec = {
      ...policySpec,
      ingress: policySpec.ingress.map((r) => ({
        ...r,
        ports: r.ports.map((p) => ({ ...p, port: intOrString(p.port) })),
      })),
      egress: policySpec.egress.map((r) => ({
        ...r,
        ports: r.ports.map((p) => ({ ...p, port: intOrString(p.port) })),
      })),
    };
    const ours = rendered((c) =>
      kube.networkPolicy(c, 'P', {
        metadata: { name: 'web-traffic', namespace: 'myapp' },
        spec: Lazy.any({ produce: () => policySpec }),
      }),
    );
    expect(ours).toBe(
      rendered(
        (c) =>
          new k8s.KubeNetworkPolicy(c, 'P', {
            metadata: { name: 'web-traffic', namespace: 'myapp' },
            spec: Lazy.any({ produce: () => l1Spec }),
          }),
      ),
    );
    expect(ours).toContain('"port":"http"');
  });

  test('Service, every field AppService writes', () => {
    const ports = [
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443, nodePort: 30443 },
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' },
      { port: 5432, protocol: 'TCP' },
    ];
    const spec = {
      type: 'LoadBalancer',
      externalName: undefined,
      selector: { app: 'web', 'cdk8s.io/metadata.addr': 'c8abc' },
      externalTrafficPolicy: 'Local',
      loadBalancerSourceRanges: ['203.0.113.0/24'],
      sessionAffinity: 'ClientIP',
    };
    const ours = rendered((c) =>
      kube.service(c, 'S', {
        metadata: METADATA,
        spec: {
          ...spec,
          clusterIP: 'None',
          ports,
          sessionAffinityConfig: { clientIP: { timeoutSeconds: 3600 } },
        },
      }),
    );
    expect(ours).toBe(
      rendered(
        (c) =>
          new k8s.KubeService(c, 'S', {
            metadata: METADATA,
            spec: {
              ...spec,
              clusterIp: 'None',
              ports: ports.map((p) => ({
                ...p,
                targetPort: p.targetPort === undefined ? undefined : intOrString(p.targetPort),
              })),
              sessionAffinityConfig: { clientIp: { timeoutSeconds: 3600 } },
            },
          }),
      ),
    );
    expect(ours).toContain('"clusterIP":"None"');
  });

  test('ServiceAccount', () => {
    expect(rendered((c) => kube.serviceAccount(c, 'A', { metadata: METADATA }))).toBe(
      rendered((c) => new k8s.KubeServiceAccount(c, 'A', { metadata: METADATA })),
    );
  });

  test('Ingress, with lazy rules, a default backend and TLS', () => {
    const backend = { service: { name: 'web', port: { number: 80 } } };
    const spec = {
      ingressClassName: 'webapprouting.kubernetes.azure.com',
      defaultBackend: backend,
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }, { hosts: ['b.example.com'] }],
    };
    const rules = [
      {
        host: 'shop.example.com',
        http: {
          paths: [
            { path: '/api(/|$)(.*)', pathType: 'ImplementationSpecific', backend },
            { path: '/', pathType: 'Prefix', backend },
          ],
        },
      },
    ];
    expect(
      rendered((c) =>
        kube.ingress(c, 'I', {
          metadata: METADATA,
          spec: { ...spec, rules: Lazy.any({ produce: () => rules }) },
        }),
      ),
    ).toBe(
      rendered(
        (c) =>
          new k8s.KubeIngress(c, 'I', {
            metadata: METADATA,
            spec: { ...spec, rules: Lazy.any({ produce: () => rules }) },
          }),
      ),
    );
  });
});
