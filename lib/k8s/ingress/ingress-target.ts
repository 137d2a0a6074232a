import { IConstruct } from 'constructs';
import { Chart } from 'cdk8s';
import { AksNetworkError } from '../../core/errors';
import { RoutedBackend } from '../controller';
import { AppService } from '../services/app-service';
import { RenderedService, serviceOf } from './private/service-object';

/** A Service known only by name: give its pods so NetworkPolicies can admit the controller. */
export interface ServiceRefProps {
  /** Service name. */
  readonly name: string;
  /** Service port the Ingress targets. */
  readonly port: number;
  /**
   * The Service's pod selector.
   * @default - unknown: `routedBackends()` then refuses to derive a policy for it
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * The container port behind the Service port (its `targetPort`).
   * @default - the Service port
   */
  readonly containerPort?: number;
  /**
   * The named container port behind the Service port.
   * @default - none (numbered)
   */
  readonly containerPortName?: string;
  /**
   * The Service's namespace (Gateway API routes reach other namespaces through a ReferenceGrant).
   * @default - the namespace of the route
   */
  readonly namespace?: string;
}

/**
 * Where an Ingress path sends traffic: a Service and one of its ports.
 *
 * The Service can come from any cdk8s-plus line (28, 33, 34 …), be an `AppService`, a plain
 * `ApiObject` of kind Service, or be known only by name (`IngressTarget.serviceRef`): the
 * library reads the name, ports and selector from the rendered Service, never from a class of a
 * particular cdk8s-plus line.
 */
export class IngressTarget {
  /**
   * A Service construct: a cdk8s-plus `Service` of any line, an `AppService`, or a cdk8s `ApiObject`
   * of kind Service (or any construct whose default child is one). Its name, ports, selector and
   * target ports are read from the rendered Service.
   * @param service the Service construct
   * @param port the Service port; @default - the Service's only port
   */
  public static service(service: IConstruct, port?: number): IngressTarget {
    return new IngressTarget({ kind: 'object', service: serviceOf(service, 'IngressTarget.service'), port });
  }

  /**
   * An `AppService` — pods and container port are read from it.
   * @param port the Service port; @default - the Service's only port
   */
  public static appService(service: AppService, port?: number): IngressTarget {
    const chosen = port ?? (service.ports.length === 1 ? service.ports[0].port : undefined);
    const spec = service.ports.find((p) => p.port === chosen);
    if (!spec) {
      throw new AksNetworkError(
        port === undefined
          ? `IngressTarget.appService: the Service has ${service.ports.length} ports and no port was chosen`
          : `IngressTarget.appService: the Service has no port ${port}`,
        `pass one of its ports: ${service.ports.map((p) => p.port).join(', ') || 'none'}`,
        service,
      );
    }
    return new IngressTarget({
      kind: 'ref',
      props: {
        name: service.name,
        port: spec.port,
        podLabels: Object.keys(service.selector).length > 0 ? service.selector : undefined,
        containerPort: spec.targetPortName ? undefined : (spec.targetPort ?? spec.port),
        containerPortName: spec.targetPortName,
        namespace: Chart.of(service).namespace,
      },
    });
  }

  /** A Service by name and port. */
  public static serviceRef(props: ServiceRefProps): IngressTarget {
    return new IngressTarget({ kind: 'ref', props });
  }

  private constructor(
    private readonly spec:
      | { kind: 'object'; service: RenderedService; port?: number }
      | { kind: 'ref'; props: ServiceRefProps },
  ) {}

  /** The Service name. */
  public get serviceName(): string {
    return this.spec.kind === 'object' ? this.spec.service.name : this.spec.props.name;
  }

  /**
   * @internal the Service's namespace: its own (or its chart's) for a Service construct, the one given
   * (by name), or the namespace of the route that uses it
   */
  public _namespace(routeNamespace: string): string {
    if (this.spec.kind === 'object') return this.spec.service.namespace ?? routeNamespace;
    return this.spec.props.namespace ?? routeNamespace;
  }

  /** @internal the Service port the Ingress names */
  public _servicePort(scope: IConstruct): number {
    const spec = this.spec;
    if (spec.kind === 'ref') {
      return spec.props.port;
    }
    const ports = spec.service.spec().ports;
    if (spec.port !== undefined) {
      if (!ports.some((p) => p.port === spec.port)) {
        throw new AksNetworkError(
          `Service ${this.serviceName} has no port ${spec.port}`,
          `use one of its ports: ${ports.map((p) => p.port).join(', ') || 'none'}`,
          scope,
        );
      }
      return spec.port;
    }
    if (ports.length !== 1) {
      throw new AksNetworkError(
        `Service ${this.serviceName} has ${ports.length} ports and no port was chosen`,
        'pass the Service port: IngressTarget.service(svc, 80)',
        scope,
      );
    }
    return ports[0].port;
  }

  /** @internal the backend resolved to pods and container port */
  public _backend(scope: IConstruct, routeNamespace: string): RoutedBackend {
    const servicePort = this._servicePort(scope);
    const namespace = this._namespace(routeNamespace);
    if (this.spec.kind === 'ref') {
      const p = this.spec.props;
      if (!p.podLabels || Object.keys(p.podLabels).length === 0) {
        throw new AksNetworkError(
          `Service ${p.name} is known only by name, so its pods are unknown`,
          'give podLabels (and containerPort when it differs from the Service port) in IngressTarget.serviceRef',
          scope,
        );
      }
      return {
        namespace,
        serviceName: p.name,
        podLabels: { ...p.podLabels },
        containerPort: p.containerPortName ? undefined : (p.containerPort ?? servicePort),
        containerPortName: p.containerPortName,
      };
    }
    const spec = this.spec.service.spec();
    if (Object.keys(spec.selector).length === 0) {
      throw new AksNetworkError(
        `Service ${this.serviceName} selects no pods`,
        'select the pods (e.g. cdk8s-plus service.select(deployment), or a selector) before routing to it',
        scope,
      );
    }
    const target = spec.ports.find((p) => p.port === servicePort)?.targetPort ?? servicePort;
    return {
      namespace,
      serviceName: this.serviceName,
      podLabels: { ...spec.selector },
      containerPort: typeof target === 'number' ? target : undefined,
      containerPortName: typeof target === 'string' ? target : undefined,
    };
  }
}
