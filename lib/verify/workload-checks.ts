// Tiers, Services and flows checked against the workloads in the output: a tier that selects no pod,
// a Service selector or target port that matches nothing, a flow to a port no container listens on.
// Each is an error naming the construct, the value and the fix; pods declared to live outside the app
// (an external tier) turn it into a warning. Pure: rendered manifests and descriptions in.
import { ConstructRef, ManifestFacts } from './cross-layer';
import { get, isObj, blocks } from './model';
import { FlowPort, FlowSide, TierDescription } from './policy/connectivity';
import {
  addressLabelHint,
  carries,
  formatLabels,
  formatPorts,
  listens,
  selectedBy,
  Workload,
  WorkloadFindings,
  WorkloadInput,
  workloadList,
  workloadsIn,
} from './workloads';

/** A Service of the output with a selector. */
interface ServiceFacts {
  readonly ref: ConstructRef;
  readonly name: string;
  readonly namespace: string;
  readonly selector: Record<string, string>;
  readonly ports: ReadonlyArray<{ port: number; target: number | string; protocol: string }>;
}

function servicesIn(manifests: readonly ManifestFacts[]): ServiceFacts[] {
  return manifests.flatMap((m): ServiceFacts[] => {
    const body = m.body;
    if (!isObj(body) || body.kind !== 'Service' || get(body, 'spec', 'type') === 'ExternalName') return [];
    const selector = get(body, 'spec', 'selector');
    if (!isObj(selector) || Object.keys(selector).length === 0) return []; // Endpoints managed by hand
    return [
      {
        ref: { kind: m.kind, path: m.path },
        name: String(get(body, 'metadata', 'name')),
        namespace: String(get(body, 'metadata', 'namespace') ?? 'default'),
        selector: selector as Record<string, string>,
        ports: blocks(get(body, 'spec', 'ports')).map((p) => ({
          port: Number(p.port),
          target: (p.targetPort as number | string | undefined) ?? Number(p.port),
          protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
        })),
      },
    ];
  });
}

const at = (ref: ConstructRef, problem: string, fix?: string): string =>
  `${ref.kind} ${ref.path}: ${problem}${fix ? `; ${fix}` : ''}`;
const portText = (p: { protocol: string; port?: number; endPort?: number; name?: string }): string =>
  `${p.protocol} ${p.name ?? (p.endPort !== undefined ? `${p.port}-${p.endPort}` : p.port)}`;
const listOf = (ws: readonly Workload[]): string => ws.map((w) => `${w.kind} ${w.name}`).join(', ');
/** One key per (workload, port): a target port the Service check reported is not reported again for its flow. */
const portKey = (w: Workload, p: { protocol: string; port?: number; name?: string }): string =>
  `${w.ref.path} ${p.protocol}/${p.name ?? p.port}`;

/** Every tier, Service and flow of one cdk8s app checked against the workloads of its output. */
export function workloadProblems(input: WorkloadInput): WorkloadFindings {
  const workloads = workloadsIn(input.manifests);
  const errors = new Set<string>();
  const serviceErrors = new Set<string>();
  const warnings = new Set<string>();
  const reported = new Set<string>();
  /** The Services in front of each external tier (named in the tier's one warning). */
  const frontedBy = new Map<TierDescription, string[]>();
  const tiers = input.policies.flatMap((p) => p.description.tiers);
  const externalTierFor = (namespace: string, selector: Record<string, string>) =>
    tiers.find(
      (t) =>
        t.external &&
        t.namespace === namespace &&
        (carries(t.labels, selector) || carries(selector, t.labels)),
    );

  for (const s of servicesIn(input.manifests)) {
    const pods = selectedBy(workloads, s.namespace, s.selector);
    if (pods.length === 0) {
      const external = externalTierFor(s.namespace, s.selector);
      if (external) {
        frontedBy.set(external, [...(frontedBy.get(external) ?? []), s.name]);
        continue;
      }
      serviceErrors.add(
        at(
          s.ref,
          `Service ${s.name} selects pods ${formatLabels(s.selector)}, but no workload in namespace ${s.namespace} has those labels (${workloadList(workloads, s.namespace)})`,
          `fix the selector or the workload's pod labels${addressLabelHint(workloads.filter((w) => w.namespace === s.namespace))}; if its pods are deployed outside this app, declare them: policies.addTier(name, { podLabels, external: true })`,
        ),
      );
      continue;
    }
    for (const p of s.ports) {
      const port =
        typeof p.target === 'string'
          ? { protocol: p.protocol, name: p.target }
          : { protocol: p.protocol, port: p.target };
      for (const w of pods.filter((x) => !listens(x, port))) {
        reported.add(portKey(w, port));
        serviceErrors.add(
          at(
            s.ref,
            `Service ${s.name} port ${p.port} targets container port ${portText(port)}, which ${w.kind} ${w.name} does not declare (its container ports: ${formatPorts(w.ports)})`,
            typeof p.target === 'string'
              ? `target one of its ports, or name the container port: ports: [{ name: '${p.target}', containerPort: <port> }]`
              : `set targetPort to the port the container listens on, or declare it: ports: [{ containerPort: ${p.target} }]`,
          ),
        );
      }
    }
  }

  for (const { ref, description } of input.policies) {
    for (const t of description.tiers) {
      const pods = selectedBy(workloads, t.namespace, t.labels);
      if (pods.length === 0 && t.external) {
        const services = frontedBy.get(t) ?? [];
        const what =
          services.length > 0 ? `its pods, ports and Service ${services.join(', ')}` : 'its pods and ports';
        warnings.add(
          at(
            ref,
            `tier ${t.name} (${formatLabels(t.labels)}) selects no workload in this app; it is declared external, so ${what} are not checked`,
          ),
        );
      } else if (pods.length === 0) {
        errors.add(
          at(
            ref,
            `tier ${t.name} selects pods ${formatLabels(t.labels)}, but no workload in namespace ${t.namespace} has those labels (${workloadList(workloads, t.namespace)})`,
            `give the tier the pod labels of its workload, or fix the workload's${addressLabelHint(workloads.filter((w) => w.namespace === t.namespace))}; if its pods are deployed outside this app, declare the tier: addTier('${t.name}', { podLabels, external: true })`,
          ),
        );
      }
      for (const [name, port] of Object.entries(t.namedPorts)) {
        for (const w of pods) {
          const declared = w.ports.find((c) => c.name === name);
          if (declared && declared.port !== port) {
            errors.add(
              at(
                ref,
                `tier ${t.name} declares namedPorts ${name}: ${port}, but container port ${name} of ${w.kind} ${w.name} is ${declared.port}`,
                'drop namedPorts (the ports are read from the workloads) or make it match',
              ),
            );
          }
        }
      }
    }
    for (const flow of description.flows) {
      const destination = destinationOf(flow.to, description.namespace);
      if (!destination) continue;
      const pods = selectedBy(workloads, destination.namespace, destination.labels);
      for (const port of flow.ports) {
        const problem = flowPortProblem(flow.from, destination, pods, port, reported);
        if (problem) errors.add(at(ref, problem.problem, problem.fix));
      }
    }
  }
  return { errors: [...errors, ...serviceErrors], warnings: [...warnings] };
}

/** The pods a flow goes to, when they are selected by labels: a tier, or pods of a peer. */
function destinationOf(
  side: FlowSide,
  namespace: string,
): { name: string; namespace: string; labels: Record<string, string>; tier?: TierDescription } | undefined {
  if ('tier' in side) {
    return {
      name: `tier ${side.tier.name}`,
      namespace: side.tier.namespace,
      labels: side.tier.labels,
      tier: side.tier,
    };
  }
  if (!('peer' in side)) return undefined; // FQDN patterns: outside the cluster
  const peer = side.peer;
  if (!peer.podSelector?.matchLabels || peer.ipBlock) return undefined;
  if (peer.podSelector.matchExpressions?.length) return undefined;
  const labelled = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
  if (peer.namespaceSelector && !labelled) return undefined;
  return { name: side.peerName, namespace: labelled ?? namespace, labels: peer.podSelector.matchLabels };
}

const sideName = (side: FlowSide): string => ('tier' in side ? `tier ${side.tier.name}` : side.peerName);

function flowPortProblem(
  from: FlowSide,
  to: { name: string; tier?: TierDescription },
  pods: readonly Workload[],
  port: FlowPort,
  reported: ReadonlySet<string>,
): { problem: string; fix: string } | undefined {
  const flow = `the flow ${sideName(from)} → ${to.name} on ${portText(port)}`;
  if (pods.length === 0) {
    // pods outside the app: only a named port of an external tier needs its number, for the report
    if (to.tier?.external && port.name !== undefined && to.tier.namedPorts[port.name] === undefined) {
      return {
        problem: `${flow} uses a named port, and the tier's pods are not in this app`,
        fix: `declare its number: addTier('${to.tier.name}', { ..., namedPorts: { ${port.name}: <port> } })`,
      };
    }
    return undefined;
  }
  if (pods.some((w) => listens(w, port)) || pods.every((w) => reported.has(portKey(w, port))))
    return undefined;
  const ports = pods.map((w) => `${w.kind} ${w.name}: ${formatPorts(w.ports)}`).join('; ');
  return {
    problem: `${flow}: no container of ${listOf(pods)} listens on it (container ports: ${ports})`,
    fix:
      port.name !== undefined
        ? `name the container port ${port.name}, or use the port number it listens on`
        : 'use a port the container declares, or declare the port on the container',
  };
}
