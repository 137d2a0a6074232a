import { Names } from 'cdk8s';
import { IntOrString, KubeService, ServicePort as KubeServicePort } from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import {
  AzureLoadBalancerAnnotations,
  InternalLoadBalancerOptions,
  PublicLoadBalancerOptions,
} from './azure-lb';
import { AksNetworkError } from '../../core/errors';
import { addK8sWarning } from '../../core/warnings';
import { Cidr } from '../../plan/cidr';

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

  /** An Azure internal load balancer, optionally at a static private IP from a given subnet. */
  public static internalLoadBalancer(options: InternalExposureOptions = {}): ServiceExposure {
    return new ServiceExposure('LoadBalancer', {
      lb: AzureLoadBalancerAnnotations.internal(options),
      lbOptions: options,
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
   */
  readonly clientIpAffinityTimeoutSeconds?: number;
}

const DNS_1123 = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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
    const subject = `AppService ${this.node.path}`;
    const exposure = props.exposure ?? ServiceExposure.clusterIp();
    const opts = exposure._opts;
    this.name = props.name ?? Names.toDnsLabel(this);
    this.isPublicLoadBalancer = opts.lb !== undefined && !opts.lb.isInternal;
    const ports = props.ports ?? [];
    validate(subject, exposure, props, ports);
    this.selector = { ...(props.selector ?? {}) };
    this.ports = ports.map((p) => ({ ...p }));
    if (exposure._type === 'NodePort') {
      addK8sWarning(
        this,
        `${subject}: NodePort opens the port on every node; prefer an internal load balancer or an Ingress`,
      );
    }
    if (this.isPublicLoadBalancer) {
      addK8sWarning(
        this,
        `${subject}: public load balancer; behind an egress firewall use an internal one and DNAT`,
      );
    }
    const affinity = props.clientIpAffinityTimeoutSeconds;
    new KubeService(this, 'Resource', {
      metadata: { name: this.name, annotations: opts.lb?.render(subject) },
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

function renderPort(p: AppServicePort, nodePort?: number): KubeServicePort {
  return {
    name: p.name,
    port: p.port,
    protocol: p.protocol ?? 'TCP',
    targetPort:
      p.targetPortName !== undefined
        ? IntOrString.fromString(p.targetPortName)
        : p.targetPort !== undefined
          ? IntOrString.fromNumber(p.targetPort)
          : undefined,
    nodePort,
  };
}

function validate(
  subject: string,
  exposure: ServiceExposure,
  props: AppServiceProps,
  ports: AppServicePort[],
): void {
  const fail = (problem: string, fix: string): never => {
    throw new AksNetworkError(subject, problem, fix);
  };
  const opts = exposure._opts;
  if (exposure._type === 'ExternalName') {
    if (!opts.externalName || !DNS_1123.test(opts.externalName)) {
      fail(
        `externalName '${opts.externalName}' is not a DNS name`,
        'give a lower-case host name, e.g. db.contoso.com',
      );
    }
    return;
  }
  if (!props.selector || Object.keys(props.selector).length === 0) {
    fail('the Service selects no pods', 'give selector labels, e.g. { app: "web" }');
  }
  if (ports.length === 0) {
    fail('the Service has no ports', 'give at least one port');
  }
  const names = new Set<string>();
  for (const p of ports) {
    for (const [what, value] of [
      ['port', p.port],
      ['targetPort', p.targetPort],
    ] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 65535)) {
        fail(`${what} ${value} is out of range`, 'use 1-65535');
      }
    }
    if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol ?? 'TCP')) {
      fail(`protocol '${p.protocol}' is not TCP, UDP or SCTP`, 'use TCP, UDP or SCTP');
    }
    if (ports.length > 1 && !p.name) {
      fail(
        `port ${p.port} has no name but the Service has ${ports.length} ports`,
        'name every port, e.g. http',
      );
    }
    if (p.name) {
      if (names.has(p.name)) fail(`port name '${p.name}' is used twice`, 'give each port its own name');
      names.add(p.name);
    }
  }
  if (
    opts.nodePort !== undefined &&
    (!Number.isInteger(opts.nodePort) || opts.nodePort < 30000 || opts.nodePort > 32767)
  ) {
    fail(
      `nodePort ${opts.nodePort} is outside 30000-32767`,
      'pick a port in the default NodePort range or let Kubernetes choose',
    );
  }
  if (opts.nodePort !== undefined && ports.length > 1) {
    fail('a fixed nodePort with several ports', 'expose one port, or let Kubernetes choose the node ports');
  }
  const affinity = props.clientIpAffinityTimeoutSeconds;
  if (affinity !== undefined && (!Number.isInteger(affinity) || affinity < 1 || affinity > 86400)) {
    fail(
      `clientIpAffinityTimeoutSeconds ${affinity} is outside 1-86400`,
      'use whole seconds, e.g. 10800 (the Kubernetes default)',
    );
  }
  for (const cidr of opts.lbOptions?.sourceRanges ?? []) {
    if (!Cidr.isValid(cidr)) {
      fail(`source range '${cidr}' is not an IPv4 CIDR`, 'use e.g. 203.0.113.0/24');
    }
  }
}
