import { AksNetworkError } from '../../core/errors';
import { Cidr, parseRange } from '../../plan/cidr';
import { FqdnSelectorJson } from '../../verify/policy/cilium';
import { PeerJson } from '../../verify/policy/evaluator';
import { fqdnProblem, isFqdnPattern, normalizeFqdn } from '../../verify/policy/fqdn';

/** The namespace label the control plane sets on every namespace (immutable, cannot be spoofed). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Something a tier may talk to: another tier, pods of a namespace, or external addresses. */
export interface IPolicyPeer {
  /** For messages and the connectivity report. */
  readonly peerName: string;
  /** @internal the NetworkPolicyPeer, seen from `namespace` */
  _peer(namespace: string): PeerJson;
}

/**
 * Peers outside the tiers. Each factory is one peer; a peer with a namespace AND pod labels matches
 * pods that satisfy both. Several peers in one call to `allowFrom`/`allowTo` are alternatives (OR).
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
 */
export class PolicyPeer implements IPolicyPeer {
  /** Every pod of another namespace (selected by `kubernetes.io/metadata.name`, never a `name` label). */
  public static namespace(namespace: string): PolicyPeer {
    return new PolicyPeer(`namespace ${namespace}`, {
      namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
    });
  }

  /** Pods with these labels in that namespace: one peer, both selectors (AND). */
  public static podsInNamespace(namespace: string, podLabels: { [key: string]: string }): PolicyPeer {
    requireLabels(podLabels, `podsInNamespace('${namespace}', ...)`);
    return new PolicyPeer(`pods ${formatLabels(podLabels)} in ${namespace}`, {
      namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
      podSelector: { matchLabels: { ...podLabels } },
    });
  }

  /** Pods with these labels in the policy's own namespace. */
  public static pods(podLabels: { [key: string]: string }): PolicyPeer {
    requireLabels(podLabels, 'pods(...)');
    return new PolicyPeer(`pods ${formatLabels(podLabels)}`, {
      podSelector: { matchLabels: { ...podLabels } },
    });
  }

  /**
   * Addresses outside the cluster (`ipBlock`), optionally minus some. On Cilium an ipBlock never
   * matches pod or node IPs: use the other peers for those.
   */
  public static cidr(cidr: string, exceptCidrs?: string[]): PolicyPeer {
    const except = exceptCidrs;
    const block = parseRange(cidr, { what: 'PolicyPeer.cidr' });
    for (const e of except ?? []) {
      const inner = parseRange(e, { what: 'PolicyPeer.cidr except' });
      if (!block.contains(inner) || block.sameAs(inner)) {
        throw new AksNetworkError(
          `PolicyPeer.cidr: except ${e} is not strictly inside ${cidr}`,
          `list only blocks inside ${cidr}, or drop the except`,
        );
      }
    }
    return new PolicyPeer(`${cidr}${except?.length ? ` except ${except.join(', ')}` : ''}`, {
      ipBlock: {
        cidr: block.toString(),
        except: except?.length ? except.map((e) => Cidr.parse(e).toString()) : undefined,
      },
    });
  }

  /** The internet: 0.0.0.0/0 minus the private ranges. */
  public static internet(): PolicyPeer {
    return PolicyPeer.cidr('0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
  }

  /**
   * Destinations outside the cluster by DNS name, for `tier.allowTo(peer, ...ports)`: rendered as a
   * CiliumNetworkPolicy with `toFQDNs` and the DNS rule that lets the DNS proxy see the lookups.
   * Needs Cilium with ACNS FQDN filtering (`fqdnPoliciesAllowed`) and LocalDNS pinned off.
   *
   * Each entry is a name (`myserver.database.windows.net`, `matchName`) or a pattern with one `*` in
   * its leftmost label (`*.database.windows.net`, `app*.example.com`, `matchPattern`); never a bare
   * `*`, `**.`, a wildcard over a top-level domain, a Kubernetes service name or an IP address.
   *
   * @see https://learn.microsoft.com/azure/aks/how-to-apply-fqdn-filtering-policies
   */
  public static fqdns(names: string[]): FqdnPeer {
    return FqdnPeer._create(names);
  }

  public readonly peerName: string;
  private readonly json: PeerJson;

  private constructor(peerName: string, json: PeerJson) {
    this.peerName = peerName;
    this.json = json;
  }

  /** The ipBlock CIDR, when this peer is one. */
  public get cidrBlock(): string | undefined {
    return this.json.ipBlock?.cidr;
  }

  /** @internal */
  public _peer(): PeerJson {
    return this.json;
  }
}

export function formatLabels(labels: { [key: string]: string }): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function requireLabels(labels: { [key: string]: string }, what: string): void {
  if (Object.keys(labels).length === 0) {
    throw new AksNetworkError(
      `PolicyPeer.${what} with no labels would select every pod`,
      'give pod labels, or use PolicyPeer.namespace() for all pods',
    );
  }
}

/**
 * Destinations by DNS name (CiliumNetworkPolicy `toFQDNs`), made by `PolicyPeer.fqdns`. An egress
 * destination only; the names are normalized (lower case, no trailing dot) and deduplicated.
 */
export class FqdnPeer implements IPolicyPeer {
  /** @internal */
  public static _create(names: string[]): FqdnPeer {
    if (!Array.isArray(names) || names.length === 0) {
      throw new AksNetworkError(
        'PolicyPeer.fqdns: no names given',
        "give at least one name or pattern, e.g. PolicyPeer.fqdns(['*.database.windows.net'])",
      );
    }
    const normalized: string[] = [];
    for (const name of names) {
      if (typeof name !== 'string') {
        throw new AksNetworkError(`PolicyPeer.fqdns: ${String(name)} is not a name`, 'give names as text');
      }
      const fqdn = normalizeFqdn(name);
      const problem = fqdnProblem(fqdn);
      if (problem) throw new AksNetworkError(`PolicyPeer.fqdns: ${problem.problem}`, problem.fix);
      if (!normalized.includes(fqdn)) normalized.push(fqdn);
    }
    return new FqdnPeer(normalized);
  }

  public readonly peerName: string;
  /** The names and patterns. */
  public readonly fqdns: string[];

  private constructor(fqdns: string[]) {
    this.fqdns = fqdns;
    this.peerName = `FQDN ${fqdns.join(', ')}`;
  }

  /** @internal an FQDN peer has no NetworkPolicyPeer form (its flows render as CiliumNetworkPolicy) */
  public _peer(): PeerJson {
    throw new AksNetworkError(
      `${this.peerName} has no NetworkPolicy form`,
      'use FQDN peers only as destinations of tier.allowTo',
    );
  }

  /** @internal the `toFQDNs` (and `rules.dns`) selectors: `matchName` for names, `matchPattern` for patterns */
  public _selectors(): FqdnSelectorJson[] {
    return this.fqdns.map((f) => (isFqdnPattern(f) ? { matchPattern: f } : { matchName: f }));
  }
}
