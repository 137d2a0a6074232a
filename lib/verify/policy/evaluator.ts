/**
 * A NetworkPolicy evaluator with the semantics of the Kubernetes API (networking/v1), used to compute
 * the connectivity report from the generated policies and to test them with truth tables.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import { Cidr } from '../../plan/cidr';

export interface LabelSelectorJson {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: ReadonlyArray<{ key: string; operator: string; values?: string[] }>;
}

export interface PeerJson {
  readonly podSelector?: LabelSelectorJson;
  readonly namespaceSelector?: LabelSelectorJson;
  readonly ipBlock?: { cidr: string; except?: string[] };
}

export interface PortJson {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface RuleJson {
  readonly from?: PeerJson[];
  readonly to?: PeerJson[];
  readonly ports?: PortJson[];
}

export interface NetworkPolicyJson {
  readonly metadata: { readonly name?: string; readonly namespace?: string };
  readonly spec: {
    readonly podSelector: LabelSelectorJson;
    readonly policyTypes?: string[];
    readonly ingress?: RuleJson[];
    readonly egress?: RuleJson[];
  };
}

/** A pod: where it runs, its labels, its named container ports and (optionally) its IP. */
export interface PodEndpoint {
  readonly kind: 'pod';
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Named container ports, `name → { port, protocol }`. */
  readonly namedPorts?: Record<string, { port: number; protocol?: string }>;
  readonly ip?: string;
}

/** Something outside the cluster, known by its IP. */
export interface ExternalEndpoint {
  readonly kind: 'external';
  readonly name: string;
  readonly ip: string;
}

export type Endpoint = PodEndpoint | ExternalEndpoint;

export interface EvaluatorOptions {
  /** Cilium: `ipBlock` never matches pod IPs. */
  readonly ipBlockIgnoresPods?: boolean;
}

export function selects(selector: LabelSelectorJson | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expr of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(labels[expr.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expr.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Policy types as the API server defaults them: Ingress always, Egress when egress rules exist. */
export function policyTypesOf(policy: NetworkPolicyJson): string[] {
  return policy.spec.policyTypes ?? ['Ingress', ...(policy.spec.egress ? ['Egress'] : [])];
}

export class PolicyEvaluator {
  private readonly namespaces: Map<string, Record<string, string>>;

  constructor(
    private readonly policies: NetworkPolicyJson[],
    namespaceLabels: Record<string, Record<string, string>>,
    private readonly options: EvaluatorOptions = {},
  ) {
    this.namespaces = new Map(Object.entries(namespaceLabels));
  }

  /** Whether `src` may open a connection to `dst` on `protocol`/`port` (egress of src AND ingress of dst). */
  public allowed(src: Endpoint, dst: Endpoint, protocol: string, port: number): boolean {
    return (
      this.direction('Egress', src, dst, dst, protocol, port) &&
      this.direction('Ingress', dst, src, dst, protocol, port)
    );
  }

  private direction(
    type: 'Ingress' | 'Egress',
    subject: Endpoint,
    peer: Endpoint,
    destination: Endpoint,
    protocol: string,
    port: number,
  ): boolean {
    if (subject.kind !== 'pod') return true; // traffic outside the cluster is not policed here
    const applying = this.policies.filter(
      (p) =>
        (p.metadata.namespace ?? 'default') === subject.namespace &&
        selects(p.spec.podSelector, subject.labels) &&
        policyTypesOf(p).includes(type),
    );
    if (applying.length === 0) return true; // not isolated for this direction
    return applying.some((p) =>
      ((type === 'Ingress' ? p.spec.ingress : p.spec.egress) ?? []).some(
        (rule) =>
          this.peersMatch(
            type === 'Ingress' ? rule.from : rule.to,
            peer,
            p.metadata.namespace ?? 'default',
          ) && portsMatch(rule.ports, destination, protocol, port),
      ),
    );
  }

  private peersMatch(peers: PeerJson[] | undefined, peer: Endpoint, policyNamespace: string): boolean {
    if (!peers || peers.length === 0) return true; // omitted or empty from/to: every peer
    return peers.some((p) => this.peerMatches(p, peer, policyNamespace));
  }

  private peerMatches(p: PeerJson, peer: Endpoint, policyNamespace: string): boolean {
    if (p.ipBlock) {
      if (peer.kind === 'pod' && (this.options.ipBlockIgnoresPods || !peer.ip)) return false;
      const ip = peer.ip!;
      return (
        Cidr.parse(p.ipBlock.cidr).containsAddress(ip) &&
        !(p.ipBlock.except ?? []).some((e) => Cidr.parse(e).containsAddress(ip))
      );
    }
    if (peer.kind !== 'pod') return false; // selectors match only pods
    if (p.namespaceSelector) {
      const nsLabels = this.namespaces.get(peer.namespace) ?? {
        'kubernetes.io/metadata.name': peer.namespace,
      };
      if (!selects(p.namespaceSelector, nsLabels)) return false;
    } else if (peer.namespace !== policyNamespace) {
      return false; // a podSelector alone means the policy's own namespace
    }
    return selects(p.podSelector, peer.labels);
  }
}

function portsMatch(
  ports: PortJson[] | undefined,
  destination: Endpoint,
  protocol: string,
  port: number,
): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') {
      // named ports resolve on the destination pod
      const named = destination.kind === 'pod' ? destination.namedPorts?.[p.port] : undefined;
      return named !== undefined && named.port === port && (named.protocol ?? 'TCP') === protocol;
    }
    return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
  });
}
