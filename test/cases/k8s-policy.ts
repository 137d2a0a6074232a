// Bad inputs of TieredNetworkPolicies, its tiers and flows, and the Port and PolicyPeer values.
import { KubeNetworkPolicy } from 'cdk8s-plus-28/lib/imports/k8s';
import { IngressController, IRoutedIngress, RoutedBackend } from '../../lib/k8s/controller';
import { PolicyPeer } from '../../lib/k8s/policy/peer';
import { Port } from '../../lib/k8s/policy/port';
import {
  TieredNetworkPolicies,
  TieredNetworkPoliciesProps,
} from '../../lib/k8s/policy/tiered-network-policies';
import { PolicyEngine } from '../../lib/plan/policy-engine';
import { BadInput, Scopes } from '../tools/helpers';

/** A backend the ingress routes to, in namespace shop unless told. */
export const backend = (
  serviceName: string,
  app: string,
  containerPort: number,
  namespace = 'shop',
): RoutedBackend => ({ namespace, serviceName, podLabels: { app }, containerPort });
/** An ingress of the app routing controller with these backends (read each time they are asked for). */
export const routedIngress = (backends: RoutedBackend[]): IRoutedIngress => ({
  controller: IngressController.appRouting(),
  routedBackends: () => backends,
});

const POL = 'TieredNetworkPolicies shop/Policies';
/** Policies for namespace shop with tiers web, api and database. */
const policies =
  (then?: (p: TieredNetworkPolicies) => void, props: Partial<TieredNetworkPoliciesProps> = {}) =>
  (s: Scopes) => {
    const p = new TieredNetworkPolicies(s.chart, 'Policies', {
      namespace: 'shop',
      engine: PolicyEngine.CILIUM,
      clusterRanges: ['10.240.0.0/16', '10.244.0.0/16'],
      ...props,
    });
    p.addTier('web', { podLabels: { app: 'web' } });
    p.addTier('api', { podLabels: { app: 'api' } });
    p.addTier('database', { podLabels: { app: 'database' } });
    then?.(p);
  };
const flow = (build: (p: TieredNetworkPolicies) => void, props: Partial<TieredNetworkPoliciesProps> = {}) =>
  policies(build, props);

export const POLICY_CASES: BadInput[] = [
  [
    'namespace with capitals',
    policies(undefined, { namespace: 'Shop' }),
    POL,
    "namespace 'Shop' is not a DNS label",
    'use at most 63 lower-case letters, digits and -',
  ],
  [
    'no policy engine',
    policies(undefined, { engine: PolicyEngine.NONE }),
    POL,
    "the cluster's policy engine is none, so NetworkPolicies would not be enforced",
    'choose a policy engine on the cluster (cilium, calico or azure)',
  ],
  [
    'cluster range not a CIDR',
    policies(undefined, { clusterRanges: ['10.244.0.0'] }),
    POL,
    "'10.244.0.0' is not an IPv4 CIDR",
    'write it as a.b.c.d/n',
  ],
  [
    'a string as the engine (JavaScript)',
    policies(undefined, { engine: 'cilium' as unknown as PolicyEngine }),
    POL,
    "engine is 'cilium', not a PolicyEngine",
    "use the cluster's policyEngine",
  ],
  [
    'tier name with capitals',
    policies((p) => p.addTier('Web', { podLabels: { app: 'web2' } })),
    POL,
    "tier name 'Web' is not a DNS label",
    'use lower-case letters, digits and -, at most 40',
  ],
  [
    'tier added twice',
    policies((p) => p.addTier('web', { podLabels: { app: 'web2' } })),
    POL,
    'tier web is added twice',
    'give each tier its own name',
  ],
  [
    'tier without labels',
    policies((p) => p.addTier('all', { podLabels: {} })),
    POL,
    'tier all has no pod labels, so it would select every pod',
    'give the labels of its pods',
  ],
  [
    'two tiers on the same pods',
    policies((p) => p.addTier('www', { podLabels: { app: 'web' } })),
    POL,
    'tier www selects the same pods as tier web',
    'give each tier distinct pod labels',
  ],
  [
    'unknown tier',
    policies((p) => p.tier('cache')),
    POL,
    'there is no tier cache',
    'add it first; tiers: web, api, database',
  ],
  [
    'a tier of another instance in the same namespace',
    (s) => {
      const other = new TieredNetworkPolicies(s.chart, 'Other', {
        namespace: 'shop',
        engine: PolicyEngine.CILIUM,
      });
      const stray = other.addTier('cache', { podLabels: { app: 'cache' } });
      policies((p) => p.tier('web').allowTo(stray, Port.tcp(6379)))(s);
    },
    POL,
    'tier cache belongs to another TieredNetworkPolicies of namespace shop',
    'use one TieredNetworkPolicies per namespace',
  ],
  [
    'port range on NPM',
    flow((p) => p.tier('web').allowTo(p.tier('api'), Port.tcpRange(8000, 8100)), {
      engine: PolicyEngine.AZURE_NPM,
    }),
    POL,
    'port range TCP 8000-8100 needs endPort, which engine azure does not enforce',
    'list the ports one by one, or move to Cilium (1.17+) or Calico',
  ],
  [
    'ipBlock over pod IPs on Cilium',
    flow((p) => p.tier('web').allowTo(PolicyPeer.cidr('10.0.0.0/8'), Port.tcp(443))),
    POL,
    'ipBlock 10.0.0.0/8 overlaps cluster range 10.240.0.0/16, but on cilium an ipBlock never matches pod or node IPs',
    'select pods with tiers or PolicyPeer.pods/podsInNamespace instead',
  ],
  [
    'port 70000',
    flow((p) => p.tier('web').allowTo(PolicyPeer.internet(), Port.tcp(70000))),
    'Port.tcp',
    'port TCP 70000 is out of range',
    'use 1-65535',
  ],
  [
    'port range backwards',
    flow((p) => p.tier('web').allowTo(p.tier('api'), Port.tcpRange(9000, 8000))),
    'Port.tcpRange',
    'port range TCP 9000-8000 ends before it starts',
    'write it as Port.tcpRange(8000, 9000)',
  ],
  [
    'port name not an IANA service name',
    flow((p) => p.tier('web').allowTo(p.tier('api'), Port.named('HTTP_PORT'))),
    'Port.named',
    "port name 'HTTP_PORT' is not an IANA service name",
    'use at most 15 lower-case letters, digits and -',
  ],
  [
    'except outside the block',
    flow((p) => p.tier('web').allowTo(PolicyPeer.cidr('10.0.0.0/8', ['192.168.0.0/16']), Port.tcp(443))),
    'PolicyPeer.cidr',
    'except 192.168.0.0/16 is not strictly inside 10.0.0.0/8',
    'list only blocks inside 10.0.0.0/8, or drop the except',
  ],
  [
    'Service and tier disagree on labels',
    policies((p) => p.allowIngress(routedIngress([backend('web', 'frontend', 80)]))),
    POL,
    'Service web selects pods app=frontend, but tier web selects app=web, and no workload of this app is selected by both',
    "make them select the same pods: the tier's labels on the Service (cdk8s-plus: service.selectLabel(key, value)), or add the workloads before allowIngress",
  ],
  [
    'a route added after allowIngress',
    policies((p) => {
      const backends = [backend('web', 'web', 80)];
      p.allowIngress(routedIngress(backends));
      backends.push(backend('api', 'api', 8080));
    }),
    POL,
    'the ingress routes to api but no policy admits the controller there',
    'call allowIngress after adding the route',
    'validation',
  ],
  [
    'generated policies that allow more than the declared flows',
    policies((p) => {
      p.tier('api').allowTo(p.tier('database'), Port.tcp(5432));
      // a policy slipped in beside the generated ones: every pod of the namespace admits everything
      new KubeNetworkPolicy(p, 'AllowAll', {
        metadata: { name: 'allow-all', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] },
      });
    }),
    POL,
    'internet→database TCP/5432 is allowed by the generated policies but not declared',
    'the generated policies do not match the declared flows',
    'validation',
  ],
];
