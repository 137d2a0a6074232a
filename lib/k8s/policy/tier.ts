import { IPolicyPeer, NAMESPACE_NAME_LABEL, formatLabels } from './peer';
import { Port } from './port';
import { PeerJson } from '../../verify/policy/evaluator';

/** Options of a tier. */
export interface TierOptions {
  /** Labels every pod of the tier carries (its Deployment's pod labels). */
  readonly podLabels: { [key: string]: string };
  /**
   * Named container ports of the tier's pods. Only needed for an `external` tier whose pods are not in
   * the app, for flows on `Port.named(...)`; otherwise the ports are read from the workloads.
   * @default - none
   */
  readonly namedPorts?: { [name: string]: number };
  /**
   * The tier's pods may be deployed outside this app (a Helm chart, another pipeline). Synthesis checks
   * every tier, Service and flow against the workloads in the output; for an external tier that selects
   * none, it warns instead of failing, and the report shows the tier by its labels.
   * @default false
   */
  readonly external?: boolean;
}

/** A flow the policies must allow. */
export interface Flow {
  readonly from: IPolicyPeer;
  readonly to: IPolicyPeer;
  readonly ports: Port[];
}

/** What a tier reports to its owner. */
export interface TierOwner {
  readonly namespace: string;
  /** @internal */
  _addFlow(flow: Flow): void;
  /** @internal */
  _acceptForeignFlow(flow: Flow): void;
}

/**
 * A named group of pods in a TieredNetworkPolicies namespace. Flows are intent verbs:
 * `web.allowTo(api, Port.tcp(8080))` allows web's egress and api's ingress.
 */
export class Tier implements IPolicyPeer {
  /** Tier name (used in policy names and the report). */
  public readonly name: string;
  /** The tier's pod labels. */
  public readonly podLabels: { [key: string]: string };
  /** Named container ports (declared for an external tier). */
  public readonly namedPorts: { [name: string]: number };
  /** Whether its pods may be deployed outside this app. */
  public readonly external: boolean;
  /** The tier's namespace. */
  public readonly namespace: string;
  public readonly peerName: string;
  private readonly owner: TierOwner;

  /** @internal */
  public static _create(owner: TierOwner, name: string, options: TierOptions): Tier {
    return new Tier(owner, name, options);
  }

  private constructor(owner: TierOwner, name: string, options: TierOptions) {
    this.owner = owner;
    this.name = name;
    this.namespace = owner.namespace;
    this.podLabels = { ...options.podLabels };
    this.namedPorts = { ...(options.namedPorts ?? {}) };
    this.external = options.external ?? false;
    this.peerName = `${name} (${formatLabels(this.podLabels)})`;
  }

  /** Allow this tier to open connections to `peer` on these ports (both sides when `peer` is a tier). */
  public allowTo(peer: IPolicyPeer, ...ports: Port[]): void {
    this.owner._addFlow({ from: this, to: peer, ports });
  }

  /** Allow `peer` to open connections to this tier on these ports (both sides when `peer` is a tier). */
  public allowFrom(peer: IPolicyPeer, ...ports: Port[]): void {
    this.owner._addFlow({ from: peer, to: this, ports });
  }

  /** @internal */
  public _peer(namespace: string): PeerJson {
    const podSelector = { matchLabels: { ...this.podLabels } };
    return namespace === this.namespace
      ? { podSelector }
      : { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: this.namespace } }, podSelector };
  }

  /** @internal */
  public _ownedBy(owner: TierOwner): boolean {
    return this.owner === owner;
  }

  /** @internal */
  public _owner(): TierOwner {
    return this.owner;
  }
}
