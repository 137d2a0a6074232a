import { FqdnPeer } from '../peer';
import { Flow, Tier } from '../tier';
import { LOCAL_DNS_CIDR } from '../../../verify/policy/dns-model';
import { NetworkPolicyJson, PeerJson, PortJson, RuleJson } from '../../../verify/policy/evaluator';

export const DNS_PEER: PeerJson = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

type Spec = NetworkPolicyJson['spec'];

/** `default-deny`: every pod isolated both ways. */
export function defaultDenySpec(): Spec {
  return { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
}

/**
 * `allow-dns`: every pod may query kube-dns on UDP and TCP 53, one peer (kube-system AND
 * k8s-app=kube-dns) — with `nodeLocalByIpBlock`, LocalDNS's node-local 169.254.10.0/24 too (on
 * Calico and Azure NPM an ipBlock reaches it — on Cilium a CiliumNetworkPolicy does instead).
 */
export function dnsSpec(nodeLocalByIpBlock: boolean): Spec {
  const ports = [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ];
  return {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      { to: [DNS_PEER], ports },
      ...(nodeLocalByIpBlock ? [{ to: [{ ipBlock: { cidr: LOCAL_DNS_CIDR } }], ports }] : []),
    ],
  };
}

/** A rule of the flow, seen from the tier's namespace. */
function rule(direction: 'from' | 'to', peer: PeerJson, flow: Flow): RuleJson {
  const ports: PortJson[] = flow.ports.map((p) => {
    const r = p._render();
    return r.endPort !== undefined ? r : { protocol: r.protocol, port: r.port };
  });
  return { [direction]: [peer], ...(ports.length > 0 ? { ports } : {}) };
}

/** The policy of one tier: all its ingress and egress rules, both directions always declared. */
export function tierSpec(tier: Tier, flows: Flow[]): Spec {
  const ingress = flows
    .filter((f) => f.to === tier)
    .map((f) => rule('from', f.from._peer(tier.namespace), f));
  // FQDN peers have no NetworkPolicy form: their flows are the tier's CiliumNetworkPolicy
  const egress = flows
    .filter((f) => f.from === tier && !(f.to instanceof FqdnPeer))
    .map((f) => rule('to', f.to._peer(tier.namespace), f));
  return {
    podSelector: { matchLabels: { ...tier.podLabels } },
    policyTypes: ['Ingress', 'Egress'],
    ingress,
    egress,
  };
}
