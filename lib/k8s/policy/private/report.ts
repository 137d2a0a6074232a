import { Cidr } from '../../../plan/cidr';
import { PolicyPeer } from '../peer';
import { Port } from '../port';
import { Tier } from '../tier';
import type { TieredNetworkPolicies } from '../tiered-network-policies';
import { Endpoint, ExternalEndpoint, NetworkPolicyJson, PeerJson, PolicyEvaluator } from './evaluator';

/** A probe: one protocol and port number. */
interface Probe {
  readonly protocol: string;
  readonly port: number;
}

interface Model {
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
const OTHER_NAMESPACE: Endpoint = {
  kind: 'pod',
  name: 'other namespace',
  namespace: 'other',
  labels: { app: 'other' },
};
const DNS_PROBES: Probe[] = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];

const key = (src: string, dst: string, p: Probe): string => `${src}→${dst} ${p.protocol}/${p.port}`;

interface Intent {
  readonly src: string;
  readonly dst: Endpoint;
  readonly ports: Port[];
}

/** Whether a declared port list covers the probe on that destination (ranges, named ports, all ports). */
function covers(ports: Port[], probe: Probe, dst: Endpoint): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if (p.protocol !== probe.protocol) return false;
    if (p.name !== undefined) {
      return dst.kind === 'pod' && dst.namedPorts?.[p.name]?.port === probe.port;
    }
    return p.endPort !== undefined
      ? probe.port >= p.portNumber! && probe.port <= p.endPort
      : probe.port === p.portNumber;
  });
}

function expectedAllowed(model: Model, src: Endpoint, dst: Endpoint, probe: Probe): boolean {
  return model.intent.some(
    (i) => i.src === src.name && i.dst.name === dst.name && covers(i.ports, probe, dst),
  );
}

function tierEndpoint(tier: Tier): Endpoint {
  const namedPorts = Object.fromEntries(Object.entries(tier.namedPorts).map(([n, port]) => [n, { port }]));
  return { kind: 'pod', name: tier.name, namespace: tier.namespace, labels: tier.podLabels, namedPorts };
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

function probesOf(ports: Port[], dst: Endpoint): Probe[] {
  if (ports.length === 0) return [{ protocol: 'TCP', port: 443 }];
  return ports.flatMap((p) => {
    if (p.name !== undefined) {
      const named = dst.kind === 'pod' ? dst.namedPorts?.[p.name] : undefined;
      return named ? [{ protocol: p.protocol, port: named.port }] : [];
    }
    return p.endPort !== undefined
      ? [
          { protocol: p.protocol, port: p.portNumber! },
          { protocol: p.protocol, port: p.endPort },
        ]
      : [{ protocol: p.protocol, port: p.portNumber! }];
  });
}

function buildModel(all: TieredNetworkPolicies[]): Model {
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
  for (const tnp of all) {
    policies.push(...(tnp._policyObjects() as NetworkPolicyJson[]));
    for (const tier of tnp.tiers) endpoints.set(tier.name, tierEndpoint(tier));
  }
  endpoints.set(KUBE_DNS.name, KUBE_DNS);
  endpoints.set(INTERNET.name, INTERNET);
  endpoints.set(OTHER_NAMESPACE.name, OTHER_NAMESPACE);
  addProbes(KUBE_DNS.name, DNS_PROBES);
  addProbes(INTERNET.name, [{ protocol: 'TCP', port: 443 }]);
  for (const tnp of all) {
    for (const { controller } of tnp._routed) {
      const name = `ingress controller (${controller.namespace})`;
      endpoints.set(name, {
        kind: 'pod',
        name,
        namespace: controller.namespace,
        labels: controller.podLabels,
      });
    }
    for (const tier of tnp.tiers) {
      intent.push({ src: tier.name, dst: KUBE_DNS, ports: [Port.udp(53), Port.tcp(53)] });
    }
  }
  for (const tnp of all) {
    for (const flow of tnp._flows) {
      const resolve = (side: Flow['from']): Endpoint | undefined => {
        if (side instanceof Tier && side.namespace === tnp.namespace) return endpoints.get(side.name);
        if (side instanceof Tier) {
          // a tier of another namespace: a pod there, by its labels
          const name = `${side.namespace}/${side.name}`;
          const foreign = endpoints.get(name) ?? { ...tierEndpoint(side), name };
          endpoints.set(name, foreign);
          return foreign;
        }
        const existing = endpoints.get(side.peerName);
        if (existing) return existing;
        const peer = side instanceof PolicyPeer ? side._peer() : side._peer(tnp.namespace);
        const made = peerEndpoint(peer, side.peerName);
        if (made) endpoints.set(made.name === INTERNET.name ? INTERNET.name : side.peerName, made);
        return made;
      };
      const from = resolve(flow.from);
      const to = resolve(flow.to);
      if (!from || !to) continue;
      const list = probesOf(flow.ports, to);
      addProbes(to.name, list);
      intent.push({ src: from.name, dst: to, ports: flow.ports });
    }
  }
  for (const tnp of all) {
    for (const tier of tnp.tiers) addProbes(tier.name, [{ protocol: 'TCP', port: 9 }]); // an undeclared port
  }
  for (const e of endpoints.values()) {
    if (e.kind === 'pod') namespaces[e.namespace] = { 'kubernetes.io/metadata.name': e.namespace };
  }
  const engineIgnoresIpBlock = all.some((t) => !t.engine.ipBlockMatchesPods);
  return {
    endpoints: [...endpoints.values()],
    managed: new Set(all.map((t) => t.namespace)),
    probes,
    intent,
    evaluator: new PolicyEvaluator(policies, namespaces, { ipBlockIgnoresPods: engineIgnoresIpBlock }),
  };
}

type Flow = TieredNetworkPolicies['_flows'][number];

interface Cell {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly allowed: Probe[];
}

function evaluate(model: Model): { cells: Cell[]; differences: string[] } {
  const cells: Cell[] = [];
  const differences: string[] = [];
  for (const src of model.endpoints) {
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

function isManaged(model: Model, e: Endpoint): boolean {
  return e.kind === 'pod' && model.managed.has(e.namespace);
}

/** A namespace's model and the evaluation of its generated policies. */
export interface NamespaceEvaluation {
  readonly model: Model;
  readonly cells: Cell[];
  readonly differences: string[];
}

/** Build the model of one TieredNetworkPolicies and evaluate it (its owner caches the result per change). */
export function evaluateNamespace(tnp: TieredNetworkPolicies): NamespaceEvaluation {
  const model = buildModel([tnp]);
  return { model, ...evaluate(model) };
}

/** Differences between what the generated policies allow and what was declared, for one instance's validation. */
export function connectivityProblems(tnp: TieredNetworkPolicies): string[] {
  return tnp
    ._evaluation()
    .differences.map(
      (d) =>
        `TieredNetworkPolicies ${tnp.node.path}: ${d}; the generated policies do not match the declared flows`,
    );
}

const fmt = (probes: Probe[]): string => probes.map((p) => `${p.protocol} ${p.port}`).join(', ');
const mermaidId = (name: string): string => name.replace(/[^a-zA-Z0-9]/g, '_');

/** The Markdown report with a Mermaid diagram, computed from the generated policies. */
export function renderConnectivityReport(all: TieredNetworkPolicies[]): string {
  const lines = [
    '# Connectivity',
    '',
    'Computed by evaluating the generated NetworkPolicies, not from the declared intent, one namespace at',
    'a time (so the work grows linearly with the namespaces). Each cell lists the probed ports on which a',
    'connection from the row to the column is allowed (source egress AND destination ingress); `—` means',
    'denied on every probed port. `internet` stands for any public address; `other namespace` for any pod',
    "outside the section's namespace; `n/a`: neither side is in that namespace.",
  ];
  for (const tnp of all) {
    lines.push('', ...renderSection(tnp));
  }
  return lines.join('\n') + '\n';
}

function renderSection(tnp: TieredNetworkPolicies): string[] {
  const { model, cells } = tnp._evaluation();
  const names = model.endpoints.map((e) => e.name);
  const lines = [
    `## Namespace ${tnp.namespace} (policy engine ${tnp.engine.name})`,
    '',
    `| from \\ to | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
  ];
  for (const src of model.endpoints) {
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
