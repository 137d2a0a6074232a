import { AksNetworkError } from '../../core/errors';
import { isPrivateOrShared } from '../../plan/address-plan';
import { Cidr } from '../../plan/cidr';
import { parseIpv4 } from '../../plan/ipv4';
import { internalLoadBalancerProblem } from './private/load-balancer';

const PREFIX = 'service.beta.kubernetes.io/';
/** RFC 1918 and shared (RFC 6598) ranges: what an Azure VNet, and so an internal LB, can use. */

/** Options of an internal Azure load balancer. */
export interface InternalLoadBalancerOptions {
  /**
   * Static private IP (free in the subnet, not Azure-reserved, not in the service CIDR).
   * @default - dynamic
   */
  readonly ip?: string;
  /**
   * Subnet name (in the cluster VNet) to take the IP from.
   * @default - the node subnet
   */
  readonly subnetName?: string;
  /**
   * Make `loadBalancerSourceRanges` effective on the internal LB
   * (`azure-deny-all-except-load-balancer-source-ranges`).
   * @default false
   */
  readonly restrictToSourceRanges?: boolean;
}

/** Options of a public Azure load balancer. */
export interface PublicLoadBalancerOptions {
  /**
   * Name of an existing Standard public IP to use.
   * @default - AKS creates one
   */
  readonly publicIpName?: string;
  /**
   * Resource group of that public IP (the cluster identity needs Network Contributor there).
   * @default - the node resource group
   */
  readonly publicIpResourceGroup?: string;
  /**
   * Static public IP address.
   * @default - dynamic
   */
  readonly ip?: string;
}

/**
 * The `service.beta.kubernetes.io/azure-*` annotations of a LoadBalancer Service, typed and checked
 * when made.
 * @see https://cloud-provider-azure.sigs.k8s.io/topics/loadbalancer/
 */
export class AzureLoadBalancerAnnotations {
  /** An internal load balancer (private IP in the cluster VNet). */
  public static internalLoadBalancer(
    options: InternalLoadBalancerOptions = {},
  ): AzureLoadBalancerAnnotations {
    const problem = internalLoadBalancerProblem(options.ip, options.subnetName);
    if (problem) {
      throw new AksNetworkError(
        `AzureLoadBalancerAnnotations.internalLoadBalancer: ${problem[0]}`,
        problem[1],
      );
    }
    return new AzureLoadBalancerAnnotations(true, {
      ipv4: options.ip,
      internalSubnet: options.subnetName,
      denyAllExceptSourceRanges: options.restrictToSourceRanges ? 'true' : undefined,
    });
  }

  /**
   * An internal load balancer.
   * @deprecated use `internalLoadBalancer()`: `internal` is a reserved word in C#, so the other
   * languages' bindings do not have this name.
   * @jsii ignore
   */
  public static internal(options: InternalLoadBalancerOptions = {}): AzureLoadBalancerAnnotations {
    return AzureLoadBalancerAnnotations.internalLoadBalancer(options);
  }

  /** A public load balancer. */
  public static external(options: PublicLoadBalancerOptions = {}): AzureLoadBalancerAnnotations {
    const where = 'AzureLoadBalancerAnnotations.external';
    if (options.ip !== undefined && isPrivateOrShared(parseAddress(where, options.ip))) {
      throw new AksNetworkError(
        `${where}: public load balancer IP ${options.ip} is a private address`,
        'give the address of an existing public IP (or use ServiceExposure.internalLoadBalancer for a private one)',
      );
    }
    return new AzureLoadBalancerAnnotations(false, {
      ipv4: options.ip,
      pipName: options.publicIpName,
      resourceGroup: options.publicIpResourceGroup,
    });
  }

  /** Whether the load balancer is internal. */
  public readonly isInternal: boolean;
  private readonly values: { [key: string]: string | undefined };

  private constructor(internal: boolean, values: { [suffix: string]: string | undefined }) {
    this.isInternal = internal;
    this.values = values;
  }

  /** The annotations. */
  public render(): { [key: string]: string } {
    const out: { [key: string]: string } = {
      [`${PREFIX}azure-load-balancer-internal`]: String(this.isInternal),
    };
    const names: { [key: string]: string } = {
      // replaces the deprecated spec.loadBalancerIP
      ipv4: 'azure-load-balancer-ipv4',
      internalSubnet: 'azure-load-balancer-internal-subnet',
      pipName: 'azure-pip-name',
      resourceGroup: 'azure-load-balancer-resource-group',
      denyAllExceptSourceRanges: 'azure-deny-all-except-load-balancer-source-ranges',
    };
    for (const [key, annotation] of Object.entries(names)) {
      const value = this.values[key];
      if (value !== undefined) out[`${PREFIX}${annotation}`] = value;
    }
    return out;
  }
}

function parseAddress(where: string, ip: string): Cidr {
  if (parseIpv4(ip) === undefined) {
    throw new AksNetworkError(
      `${where}: load balancer IP '${ip}' is not an IPv4 address`,
      'give an address such as 10.240.4.14',
    );
  }
  return Cidr.parse(`${ip}/32`);
}
