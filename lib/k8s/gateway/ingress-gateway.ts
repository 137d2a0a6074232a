import { ApiObject, Chart, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { GATEWAY_NAME_LABEL, GatewayApiBundle, GatewayClass } from './gateway-class';
import { GatewayListener, HTTP_PORT, ListenerProtocol, WorkloadIdentityClientId } from './listener';
import { attachedRoutes } from './private/attached';
import {
  GatewayRender,
  renderGatewaySpec,
  renderRedirectRouteSpec,
  REDIRECT_LISTENER,
} from './private/render-gateway';
import { AksNetworkError } from '../../core/errors';
import { checkInstance, checkString } from '../../core/inputs';
import { kube } from '../../core/kube';
import { isDnsLabel, isDnsSubdomain } from '../../core/naming';
import { isPrivateOrShared } from '../../plan/address-plan';
import { Cidr } from '../../plan/cidr';
import { parseIpv4 } from '../../plan/ipv4';
import { GATEWAY_API_GROUP } from '../../verify/gateway-api';
import { IGatewayProxies, IngressController, RoutedBackend } from '../controller';
import { AzureLoadBalancerAnnotations } from '../services/azure-lb';
import { checkedTree } from '../private/checks';
import { recordFact } from '../../verify/construct-data';

/** Properties of an `IngressGateway`. */
export interface IngressGatewayProps {
  /**
   * The Gateway name (also the `gateway.networking.k8s.io/gateway-name` label of its proxy pods).
   * @default - derived from the construct id
   */
  readonly name?: string;
  /**
   * The namespace the Gateway and its proxies run in (a platform namespace serving app namespaces).
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * The implementation.
   * @default GatewayClass.APP_ROUTING_ISTIO
   */
  readonly gatewayClass?: GatewayClass;
  /**
   * The Gateway API bundle the cluster runs — manifests use only what it has.
   * @default GatewayApiBundle.V1_2_1 — what every supported AKS cluster has
   */
  readonly apiBundle?: GatewayApiBundle;
  /** The static private IP of its internal load balancer, planned at synth time (the firewall DNAT target). */
  readonly privateIp: string;
  /** Name of the subnet (in the cluster VNet) the load balancer IP comes from. */
  readonly subnetName: string;
  /**
   * The CIDR of that subnet (e.g. `network.ingressSubnet.cidr`): the IP must lie inside it and not on
   * one of the five addresses Azure reserves in every subnet.
   * @default - not checked
   */
  readonly subnetCidr?: string;
  /** What it listens for: HTTPS per host name (and plain HTTP only where asked). */
  readonly listeners: GatewayListener[];
  /**
   * Answer plain HTTP on port 80 with a redirect to HTTPS (a listener and a route of its own).
   * @default true
   */
  readonly redirectHttpToHttps?: boolean;
  /**
   * Name of the ServiceAccount Key Vault listeners use (created in the Gateway's namespace). The
   * cluster's Key Vault identity federates with it (`ClusterIngress.gatewayApi({ keyVault })`,
   * whose default is the same name).
   * @default DEFAULT_GATEWAY_TLS_SERVICE_ACCOUNT ('gateway-keyvault')
   */
  readonly keyVaultServiceAccountName?: string;
}

/** The default ServiceAccount of Key Vault listeners: the one the cluster's Key Vault identity federates with by default. */
export const DEFAULT_GATEWAY_TLS_SERVICE_ACCOUNT = 'gateway-keyvault';

/** Label that opts a ServiceAccount into Azure workload identity. */
const WORKLOAD_IDENTITY_USE = 'azure.workload.identity/use';
const WORKLOAD_IDENTITY_CLIENT_ID = 'azure.workload.identity/client-id';

/**
 * A Gateway API `Gateway` on an internal Azure load balancer at a planned private IP, served by the
 * AKS application routing add-on (`approuting-istio`) by default: the supported successor of the
 * internal NGINX controller. App namespaces attach `GatewayRoutes` to it; its listeners admit exactly
 * the namespaces whose routes use them.
 *
 * The load balancer keeps the add-on's `externalTrafficPolicy: Cluster`: its health-probe
 * annotations assume it, and nothing in `infrastructure.annotations` can unset them. So clients
 * arrive from the firewall subnet and from nodes that forward; `TieredNetworkPolicies.allowGatewayTraffic`
 * admits both.
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
 */
export class IngressGateway extends Construct implements IGatewayProxies {
  /** The Gateway name. */
  public readonly name: string;
  /** Its namespace. */
  public readonly namespace: string;
  /** Its implementation. */
  public readonly gatewayClass: GatewayClass;
  /** The bundle it renders for. */
  public readonly apiBundle: GatewayApiBundle;
  /** The private IP of its load balancer. */
  public readonly privateIp: string;
  /** The listeners declared (without the HTTPS redirect). */
  public readonly listeners: GatewayListener[];
  /** The proxy pods, for policies. */
  public readonly proxies: IngressController;
  /** Container ports of the proxies that clients reach (Istio binds the listener ports themselves). */
  public readonly listenerPorts: number[];
  /** The ServiceAccount of its Key Vault listeners, undefined without Key Vault listeners. */
  public readonly keyVaultServiceAccountName?: string;
  /** Whether port 80 redirects to HTTPS. */
  public readonly redirectsHttpToHttps: boolean;

  constructor(scope: Construct, id: string, props: IngressGatewayProps) {
    super(scope, id);
    checkedTree(this);
    checkString(this, 'privateIp', props?.privateIp);
    checkString(this, 'subnetName', props?.subnetName);
    checkInstance(
      this,
      'gatewayClass',
      props.gatewayClass,
      GatewayClass,
      'GatewayClass.APP_ROUTING_ISTIO or GatewayClass.ISTIO',
    );
    checkInstance(
      this,
      'apiBundle',
      props.apiBundle,
      GatewayApiBundle,
      'GatewayApiBundle.V1_2_1 (or a newer bundle)',
    );
    (props.listeners ?? []).forEach((l, i) =>
      checkInstance(
        this,
        `listeners[${i}]`,
        l,
        GatewayListener,
        'GatewayListener.https(...) or GatewayListener.http(...)',
      ),
    );
    this.name = props.name ?? Names.toDnsLabel(this);
    const namespace = props.namespace ?? Chart.of(this).namespace;
    if (namespace === undefined) {
      throw new AksNetworkError(
        'the Gateway has no namespace',
        'give namespace, or put it in a chart with a namespace',
        this,
      );
    }
    this.namespace = namespace;
    this.gatewayClass = props.gatewayClass ?? GatewayClass.APP_ROUTING_ISTIO;
    this.apiBundle = props.apiBundle ?? GatewayApiBundle.V1_2_1;
    this.privateIp = props.privateIp;
    recordFact(this, { kind: 'ingress-endpoint', privateIp: props.privateIp });
    this.listeners = [...(props.listeners ?? [])];
    this.redirectsHttpToHttps = props.redirectHttpToHttps ?? true;
    this.checkNames(props.subnetName);
    if (props.subnetCidr !== undefined) this.checkInSubnet(props.subnetName, props.subnetCidr);
    this.checkListeners();
    const ports = [...this.listeners.map((l) => l.port), ...(this.redirectsHttpToHttps ? [HTTP_PORT] : [])];
    this.listenerPorts = [...new Set(ports)].sort((a, b) => a - b);
    this.proxies = IngressController.custom({
      namespace: this.namespace,
      podLabels: { [GATEWAY_NAME_LABEL]: this.name },
      ingressClassName: this.gatewayClass.name,
      ports: this.listenerPorts,
      displayName: `gateway ${this.name} (${this.namespace})`,
    });
    const clientId = this.keyVaultClientId();
    if (clientId) {
      this.keyVaultServiceAccountName =
        props.keyVaultServiceAccountName ?? DEFAULT_GATEWAY_TLS_SERVICE_ACCOUNT;
      if (!isDnsSubdomain(this.keyVaultServiceAccountName)) {
        throw new AksNetworkError(
          `keyVaultServiceAccountName '${this.keyVaultServiceAccountName}' is not a DNS subdomain`,
          'use lower-case letters, digits, - and .',
          this,
        );
      }
      kube.serviceAccount(this, 'TlsServiceAccount', {
        metadata: {
          name: this.keyVaultServiceAccountName,
          namespace: this.namespace,
          labels: { [WORKLOAD_IDENTITY_USE]: 'true' },
          annotations: { [WORKLOAD_IDENTITY_CLIENT_ID]: clientId.value },
        },
      });
    }
    const lb = AzureLoadBalancerAnnotations.internalLoadBalancer({
      ip: props.privateIp,
      subnetName: props.subnetName,
    });
    const render: GatewayRender = {
      gatewayClassName: this.gatewayClass.name,
      loadBalancerAnnotations: lb.render(),
      listeners: this.listeners,
      redirect: this.redirectsHttpToHttps,
      keyVaultServiceAccount: this.keyVaultServiceAccountName,
    };
    new ApiObject(this, 'Resource', {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'Gateway',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => renderGatewaySpec(render, this.namespacesByListener()) }),
    });
    if (this.redirectsHttpToHttps) {
      new ApiObject(this, 'HttpsRedirect', {
        apiVersion: `${GATEWAY_API_GROUP}/v1`,
        kind: 'HTTPRoute',
        metadata: { name: `${this.name}-https-redirect`, namespace: this.namespace },
        spec: renderRedirectRouteSpec(this.name, this.namespace, this.apiBundle),
      });
    }
    this.node.addValidation({ validate: () => this.validateRoutes() });
  }

  /** Every backend of every route attached to this Gateway, deduplicated. */
  public routedBackends(): RoutedBackend[] {
    const seen = new Map<string, RoutedBackend>();
    for (const routes of attachedRoutes(this)) {
      for (const b of routes.routedBackends()) {
        seen.set(`${b.namespace}/${b.serviceName}:${b.containerPort ?? b.containerPortName}`, b);
      }
    }
    return [...seen.values()];
  }

  /** @internal the declared listeners that serve `host` */
  public _listenersFor(host: string): GatewayListener[] {
    return this.listeners.filter((l) => l.covers(host));
  }

  private namespacesByListener(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const routes of attachedRoutes(this)) {
      for (const listener of routes._listenerNames()) {
        out.set(listener, [...new Set([...(out.get(listener) ?? []), routes.namespace])].sort());
      }
    }
    return out;
  }

  private checkNames(subnetName: string): void {
    if (!isDnsLabel(this.name)) {
      throw new AksNetworkError(
        `name '${this.name}' is not a DNS label`,
        'use at most 63 lower-case letters, digits and -',
        this,
      );
    }
    // the proxies' Deployment and Service are named <gateway>-<class>, a DNS label too
    if (this.gatewayClass.proxyName(this.name).length > 63) {
      throw new AksNetworkError(
        `name '${this.name}' makes the proxy name ${this.gatewayClass.proxyName(this.name)} longer than 63 characters`,
        `shorten the name to at most ${62 - this.gatewayClass.name.length} characters`,
        this,
      );
    }
    if (!isDnsLabel(this.namespace)) {
      throw new AksNetworkError(
        `namespace '${this.namespace}' is not a DNS label`,
        'use at most 63 lower-case letters, digits and -',
        this,
      );
    }
    if (parseIpv4(this.privateIp) === undefined) {
      throw new AksNetworkError(
        `privateIp '${this.privateIp}' is not an IPv4 address`,
        'pass the planned ingress IP, e.g. 10.240.4.14',
        this,
      );
    }
    if (!isPrivateOrShared(Cidr.parse(`${this.privateIp}/32`))) {
      throw new AksNetworkError(
        `privateIp ${this.privateIp} is not a private address, and the Gateway's load balancer is internal`,
        'pass the planned address in the ingress subnet (egress.ingressEndpoint().privateIp)',
        this,
      );
    }
    if (!/^[a-zA-Z0-9]([\w\-.]*\w)?$/.test(subnetName)) {
      throw new AksNetworkError(
        `subnetName '${subnetName}' is not an Azure subnet name`,
        'give the subnet name, not its id',
        this,
      );
    }
  }

  private checkInSubnet(subnetName: string, subnetCidr: string): void {
    const subnet = Cidr.parse(subnetCidr, this);
    if (!subnet.containsAddress(this.privateIp)) {
      throw new AksNetworkError(
        `privateIp ${this.privateIp} is outside subnet ${subnetName} (${subnet})`,
        'pass an address of the ingress subnet (egress.ingressEndpoint().privateIp)',
        this,
      );
    }
    // Azure reserves the network address, the next three (gateway, DNS) and the broadcast address
    const reserved = [0, 1, 2, 3, subnet.size - 1].map((n) => subnet.nthAddress(n));
    if (reserved.includes(this.privateIp)) {
      throw new AksNetworkError(
        `privateIp ${this.privateIp} is one of the addresses Azure reserves in ${subnet} (${reserved.join(', ')})`,
        `pick a free address from ${subnet.nthAddress(4)} on`,
        this,
      );
    }
  }

  private checkListeners(): void {
    if (this.listeners.length === 0) {
      throw new AksNetworkError(
        'the Gateway has no listeners',
        'add GatewayListener.https({ hostname, certificate })',
        this,
      );
    }
    const names = this.listeners.map((l) => l.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) {
      throw new AksNetworkError(
        `listener ${twice} is declared twice`,
        'declare each protocol and host name once',
        this,
      );
    }
    for (const l of this.listeners) {
      if (this.redirectsHttpToHttps && l.port === HTTP_PORT && l.protocol === ListenerProtocol.HTTPS) {
        throw new AksNetworkError(
          `HTTPS listener ${l.name} uses port ${HTTP_PORT}, where the Gateway redirects HTTP to HTTPS`,
          'serve HTTPS on 443, or set redirectHttpToHttps: false',
          this,
        );
      }
      if (
        l.protocol === ListenerProtocol.HTTPS &&
        this.listeners.some((o) => o.protocol === ListenerProtocol.HTTP && o.port === l.port)
      ) {
        throw new AksNetworkError(
          `port ${l.port} serves both HTTP and HTTPS`,
          'give HTTP and HTTPS their own ports',
          this,
        );
      }
    }
    if (
      this.redirectsHttpToHttps &&
      this.listeners.some((l) => l.protocol === ListenerProtocol.HTTP && l.name === REDIRECT_LISTENER)
    ) {
      throw new AksNetworkError(
        `listener name ${REDIRECT_LISTENER} is the redirect's`,
        'choose another host name',
        this,
      );
    }
  }

  private keyVaultClientId(): WorkloadIdentityClientId | undefined {
    const ids = this.listeners.flatMap((l) => (l.certificate?.clientId ? [l.certificate.clientId] : []));
    const distinct = [...new Set(ids.map((i) => i.value))];
    if (distinct.length > 1) {
      throw new AksNetworkError(
        `Key Vault listeners use ${distinct.length} identities (${distinct.join(', ')}), but a Gateway has one ServiceAccount for them`,
        'give every Key Vault listener of this Gateway the same client id (one identity with Key Vault Secrets User on each vault)',
        this,
      );
    }
    return ids[0];
  }

  private validateRoutes(): string[] {
    const errors: string[] = [];
    const sets = attachedRoutes(this);
    const used = new Set(sets.flatMap((s) => s._listenerNames()));
    for (const l of this.listeners.filter((x) => !used.has(x.name))) {
      errors.push(
        `listener ${l.name} (${l.protocol} ${l.hostname}:${l.port}) serves no route; route ${l.hostname} with GatewayRoutes, or remove the listener`,
      );
    }
    const seen = new Map<string, string>();
    for (const set of sets) {
      for (const key of set._matchKeys()) {
        const other = seen.get(key);
        if (other !== undefined && other !== set.node.path) {
          errors.push(
            `route ${key} is declared by both ${other} and ${set.node.path}; route each host and match once`,
          );
        }
        seen.set(key, set.node.path);
      }
    }
    return errors;
  }
}
