/**
 * The CiliumNetworkPolicy (cilium.io/v2) semantics the evaluator needs for what this library emits:
 * `toEndpoints`/`fromEndpoints`, `toCIDR`/`fromCIDR`, `toEntities`/`fromEntities`, `toFQDNs`, and
 * `toPorts` with L7 DNS rules (the DNS proxy). Pure.
 *
 * How they combine with NetworkPolicies on Cilium: every policy selecting an endpoint is one
 * allow-list; traffic is allowed when any rule of any of them allows it ("If there is an intersection
 * between two or more rules, then traffic matching the union of those rules will be allowed",
 * docs.cilium.io, policy language, "Rule Basics"), and an endpoint is isolated for a direction as
 * soon as a policy with that section selects it. A NetworkPolicy default-deny plus an allowing
 * CiliumNetworkPolicy is therefore a union of allows.
 *
 * Peers: CIDR rules "apply only to connections destined for outside of the cluster and not
 * targeting the host" (CRD, `toCIDR`); an address bound on the node, such as LocalDNS's
 * 169.254.10.x, has the `host` identity (Cilium maps local interface addresses to `host`:
 * cilium/cilium#16308), so only `toEntities: [host]` reaches it. The AKS docs say the same from
 * the other side: CIDR rules reach LocalDNS on Cilium 1.16 and earlier, the `host` entity on 1.17+
 * (`localdns-custom.md`, "Update Cilium Network Policies"). The evaluator models Cilium 1.17+ (AKS
 * 1.32+).
 *
 * DNS proxy: `toFQDNs` allows the IPs the DNS proxy saw in answers for a matching name, so a name
 * is reachable only when its lookup went through an L7 DNS rule (`rules.dns`) that allowed it. When
 * an L4-only rule (e.g. the NetworkPolicy `allow-dns`) and an L7 DNS rule allow the same port to the
 * same peer, the lookup still goes through the proxy and the L4-only rule allows every name (Cilium
 * synthesizes a `matchPattern: "*"` for it: cilium/cilium#3732, #8106).
 *
 * @see https://docs.cilium.io/en/stable/security/policy/language/
 */
import { fqdnMatches } from './fqdn';
import { Cidr } from '../../plan/cidr';

/** A Cilium endpoint selector (matchLabels may carry the `k8s:` source prefix). */
export interface CiliumSelectorJson {
  readonly matchLabels?: Record<string, string>;
}

/** `matchName` or `matchPattern`. */
export interface FqdnSelectorJson {
  readonly matchName?: string;
  readonly matchPattern?: string;
}

export interface CiliumPortRuleJson {
  readonly ports?: ReadonlyArray<{
    readonly port: string;
    readonly protocol?: string;
    readonly endPort?: number;
  }>;
  readonly rules?: { readonly dns?: FqdnSelectorJson[] };
}

/** One egress or ingress rule — the `to*` fields on egress, the `from*` fields on ingress. */
export interface CiliumRuleJson {
  readonly toEndpoints?: CiliumSelectorJson[];
  readonly fromEndpoints?: CiliumSelectorJson[];
  readonly toCIDR?: string[];
  readonly fromCIDR?: string[];
  readonly toEntities?: string[];
  readonly fromEntities?: string[];
  readonly toFQDNs?: FqdnSelectorJson[];
  readonly toPorts?: CiliumPortRuleJson[];
}

export interface CiliumNetworkPolicyJson {
  readonly kind?: string;
  readonly metadata: { readonly name?: string; readonly namespace?: string };
  readonly spec: {
    readonly endpointSelector: CiliumSelectorJson;
    readonly ingress?: CiliumRuleJson[];
    readonly egress?: CiliumRuleJson[];
  };
}

/** What a rule is matched against: the peer as the evaluator knows it. */
export interface CiliumPeer {
  readonly kind: 'pod' | 'external' | 'host';
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly ip?: string;
  /** For an external peer reached by name. */
  readonly fqdn?: string;
}

const NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
const TRANSPORT = ['TCP', 'UDP', 'SCTP'];

/** A label key without Cilium's `k8s:` source prefix. */
const bare = (key: string): string => key.replace(/^k8s:/, '');

/** Whether the selector selects a pod, read in the policy's namespace (its default namespace). */
export function ciliumSelects(
  selector: CiliumSelectorJson,
  pod: { namespace: string; labels: Record<string, string> },
  policyNamespace: string,
): boolean {
  const labels = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => [bare(k), v] as const);
  const namespace = labels.find(([k]) => k === NAMESPACE_LABEL)?.[1] ?? policyNamespace;
  if (pod.namespace !== namespace) return false;
  return labels.filter(([k]) => k !== NAMESPACE_LABEL).every(([k, v]) => pod.labels[k] === v);
}

/** Whether `direction`'s section exists, i.e. the policy isolates its endpoints that way. */
export function ciliumIsolates(policy: CiliumNetworkPolicyJson, direction: 'Ingress' | 'Egress'): boolean {
  return (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) !== undefined;
}

function entityMatches(entity: string, peer: CiliumPeer): boolean {
  switch (entity) {
    case 'all':
      return true;
    case 'world':
      return peer.kind === 'external';
    case 'cluster':
      return peer.kind !== 'external';
    case 'host':
      return peer.kind === 'host';
    default:
      return false; // remote-node, kube-apiserver, health, ...: nothing the model has
  }
}

/** Whether the rule's L3 part selects the peer (without toFQDNs, which needs the DNS proxy). */
export function ciliumPeerMatches(
  rule: CiliumRuleJson,
  direction: 'Ingress' | 'Egress',
  peer: CiliumPeer,
  policyNamespace: string,
): boolean {
  const egress = direction === 'Egress';
  const endpoints = egress ? rule.toEndpoints : rule.fromEndpoints;
  const cidrs = egress ? rule.toCIDR : rule.fromCIDR;
  const entities = egress ? rule.toEntities : rule.fromEntities;
  const fqdns = egress ? rule.toFQDNs : undefined;
  if (!endpoints && !cidrs && !entities && !fqdns) return true; // L4-only: every peer
  if (endpoints && peer.kind === 'pod') {
    const pod = { namespace: peer.namespace!, labels: peer.labels ?? {} };
    if (endpoints.some((s) => ciliumSelects(s, pod, policyNamespace))) return true;
  }
  if (cidrs && peer.kind === 'external' && peer.ip) {
    if (cidrs.some((c) => Cidr.parse(c).containsAddress(peer.ip!))) return true;
  }
  if (entities?.some((e) => entityMatches(e, peer))) return true;
  return false;
}

/** The names a toFQDNs rule selects the peer by, when it is an external peer known by name. */
export function ciliumFqdnMatches(rule: CiliumRuleJson, peer: CiliumPeer): boolean {
  return (
    peer.kind === 'external' &&
    peer.fqdn !== undefined &&
    (rule.toFQDNs ?? []).some((s) => fqdnMatches(s.matchName ?? s.matchPattern ?? '', peer.fqdn!))
  );
}

/** The port rules of `rule` that allow protocol/port (all of them when it has none: every port). */
export function ciliumPortRules(
  rule: CiliumRuleJson,
  protocol: string,
  port: number,
  namedPorts: Record<string, { port: number; protocol?: string }> = {},
): CiliumPortRuleJson[] | undefined {
  if (!rule.toPorts || rule.toPorts.length === 0) return [{}];
  const matching = rule.toPorts.filter((pr) =>
    (pr.ports ?? []).some((p) => {
      const proto = p.protocol ?? 'ANY';
      if (proto !== 'ANY' ? proto !== protocol : !TRANSPORT.includes(protocol)) return false;
      if (/^\d+$/.test(p.port)) {
        const from = Number(p.port);
        return from === 0 || (p.endPort !== undefined ? port >= from && port <= p.endPort : port === from);
      }
      const named = namedPorts[p.port];
      return named !== undefined && named.port === port && (named.protocol ?? 'TCP') === protocol;
    }),
  );
  return matching.length > 0 ? matching : undefined;
}

/** How a DNS lookup fares: whether the query may be sent, and whether the DNS proxy sees it. */
export interface DnsLookup {
  readonly allowed: boolean;
  readonly proxied: boolean;
}

/**
 * A lookup of `name` by a pod through `resolver` on UDP 53, given the rules that allow that port to
 * that peer (`l4Only` for NetworkPolicy rules and Cilium rules without L7, `dns` for the L7 DNS
 * rules): proxied when any L7 rule applies — allowed when an L4-only rule applies (the proxy's
 * synthesized wildcard) or an L7 rule names it.
 */
export function dnsLookup(l4Only: boolean, dnsRules: FqdnSelectorJson[][], name: string): DnsLookup {
  const proxied = dnsRules.length > 0;
  const named = dnsRules.some((rules) =>
    rules.some((s) => fqdnMatches(s.matchName ?? s.matchPattern ?? '', name)),
  );
  return { allowed: l4Only || named, proxied };
}
