import { ApiObject } from 'cdk8s';
import { checkString } from '../../core/inputs';
import { Construct, IConstruct } from 'constructs';
import { AksNetworkError } from '../../core/errors';
import { parseIpv4 } from '../../plan/ipv4';
import { recordFact } from '../../verify/construct-data';
import { IngressController } from '../controller';
import { clusterScoped } from '../private/cluster-scoped';
import { AzureLoadBalancerAnnotations } from '../services/azure-lb';
import { internalLoadBalancerProblem } from '../services/private/load-balancer';
import { checkedTree } from '../private/checks';

/** Properties of an `InternalNginxController`. */
export interface InternalNginxControllerProps {
  /**
   * Name of the `NginxIngressController` resource (cluster-scoped).
   * @default 'nginx-internal'
   */
  readonly name?: string;
  /**
   * The IngressClass it creates and serves — unique in the cluster and immutable.
   * @default - the resource name
   */
  readonly ingressClassName?: string;
  /**
   * Prefix of the controller's Deployment and Service names — immutable.
   * @default - the resource name
   */
  readonly controllerNamePrefix?: string;
  /**
   * The static private IP of its internal load balancer, planned at synth time (e.g. the
   * SecureEgress ingress endpoint that the firewall DNAT targets).
   */
  readonly privateIp: string;
  /** Name of the subnet (in the cluster VNet) the load balancer IP comes from. */
  readonly subnetName: string;
  /**
   * Client ranges the load balancer accepts (enforced on the internal LB).
   * @default - all
   */
  readonly sourceRanges?: string[];
  /**
   * Controller replicas (min / max of its autoscaler).
   * @default - the operator's default (2 to 100)
   */
  readonly minReplicas?: number;
  /** @default - the operator's default */
  readonly maxReplicas?: number;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** `controllerNamePrefix` is at most 60 characters (ARO API validation). */
export const CONTROLLER_NAME_PREFIX_MAX = 60;

/**
 * An NGINX ingress controller of the AKS app routing add-on on an internal load balancer at a
 * static private IP: the `NginxIngressController` custom resource. Pair it with
 * `defaultNginxController` None/Internal on the cluster so no public load balancer exists.
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-nginx-configuration
 */
export class InternalNginxController extends Construct {
  /** The controller description for AppIngress and TieredNetworkPolicies (serves this class). */
  public readonly controller: IngressController;
  /** The private IP of its load balancer. */
  public readonly privateIp: string;

  constructor(scope: Construct, id: string, props: InternalNginxControllerProps) {
    super(scope, id);
    checkedTree(this);
    checkString(this, 'privateIp', props?.privateIp);
    checkString(this, 'subnetName', props?.subnetName);
    const name = props.name ?? 'nginx-internal';
    const ingressClassName = props.ingressClassName ?? name;
    const prefix = props.controllerNamePrefix ?? name;
    checkName(this, 'name', name, DNS_LABEL, 63);
    // IngressClass names are DNS subdomains: the operator's own default class has dots
    checkName(this, 'ingressClassName', ingressClassName, DNS_SUBDOMAIN, 253);
    checkName(this, 'controllerNamePrefix', prefix, DNS_LABEL, CONTROLLER_NAME_PREFIX_MAX);
    if (parseIpv4(props.privateIp) === undefined) {
      throw new AksNetworkError(
        `privateIp '${props.privateIp}' is not an IPv4 address`,
        'pass the planned ingress IP, e.g. 10.240.4.14',
        this,
      );
    }
    const lbProblem = internalLoadBalancerProblem(props.privateIp, props.subnetName);
    if (lbProblem) {
      throw new AksNetworkError(lbProblem[0], lbProblem[1], this);
    }
    if (
      props.minReplicas !== undefined &&
      props.maxReplicas !== undefined &&
      props.minReplicas > props.maxReplicas
    ) {
      throw new AksNetworkError(
        `minReplicas ${props.minReplicas} exceeds maxReplicas ${props.maxReplicas}`,
        'lower minReplicas or raise maxReplicas',
        this,
      );
    }
    this.privateIp = props.privateIp;
    recordFact(this, { kind: 'ingress-endpoint', privateIp: props.privateIp });
    this.controller = IngressController.appRouting(ingressClassName);
    const lb = AzureLoadBalancerAnnotations.internalLoadBalancer({
      ip: props.privateIp,
      subnetName: props.subnetName,
      restrictToSourceRanges: props.sourceRanges !== undefined,
    });
    const scaling =
      props.minReplicas !== undefined || props.maxReplicas !== undefined
        ? { minReplicas: props.minReplicas, maxReplicas: props.maxReplicas }
        : undefined;
    const resource = new ApiObject(this, 'Resource', {
      apiVersion: 'approuting.kubernetes.azure.com/v1alpha1',
      kind: 'NginxIngressController',
      metadata: { name },
      spec: {
        ingressClassName,
        controllerNamePrefix: prefix,
        loadBalancerAnnotations: lb.render(),
        loadBalancerSourceRanges: props.sourceRanges,
        scaling,
      },
    });
    clusterScoped(resource);
  }
}

function checkName(scope: IConstruct, what: string, value: string, pattern: RegExp, max: number): void {
  if (!pattern.test(value) || value.length > max) {
    const kind = pattern === DNS_LABEL ? 'DNS label' : 'DNS subdomain';
    throw new AksNetworkError(
      `${what} '${value}' is not a lower-case ${kind}`,
      `use a-z, 0-9${pattern === DNS_LABEL ? '' : ', .'} and -, starting and ending alphanumeric, at most ${max} characters`,
      scope,
    );
  }
}
