// Checks across the two construct trees: what the Azure side and the Kubernetes side of one
// deployment must agree on. Pure: plain facts and manifests in, problems out.
import { GATEWAY_API_GROUP, gatewayApiBundleProblems } from './gateway-api';
import { CiliumNetworkPolicyJson, CiliumPortRuleJson } from './policy/cilium';
import { firewallFqdnCovers, isFqdnPattern, normalizeFqdn } from './policy/fqdn';

/** A construct as messages name it. */
export interface ConstructRef {
  /** Its kind, e.g. `InternalNginxController`. */
  readonly kind: string;
  /** Its path, e.g. `platform/Nginx`. */
  readonly path: string;
}

/** What the checks need of the cluster and its egress path. */
export interface ClusterFacts extends ConstructRef {
  /** The cluster's policy engine (`network_policy` value, `none` without one). */
  readonly policyEngine: string;
  /** The app routing default NGINX controller mode, if the add-on is on. */
  readonly appRoutingControllerMode?: string;
  /**
   * The egress firewall the cluster sends through, with the addresses its DNAT rules translate to
   * and the rules it allows (unknown for an egress path that does not list them).
   */
  readonly egress?: ConstructRef & {
    readonly dnatTargets: string[];
    readonly allowedRules?: FirewallRuleFacts[];
  };
  /** The GatewayClasses the cluster provides (`approuting-istio`, `istio`), none without Gateway API. */
  readonly gatewayClasses: string[];
  /** The Gateway API bundle the cluster runs (e.g. `v1.2.1`), when managed Gateway API is on. */
  readonly gatewayApiBundle?: string;
  /** The IngressClasses the cluster's add-ons provide (the app routing NGINX class, when NGINX is on). */
  readonly ingressClasses: string[];
  /** Whether the Key Vault secrets provider add-on is on (Key Vault certificates need it). */
  readonly keyVaultSecretsProvider: boolean;
  /** Whether the OIDC issuer and workload identity are on (Key Vault listeners need them). */
  readonly workloadIdentity: boolean;
  /**
   * The ServiceAccount the cluster's Gateway Key Vault identity federates with, when it has one:
   * Key Vault listeners must name exactly it.
   */
  readonly keyVaultServiceAccount?: { readonly namespace: string; readonly name: string };
}

/** One allow rule of the egress firewall. */
export interface FirewallRuleFacts {
  readonly name: string;
  /** `application` or `network`. */
  readonly kind: string;
  /** `Http`, `Https`, `Mssql` (application rules) — `TCP`, `UDP`, `Any` (network rules). */
  readonly protocol: string;
  readonly ports: number[];
  /** Destination FQDNs (wildcards only in application rules). */
  readonly fqdns: string[];
  /** Destination addresses, CIDRs or service tags (network rules — `*` for any). */
  readonly addresses: string[];
}

/** An ingress controller or gateway on an internal load balancer at a planned IP. */
export interface IngressEndpointFacts extends ConstructRef {
  readonly privateIp: string;
}

/** NetworkPolicies generated for an engine. */
export interface PolicyFacts extends ConstructRef {
  readonly engine: string;
}

/** A rendered manifest with the construct that produced it. */
export interface ManifestFacts extends ConstructRef {
  readonly body: unknown;
}

/** Everything the cross-layer checks of one cluster and its manifests look at. */
export interface CrossLayerInput {
  readonly cluster: ClusterFacts;
  readonly ingressEndpoints: IngressEndpointFacts[];
  readonly policies: PolicyFacts[];
  readonly manifests: ManifestFacts[];
  /** IngressClasses of controllers installed outside these manifests, as the user declared them. */
  readonly externalIngressClasses?: string[];
}

const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const PUBLIC_CONTROLLER_MODES = ['AnnotationControlled', 'External'];

interface ManifestObject {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly annotations?: Record<string, string> };
  readonly spec?: {
    readonly type?: string;
    readonly loadBalancerAnnotations?: Record<string, string>;
    readonly infrastructure?: { readonly annotations?: Record<string, string> };
  };
}

const named = (c: ConstructRef): string => `${c.kind} ${c.path}`;

/**
 * The DNAT rules reach the internal load balancer of an ingress endpoint, the policies were
 * generated for the cluster's engine, and no public load balancer sits behind the egress firewall.
 * Each problem starts with the construct to change.
 */
export function crossLayerProblems(input: CrossLayerInput): string[] {
  const { cluster, ingressEndpoints } = input;
  const problems: string[] = [];
  const egress = cluster.egress;
  if (egress && ingressEndpoints.length > 0) {
    const listening = new Set(ingressEndpoints.map((e) => e.privateIp));
    for (const target of egress.dnatTargets.filter((t) => !listening.has(t))) {
      problems.push(
        `${named(egress)}: DNAT translates to ${target}, but ${ingressEndpoints.map((e) => `${named(e)} listens at ${e.privateIp}`).join(', ')}; use egress.ingressEndpoint().privateIp for both`,
      );
    }
    if (egress.dnatTargets.length === 0) {
      for (const endpoint of ingressEndpoints) {
        problems.push(
          `${named(endpoint)}: no DNAT rule of ${named(egress)} reaches its internal load balancer at ${endpoint.privateIp}; add egress.addDnat(...)`,
        );
      }
    }
  }
  for (const policies of input.policies.filter((p) => p.engine !== cluster.policyEngine)) {
    problems.push(
      `${named(policies)}: the NetworkPolicies were generated for engine ${policies.engine} but ${named(cluster)} runs ${cluster.policyEngine}; pass cluster.policyEngine`,
    );
  }
  problems.push(...ingressClassProblems(input), ...keyVaultTlsProblems(input));
  if (egress) {
    const mode = cluster.appRoutingControllerMode;
    if (mode !== undefined && PUBLIC_CONTROLLER_MODES.includes(mode)) {
      problems.push(
        `${named(cluster)}: the app routing default controller (${mode}) gets a public load balancer behind ${named(egress)}; use NginxControllerMode.NONE or INTERNAL`,
      );
    }
    for (const manifest of input.manifests) {
      const obj = manifest.body as ManifestObject;
      if (isPublicLoadBalancer(obj)) {
        problems.push(
          `${named(manifest)}: its ${obj.kind} (${obj.metadata?.name}) gets a public load balancer behind ${named(egress)} (asymmetric routing drops its replies); make it internal and DNAT to it`,
        );
      }
    }
  }
  problems.push(...gatewayProblems(cluster, input.manifests));
  return problems;
}

const KEY_VAULT_URI_OPTION = 'kubernetes.azure.com/tls-cert-keyvault-uri';

const KEY_VAULT_SERVICE_ACCOUNT_OPTION = 'kubernetes.azure.com/tls-cert-service-account';

interface GatewayObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: {
    readonly gatewayClassName?: string;
    readonly listeners?: ReadonlyArray<{
      readonly name?: string;
      readonly tls?: { readonly options?: Record<string, string> };
    }>;
  };
}

/**
 * Gateway API objects against what the cluster offers: a GatewayClass it provides, Key Vault
 * listeners only with the Key Vault secrets provider and workload identity, and no kind or field
 * newer than the Gateway API bundle it runs.
 */
function gatewayProblems(cluster: ClusterFacts, manifests: ManifestFacts[]): string[] {
  const problems: string[] = [];
  for (const manifest of manifests) {
    const obj = manifest.body as GatewayObject;
    if (!obj?.apiVersion?.startsWith(`${GATEWAY_API_GROUP}/`)) continue;
    const what = `${named(manifest)}: ${obj.kind} ${obj.metadata?.name}`;
    if (cluster.gatewayApiBundle === undefined) {
      problems.push(
        `${what} needs the managed Gateway API, which ${named(cluster)} does not install; choose a Gateway API ingress on the cluster`,
      );
      continue;
    }
    problems.push(
      ...gatewayApiBundleProblems(cluster.gatewayApiBundle, obj).map(
        (p) =>
          `${named(manifest)}: ${p}; render for the cluster's bundle (IngressGateway apiBundle) or drop the feature`,
      ),
    );
    if (obj.kind !== 'Gateway') continue;
    const gatewayClass = obj.spec?.gatewayClassName;
    if (gatewayClass !== undefined && !cluster.gatewayClasses.includes(gatewayClass)) {
      problems.push(
        `${what} uses GatewayClass ${gatewayClass}, but ${named(cluster)} provides ${cluster.gatewayClasses.join(', ') || 'none'}; choose a class the cluster enables`,
      );
    }
    const keyVault = (obj.spec?.listeners ?? []).filter(
      (l) => l.tls?.options?.[KEY_VAULT_URI_OPTION] !== undefined,
    );
    const missing = [
      cluster.keyVaultSecretsProvider ? undefined : 'the Key Vault secrets provider',
      cluster.workloadIdentity ? undefined : 'workload identity (and the OIDC issuer)',
    ].filter((m): m is string => m !== undefined);
    const federated = cluster.keyVaultServiceAccount;
    for (const l of keyVault) {
      const account = l.tls?.options?.[KEY_VAULT_SERVICE_ACCOUNT_OPTION];
      const namespace = obj.metadata?.namespace;
      if (federated && (account !== federated.name || namespace !== federated.namespace)) {
        problems.push(
          `${what} listener ${l.name} uses ServiceAccount ${namespace}/${account}, but the Key Vault identity of ${named(cluster)} federates with ${federated.namespace}/${federated.name}; give both the same namespace and name`,
        );
      }
    }
    if (keyVault.length > 0 && missing.length > 0) {
      problems.push(
        `${what} takes listener certificates from Key Vault (${keyVault.map((l) => l.name).join(', ')}), but ${named(cluster)} lacks ${missing.join(' and ')}; enable them on the cluster, or use ListenerCertificate.fromSecret`,
      );
    }
  }
  return problems;
}

/** A Service of type LoadBalancer, an NGINX controller or a Gateway without the internal annotation. */
function isPublicLoadBalancer(obj: ManifestObject): boolean {
  switch (obj.kind) {
    case 'Service':
      return obj.spec?.type === 'LoadBalancer' && obj.metadata?.annotations?.[INTERNAL] !== 'true';
    case 'NginxIngressController':
      return obj.spec?.loadBalancerAnnotations?.[INTERNAL] !== 'true';
    case 'Gateway':
      return obj.spec?.infrastructure?.annotations?.[INTERNAL] !== 'true';
    default:
      return false;
  }
}

/** What the firewall does with one name and port a pod policy allows by name. */
export enum FirewallVerdict {
  /** A rule of the firewall allows it. */
  ALLOWED = 'allowed',
  /** No rule allows it: the firewall drops it. */
  BLOCKED = 'blocked',
  /** The egress path does not list its rules: not compared. */
  UNKNOWN = 'unknown',
  /** The cluster has no egress firewall. */
  NO_FIREWALL = 'no firewall',
}

/** One name and port a CiliumNetworkPolicy allows by `toFQDNs`, with the firewall's verdict. */
export interface FqdnEgressFacts {
  /** The construct of the CiliumNetworkPolicy. */
  readonly manifest: ConstructRef;
  /** `namespace/name` of the CiliumNetworkPolicy. */
  readonly policy: string;
  /** The pods it selects, e.g. `app=orders`. */
  readonly pods: string;
  readonly fqdn: string;
  /** e.g. `TCP 1433`, `every port`. */
  readonly port: string;
  readonly verdict: FirewallVerdict;
  /** The firewall rule that allows it. */
  readonly rule?: string;
}

type PortRange = { protocol: string; from: number; to: number };

function rangesOf(toPorts: CiliumPortRuleJson[] | undefined): Array<PortRange | undefined> {
  if (!toPorts || toPorts.length === 0) return [undefined]; // every port
  return toPorts.flatMap((pr) =>
    (pr.ports ?? []).map((p) => ({
      protocol: p.protocol ?? 'ANY',
      from: Number(p.port),
      to: p.endPort ?? Number(p.port),
    })),
  );
}

const portText = (r: PortRange | undefined): string =>
  r === undefined ? 'every port' : `${r.protocol} ${r.from === r.to ? r.from : `${r.from}-${r.to}`}`;

/** The rule that allows `fqdn` on every port of `range`, if any. */
function coveringRule(
  rules: FirewallRuleFacts[],
  fqdn: string,
  range: PortRange,
): FirewallRuleFacts | undefined {
  const ports = Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
  return rules.find((r) => {
    if (!ports.every((p) => r.ports.includes(p))) return false;
    if (r.kind === 'application') {
      return range.protocol === 'TCP' && r.fqdns.some((f) => firewallFqdnCovers(f, fqdn));
    }
    const protocol = r.protocol.toUpperCase();
    if (protocol !== 'ANY' && (range.protocol === 'ANY' || protocol !== range.protocol)) return false;
    const byName = !isFqdnPattern(fqdn) && r.fqdns.some((f) => normalizeFqdn(f) === fqdn);
    return byName || r.addresses.includes('*');
  });
}

/**
 * Every name and port the cluster's CiliumNetworkPolicies allow by `toFQDNs`, with what the egress
 * firewall does with it: a pod reaches a name only when both allow it.
 */
export function fqdnEgressFacts(input: CrossLayerInput): FqdnEgressFacts[] {
  const egress = input.cluster.egress;
  const out: FqdnEgressFacts[] = [];
  for (const manifest of input.manifests) {
    const obj = manifest.body as CiliumNetworkPolicyJson;
    if (obj?.kind !== 'CiliumNetworkPolicy') continue;
    const policy = `${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name}`;
    const pods =
      Object.entries(obj.spec?.endpointSelector?.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || 'every pod';
    for (const rule of (obj.spec?.egress ?? []).filter((r) => r.toFQDNs)) {
      for (const selector of rule.toFQDNs ?? []) {
        const fqdn = normalizeFqdn(selector.matchName ?? selector.matchPattern ?? '');
        for (const range of rangesOf(rule.toPorts)) {
          const found =
            egress?.allowedRules && range ? coveringRule(egress.allowedRules, fqdn, range) : undefined;
          const verdict = !egress
            ? FirewallVerdict.NO_FIREWALL
            : !egress.allowedRules
              ? FirewallVerdict.UNKNOWN
              : found
                ? FirewallVerdict.ALLOWED
                : FirewallVerdict.BLOCKED;
          out.push({ manifest, policy, pods, fqdn, port: portText(range), verdict, rule: found?.name });
        }
      }
    }
  }
  return out;
}

/** The egress port factory that allows `port` (an application rule where one exists). */
function egressPortFor(port: string, fqdn: string): string {
  const [protocol, number] = port.split(' ');
  const application: Record<string, string> = { '443': 'https()', '80': 'http()', '1433': 'mssql()' };
  if (protocol !== 'UDP' && application[number]) return `EgressPort.${application[number]}`;
  const network = `EgressPort.${protocol === 'UDP' ? 'udp' : 'tcp'}(${number})`;
  return isFqdnPattern(fqdn) ? `${network} with the host names (network rules take no wildcards)` : network;
}

/**
 * Warnings, each starting with the construct to look at: a name a pod policy allows that the egress
 * firewall blocks (no application or network rule allows it on that port), so the pods cannot reach it.
 */
export function crossLayerWarnings(input: CrossLayerInput): string[] {
  const egress = input.cluster.egress;
  return fqdnEgressFacts(input)
    .filter((f) => f.verdict === FirewallVerdict.BLOCKED)
    .map(
      (f) =>
        `${named(f.manifest)}: CiliumNetworkPolicy ${f.policy} lets pods ${f.pods} reach ${f.fqdn} on ${f.port}, but no rule of ${named(egress!)} allows it there, so the firewall drops it; ${
          f.port === 'every port'
            ? 'give the FQDN peer its ports and allow each on the firewall'
            : `allow it: egress.allow(EgressTarget.fqdns('${f.fqdn}'), ${egressPortFor(f.port, f.fqdn)})`
        }`,
    );
}

const KEY_VAULT_CERTIFICATE = 'kubernetes.azure.com/tls-cert-keyvault-uri';
const LEGACY_INGRESS_CLASS = 'kubernetes.io/ingress.class';
/** The class of the app routing add-on's default NGINX controller. */
const APP_ROUTING_NGINX_CLASS = 'webapprouting.kubernetes.azure.com';
/** The class an `NginxIngressController` serves when it names none. */
const NGINX_CONTROLLER_DEFAULT_CLASS = 'nginx.approuting.kubernetes.azure.com';

interface IngressObject {
  readonly kind?: string;
  readonly metadata?: { readonly annotations?: Record<string, string> };
  readonly spec?: { readonly ingressClassName?: string };
}

const ingresses = (input: CrossLayerInput) =>
  input.manifests
    .map((m) => ({ manifest: m, obj: m.body as IngressObject }))
    .filter(({ obj }) => obj.kind === 'Ingress');

/**
 * Every Ingress names a class that something serves: the cluster's add-on, an
 * `NginxIngressController` of these manifests, or a controller the user declared as installed
 * outside them. An Ingress without a class (the cluster default) is not judged.
 */
export function ingressClassProblems(input: CrossLayerInput): string[] {
  const { cluster } = input;
  const controllers = input.manifests
    .map((m) => m.body as IngressObject)
    .filter((o) => o.kind === 'NginxIngressController')
    .map((o) => o.spec?.ingressClassName ?? NGINX_CONTROLLER_DEFAULT_CLASS);
  const served = new Set([
    ...cluster.ingressClasses,
    ...controllers,
    ...(input.externalIngressClasses ?? []),
  ]);
  return ingresses(input).flatMap(({ manifest, obj }) => {
    const cls = obj.spec?.ingressClassName ?? obj.metadata?.annotations?.[LEGACY_INGRESS_CLASS];
    if (cls === undefined || served.has(cls)) return [];
    const offered = [
      cluster.ingressClasses.length > 0
        ? `${named(cluster)} serves ${cluster.ingressClasses.join(', ')}`
        : `${named(cluster)} runs no ingress add-on class`,
      controllers.length > 0
        ? `the NginxIngressControllers serve ${controllers.join(', ')}`
        : 'no NginxIngressController is among the manifests',
    ];
    return [
      `${named(manifest)}: IngressClass ${cls} has no controller (${offered.join('; ')}); ${
        cls === APP_ROUTING_NGINX_CLASS
          ? `turn the add-on's NGINX on with ingress: ClusterIngress.nginx() on the cluster, or route through an InternalNginxController's controller`
          : `add an InternalNginxController with ingressClassName '${cls}'`
      }, or declare a controller installed elsewhere with IngressController.custom(...)`,
    ];
  });
}

/** An Ingress with a Key Vault certificate needs the cluster's Key Vault secrets provider add-on. */
export function keyVaultTlsProblems(input: CrossLayerInput): string[] {
  const { cluster } = input;
  if (cluster.keyVaultSecretsProvider) return [];
  return ingresses(input).flatMap(({ manifest, obj }) => {
    const uri = obj.metadata?.annotations?.[KEY_VAULT_CERTIFICATE];
    return uri === undefined
      ? []
      : [
          `${named(manifest)}: TLS from Key Vault (${uri}) needs the Key Vault secrets provider add-on, which ${named(cluster)} does not run; set keyVaultSecretsProviderEnabled: true on the cluster, or use IngressTls.fromSecret(...)`,
        ];
  });
}
