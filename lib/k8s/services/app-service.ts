import { kube, type ServicePort } from '../../core/kube';
import { checkInstance } from '../../core/inputs';
import { Names } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AzureLoadBalancerAnnotations,
  InternalLoadBalancerOptions,
  PublicLoadBalancerOptions,
} from './azure-lb';
import { validateService } from './private/validate';
import { warn } from '../../core/warnings';
import { checkedTree } from '../private/checks';

/** Options shared by load balancer exposures. */
export interface LoadBalancerExposureOptions {
  /**
   * Keep client source IPs (`externalTrafficPolicy: Local`): traffic goes only to nodes running a
   * pod, and the LB probes the node health port.
   * @default false
   */
  readonly keepClientIp?: boolean;
  /**
   * Client CIDRs allowed (`loadBalancerSourceRanges`).
   * @default - all
   */
  readonly sourceRanges?: string[];
}

/** Internal load balancer options plus the shared ones. */
export interface InternalExposureOptions extends InternalLoadBalancerOptions, LoadBalancerExposureOptions {}
/** Public load balancer options plus the shared ones. */
export interface PublicExposureOptions extends PublicLoadBalancerOptions, LoadBalancerExposureOptions {}

/** What an exposure contributes to a Service: its spec fields, annotations and what it warns about. */
interface ExposureSpec {
  readonly type: string;
  readonly headless?: boolean;
  readonly nodePort?: number;
  readonly externalName?: string;
  readonly lb?: AzureLoadBalancerAnnotations;
  readonly lbOptions?: LoadBalancerExposureOptions;
  readonly restrictToSourceRanges?: boolean;
  readonly warning?: string;
  /** The rule of the pack that judges what the warning is about. */
  readonly warningRule?: string;
}

/**
 * How a Service is reached.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export class ServiceExposure {
  /** A cluster-internal virtual IP (the default). */
  public static clusterIp(): ServiceExposure {
    return new ServiceExposure({ type: 'ClusterIP' });
  }

  /** No virtual IP: DNS returns the pod IPs (for stateful sets and client-side balancing). */
  public static headless(): ServiceExposure {
    return new ServiceExposure({ type: 'ClusterIP', headless: true });
  }

  /**
   * A port on every node (warns: it opens every node).
   * @param nodePort 30000-32767; @default - allocated by Kubernetes
   */
  public static nodePort(nodePort?: number): ServiceExposure {
    return new ServiceExposure({
      type: 'NodePort',
      nodePort,
      warning: 'NodePort opens the port on every node; prefer an internal load balancer or an Ingress',
      warningRule: 'AKSNET-K8S-011',
    });
  }

  /**
   * An Azure internal load balancer, optionally at a static private IP from a given subnet.
   * With `sourceRanges`, `restrictToSourceRanges` defaults to true: on an internal load balancer the
   * ranges only take effect with the deny-all-except annotation.
   */
  public static internalLoadBalancer(options: InternalExposureOptions = {}): ServiceExposure {
    const restrictToSourceRanges = options.restrictToSourceRanges ?? options.sourceRanges !== undefined;
    return new ServiceExposure({
      type: 'LoadBalancer',
      lb: AzureLoadBalancerAnnotations.internalLoadBalancer({ ...options, restrictToSourceRanges }),
      lbOptions: options,
      restrictToSourceRanges,
      warning:
        options.sourceRanges && !restrictToSourceRanges
          ? 'sourceRanges without restrictToSourceRanges do not restrict an internal load balancer (the VNet stays allowed)'
          : undefined,
    });
  }

  /** An Azure public load balancer (never behind an egress firewall: asymmetric routing). */
  public static publicLoadBalancer(options: PublicExposureOptions = {}): ServiceExposure {
    return new ServiceExposure({
      type: 'LoadBalancer',
      lb: AzureLoadBalancerAnnotations.external(options),
      lbOptions: options,
      warning: 'public load balancer; behind an egress firewall use an internal one and DNAT',
      warningRule: 'AKSNET-K8S-012',
    });
  }

  /** A DNS alias (CNAME) to a name outside the cluster. */
  public static externalName(hostname: string): ServiceExposure {
    return new ServiceExposure({ type: 'ExternalName', externalName: hostname });
  }

  private constructor(private readonly spec: ExposureSpec) {}

  /** The Service `type`. */
  public get serviceType(): string {
    return this.spec.type;
  }

  /** Whether this is a public load balancer (never wanted behind an egress firewall). */
  public get isPublicLoadBalancer(): boolean {
    return this.spec.lb !== undefined && !this.spec.lb.isInternal;
  }

  /** @internal what the exposure warns about, if anything */
  public _warning(): string | undefined {
    return this.spec.warning;
  }

  /** @internal the rule of the pack that judges the same thing as the warning */
  public _warningRule(): string | undefined {
    return this.spec.warningRule;
  }

  /** @internal the fields the Service validation checks */
  public _validationInput() {
    const s = this.spec;
    return {
      type: s.type,
      externalName: s.externalName,
      nodePort: s.nodePort,
      sourceRanges: s.lbOptions?.sourceRanges,
      internalLoadBalancer: s.lb?.isInternal,
      restrictToSourceRanges: s.restrictToSourceRanges,
    };
  }

  /** @internal the Service annotations */
  public _annotations(): { [key: string]: string } | undefined {
    return this.spec.lb?.render();
  }

  /** @internal the exposure's part of the Service spec */
  public _renderSpec() {
    const s = this.spec;
    return {
      type: s.type,
      clusterIp: s.headless ? 'None' : undefined,
      externalName: s.externalName,
      externalTrafficPolicy: s.lbOptions?.keepClientIp ? 'Local' : s.lb ? 'Cluster' : undefined,
      loadBalancerSourceRanges: s.lbOptions?.sourceRanges,
    };
  }

  /** @internal the node port of a NodePort Service */
  public _nodePort(): number | undefined {
    return this.spec.nodePort;
  }
}

/** One port of an `AppService`. */
export interface AppServicePort {
  /** The Service port. */
  readonly port: number;
  /**
   * The container port (number) behind it.
   * @default - the Service port
   */
  readonly targetPort?: number;
  /**
   * The named container port behind it (instead of a number).
   * @default - none
   */
  readonly targetPortName?: string;
  /**
   * Port name (required when there are several).
   * @default - none
   */
  readonly name?: string;
  /**
   * Protocol: TCP, UDP or SCTP.
   * @default 'TCP'
   */
  readonly protocol?: string;
}

/** Properties of an `AppService`. */
export interface AppServiceProps {
  /**
   * Service name.
   * @default - derived from the construct id
   */
  readonly name?: string;
  /** Pods the Service selects (not used by ExternalName). @default - none */
  readonly selector?: { [key: string]: string };
  /** Ports. @default - none (ExternalName only) */
  readonly ports?: AppServicePort[];
  /** How it is reached. @default ServiceExposure.clusterIp() */
  readonly exposure?: ServiceExposure;
  /**
   * Session affinity by client IP, with this timeout in seconds (1-86400).
   * @default - none
   * @see https://kubernetes.io/docs/reference/networking/virtual-ips/#session-affinity
   */
  readonly clientIpAffinityTimeoutSeconds?: number;
}

/**
 * A Service of any type (ClusterIP, headless, NodePort, internal or public load balancer, ExternalName) with typed Azure load balancer settings.
 */
export class AppService extends Construct {
  /** Service name. */
  public readonly name: string;
  /** Whether this is a public load balancer (never wanted behind an egress firewall). */
  public readonly isPublicLoadBalancer: boolean;
  /** The pod selector. */
  public readonly selector: { [key: string]: string };
  /** The ports. */
  public readonly ports: AppServicePort[];

  constructor(scope: Construct, id: string, props: AppServiceProps = {}) {
    super(scope, id);
    checkedTree(this);
    checkInstance(
      this,
      'exposure',
      props.exposure,
      ServiceExposure,
      'a ServiceExposure factory, e.g. ServiceExposure.clusterIp()',
    );
    const exposure = props.exposure ?? ServiceExposure.clusterIp();
    this.name = props.name ?? Names.toDnsLabel(this);
    this.isPublicLoadBalancer = exposure.isPublicLoadBalancer;
    const ports = props.ports ?? [];
    const external = exposure.serviceType === 'ExternalName';
    validateService(this, {
      ...exposure._validationInput(),
      name: this.name,
      selector: props.selector,
      ports,
      affinityTimeoutSeconds: props.clientIpAffinityTimeoutSeconds,
    });
    this.selector = { ...(props.selector ?? {}) };
    this.ports = ports.map((p) => ({ ...p }));
    const warning = exposure._warning();
    if (warning) warn(this, warning, exposure._warningRule());
    const affinity = props.clientIpAffinityTimeoutSeconds;
    const { type, clusterIp, externalName, externalTrafficPolicy, loadBalancerSourceRanges } =
      exposure._renderSpec();
    kube.service(this, 'Resource', {
      metadata: { name: this.name, annotations: exposure._annotations() },
      spec: {
        type,
        clusterIP: clusterIp,
        externalName,
        selector: external ? undefined : props.selector,
        ports: ports.length > 0 ? ports.map((p) => renderPort(p, exposure._nodePort())) : undefined,
        externalTrafficPolicy,
        loadBalancerSourceRanges,
        sessionAffinity: affinity !== undefined ? 'ClientIP' : undefined,
        sessionAffinityConfig:
          affinity !== undefined ? { clientIP: { timeoutSeconds: affinity } } : undefined,
      },
    });
  }
}

function renderPort(p: AppServicePort, nodePort?: number): ServicePort {
  return {
    name: p.name,
    port: p.port,
    protocol: p.protocol ?? 'TCP',
    targetPort: p.targetPortName ?? p.targetPort,
    nodePort,
  };
}
