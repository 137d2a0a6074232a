import { AksNetworkError } from '../../core/errors';

/**
 * A destination port (and the rule type it implies): HTTP, HTTPS and MSSQL become application
 * rules, TCP and UDP network rules.
 *
 * @see https://learn.microsoft.com/azure/firewall/rule-processing
 */
export class EgressPort {
  /** HTTPS (application rule — FQDN wildcards allowed). */
  public static https(port: number = 443): EgressPort {
    return new EgressPort('Https', port, true);
  }

  /** Plain HTTP (application rule). */
  public static http(port: number = 80): EgressPort {
    return new EgressPort('Http', port, true);
  }

  /** SQL Server TDS (application rule, Azure SQL FQDNs). */
  public static mssql(port: number = 1433): EgressPort {
    return new EgressPort('Mssql', port, true);
  }

  /** A TCP port (network rule). */
  public static tcp(port: number): EgressPort {
    return new EgressPort('TCP', port, false);
  }

  /** A UDP port (network rule). */
  public static udp(port: number): EgressPort {
    return new EgressPort('UDP', port, false);
  }

  private constructor(
    /** `Http`, `Https`, `Mssql`, `TCP` or `UDP`. */
    public readonly protocol: string,
    /** The port number. */
    public readonly port: number,
    /** Whether the port needs an application rule. */
    public readonly application: boolean,
  ) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new AksNetworkError(
        `EgressPort.${protocol.toLowerCase()}: port ${port} is out of range`,
        'use a whole number from 1 to 65535',
      );
    }
  }

  /** e.g. `Https:443`. */
  public toString(): string {
    return `${this.protocol}:${this.port}`;
  }
}

/** What a target is made of. */
export enum EgressTargetKind {
  /** FQDNs. */
  FQDNS = 'fqdns',
  /** An Azure service tag. */
  SERVICE_TAG = 'service-tag',
  /** IPv4 addresses or CIDRs. */
  CIDRS = 'cidrs',
}

/** Where the cluster may connect to. */
export class EgressTarget {
  /** Host names — wildcards (`*.example.com`) only on HTTP/HTTPS/MSSQL ports. */
  public static fqdns(...names: string[]): EgressTarget {
    return new EgressTarget(EgressTargetKind.FQDNS, names);
  }

  /** An Azure service tag such as `AzureMonitor` or `Storage.westeurope` (TCP/UDP ports only). */
  public static serviceTag(tag: string): EgressTarget {
    return new EgressTarget(EgressTargetKind.SERVICE_TAG, [tag]);
  }

  /** IPv4 addresses or CIDR blocks. */
  public static cidrs(...cidrs: string[]): EgressTarget {
    return new EgressTarget(EgressTargetKind.CIDRS, cidrs);
  }

  private constructor(
    /** What the values are. */
    public readonly kind: EgressTargetKind,
    /** FQDNs, the tag, or CIDRs. */
    public readonly values: string[],
  ) {
    if (values.length === 0) {
      throw new AksNetworkError(`EgressTarget.${factoryOf(kind)}: no value given`, 'give at least one value');
    }
  }
}

function factoryOf(kind: EgressTargetKind): string {
  return kind === EgressTargetKind.FQDNS ? 'fqdns' : kind === EgressTargetKind.CIDRS ? 'cidrs' : 'serviceTag';
}
