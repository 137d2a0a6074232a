import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../core/errors';
import { isPrivateOrShared } from '../../plan/address-plan';
import { Cidr } from '../../plan/cidr';
import { parseIpv4 } from '../../plan/ipv4';

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
 * The `service.beta.kubernetes.io/azure-*` annotations of a LoadBalancer Service, typed.
 * @see https://cloud-provider-azure.sigs.k8s.io/topics/loadbalancer/
 */
export class AzureLoadBalancerAnnotations {
  /** An internal load balancer (private IP in the cluster VNet). */
  public static internal(options: InternalLoadBalancerOptions = {}): AzureLoadBalancerAnnotations {
    return new AzureLoadBalancerAnnotations(
      true,
      options.ip,
      options.subnetName,
      undefined,
      undefined,
      options.restrictToSourceRanges,
    );
  }

  /** A public load balancer. */
  public static external(options: PublicLoadBalancerOptions = {}): AzureLoadBalancerAnnotations {
    return new AzureLoadBalancerAnnotations(
      false,
      options.ip,
      undefined,
      options.publicIpName,
      options.publicIpResourceGroup,
    );
  }

  /** Whether the load balancer is internal. */
  public readonly isInternal: boolean;
  private readonly ip?: string;
  private readonly subnetName?: string;
  private readonly publicIpName?: string;
  private readonly publicIpResourceGroup?: string;
  private readonly restrictToSourceRanges?: boolean;

  private constructor(
    internal: boolean,
    ip?: string,
    subnetName?: string,
    publicIpName?: string,
    publicIpResourceGroup?: string,
    restrictToSourceRanges?: boolean,
  ) {
    this.isInternal = internal;
    this.ip = ip;
    this.subnetName = subnetName;
    this.publicIpName = publicIpName;
    this.publicIpResourceGroup = publicIpResourceGroup;
    this.restrictToSourceRanges = restrictToSourceRanges;
  }

  /** Render the annotations; `subject` names the construct in errors. */
  public render(scope: IConstruct): { [key: string]: string } {
    const out: { [key: string]: string } = {};
    out[`${PREFIX}azure-load-balancer-internal`] = String(this.isInternal);
    if (this.ip !== undefined) {
      const value = parseIpv4(this.ip);
      if (value === undefined) {
        throw new AksNetworkError(
          `load balancer IP '${this.ip}' is not an IPv4 address`,
          'give an address such as 10.240.4.14',
          scope,
        );
      }
      const isPrivate = isPrivateOrShared(Cidr.parse(`${this.ip!}/32`));
      if (this.isInternal && !isPrivate) {
        throw new AksNetworkError(
          `internal load balancer IP ${this.ip} is not a private address`,
          'pick a free address in the cluster VNet subnet',
          scope,
        );
      }
      if (!this.isInternal && isPrivate) {
        throw new AksNetworkError(
          `public load balancer IP ${this.ip} is a private address`,
          'give the address of an existing public IP (or use ServiceExposure.internalLoadBalancer for a private one)',
          scope,
        );
      }
      // replaces the deprecated spec.loadBalancerIP
      out[`${PREFIX}azure-load-balancer-ipv4`] = this.ip;
    }
    if (this.subnetName !== undefined) {
      if (!/^[a-zA-Z0-9]([\w\-.]*\w)?$/.test(this.subnetName)) {
        throw new AksNetworkError(
          `subnet name '${this.subnetName}' is not an Azure subnet name`,
          'give the subnet name, not its id',
          scope,
        );
      }
      out[`${PREFIX}azure-load-balancer-internal-subnet`] = this.subnetName;
    }
    if (this.publicIpName !== undefined) {
      out[`${PREFIX}azure-pip-name`] = this.publicIpName;
    }
    if (this.publicIpResourceGroup !== undefined) {
      out[`${PREFIX}azure-load-balancer-resource-group`] = this.publicIpResourceGroup;
    }
    if (this.restrictToSourceRanges) {
      out[`${PREFIX}azure-deny-all-except-load-balancer-source-ranges`] = 'true';
    }
    return out;
  }
}
