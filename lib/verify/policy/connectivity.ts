// The connectivity of one namespace, computed by evaluating its generated NetworkPolicies: what the
// policies construct validates against its declared flows, and what the connectivity report shows.
// Pure: plain descriptions in, plain results out.
import { CiliumNetworkPolicyJson } from './cilium';
import { FqdnSide, fqdnEndpoint, NODE_LOCAL_DNS } from './dns-model';
import { Endpoint, ExternalEndpoint, NetworkPolicyJson, PeerJson, PolicyEvaluator } from './evaluator';
import { Cidr } from '../../plan/cidr';

/** A port of a declared flow: a number, a range or a named container port. */
export interface FlowPort {
  readonly protocol: string;
  readonly port?: number;
  readonly endPort?: number;
  readonly name?: string;
}

/** A tier: pods of one namespace selected by labels. */
export interface TierDescription {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly namedPorts: Record<string, number>;
  /**
   * Whether its pods may be deployed outside this app (checks then warn, not fail, when none is found).
   * @default false
   */
  readonly external?: boolean;
}

/** One side of a declared flow: a tier, any other peer by its NetworkPolicyPeer, or FQDN patterns. */
export type FlowSide =
  | { readonly tier: TierDescription }
  | { readonly peerName: string; readonly peer: PeerJson }
  | FqdnSide;

/** A flow the policies must allow. */
export interface FlowDescription {
  readonly from: FlowSide;
  readonly to: FlowSide;
  readonly ports: FlowPort[];
}

/** Everything the evaluation of one namespace needs, as plain values. */
export interface NamespaceDescription {
  readonly namespace: string;
  /** The engine's name and whether an ipBlock can match pod IPs on it. */
  readonly engine: { readonly name: string; readonly ipBlockMatchesPods: boolean };
  readonly tiers: TierDescription[];
  readonly flows: FlowDescription[];
  /** Ingress controllers (or gateway proxies) admitted to routed backends. */
  readonly controllers: ReadonlyArray<{
    readonly namespace: string;
    readonly labels: Record<string, string>;
    /** How the report names them. @default `ingress controller (<namespace>)` */
    readonly name?: string;
  }>;
  /** The generated NetworkPolicies. */
  readonly policies: NetworkPolicyJson[];
  /** The generated CiliumNetworkPolicies (Cilium only): one union of allows with the NetworkPolicies. */
  readonly ciliumPolicies?: CiliumNetworkPolicyJson[];
  /**
   * Whether pods may resolve through LocalDNS on their node: every tier must then reach the
   * `node-local DNS` endpoint on UDP and TCP 53 as well as kube-dns.
   * @default false
   */
  readonly nodeLocalDns?: boolean;
}

/** A probe: one protocol and port number. */
export interface Probe {
  readonly protocol: string;
  readonly port: number;
}

export interface Model {
  readonly endpoints: Endpoint[];
  /** Namespaces whose policies are generated here: only traffic to or from them is checked. */
  readonly managed: Set<string>;
  /** Probes per destination endpoint name. */
  readonly probes: Map<string, Probe[]>;
  /** Declared flows: source, destination and the ports they allow (empty = all). */
  readonly intent: Intent[];
  readonly evaluator: PolicyEvaluator;
}

const INTERNET: ExternalEndpoint = { kind: 'external', name: 'internet', ip: '203.0.113.10' };
const KUBE_DNS: Endpoint = {
  kind: 'pod',
  name: 'kube-dns',
  namespace: 'kube-system',
  labels: { 'k8s-app': 'kube-dns' },
};
/**
 * Any pod outside the namespaces described. Its namespace is not a valid namespace name, so it can
 * never be one of them (a namespace really named `other` is policed like any other).
 */
const OTHER_NAMESPACE: Endpoint = {
  kind: 'pod',
  name: 'other namespace',
  namespace: '(any other namespace)',
  labels: { app: 'other' },
};
const DNS_PROBES: Probe[] = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];

const key = (src: string, dst: string, p: Probe): string => `${src}→${dst} ${p.protocol}/${p.port}`;

export interface Intent {
  readonly src: string;
  readonly dst: Endpoint;
  readonly ports: FlowPort[];
}

/** Whether a declared port list covers the probe on that destination (ranges, named ports, all ports). */
function covers(ports: FlowPort[], probe: Probe, dst: Endpoint): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if (p.protocol !== probe.protocol) return false;
    if (p.name !== undefined) {
      return dst.kind === 'pod' && dst.namedPorts?.[p.name]?.port === probe.port;
    }
    return p.endPort !== undefined ? probe.port >= p.port! && probe.port <= p.endPort : probe.port === p.port;
  });
}

function expectedAllowed(model: Model, src: Endpoint, dst: Endpoint, probe: Probe): boolean {
  return model.intent.some(
    (i) => i.src === src.name && i.dst.name === dst.name && covers(i.ports, probe, dst),
  );
}

function tierEndpoint(tier: TierDescription): Endpoint {
  const namedPorts = Object.fromEntries(Object.entries(tier.namedPorts).map(([n, port]) => [n, { port }]));
  return { kind: 'pod', name: tier.name, namespace: tier.namespace, labels: tier.labels, namedPorts };
}

/** A representative endpoint for a non-tier peer (pods of another namespace, an external block). */
function peerEndpoint(peer: PeerJson, name: string): Endpoint | undefined {
  if (peer.ipBlock) {
    const block = Cidr.parse(peer.ipBlock.cidr);
    const excluded = (peer.ipBlock.except ?? []).map((e) => Cidr.parse(e));
    const internetInside =
      block.containsAddress(INTERNET.ip) && !excluded.some((e) => e.containsAddress(INTERNET.ip));
    if (internetInside) return INTERNET;
    const ip = Array.from({ length: Math.min(block.size, 1024) }, (_, i) => block.nthAddress(i)).find(
      (a) => !excluded.some((e) => e.containsAddress(a)),
    );
    return ip ? { kind: 'external', name, ip } : undefined;
  }
  const namespace = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
  if (!namespace) return undefined;
  return { kind: 'pod', name, namespace, labels: { ...(peer.podSelector?.matchLabels ?? {}) } };
}

function probesOf(ports: FlowPort[], dst: Endpoint): Probe[] {
  if (ports.length === 0) return [{ protocol: 'TCP', port: 443 }];
  return ports.flatMap((p) => {
    if (p.name !== undefined) {
      const named = dst.kind === 'pod' ? dst.namedPorts?.[p.name] : undefined;
      return named ? [{ protocol: p.protocol, port: named.port }] : [];
    }
    return p.endPort !== undefined
      ? [
          { protocol: p.protocol, port: p.port! },
          { protocol: p.protocol, port: p.endPort },
        ]
      : [{ protocol: p.protocol, port: p.port! }];
  });
}

const DNS_PORTS: FlowPort[] = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];

function buildModel(all: readonly NamespaceDescription[]): Model {
  const endpoints = new Map<string, Endpoint>();
  const probes = new Map<string, Probe[]>();
  const intent: Intent[] = [];
  const addProbes = (dst: string, list: Probe[]): void => {
    const known = probes.get(dst) ?? [];
    for (const p of list) {
      if (!known.some((k) => k.protocol === p.protocol && k.port === p.port)) known.push(p);
    }
    probes.set(dst, known);
  };
  const namespaces: Record<string, Record<string, string>> = {};
  const policies: NetworkPolicyJson[] = [];
  for (const ns of all) {
    policies.push(...ns.policies);
    for (const tier of ns.tiers) endpoints.set(tier.name, tierEndpoint(tier));
  }
  endpoints.set(KUBE_DNS.name, KUBE_DNS);
  endpoints.set(INTERNET.name, INTERNET);
  endpoints.set(OTHER_NAMESPACE.name, OTHER_NAMESPACE);
  addProbes(KUBE_DNS.name, DNS_PROBES);
  addProbes(INTERNET.name, [{ protocol: 'TCP', port: 443 }]);
  for (const ns of all) {
    for (const controller of ns.controllers) {
      const name = controller.name ?? `ingress controller (${controller.namespace})`;
      endpoints.set(name, { kind: 'pod', name, namespace: controller.namespace, labels: controller.labels });
    }
    for (const tier of ns.tiers) {
      intent.push({ src: tier.name, dst: KUBE_DNS, ports: DNS_PORTS });
      if (ns.nodeLocalDns) intent.push({ src: tier.name, dst: NODE_LOCAL_DNS, ports: DNS_PORTS });
    }
  }
  for (const ns of all) {
    for (const flow of ns.flows) {
      const resolve = (side: FlowSide): Endpoint | undefined => {
        if ('tier' in side && side.tier.namespace === ns.namespace) return endpoints.get(side.tier.name);
        if ('tier' in side) {
          // a tier of another namespace: a pod there, by its labels
          const name = `${side.tier.namespace}/${side.tier.name}`;
          const foreign = endpoints.get(name) ?? { ...tierEndpoint(side.tier), name };
          endpoints.set(name, foreign);
          return foreign;
        }
        const existing = endpoints.get(side.peerName);
        if (existing) return existing;
        const made = 'fqdns' in side ? fqdnEndpoint(side) : peerEndpoint(side.peer, side.peerName);
        if (made) endpoints.set(made.name === INTERNET.name ? INTERNET.name : side.peerName, made);
        return made;
      };
      const from = resolve(flow.from);
      const to = resolve(flow.to);
      if (!from || !to) continue;
      addProbes(to.name, probesOf(flow.ports, to));
      intent.push({ src: from.name, dst: to, ports: flow.ports });
    }
  }
  for (const ns of all) {
    for (const tier of ns.tiers) addProbes(tier.name, [{ protocol: 'TCP', port: 9 }]); // an undeclared port
  }
  // DNS per case, in the last column: node-local DNS is probed always, required where LocalDNS may be on
  endpoints.set(NODE_LOCAL_DNS.name, NODE_LOCAL_DNS);
  addProbes(NODE_LOCAL_DNS.name, DNS_PROBES);
  for (const e of endpoints.values()) {
    if (e.kind === 'pod') namespaces[e.namespace] = { 'kubernetes.io/metadata.name': e.namespace };
  }
  const engineIgnoresIpBlock = all.some((ns) => !ns.engine.ipBlockMatchesPods);
  const ciliumPolicies = all.flatMap((ns) => ns.ciliumPolicies ?? []);
  return {
    endpoints: [...endpoints.values()],
    managed: new Set(all.map((ns) => ns.namespace)),
    probes,
    intent,
    evaluator: new PolicyEvaluator(policies, namespaces, {
      ipBlockIgnoresPods: engineIgnoresIpBlock,
      ciliumPolicies,
    }),
  };
}

interface Cell {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly allowed: Probe[];
}

function evaluate(model: Model): { cells: Cell[]; differences: string[] } {
  const cells: Cell[] = [];
  const differences: string[] = [];
  for (const src of model.endpoints.filter(isSource)) {
    for (const dst of model.endpoints) {
      if (src === dst || (src.kind === 'external' && dst.kind === 'external')) continue;
      const allowed: Probe[] = [];
      for (const probe of model.probes.get(dst.name) ?? []) {
        const ok = model.evaluator.allowed(src, dst, probe.protocol, probe.port);
        const expected = expectedAllowed(model, src, dst, probe);
        // traffic from outside the namespaces we police is only checked where a flow is declared
        const policed = expected || isManaged(model, src) || isManaged(model, dst);
        if (ok) allowed.push(probe);
        if (policed && ok !== expected) {
          differences.push(
            `${key(src.name, dst.name, probe)} is ${ok ? 'allowed' : 'denied'} by the generated policies but ${expected ? 'declared' : 'not declared'}`,
          );
        }
      }
      if (allowed.length > 0) cells.push({ src, dst, allowed });
    }
  }
  return { cells, differences };
}

/** The node-local address is a destination only (the model does not police what the node sends). */
const isSource = (e: Endpoint): boolean => e.kind !== 'host';

function isManaged(model: Model, e: Endpoint): boolean {
  return e.kind === 'pod' && model.managed.has(e.namespace);
}

/** A namespace's model and the evaluation of its generated policies. */
export interface NamespaceEvaluation {
  readonly model: Model;
  readonly cells: Cell[];
  readonly differences: string[];
}

/**
 * Evaluate one namespace's generated policies against its declared flows — `refine` may rewrite the
 * model first (the report replaces each tier by the workloads it selects).
 */
export function evaluateNamespace(
  ns: NamespaceDescription,
  refine: (model: Model) => Model = (m) => m,
): NamespaceEvaluation {
  const model = refine(buildModel([ns]));
  return { model, ...evaluate(model) };
}

const fmt = (probes: Probe[]): string => probes.map((p) => `${p.protocol} ${p.port}`).join(', ');
const mermaidId = (name: string): string => name.replace(/[^a-zA-Z0-9]/g, '_');

/** The Markdown report with a Mermaid diagram, computed from the generated policies (one section per namespace). */
export function renderConnectivityReport(
  all: ReadonlyArray<{ description: NamespaceDescription; evaluation: NamespaceEvaluation }>,
): string {
  const lines = [
    '# Connectivity',
    '',
    'Computed by evaluating the generated NetworkPolicies, not from the declared intent, one namespace at',
    'a time (so the work grows linearly with the namespaces). Each cell lists the probed ports on which a',
    'connection from the row to the column is allowed (source egress AND destination ingress); `—` means',
    'denied on every probed port. `internet` stands for any public address; `other namespace` for any pod',
    "outside the section's namespace; `n/a`: neither side is in that namespace. `node-local DNS` is",
    "LocalDNS on the pod's node (169.254.10.0/24, the `host` identity on Cilium): reachable where LocalDNS",
    'may be on, denied where the cluster pins it off. An FQDN column is reached by name only.',
  ];
  for (const { description, evaluation } of all) {
    lines.push('', ...renderSection(description, evaluation));
  }
  return lines.join('\n') + '\n';
}

function renderSection(ns: NamespaceDescription, evaluation: NamespaceEvaluation): string[] {
  const { model, cells } = evaluation;
  const names = model.endpoints.map((e) => e.name);
  const lines = [
    `## Namespace ${ns.namespace} (policy engine ${ns.engine.name})`,
    '',
    `| from \\ to | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
  ];
  for (const src of model.endpoints.filter(isSource)) {
    const row = model.endpoints.map((dst) => {
      if (src === dst) return '·';
      if (!isManaged(model, src) && !isManaged(model, dst)) return 'n/a';
      const cell = cells.find((c) => c.src === src && c.dst === dst);
      return cell ? fmt(cell.allowed) : '—';
    });
    lines.push(`| **${src.name}** | ${row.join(' | ')} |`);
  }
  lines.push('', '```mermaid', 'flowchart LR');
  for (const e of model.endpoints) lines.push(`  ${mermaidId(e.name)}["${e.name}"]`);
  const shown = cells.filter((c) => isManaged(model, c.src) || isManaged(model, c.dst));
  for (const c of shown)
    lines.push(`  ${mermaidId(c.src.name)} -->|${fmt(c.allowed)}| ${mermaidId(c.dst.name)}`);
  lines.push('```');
  return lines;
}
