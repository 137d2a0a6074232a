// The connectivity model over the workloads in the output: each pod endpoint of a namespace's model
// (a tier, a tier of another namespace, pods of a peer) becomes the workloads whose pods it selects,
// probed on the ports their containers declare. What the report then shows can happen: pods that
// exist, on ports they listen on. Endpoints that select no workload of the output stay as they are
// (pods deployed outside the app, kube-dns, other namespaces), and so do the controllers.
import { Endpoint, PodEndpoint } from './evaluator';
import {
  evaluateNamespace,
  Intent,
  Model,
  NamespaceDescription,
  NamespaceEvaluation,
  Probe,
  TierDescription,
} from './connectivity';
import { carries, Workload, WorkloadInput, workloadsIn } from '../workloads';

/** How the report names a workload: its tiers, then what it is, e.g. `web (Deployment web)`. */
function displayName(w: Workload, tiers: readonly TierDescription[], section: string): string {
  const selecting = tiers.filter((t) => t.namespace === w.namespace && carries(w.labels, t.labels));
  const what = `${w.kind} ${w.name}`;
  const name =
    selecting.length > 0 ? `${selecting.map((t) => t.name).join(', ')} (${what})` : `${what} (no tier)`;
  return w.namespace === section ? name : `${name} in ${w.namespace}`;
}

/**
 * A `refine` for `evaluateNamespace`: the model of `ns` with its pod endpoints replaced by the
 * workloads they select, plus the workloads of `ns` no tier selects.
 */
export function refineToWorkloads(
  workloads: readonly Workload[],
  tiers: readonly TierDescription[],
  ns: NamespaceDescription,
): (model: Model) => Model {
  return (model) => {
    const controllers = new Set(ns.controllers.map((c) => c.name ?? `ingress controller (${c.namespace})`));
    const probes = new Map<string, Probe[]>();
    const made = new Map<Workload, PodEndpoint>();
    const endpointOf = (w: Workload): PodEndpoint => {
      const known = made.get(w);
      if (known) return known;
      const named = w.ports.filter((p) => p.name !== undefined);
      const e: PodEndpoint = {
        kind: 'pod',
        name: displayName(w, tiers, ns.namespace),
        namespace: w.namespace,
        labels: w.labels,
        namedPorts: Object.fromEntries(named.map((p) => [p.name!, { port: p.port, protocol: p.protocol }])),
      };
      made.set(w, e);
      // probed on what its containers listen on, each port once, in port order
      const listened = w.ports
        .map((p) => ({ protocol: p.protocol, port: p.port }))
        .filter((p, i, all) => all.findIndex((q) => q.protocol === p.protocol && q.port === p.port) === i)
        .sort((x, y) => x.port - y.port || x.protocol.localeCompare(y.protocol));
      probes.set(e.name, listened);
      return e;
    };
    const externalTiers = new Set(
      tiers.filter((t) => t.external && t.namespace === ns.namespace).map((t) => t.name),
    );
    /** A tier, or pods of a peer, that select no workload: pods outside the app, kept by their labels. */
    const kept = (e: Endpoint): Endpoint => {
      const renamed =
        e.kind === 'pod' && e.namespace === ns.namespace && externalTiers.has(e.name)
          ? { ...e, name: `${e.name} (external)` }
          : e;
      probes.set(renamed.name, model.probes.get(e.name) ?? []);
      return renamed;
    };
    const expansion = new Map<string, Endpoint[]>();
    for (const e of model.endpoints) {
      const selected =
        e.kind === 'pod' && !controllers.has(e.name)
          ? workloads.filter((w) => w.namespace === e.namespace && carries(w.labels, e.labels))
          : [];
      expansion.set(e.name, selected.length > 0 ? selected.map(endpointOf) : [kept(e)]);
    }
    // the section's own pods first (its tiers lead the model), then the rest in the model's order
    const own = (e: Endpoint): boolean => e.kind === 'pod' && e.namespace === ns.namespace;
    const leading = model.endpoints.findIndex((e) => !own(e));
    const head = model.endpoints.slice(0, leading < 0 ? undefined : leading);
    const tail = leading < 0 ? [] : model.endpoints.slice(leading);
    const unselected = workloads.filter((w) => w.namespace === ns.namespace).map(endpointOf);
    const endpoints = [
      ...new Set([
        ...head.flatMap((e) => expansion.get(e.name)!),
        ...unselected,
        ...tail.flatMap((e) => expansion.get(e.name)!),
      ]),
    ];
    const intent: Intent[] = model.intent.flatMap((i) =>
      (expansion.get(i.src)?.map((e) => e.name) ?? [i.src]).flatMap((src) =>
        (expansion.get(i.dst.name) ?? [i.dst]).map((dst) => ({ src, dst, ports: i.ports })),
      ),
    );
    return { ...model, endpoints, probes, intent };
  };
}

/** The connectivity of each namespace of the app, computed over the workloads in its output. */
export function workloadConnectivity(
  input: WorkloadInput,
): Array<{ description: NamespaceDescription; evaluation: NamespaceEvaluation }> {
  const workloads = workloadsIn(input.manifests);
  const tiers = input.policies.flatMap((p) => p.description.tiers);
  return input.policies.map(({ description }) => ({
    description,
    evaluation: evaluateNamespace(description, refineToWorkloads(workloads, tiers, description)),
  }));
}
