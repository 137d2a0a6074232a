// CiliumNetworkPolicies for what NetworkPolicy cannot say on Cilium: DNS through LocalDNS on the
// node (the `host` entity) and egress by DNS name (`toFQDNs`). Plain values in, plain objects out.
import { FqdnPeer } from '../peer';
import { Port } from '../port';
import { Flow, Tier } from '../tier';
import { CiliumNetworkPolicyJson, CiliumPortRuleJson, FqdnSelectorJson } from '../../../verify/policy/cilium';
import { LOCAL_DNS_CIDR } from '../../../verify/policy/dns-model';

const API = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy' } as const;

/** The name of the namespace's LocalDNS policy on Cilium. */
export const NODE_LOCAL_DNS_POLICY_NAME = 'allow-node-local-dns';

/** kube-dns as a Cilium endpoint selector, exactly as the ACNS FQDN how-to writes it. */
const KUBE_DNS_ENDPOINTS = {
  matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' },
};

const DNS_PORTS: CiliumPortRuleJson = {
  ports: [
    { port: '53', protocol: 'UDP' },
    { port: '53', protocol: 'TCP' },
  ],
};

type CiliumPolicy = typeof API & CiliumNetworkPolicyJson & { spec: { description: string } };

/**
 * `allow-node-local-dns`: every pod of the namespace may query LocalDNS on its node on UDP and TCP 53,
 * as AKS documents it "across all versions" (docs `localdns-custom.md`, "Update Cilium Network
 * Policies to allow DNS resolution with LocalDNS"): `toCIDR 169.254.10.0/24` for Azure CNI powered by
 * Cilium 1.16 and earlier (Kubernetes 1.31 and earlier), the `host` entity for 1.17 and later, which
 * classify the node-local address as the host (a CIDR rule never matches the host: CRD `toCIDR`).
 * NetworkPolicy cannot name the host, and on Cilium its ipBlock would be the same CIDR rule.
 */
export function nodeLocalDnsPolicy(namespace: string): CiliumPolicy {
  return {
    ...API,
    metadata: { name: NODE_LOCAL_DNS_POLICY_NAME, namespace },
    spec: {
      description:
        'DNS through LocalDNS on the node (169.254.10.0/24): by CIDR on Cilium 1.16 and earlier, as the host entity on 1.17 and later',
      endpointSelector: {},
      egress: [
        { toCIDR: [LOCAL_DNS_CIDR], toPorts: [DNS_PORTS] },
        { toEntities: ['host'], toPorts: [DNS_PORTS] },
      ],
    },
  };
}

const ciliumPorts = (ports: Port[]): CiliumPortRuleJson[] =>
  ports.length === 0
    ? []
    : [
        {
          ports: ports.map((p) => ({
            port: String(p.portNumber),
            protocol: p.protocol,
            ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
          })),
        },
      ];

/**
 * `<tier>-fqdn-egress`: the tier reaches its FQDN peers by name on the flows' ports, and its lookups
 * of those names through kube-dns go through the DNS proxy, which learns the addresses `toFQDNs`
 * allows. Written as the ACNS how-to writes it (docs `how-to-apply-fqdn-filtering-policies.md`): a
 * DNS rule to kube-dns on port 53 (protocol ANY) naming the patterns (`rules.dns` is mandatory with
 * `toFQDNs`; a bare `*` is never used), then one `toFQDNs` rule per flow. Lookups of other names
 * (cluster services) keep working: the namespace's `allow-dns` allows kube-dns on port 53 without L7
 * rules, and Cilium lets an L4-only rule on the same port and peer allow every name through the proxy
 * (cilium/cilium#3732, #8106).
 */
export function fqdnEgressPolicy(name: string, tier: Tier, flows: Flow[]): CiliumPolicy {
  const own = flows.filter((f): f is Flow & { to: FqdnPeer } => f.from === tier && f.to instanceof FqdnPeer);
  const dns: FqdnSelectorJson[] = [];
  for (const selector of own.flatMap((f) => f.to._selectors())) {
    if (!dns.some((d) => JSON.stringify(d) === JSON.stringify(selector))) dns.push(selector);
  }
  const names = dns.map((d) => d.matchName ?? d.matchPattern).join(', ');
  return {
    ...API,
    metadata: { name, namespace: tier.namespace },
    spec: {
      description: `Egress of tier ${tier.name} by DNS name (ACNS FQDN filtering): ${names}`,
      endpointSelector: { matchLabels: { ...tier.podLabels } },
      egress: [
        {
          toEndpoints: [KUBE_DNS_ENDPOINTS],
          toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns } }],
        },
        ...own.map((f) => {
          const toPorts = ciliumPorts(f.ports);
          return { toFQDNs: f.to._selectors(), ...(toPorts.length > 0 ? { toPorts } : {}) };
        }),
      ],
    },
  };
}
