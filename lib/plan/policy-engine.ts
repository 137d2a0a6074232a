import { AksNetworkError } from '../core/errors';

/**
 * The NetworkPolicy engine of a cluster, as a plain value the Kubernetes side can check policies against.
 *
 * Created by `AksCluster` (its `policyEngine` attribute) or directly, for manifests of a cluster
 * defined elsewhere.
 *
 * @see https://learn.microsoft.com/azure/aks/use-network-policies
 */
export class PolicyEngine {
  /**
   * Azure Network Policy Manager. Azure CNI only; no `endPort`; retires on Linux 2028-09-30
   * (Windows 2026-09-30).
   */
  public static readonly AZURE_NPM = new PolicyEngine('azure', {
    enforces: true,
    endPort: false,
    ipBlockMatchesPods: true,
    cilium: false,
  });

  /** Calico (Linux, Windows Server 2019/2022 — also on kubenet). */
  public static readonly CALICO = new PolicyEngine('calico', {
    enforces: true,
    endPort: true,
    ipBlockMatchesPods: true,
    cilium: false,
  });

  /**
   * Cilium (Azure CNI powered by Cilium). `ipBlock` never matches pod or node IPs;
   * `endPort` needs Cilium 1.17 (AKS 1.32+).
   */
  public static readonly CILIUM = new PolicyEngine('cilium', {
    enforces: true,
    endPort: true,
    ipBlockMatchesPods: false,
    cilium: true,
  });

  /** No engine: NetworkPolicies are accepted by the API server but not enforced. */
  public static readonly NONE = new PolicyEngine('none', {
    enforces: false,
    endPort: false,
    ipBlockMatchesPods: false,
    cilium: false,
  });

  /** Look an engine up by its `network_policy` value (`azure`, `calico`, `cilium`, `none`). */
  public static fromName(name: string): PolicyEngine {
    const engine = [PolicyEngine.AZURE_NPM, PolicyEngine.CALICO, PolicyEngine.CILIUM, PolicyEngine.NONE].find(
      (e) => e.name === name,
    );
    if (!engine) {
      throw new AksNetworkError(
        `PolicyEngine.fromName: '${name}' is not a policy engine`,
        'use azure, calico, cilium or none',
      );
    }
    return engine;
  }

  /** The `network_policy` value (`none` when no engine runs). */
  public readonly name: string;
  /** Whether NetworkPolicies are enforced at all. */
  public readonly enforcesPolicies: boolean;
  /** Whether port ranges (`endPort`) are honoured. */
  public readonly supportsEndPort: boolean;
  /** Whether an `ipBlock` peer can match pod IPs (false on Cilium: use selectors for pods). */
  public readonly ipBlockMatchesPods: boolean;
  /**
   * Whether CiliumNetworkPolicies are enforced (Cilium only): what NetworkPolicy cannot name there,
   * such as the `host` entity, goes into one.
   */
  public readonly enforcesCiliumPolicies: boolean;

  private constructor(
    name: string,
    caps: { enforces: boolean; endPort: boolean; ipBlockMatchesPods: boolean; cilium: boolean },
  ) {
    this.name = name;
    this.enforcesPolicies = caps.enforces;
    this.supportsEndPort = caps.endPort;
    this.ipBlockMatchesPods = caps.ipBlockMatchesPods;
    this.enforcesCiliumPolicies = caps.cilium;
  }
}
