import { kube } from '../../../core/kube';
import { Flow, Tier } from '../tier';
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

/** `allow-dns`: every pod may query kube-dns on UDP and TCP 53, one peer (kube-system AND k8s-app=kube-dns). */
export function dnsSpec(): Spec {
  return {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [DNS_PEER],
        ports: [l1Port({ protocol: 'UDP', port: 53 }), l1Port({ protocol: 'TCP', port: 53 })],
      },
    ],
  };
}

/** The port as the generated L1 class takes it (IntOrString); the manifest then holds a plain number or name. */
function l1Port(p: PortJson): PortJson {
  const port =
    typeof p.port === 'string'
      ? kube.IntOrString.fromString(p.port)
      : p.port !== undefined
        ? kube.IntOrString.fromNumber(p.port)
        : undefined;
  return { ...p, port: port as unknown as number };
}

/** A rule of the flow, seen from the tier's namespace. */
function rule(direction: 'from' | 'to', peer: PeerJson, flow: Flow): RuleJson {
  const ports: PortJson[] = flow.ports.map((p) => {
    const r = p._render();
    return l1Port(r.endPort !== undefined ? r : { protocol: r.protocol, port: r.port });
  });
  return { [direction]: [peer], ...(ports.length > 0 ? { ports } : {}) };
}

/** The policy of one tier: all its ingress and egress rules, both directions always declared. */
export function tierSpec(tier: Tier, flows: Flow[]): Spec {
  const ingress = flows
    .filter((f) => f.to === tier)
    .map((f) => rule('from', f.from._peer(tier.namespace), f));
  const egress = flows.filter((f) => f.from === tier).map((f) => rule('to', f.to._peer(tier.namespace), f));
  return {
    podSelector: { matchLabels: { ...tier.podLabels } },
    policyTypes: ['Ingress', 'Egress'],
    ingress,
    egress,
  };
}
