import { AksNetworkError } from '../../core/errors';

/** Transport protocol of a policy port. */
export enum PortProtocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/**
 * A port a NetworkPolicy rule allows: a number, a range (`endPort`) or a named container port
 * (resolved on the destination pod).
 */
export class Port {
  /** A TCP port. */
  public static tcp(port: number): Port {
    return new Port(PortProtocol.TCP, port);
  }

  /** A UDP port. */
  public static udp(port: number): Port {
    return new Port(PortProtocol.UDP, port);
  }

  /** An SCTP port. */
  public static sctp(port: number): Port {
    return new Port(PortProtocol.SCTP, port);
  }

  /** A TCP port range (`endPort` — not enforced by Azure NPM, needs Cilium 1.17+). */
  public static tcpRange(firstPort: number, lastPort: number): Port {
    return new Port(PortProtocol.TCP, firstPort, lastPort);
  }

  /** A named container port of the destination pods. */
  public static named(name: string, protocol?: PortProtocol): Port {
    return new Port(protocol ?? PortProtocol.TCP, undefined, undefined, name);
  }

  private constructor(
    /** Protocol. */ public readonly protocol: PortProtocol,
    /** Port number (absent for a named port). */ public readonly portNumber?: number,
    /** Last port of a range. */ public readonly endPort?: number,
    /** Port name. */ public readonly name?: string,
  ) {
    const factory = `Port.${name !== undefined ? 'named' : endPort !== undefined ? 'tcpRange' : protocol.toLowerCase()}`;
    const inRange = (n: number | undefined): boolean =>
      n === undefined || (Number.isInteger(n) && n >= 1 && n <= 65535);
    if (!inRange(portNumber) || !inRange(endPort)) {
      throw new AksNetworkError(`${factory}: port ${this.toString()} is out of range`, 'use 1-65535');
    }
    if (endPort !== undefined && endPort < portNumber!) {
      throw new AksNetworkError(
        `${factory}: port range ${this.toString()} ends before it starts`,
        `write it as Port.tcpRange(${endPort}, ${portNumber})`,
      );
    }
    if (name !== undefined && !/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/.test(name)) {
      throw new AksNetworkError(
        `${factory}: port name '${name}' is not an IANA service name`,
        'use at most 15 lower-case letters, digits and -',
      );
    }
  }

  /** Whether this is a range. */
  public get isRange(): boolean {
    return this.endPort !== undefined;
  }

  /** Human-readable, e.g. `TCP 8080`, `TCP 8000-8100`, `TCP http`. */
  public toString(): string {
    const what =
      this.name ?? (this.endPort !== undefined ? `${this.portNumber}-${this.endPort}` : `${this.portNumber}`);
    return `${this.protocol} ${what}`;
  }

  /** @internal the NetworkPolicyPort */
  public _render(): { protocol: string; port?: number | string; endPort?: number } {
    return { protocol: this.protocol, port: this.name ?? this.portNumber, endPort: this.endPort };
  }
}
