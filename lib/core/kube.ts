// The Kubernetes objects the constructs create (Namespace, NetworkPolicy, Service, ServiceAccount,
// Ingress), rendered through cdk8s's `ApiObject` with the library's own shapes.
//
// The shapes carry the manifest's own field names (`clusterIP`, `targetPort: 8080 | 'http'`), so an
// object renders as it is written: no generated classes, no conversion step, and no dependency on any
// cdk8s-plus line. cdk8s sorts the keys of every object it renders, which is the order the generated
// classes of cdk8s-plus-28 wrote them in, so the manifests stay byte for byte what they were
// (test/kube-shapes.test.ts compares both renderings).
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** A number or a name (`IntOrString`), as the manifest holds it. */
export type IntOrString = number | string;

/** The metadata the library writes. */
export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** A label selector (networking/v1, apps/v1). */
export interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: ReadonlyArray<{ key: string; operator: string; values?: string[] }>;
}

/** A NetworkPolicyPeer. */
export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: string[] };
}

/** A NetworkPolicyPort. */
export interface NetworkPolicyPort {
  readonly protocol?: string;
  readonly port?: IntOrString;
  readonly endPort?: number;
}

/** A NetworkPolicy rule (ingress: `from`, egress: `to`). */
export interface NetworkPolicyRule {
  readonly from?: NetworkPolicyPeer[];
  readonly to?: NetworkPolicyPeer[];
  readonly ports?: NetworkPolicyPort[];
}

/** A NetworkPolicy spec. */
export interface NetworkPolicySpec {
  readonly podSelector: LabelSelector;
  readonly policyTypes?: string[];
  readonly ingress?: NetworkPolicyRule[];
  readonly egress?: NetworkPolicyRule[];
}

/** A Service port. */
export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly protocol?: string;
  readonly targetPort?: IntOrString;
  readonly nodePort?: number;
}

/** The Service fields the library writes. */
export interface ServiceSpec {
  readonly type?: string;
  readonly clusterIP?: string;
  readonly externalName?: string;
  readonly selector?: Record<string, string>;
  readonly ports?: ServicePort[];
  readonly externalTrafficPolicy?: string;
  readonly loadBalancerSourceRanges?: string[];
  readonly sessionAffinity?: string;
  readonly sessionAffinityConfig?: { readonly clientIP?: { readonly timeoutSeconds?: number } };
}

/** An Ingress backend (a Service and its port number). */
export interface IngressBackend {
  readonly service: { readonly name: string; readonly port: { readonly number: number } };
}

/** The Ingress fields the library writes. */
export interface IngressSpec {
  readonly ingressClassName?: string;
  readonly defaultBackend?: IngressBackend;
  readonly tls?: ReadonlyArray<{ readonly hosts?: string[]; readonly secretName?: string }>;
  readonly rules?: IngressRule[];
}

/** An Ingress rule: a host and its paths. */
export interface IngressRule {
  readonly host?: string;
  readonly http?: {
    readonly paths: ReadonlyArray<{
      readonly path?: string;
      readonly pathType: string;
      readonly backend: IngressBackend;
    }>;
  };
}

function object(
  scope: Construct,
  id: string,
  apiVersion: string,
  kind: string,
  body: { metadata?: ObjectMeta; [field: string]: unknown },
): ApiObject {
  return new ApiObject(scope, id, { apiVersion, kind, ...body });
}

/** The Kubernetes objects the constructs create — any field may be a cdk8s `Lazy`, as with any ApiObject. */
export const kube = {
  namespace(scope: Construct, id: string, props: { metadata: ObjectMeta }): ApiObject {
    return object(scope, id, 'v1', 'Namespace', props);
  },
  networkPolicy(
    scope: Construct,
    id: string,
    props: { metadata: ObjectMeta; spec: NetworkPolicySpec },
  ): ApiObject {
    return object(scope, id, 'networking.k8s.io/v1', 'NetworkPolicy', props);
  },
  service(scope: Construct, id: string, props: { metadata: ObjectMeta; spec: ServiceSpec }): ApiObject {
    return object(scope, id, 'v1', 'Service', props);
  },
  serviceAccount(scope: Construct, id: string, props: { metadata: ObjectMeta }): ApiObject {
    return object(scope, id, 'v1', 'ServiceAccount', props);
  },
  ingress(scope: Construct, id: string, props: { metadata: ObjectMeta; spec: IngressSpec }): ApiObject {
    return object(scope, id, 'networking.k8s.io/v1', 'Ingress', props);
  },
};
