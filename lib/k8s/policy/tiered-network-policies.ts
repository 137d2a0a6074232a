import { kube } from '../../core/kube';
import { checkBoolean, checkInstance, checkShape, checkString } from '../../core/inputs';
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { FqdnPeer, formatLabels, IPolicyPeer, NAMESPACE_NAME_LABEL, PolicyPeer } from './peer';
import { Port } from './port';
import { fqdnEgressPolicy, nodeLocalDnsPolicy } from './private/cilium';
import { checkFqdnFlow } from './private/fqdn-checks';
import { defaultDenySpec, dnsSpec, tierSpec } from './private/render';
import { Flow, Tier, TierOptions } from './tier';
import { AksNetworkError } from '../../core/errors';
import { warn } from '../../core/warnings';
import { DNS_LABEL } from '../../core/naming';
import { Cidr, parseRange } from '../../plan/cidr';
import { PolicyEngine } from '../../plan/policy-engine';
import { IGatewayProxies, IngressController, IRoutedIngress, RoutedBackend } from '../controller';
import { GatewayTrafficOptions, gatewayFlows, nodeForwardedPolicy } from './private/gateway';
import { sameWorkloads, workloadsBeside } from './private/workloads';
import type { Workload } from '../../verify/workloads';
import { clusterScoped } from '../private/cluster-scoped';
import { CiliumNetworkPolicyJson } from '../../verify/policy/cilium';
import { recordFact } from '../../verify/construct-data';
import { NetworkPolicyJson } from '../../verify/policy/evaluator';
import {
  evaluateNamespace,
  FlowDescription,
  FlowSide,
  NamespaceDescription,
  NamespaceEvaluation,
} from '../../verify/policy/connectivity';
import { checkedTree } from '../private/checks';

/**
 * LocalDNS may be on unless the cluster says otherwise: its state is read-only and AKS turns it on
 * by itself for pools on Kubernetes 1.36+, so the DNS policy allows both paths by default.
 */
export const DEFAULT_LOCAL_DNS_MAY_BE_ON = true;
/** FQDN peers are refused unless the cluster says it enforces them. */
export const DEFAULT_FQDN_POLICIES_ALLOWED = false;

/** Properties of `TieredNetworkPolicies`. */
export interface TieredNetworkPoliciesProps {
  /** The namespace the tiers live in — created with its labels. */
  readonly namespace: string;
  /**
   * The cluster's policy engine (`AksCluster.policyEngine`) — decides what the policies may use.
   * Required (or its deprecated alias `engine`).
   * @default - none: one of `policyEngine` or `engine` must be given
   */
  readonly policyEngine?: PolicyEngine;
  /**
   * The cluster's policy engine.
   * @deprecated use `policyEngine`, the name `AksClusterProps` uses for the same value
   * @default - `policyEngine`
   */
  readonly engine?: PolicyEngine;
  /**
   * Extra labels on the namespace (`kubernetes.io/metadata.name` is set by the control plane).
   * @default - none
   */
  readonly namespaceLabels?: { [key: string]: string };
  /**
   * Whether to emit the Namespace object.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Pod and node ranges of the cluster: on Cilium an ipBlock over them would silently match nothing.
   * @default - not checked
   */
  readonly clusterRanges?: string[];
  /**
   * Whether LocalDNS may be on on some node pool (`AksCluster.localDnsMayBeOn`): pods then resolve
   * through the node-local 169.254.10.0/24 as well as kube-dns, so `allow-dns` allows both on UDP
   * and TCP 53 (on Calico and Azure NPM by ipBlock — on Cilium through the CiliumNetworkPolicy
   * `allow-node-local-dns` with `toCIDR` and the `host` entity). `false` only when the cluster pins
   * LocalDNS off on every pool: then kube-dns alone.
   * @default true
   * @see https://learn.microsoft.com/azure/aks/localdns-custom
   */
  readonly localDnsMayBeOn?: boolean;
  /**
   * Whether the cluster enforces CiliumNetworkPolicy `toFQDNs` (`AksCluster.fqdnPoliciesAllowed`:
   * Cilium with ACNS security and FQDN or L7 policies). FQDN peers (`PolicyPeer.fqdns`) are refused
   * without it. L7 (HTTP) rules are not offered.
   * @default false
   * @see https://learn.microsoft.com/azure/aks/container-network-security-fqdn-filtering-concepts
   */
  readonly fqdnPoliciesAllowed?: boolean;
}

/**
 * Default deny both ways for a namespace, DNS that keeps working, tiers with flows as intent verbs,
 * ingress-controller access derived from the routes, and a connectivity report computed from the
 * generated policies (synthesis fails when it differs from the declared flows).
 *
 * A constant number of NetworkPolicies: `default-deny`, `allow-dns` and one per tier.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class TieredNetworkPolicies extends Construct {
  /** Find every instance in a construct tree (for the report). */
  public static allIn(root: IConstruct): TieredNetworkPolicies[] {
    return root.node.findAll().filter((c): c is TieredNetworkPolicies => c instanceof TieredNetworkPolicies);
  }

  public readonly namespace: string;
  /** The policy engine the policies were generated for. */
  public readonly policyEngine: PolicyEngine;
  /** Whether the DNS policy allows LocalDNS's node-local addresses too. */
  public readonly localDnsMayBeOn: boolean;
  /** Whether FQDN peers are accepted. */
  public readonly fqdnPoliciesAllowed: boolean;
  private readonly tierList: Tier[] = [];
  /** Tiers with FQDN flows, each with its CiliumNetworkPolicy. */
  private readonly fqdnTiers = new Set<Tier>();
  private readonly flowList: Flow[] = [];
  private readonly routed: Array<{ ingress: IRoutedIngress; controller: IngressController }> = [];
  private readonly gateways: Array<{ gateway: IGatewayProxies; tier: Tier }> = [];
  /** Node ranges admitted on purpose (a gateway's forwarded traffic): no overlap warning for them. */
  private readonly nodeRanges = new Set<string>();
  private readonly clusterRanges: Cidr[];
  /** Bumped by every change to tiers, flows or routes — keys the cached evaluation. */
  private version = 0;
  private evaluated?: { version: number; description: NamespaceDescription; evaluation: NamespaceEvaluation };

  constructor(scope: Construct, id: string, props: TieredNetworkPoliciesProps) {
    super(scope, id);
    checkedTree(this);
    checkString(this, 'namespace', props?.namespace);
    const engine = policyEngineOf(this, props);
    checkBoolean(this, 'localDnsMayBeOn', props.localDnsMayBeOn);
    checkBoolean(this, 'fqdnPoliciesAllowed', props.fqdnPoliciesAllowed);
    this.namespace = props.namespace;
    this.policyEngine = engine;
    this.localDnsMayBeOn = props.localDnsMayBeOn ?? DEFAULT_LOCAL_DNS_MAY_BE_ON;
    this.fqdnPoliciesAllowed = props.fqdnPoliciesAllowed ?? DEFAULT_FQDN_POLICIES_ALLOWED;
    recordFact(this, {
      kind: 'policies',
      engine: engine.name,
      describe: () => this._evaluated().description,
    });
    if (!DNS_LABEL.test(props.namespace) || props.namespace.length > 63) {
      throw new AksNetworkError(
        `namespace '${props.namespace}' is not a DNS label`,
        'use at most 63 lower-case letters, digits and -',
        this,
      );
    }
    checkChartNamespace(this, props.namespace);
    if (!engine.enforcesPolicies) {
      throw new AksNetworkError(
        `the cluster's policy engine is ${engine.name}, so NetworkPolicies would not be enforced`,
        'choose a policy engine on the cluster (cilium, calico or azure) or leave the policies out',
        this,
      );
    }
    this.clusterRanges = (props.clusterRanges ?? []).map((c) =>
      parseRange(c, { what: 'clusterRanges entry', scope: this }),
    );
    if (props.createNamespace ?? true) {
      clusterScoped(
        kube.namespace(this, 'Namespace', {
          metadata: {
            name: this.namespace,
            labels: { ...props.namespaceLabels, [NAMESPACE_NAME_LABEL]: this.namespace },
          },
        }),
      );
    }
    this.policy('DefaultDeny', 'default-deny', () => defaultDenySpec());
    const cilium = engine.enforcesCiliumPolicies;
    this.policy('AllowDns', 'allow-dns', () => dnsSpec(this.localDnsMayBeOn && !cilium));
    if (this.localDnsMayBeOn && cilium) {
      new ApiObject(this, 'AllowNodeLocalDns', nodeLocalDnsPolicy(this.namespace));
    }
    this.node.addValidation({ validate: () => this.validate() });
  }

  /**
   * The policy engine the policies were generated for.
   * @deprecated use `policyEngine`
   */
  public get engine(): PolicyEngine {
    return this.policyEngine;
  }

  /** The tiers, in the order they were added. */
  public get tiers(): Tier[] {
    return [...this.tierList];
  }

  /** @internal the flows */
  public get _flows(): Flow[] {
    return [...this.flowList];
  }

  /** @internal the ingress controllers admitted, with their backends */
  public get _routed(): Array<{ ingress: IRoutedIngress; controller: IngressController }> {
    return [...this.routed];
  }

  /** Add a named group of pods — it gets its own policy `<name>-traffic`. */
  public addTier(name: string, options: TierOptions): Tier {
    if (!DNS_LABEL.test(name) || name.length > 40) {
      throw new AksNetworkError(
        `tier name '${name}' is not a DNS label`,
        'use lower-case letters, digits and -, at most 40',
        this,
      );
    }
    if (this.tierList.some((t) => t.name === name)) {
      throw new AksNetworkError(`tier ${name} is added twice`, 'give each tier its own name', this);
    }
    checkBoolean(this, 'external', options.external);
    if (Object.keys(options.podLabels).length === 0) {
      throw new AksNetworkError(
        `tier ${name} has no pod labels, so it would select every pod`,
        'give the labels of its pods, e.g. { app: "web" }',
        this,
      );
    }
    const clash = this.tierList.find((t) => sameLabels(t.podLabels, options.podLabels));
    if (clash) {
      throw new AksNetworkError(
        `tier ${name} selects the same pods as tier ${clash.name}`,
        'give each tier distinct pod labels',
        this,
      );
    }
    const tier = Tier._create(this, name, options);
    this.tierList.push(tier);
    this.version++;
    this.policy(`Tier-${name}`, `${name}-traffic`, () => tierSpec(tier, this.flowList));
    return tier;
  }

  /** The tier of that name. */
  public tier(name: string): Tier {
    const tier = this.tierList.find((t) => t.name === name);
    if (!tier) {
      throw new AksNetworkError(
        `there is no tier ${name}`,
        `add it first; tiers: ${this.tierList.map((t) => t.name).join(', ') || 'none'}`,
        this,
      );
    }
    return tier;
  }

  /**
   * Admit the ingress controller to every backend the ingress routes to, on the container port behind
   * each Service port. Each backend's pods are the tier with the Service's selector, or the tier that
   * selects the same workloads (so a cdk8s-plus Service that selects its Deployment by
   * `cdk8s.io/metadata.addr` meets the tier of the Deployment's pod labels); a backend whose pods are
   * no tier yet becomes one, named after its Service. Call it after the routes and the workloads are
   * added; a route added later fails synthesis.
   */
  public allowIngress(ingress: IRoutedIngress): void {
    const controller = ingress.controller;
    const peer = PolicyPeer.podsInNamespace(controller.namespace, controller.podLabels);
    const controllerPeer: IPolicyPeer = {
      peerName: controller.displayName,
      _peer: () => peer._peer(),
    };
    const beside = renderedOnce(() => workloadsBeside(this));
    for (const backend of ingress.routedBackends()) {
      if (backend.namespace !== this.namespace) continue;
      const resolved = this.tierFor(backend, beside);
      const named = this.tierList.find((t) => t.name === backend.serviceName);
      if (!resolved && named) {
        throw new AksNetworkError(
          `Service ${backend.serviceName} selects pods ${formatLabels(backend.podLabels)}, but tier ${named.name} selects ${formatLabels(named.podLabels)}, and no workload of this app is selected by both`,
          "make them select the same pods: the tier's labels on the Service (cdk8s-plus: service.selectLabel(key, value)), or add the workloads before allowIngress",
          this,
        );
      }
      const tier = resolved ?? this.addTier(backend.serviceName, { podLabels: backend.podLabels });
      const port =
        backend.containerPortName !== undefined
          ? Port.named(backend.containerPortName)
          : Port.tcp(backend.containerPort!);
      this._addFlow({ from: controllerPeer, to: tier, ports: [port] });
    }
    this.routed.push({ ingress, controller });
    this.version++;
  }

  /**
   * Host a Gateway's proxy pods in this namespace (the Gateway's own): clients reach their listener
   * ports from `clientRanges` (the firewall subnet: the firewall SNATs DNAT'd traffic), from
   * `nodeRanges` (with the add-on's `externalTrafficPolicy: Cluster` nodes forward it from their own
   * address) and from the Azure health probe — they reach istiod in `aks-istio-system` (xDS and
   * certificates, TCP 15012), DNS, and exactly the backends routed through the Gateway, on their
   * container ports. Call it after the routes are added; a route added later fails synthesis.
   * Nothing is written into `aks-istio-system`.
   *
   * On Cilium an ipBlock never matches node addresses, so the node share is admitted by a
   * CiliumNetworkPolicy (`fromEntities: remote-node, host` on the listener ports) instead.
   *
   * @returns the tier of the proxy pods
   */
  public allowGatewayTraffic(gateway: IGatewayProxies, options: GatewayTrafficOptions): Tier {
    checkShape(this, 'gateway', gateway, ['proxies', 'listenerPorts', 'routedBackends'], 'an IngressGateway');
    if (gateway.proxies.namespace !== this.namespace) {
      throw new AksNetworkError(
        `gateway ${gateway.name} runs in namespace ${gateway.proxies.namespace}, not ${this.namespace}`,
        `call allowGatewayTraffic on the TieredNetworkPolicies of namespace ${gateway.proxies.namespace}`,
        this,
      );
    }
    const name = gateway.name.slice(0, 40).replace(/-+$/, '');
    const tier = this.addTier(name, { podLabels: gateway.proxies.podLabels });
    const flows = gatewayFlows(this, gateway, options, this.policyEngine.ipBlockMatchesPods, tier);
    flows.nodeRanges.forEach((r) => this.nodeRanges.add(r));
    flows.flows.forEach((f) => this._addFlow(f));
    if (flows.nodeEntities) {
      new ApiObject(
        this,
        `NodeForwarded-${name}`,
        nodeForwardedPolicy(`${name}-node-forwarded`, this.namespace, tier, gateway),
      );
    }
    this.gateways.push({ gateway, tier });
    return tier;
  }

  /**
   * The tier of a routed backend's pods: the one with the Service's labels, else the one that selects
   * exactly the workloads the Service selects.
   */
  private tierFor(backend: RoutedBackend, beside: () => Workload[]): Tier | undefined {
    const same = this.tierList.find((t) => sameLabels(t.podLabels, backend.podLabels));
    if (same) return same;
    const workloads = beside();
    return this.tierList.find((t) =>
      sameWorkloads(workloads, this.namespace, t.podLabels, backend.podLabels),
    );
  }

  /** @internal */
  public _addFlow(flow: Flow): void {
    checkFqdnFlow(this, flow, this);
    for (const port of flow.ports) {
      if (port.isRange && !this.policyEngine.supportsEndPort) {
        throw new AksNetworkError(
          `port range ${port} needs endPort, which engine ${this.policyEngine.name} does not enforce`,
          'list the ports one by one, or move to Cilium (1.17+) or Calico',
          this,
        );
      }
    }
    for (const side of [flow.from, flow.to]) {
      if (side instanceof Tier && !side._ownedBy(this) && side.namespace === this.namespace) {
        throw new AksNetworkError(
          `tier ${side.name} belongs to another TieredNetworkPolicies of namespace ${this.namespace}`,
          'use one TieredNetworkPolicies per namespace',
          this,
        );
      }
      if (side instanceof Tier && side._ownedBy(this) && !this.tierList.includes(side)) {
        throw new AksNetworkError(`tier ${side.name} is unknown`, 'add it with addTier first', this);
      }
    }
    for (const side of [flow.from, flow.to]) {
      if (side instanceof PolicyPeer && side.cidrBlock) {
        this.checkIpBlock(side.cidrBlock);
      }
    }
    this.flowList.push(flow);
    this.version++;
    if (flow.to instanceof FqdnPeer && flow.from instanceof Tier) this.addFqdnPolicy(flow.from);
    // the other side's namespace keeps its half of a cross-namespace flow between tiers
    const other = [flow.from, flow.to].find((s) => s instanceof Tier && !s._ownedBy(this)) as
      | Tier
      | undefined;
    if (other && flow.from instanceof Tier && flow.to instanceof Tier) {
      other._owner()._acceptForeignFlow(flow);
    }
  }

  /**
   * @internal a flow between one of this instance's tiers and a tier of another namespace, declared
   * on the other side: this namespace renders its half of it.
   */
  public _acceptForeignFlow(flow: Flow): void {
    this.flowList.push(flow);
    this.version++;
  }

  /** The tier's CiliumNetworkPolicy `<tier>-fqdn-egress`, made with its first FQDN flow. */
  private addFqdnPolicy(tier: Tier): void {
    if (this.fqdnTiers.has(tier)) return;
    this.fqdnTiers.add(tier);
    const name = `${tier.name}-fqdn-egress`;
    const policy = () => fqdnEgressPolicy(name, tier, this.flowList);
    const { apiVersion, kind, metadata } = policy();
    new ApiObject(this, `FqdnEgress-${tier.name}`, {
      apiVersion,
      kind,
      metadata,
      spec: Lazy.any({ produce: () => policy().spec }),
    });
  }

  private checkIpBlock(cidr: string): void {
    const block = Cidr.parse(cidr, this);
    if (this.nodeRanges.has(block.toString())) return;
    const hit = this.clusterRanges.find((r) => r.overlaps(block));
    if (hit && !this.policyEngine.ipBlockMatchesPods) {
      throw new AksNetworkError(
        `ipBlock ${cidr} overlaps cluster range ${hit}, but on ${this.policyEngine.name} an ipBlock never matches pod or node IPs`,
        'select pods with tiers or PolicyPeer.pods/podsInNamespace instead',
        this,
      );
    }
    if (hit) {
      warn(
        this,
        `ipBlock ${cidr} overlaps cluster range ${hit}; pod IPs change, select pods by labels instead`,
      );
    }
  }

  private policy(id: string, name: string, spec: () => unknown): void {
    kube.networkPolicy(this, id, {
      metadata: { name, namespace: this.namespace },
      spec: Lazy.any({ produce: spec }),
    });
  }

  private validate(): string[] {
    const errors: string[] = [];
    const beside = renderedOnce(() => workloadsBeside(this));
    for (const { ingress } of this.routed) {
      for (const backend of ingress.routedBackends().filter((b) => b.namespace === this.namespace)) {
        const tier = this.tierFor(backend, beside);
        const admitted = this.flowList.some(
          (f) =>
            f.to === tier &&
            f.ports.some((p) =>
              backend.containerPortName
                ? p.name === backend.containerPortName
                : p.portNumber === backend.containerPort,
            ),
        );
        if (!admitted) {
          errors.push(
            `the ingress routes to ${backend.serviceName} but no policy admits the controller there; call allowIngress after adding the route`,
          );
        }
      }
    }
    for (const { gateway, tier } of this.gateways) {
      for (const backend of gateway.routedBackends()) {
        const reached = this.flowList.some(
          (f) =>
            f.from === tier &&
            f.to instanceof PolicyPeer &&
            f.to.peerName === PolicyPeer.podsInNamespace(backend.namespace, backend.podLabels).peerName &&
            f.ports.some((p) =>
              backend.containerPortName
                ? p.name === backend.containerPortName
                : p.portNumber === backend.containerPort,
            ),
        );
        if (!reached) {
          errors.push(
            `gateway ${gateway.name} routes to ${backend.namespace}/${backend.serviceName} but no policy lets its proxies reach it; call allowGatewayTraffic after adding the routes`,
          );
        }
      }
    }
    if (errors.length > 0) return errors;
    return this._evaluation().differences.map(
      (d) => `${d}; the generated policies do not match the declared flows`,
    );
  }

  /**
   * @internal the evaluation of the generated policies. Validation (possibly several times) and the
   * connectivity report both use it: computed once per change, not per call.
   */
  public _evaluation(): NamespaceEvaluation {
    return this._evaluated().evaluation;
  }

  /** @internal the description and its evaluation, computed once per change (the policies render once) */
  public _evaluated(): { description: NamespaceDescription; evaluation: NamespaceEvaluation } {
    if (this.evaluated?.version !== this.version) {
      const description = this._describe();
      this.evaluated = { version: this.version, description, evaluation: evaluateNamespace(description) };
    }
    return { description: this.evaluated.description, evaluation: this.evaluated.evaluation };
  }

  /** @internal the namespace as plain values: tiers, flows, admitted controllers, generated policies */
  public _describe(): NamespaceDescription {
    return {
      namespace: this.namespace,
      engine: { name: this.policyEngine.name, ipBlockMatchesPods: this.policyEngine.ipBlockMatchesPods },
      tiers: this.tierList.map(describeTier),
      flows: this.flowList.map((f) => describeFlow(f, this.namespace)),
      controllers: this.routed.map(({ controller }) => ({
        namespace: controller.namespace,
        labels: { ...controller.podLabels },
        name: controller.displayName,
      })),
      policies: this.objectsOf('NetworkPolicy') as NetworkPolicyJson[],
      ciliumPolicies: this.objectsOf('CiliumNetworkPolicy') as CiliumNetworkPolicyJson[],
      nodeLocalDns: this.localDnsMayBeOn,
    };
  }

  private objectsOf(kind: string): unknown[] {
    return this.node
      .findAll()
      .filter((c): c is ApiObject => c instanceof ApiObject && c.kind === kind)
      .map((o) => o.toJson());
  }
}

/** `policyEngine`, or its deprecated alias `engine`: one of them, and the same value if both. */
function policyEngineOf(scope: IConstruct, props: TieredNetworkPoliciesProps): PolicyEngine {
  const accepted = "the cluster's policyEngine (or PolicyEngine.CILIUM, CALICO, AZURE_NPM)";
  checkInstance(scope, 'policyEngine', props?.policyEngine, PolicyEngine, accepted);
  checkInstance(scope, 'engine', props?.engine, PolicyEngine, accepted);
  const engine = props.policyEngine ?? props.engine;
  if (engine === undefined) {
    throw new AksNetworkError(
      'policyEngine is not given',
      "pass the cluster's engine: policyEngine: cluster.policyEngine",
      scope,
    );
  }
  if (props.policyEngine && props.engine && props.policyEngine !== props.engine) {
    throw new AksNetworkError(
      `policyEngine ${props.policyEngine.name} and its deprecated alias engine ${props.engine.name} differ`,
      'give policyEngine only',
      scope,
    );
  }
  return engine;
}

/**
 * The chart's namespace, when it has one, is where its workloads go: policies for another
 * namespace would leave them unselected, which the rule pack would report once per workload.
 */
function checkChartNamespace(scope: IConstruct, namespace: string): void {
  const chart = [...scope.node.scopes].reverse().find((s) => Chart.isChart(s)) as Chart | undefined;
  const chartNamespace = chart?.namespace;
  if (chart && chartNamespace !== undefined && chartNamespace !== namespace) {
    throw new AksNetworkError(
      `namespace '${namespace}' differs from the namespace '${chartNamespace}' of its chart ${chart.node.path}, so the chart's workloads in ${chartNamespace} would get no policies`,
      `use namespace: '${chartNamespace}', or create the policies in a chart of namespace ${namespace} (or one without a namespace)`,
      scope,
    );
  }
}

/** The workloads beside the policies, rendered on first use and only once per call that needs them. */
function renderedOnce(render: () => Workload[]): () => Workload[] {
  let workloads: Workload[] | undefined;
  return () => (workloads ??= render());
}

function sameLabels(a: { [key: string]: string }, b: { [key: string]: string }): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function describeTier(tier: Tier) {
  return {
    name: tier.name,
    namespace: tier.namespace,
    labels: { ...tier.podLabels },
    namedPorts: { ...tier.namedPorts },
    external: tier.external,
  };
}

function describeSide(side: IPolicyPeer, namespace: string): FlowSide {
  if (side instanceof Tier) return { tier: describeTier(side) };
  if (side instanceof FqdnPeer) return { peerName: side.peerName, fqdns: [...side.fqdns] };
  return { peerName: side.peerName, peer: side._peer(namespace) };
}

function describeFlow(flow: Flow, namespace: string): FlowDescription {
  return {
    from: describeSide(flow.from, namespace),
    to: describeSide(flow.to, namespace),
    ports: flow.ports.map((p) => ({
      protocol: p.protocol,
      port: p.portNumber,
      endPort: p.endPort,
      name: p.name,
    })),
  };
}
