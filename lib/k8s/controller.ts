/**
 * Where an ingress controller's pods run and which ports they listen on, so that
 * NetworkPolicies can admit exactly those pods.
 */
export interface IngressControllerProps {
  /** Namespace of the controller pods (selected by `kubernetes.io/metadata.name`). */
  readonly namespace: string;
  /** Labels every controller pod carries. */
  readonly podLabels: { [key: string]: string };
  /** The IngressClass the controller serves. */
  readonly ingressClassName: string;
  /**
   * Container ports the controller listens on for client traffic.
   * @default [80, 443]
   */
  readonly ports?: number[];
  /**
   * How messages and the connectivity report name the controller's pods.
   * @default 'ingress controller (<namespace>)'
   */
  readonly displayName?: string;
}

/** Default client ports of an NGINX controller. */
export const DEFAULT_CONTROLLER_PORTS = [80, 443];

/**
 * An ingress controller description (namespace + pod labels + ports), with presets.
 */
export class IngressController {
  /**
   * The AKS application routing add-on. The labels select every NGINX controller the operator
   * runs (the default one and each `NginxIngressController`), not only the default `app: nginx`.
   *
   * @param ingressClassName the class to serve; the default controller's class unless given
   * @see https://learn.microsoft.com/azure/aks/app-routing
   */
  public static appRouting(ingressClassName?: string): IngressController {
    return new IngressController(
      {
        namespace: 'app-routing-system',
        podLabels: {
          'app.kubernetes.io/component': 'ingress-controller',
          'app.kubernetes.io/managed-by': 'aks-app-routing-operator',
        },
        ingressClassName: ingressClassName ?? 'webapprouting.kubernetes.azure.com',
      },
      false,
    );
  }

  /**
   * The upstream ingress-nginx Helm chart.
   * @param namespace where the chart was installed
   * @see https://kubernetes.github.io/ingress-nginx/
   */
  public static ingressNginx(namespace?: string): IngressController {
    return new IngressController({
      namespace: namespace ?? 'ingress-nginx',
      podLabels: {
        'app.kubernetes.io/name': 'ingress-nginx',
        'app.kubernetes.io/component': 'controller',
      },
      ingressClassName: 'nginx',
    });
  }

  /** Any other controller. */
  public static custom(props: IngressControllerProps): IngressController {
    return new IngressController(props);
  }

  public readonly namespace: string;
  public readonly podLabels: { [key: string]: string };
  public readonly ingressClassName: string;
  public readonly ports: number[];
  /** How messages and the connectivity report name the controller's pods. */
  public readonly displayName: string;

  /**
   * @internal whether the controller runs outside the cluster's add-ons and these manifests (the
   * ingress-nginx chart, a custom one): its class is taken as served
   */
  public readonly _installedElsewhere: boolean;

  private constructor(props: IngressControllerProps, installedElsewhere = true) {
    this._installedElsewhere = installedElsewhere;
    this.namespace = props.namespace;
    this.podLabels = { ...props.podLabels };
    this.ingressClassName = props.ingressClassName;
    this.ports = [...(props.ports ?? DEFAULT_CONTROLLER_PORTS)];
    this.displayName = props.displayName ?? `ingress controller (${props.namespace})`;
  }

  /** The same controller serving another IngressClass (e.g. a custom `NginxIngressController`). */
  public withIngressClass(ingressClassName: string): IngressController {
    return new IngressController(
      {
        namespace: this.namespace,
        podLabels: this.podLabels,
        ingressClassName,
        ports: this.ports,
        displayName: this.displayName,
      },
      this._installedElsewhere,
    );
  }
}

/**
 * A backend an Ingress routes to, resolved down to the pods: what a NetworkPolicy must admit
 * from the ingress controller. ingress-nginx proxies to endpoint IP:port, so the port is the
 * container port behind the Service port.
 */
export interface RoutedBackend {
  /** Namespace of the Service and its pods. */
  readonly namespace: string;
  /** The Service name. */
  readonly serviceName: string;
  /** The Service's pod selector. */
  readonly podLabels: { [key: string]: string };
  /** The container port number, when the Service targets a number. */
  readonly containerPort?: number;
  /** The container port name, when the Service targets a named port. */
  readonly containerPortName?: string;
}

/** Something that routes traffic from an ingress controller to backends (implemented by `AppIngress`). */
export interface IRoutedIngress {
  /** The controller that serves it. */
  readonly controller: IngressController;
  /** Every backend it routes to (rules and default backend), deduplicated. */
  routedBackends(): RoutedBackend[];
}

/**
 * A Gateway's proxy pods as the policies of their namespace need them (implemented by
 * `IngressGateway`): who they are, where clients connect, and every backend routed through them.
 */
export interface IGatewayProxies {
  /** The proxy pods (the Gateway's namespace and its `gateway.networking.k8s.io/gateway-name` label). */
  readonly proxies: IngressController;
  /** The Gateway name. */
  readonly name: string;
  /** Container ports the proxies listen on for clients (the listener ports). */
  readonly listenerPorts: number[];
  /** Every backend of every route attached to the Gateway, deduplicated. */
  routedBackends(): RoutedBackend[];
}
