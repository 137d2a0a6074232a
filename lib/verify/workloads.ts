// The workloads actually in the output, and the checks that the tiers, Services and flows meet them.
// A tier is a label selector, a Service a selector and target ports, a flow a destination port: each
// is only true of pods that exist. Pure: rendered manifests and plain descriptions in, messages out.
import { ConstructRef, ManifestFacts } from './cross-layer';
import { GATEWAY_API_GROUP, GATEWAY_NAME_LABEL, IN_CLUSTER_GATEWAY_CLASSES } from './gateway-api';
import { blocks, get, isObj, Json, podTemplate } from './model';
import { NamespaceDescription } from './policy/connectivity';

/** A port a container declares (`containerPort`, optionally named). */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

/** The pods of one workload in the output: its pod template's labels and its containers' ports. */
export interface Workload {
  /** The manifest kind: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, or Gateway. */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** The construct that renders it. */
  readonly ref: ConstructRef;
  readonly labels: Record<string, string>;
  readonly ports: ContainerPort[];
}

/** What the checks look at: one cdk8s app's rendered objects and its TieredNetworkPolicies. */
export interface WorkloadInput {
  readonly manifests: readonly ManifestFacts[];
  readonly policies: ReadonlyArray<{
    readonly ref: ConstructRef;
    readonly description: NamespaceDescription;
  }>;
}

/** Problems (synthesis fails) and warnings (pods declared to live outside the app). */
export interface WorkloadFindings {
  readonly errors: string[];
  readonly warnings: string[];
}

/** The label cdk8s-plus selects its workloads' pods by unless told otherwise. */
export const CDK8S_PLUS_ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

const namespaceOf = (body: Json): string => String(get(body, 'metadata', 'namespace') ?? 'default');
const formatLabels = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
const formatPorts = (ports: readonly ContainerPort[]): string =>
  ports.map((p) => `${p.protocol} ${p.port}${p.name ? ` (${p.name})` : ''}`).join(', ') || 'none';

/** Whether a pod with `labels` carries every label of `selector` (matchLabels semantics). */
export const carries = (labels: Record<string, string>, selector: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

function containerPorts(spec: Json): ContainerPort[] {
  // init containers serve nothing, except native sidecars (restartPolicy Always)
  const serving = [
    ...blocks(spec.containers),
    ...blocks(spec.initContainers).filter((c) => c.restartPolicy === 'Always'),
  ];
  return serving.flatMap((c) =>
    blocks(c.ports)
      .filter((p) => typeof p.containerPort === 'number')
      .map((p) => ({
        name: typeof p.name === 'string' ? p.name : undefined,
        port: p.containerPort as number,
        protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
      })),
  );
}

/** The proxies an in-cluster Gateway implementation deploys for a Gateway: one workload per Gateway. */
function gatewayProxies(m: ManifestFacts, body: Json): Workload | undefined {
  const isGateway =
    String(body.apiVersion ?? '').startsWith(`${GATEWAY_API_GROUP}/`) && body.kind === 'Gateway';
  if (!isGateway || !IN_CLUSTER_GATEWAY_CLASSES.includes(String(get(body, 'spec', 'gatewayClassName')))) {
    return undefined;
  }
  const name = String(get(body, 'metadata', 'name'));
  return {
    kind: 'Gateway',
    name,
    namespace: namespaceOf(body),
    ref: { kind: m.kind, path: m.path },
    labels: { [GATEWAY_NAME_LABEL]: name },
    ports: blocks(get(body, 'spec', 'listeners')).map((l) => ({
      port: Number(l.port),
      protocol: l.protocol === 'UDP' ? 'UDP' : 'TCP',
    })),
  };
}

/** Every workload in the output, with its pod labels and container ports. */
export function workloadsIn(manifests: readonly ManifestFacts[]): Workload[] {
  return manifests.flatMap((m): Workload[] => {
    if (!isObj(m.body)) return [];
    const body = m.body;
    const kind = String(body.kind);
    const name = String(get(body, 'metadata', 'name'));
    const namespace = namespaceOf(body);
    const template = podTemplate({ kind, name, namespace, path: m.path, body });
    if (!template) {
      const proxies = gatewayProxies(m, body);
      return proxies ? [proxies] : [];
    }
    const ref = { kind: m.kind, path: m.path };
    return [
      { kind, name, namespace, ref, labels: { ...template.labels }, ports: containerPorts(template.spec) },
    ];
  });
}

/** The workloads of `namespace` whose pods carry every label of `selector`. */
export const selectedBy = (
  workloads: readonly Workload[],
  namespace: string,
  selector: Record<string, string>,
): Workload[] => workloads.filter((w) => w.namespace === namespace && carries(w.labels, selector));

/** How messages list what a namespace holds, so that a typo shows next to the right label. */
export function workloadList(workloads: readonly Workload[], namespace: string): string {
  const here = workloads.filter((w) => w.namespace === namespace);
  return here.length === 0
    ? `namespace ${namespace} has no workload in this app`
    : `workloads in ${namespace}: ${here.map((w) => `${w.kind} ${w.name} (${formatLabels(w.labels)})`).join(', ')}`;
}

/** Whether a workload listens on the port (a number, a range or a name) with that protocol. */
export function listens(
  w: Workload,
  port: { protocol: string; port?: number; endPort?: number; name?: string },
): boolean {
  return w.ports.some((c) => {
    if (c.protocol !== port.protocol) return false;
    if (port.name !== undefined) return c.name === port.name;
    if (port.port === undefined) return true;
    return port.endPort !== undefined ? c.port >= port.port && c.port <= port.endPort : c.port === port.port;
  });
}

/** The hint for pods that carry only cdk8s-plus's address label. */
export function addressLabelHint(workloads: readonly Workload[]): string {
  return workloads.some((w) => CDK8S_PLUS_ADDRESS_LABEL in w.labels)
    ? `; cdk8s-plus selects pods by ${CDK8S_PLUS_ADDRESS_LABEL} unless told otherwise: give the workload pod labels (podMetadata: { labels: { app: 'web' } }) and select those`
    : '';
}

export { formatLabels, formatPorts };
