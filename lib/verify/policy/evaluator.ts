/**
 * A NetworkPolicy evaluator with the semantics of the Kubernetes API (networking/v1), used to compute
 * the connectivity report from the generated policies and to test them with truth tables. On
 * Cilium it also reads the CiliumNetworkPolicies the library emits (`cilium.ts`): all policies are
 * one union of allows.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import {
  ciliumFqdnMatches,
  ciliumIsolates,
  CiliumNetworkPolicyJson,
  ciliumPeerMatches,
  ciliumPortRules,
  CiliumRuleJson,
  ciliumSelects,
  dnsLookup,
  DnsLookup,
  FqdnSelectorJson,
} from './cilium';
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

/** Something outside the cluster, known by its IP (and the name it was looked up by, if any). */
export interface ExternalEndpoint {
  readonly kind: 'external';
  readonly name: string;
  readonly ip: string;
  /** The DNS name a pod reaches it by (what `toFQDNs` rules match). */
  readonly fqdn?: string;
}

/**
 * An address on the node the pod runs on (Cilium identity `host`), e.g. LocalDNS at 169.254.10.10.
 * It is a destination only: the model does not police traffic the node sends.
 */
export interface HostEndpoint {
  readonly kind: 'host';
  readonly name: string;
  readonly ip: string;
}

export type Endpoint = PodEndpoint | ExternalEndpoint | HostEndpoint;

export interface EvaluatorOptions {
  /** Cilium: `ipBlock` never matches pod IPs, nor addresses of the node (the `host` identity). */
  readonly ipBlockIgnoresPods?: boolean;
  /** CiliumNetworkPolicies, evaluated together with the NetworkPolicies (Cilium only). */
  readonly ciliumPolicies?: CiliumNetworkPolicyJson[];
  /**
   * Where pods send DNS lookups: a name is reachable through `toFQDNs` only when its lookup through
   * every one of them is allowed and seen by the DNS proxy.
   * @default - kube-dns (`k8s-app=kube-dns` in kube-system)
   */
  readonly resolvers?: Endpoint[];
}

/** kube-dns as the evaluator knows it. */
export const KUBE_DNS_ENDPOINT: PodEndpoint = {
  kind: 'pod',
  name: 'kube-dns',
  namespace: 'kube-system',
  labels: { 'k8s-app': 'kube-dns' },
};

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

  /**
   * A DNS lookup of `name` by `src` through `resolver` (UDP 53): whether it may be sent and whether
   * the DNS proxy sees it (which `toFQDNs` needs).
   */
  public dnsLookup(src: PodEndpoint, resolver: Endpoint, name: string): DnsLookup {
    if (!this.allowed(src, resolver, 'UDP', 53)) return { allowed: false, proxied: false };
    const { policies, cilium } = this.applying('Egress', src);
    if (policies.length + cilium.length === 0) return { allowed: true, proxied: false };
    const l4Only = this.networkPolicyAllows('Egress', policies, resolver, resolver, 'UDP', 53);
    const dns: FqdnSelectorJson[][] = [];
    let ciliumL4Only = false;
    for (const p of cilium) {
      for (const rule of p.spec.egress ?? []) {
        if (rule.toFQDNs || !ciliumPeerMatches(rule, 'Egress', resolver, namespaceOf(p))) continue;
        for (const portRule of ciliumPortRules(rule, 'UDP', 53) ?? []) {
          if (portRule.rules?.dns) dns.push(portRule.rules.dns);
          else ciliumL4Only = true;
        }
      }
    }
    return dnsLookup(l4Only || ciliumL4Only, dns, name);
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
    const { policies, cilium } = this.applying(type, subject);
    if (policies.length + cilium.length === 0) return true; // not isolated for this direction
    return (
      this.networkPolicyAllows(type, policies, peer, destination, protocol, port) ||
      cilium.some((p) =>
        ((type === 'Ingress' ? p.spec.ingress : p.spec.egress) ?? []).some((rule) =>
          this.ciliumRuleAllows(rule, type, subject, peer, destination, protocol, port, namespaceOf(p)),
        ),
      )
    );
  }

  /** The NetworkPolicies and CiliumNetworkPolicies that isolate `subject` for `type`. */
  private applying(
    type: 'Ingress' | 'Egress',
    subject: PodEndpoint,
  ): { policies: NetworkPolicyJson[]; cilium: CiliumNetworkPolicyJson[] } {
    const policies = this.policies.filter(
      (p) =>
        (p.metadata.namespace ?? 'default') === subject.namespace &&
        selects(p.spec.podSelector, subject.labels) &&
        policyTypesOf(p).includes(type),
    );
    const cilium = (this.options.ciliumPolicies ?? []).filter(
      (p) => ciliumSelects(p.spec.endpointSelector, subject, namespaceOf(p)) && ciliumIsolates(p, type),
    );
    return { policies, cilium };
  }

  private networkPolicyAllows(
    type: 'Ingress' | 'Egress',
    policies: NetworkPolicyJson[],
    peer: Endpoint,
    destination: Endpoint,
    protocol: string,
    port: number,
  ): boolean {
    return policies.some((p) =>
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

  private ciliumRuleAllows(
    rule: CiliumRuleJson,
    type: 'Ingress' | 'Egress',
    subject: PodEndpoint,
    peer: Endpoint,
    destination: Endpoint,
    protocol: string,
    port: number,
    policyNamespace: string,
  ): boolean {
    const named = destination.kind === 'pod' ? destination.namedPorts : undefined;
    if (!ciliumPortRules(rule, protocol, port, named)) return false;
    if (type === 'Egress' && rule.toFQDNs) {
      return ciliumFqdnMatches(rule, peer) && this.nameVisible(subject, (peer as ExternalEndpoint).fqdn!);
    }
    return ciliumPeerMatches(rule, type, peer, policyNamespace);
  }

  /** Whether the DNS proxy sees `name` looked up by `src` through every resolver it may use. */
  private nameVisible(src: PodEndpoint, name: string): boolean {
    return (this.options.resolvers ?? [KUBE_DNS_ENDPOINT]).every((resolver) => {
      const lookup = this.dnsLookup(src, resolver, name);
      return lookup.allowed && lookup.proxied;
    });
  }

  private peersMatch(peers: PeerJson[] | undefined, peer: Endpoint, policyNamespace: string): boolean {
    if (!peers || peers.length === 0) return true; // omitted or empty from/to: every peer
    return peers.some((p) => this.peerMatches(p, peer, policyNamespace));
  }

  private peerMatches(p: PeerJson, peer: Endpoint, policyNamespace: string): boolean {
    if (p.ipBlock) {
      if (peer.kind === 'pod' && (this.options.ipBlockIgnoresPods || !peer.ip)) return false;
      if (peer.kind === 'host' && this.options.ipBlockIgnoresPods) return false;
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

const namespaceOf = (p: { metadata: { namespace?: string } }): string => p.metadata.namespace ?? 'default';

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
