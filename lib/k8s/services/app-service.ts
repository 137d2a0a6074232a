import { kube, type ServicePort } from '../../core/kube';
import { Names } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AzureLoadBalancerAnnotations,
  InternalLoadBalancerOptions,
  PublicLoadBalancerOptions,
} from './azure-lb';
import { validateService } from './private/validate';
import { warn } from '../../core/warnings';

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

/**
 * How a Service is reached.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export class ServiceExposure {
  /** A cluster-internal virtual IP (the default). */
  public static clusterIp(): ServiceExposure {
    return new ServiceExposure('ClusterIP');
  }

  /** No virtual IP: DNS returns the pod IPs (for stateful sets and client-side balancing). */
  public static headless(): ServiceExposure {
    return new ServiceExposure('ClusterIP', { headless: true });
  }

  /**
   * A port on every node (warns: it opens every node).
   * @param nodePort 30000-32767; @default - allocated by Kubernetes
   */
  public static nodePort(nodePort?: number): ServiceExposure {
    return new ServiceExposure('NodePort', { nodePort });
  }

  /**
   * An Azure internal load balancer, optionally at a static private IP from a given subnet.
   * With `sourceRanges`, `restrictToSourceRanges` defaults to true: on an internal load balancer the
   * ranges only take effect with the deny-all-except annotation.
   */
  public static internalLoadBalancer(options: InternalExposureOptions = {}): ServiceExposure {
    const restrictToSourceRanges = options.restrictToSourceRanges ?? options.sourceRanges !== undefined;
    return new ServiceExposure('LoadBalancer', {
      lb: AzureLoadBalancerAnnotations.internal({ ...options, restrictToSourceRanges }),
      lbOptions: options,
      restrictToSourceRanges,
    });
  }

  /** An Azure public load balancer (never behind an egress firewall: asymmetric routing). */
  public static publicLoadBalancer(options: PublicExposureOptions = {}): ServiceExposure {
    return new ServiceExposure('LoadBalancer', {
      lb: AzureLoadBalancerAnnotations.external(options),
      lbOptions: options,
    });
  }

  /** A DNS alias (CNAME) to a name outside the cluster. */
  public static externalName(hostname: string): ServiceExposure {
    return new ServiceExposure('ExternalName', { externalName: hostname });
  }

  private constructor(
    /** @internal */ public readonly _type: string,
    /** @internal */ public readonly _opts: {
      headless?: boolean;
      nodePort?: number;
      externalName?: string;
      lb?: AzureLoadBalancerAnnotations;
      lbOptions?: LoadBalancerExposureOptions;
      restrictToSourceRanges?: boolean;
    } = {},
  ) {}
}

/** One port of an {@link AppService}. */
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

/** Properties of an {@link AppService}. */
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
 * A Service with the types of seed 000 and 002 and typed Azure load balancer settings.
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
    const exposure = props.exposure ?? ServiceExposure.clusterIp();
    const opts = exposure._opts;
    this.name = props.name ?? Names.toDnsLabel(this);
    this.isPublicLoadBalancer = opts.lb !== undefined && !opts.lb.isInternal;
    const ports = props.ports ?? [];
    validateService(this, {
      name: this.name,
      type: exposure._type,
      selector: props.selector,
      ports,
      externalName: opts.externalName,
      nodePort: opts.nodePort,
      sourceRanges: opts.lbOptions?.sourceRanges,
      internalLoadBalancer: opts.lb?.isInternal,
      restrictToSourceRanges: opts.restrictToSourceRanges,
      affinityTimeoutSeconds: props.clientIpAffinityTimeoutSeconds,
    });
    this.selector = { ...(props.selector ?? {}) };
    this.ports = ports.map((p) => ({ ...p }));
    if (exposure._type === 'NodePort') {
      warn(this, `NodePort opens the port on every node; prefer an internal load balancer or an Ingress`);
    }
    if (opts.lb?.isInternal && opts.lbOptions?.sourceRanges && opts.restrictToSourceRanges === false) {
      warn(
        this,
        `sourceRanges without restrictToSourceRanges do not restrict an internal load balancer (the VNet stays allowed)`,
      );
    }
    if (this.isPublicLoadBalancer) {
      warn(this, `public load balancer; behind an egress firewall use an internal one and DNAT`);
    }
    const affinity = props.clientIpAffinityTimeoutSeconds;
    new kube.KubeService(this, 'Resource', {
      metadata: { name: this.name, annotations: opts.lb?.render(this) },
      spec: {
        type: exposure._type,
        clusterIp: opts.headless ? 'None' : undefined,
        externalName: opts.externalName,
        selector: exposure._type === 'ExternalName' ? undefined : props.selector,
        ports: ports.length > 0 ? ports.map((p) => renderPort(p, opts.nodePort)) : undefined,
        externalTrafficPolicy: opts.lbOptions?.keepClientIp ? 'Local' : opts.lb ? 'Cluster' : undefined,
        loadBalancerSourceRanges: opts.lbOptions?.sourceRanges,
        sessionAffinity: affinity !== undefined ? 'ClientIP' : undefined,
        sessionAffinityConfig:
          affinity !== undefined ? { clientIp: { timeoutSeconds: affinity } } : undefined,
      },
    });
  }
}

function renderPort(p: AppServicePort, nodePort?: number): ServicePort {
  return {
    name: p.name,
    port: p.port,
    protocol: p.protocol ?? 'TCP',
    targetPort:
      p.targetPortName !== undefined
        ? kube.IntOrString.fromString(p.targetPortName)
        : p.targetPort !== undefined
          ? kube.IntOrString.fromNumber(p.targetPort)
          : undefined,
    nodePort,
  };
}
