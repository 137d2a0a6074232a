// What a flow to or from an FQDN peer needs of the cluster: Cilium, ACNS FQDN filtering, LocalDNS
// off, and port numbers. Each refusal names the value and the fix.
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { PolicyEngine } from '../../../plan/policy-engine';
import { FqdnPeer } from '../peer';
import { Flow } from '../tier';

/** What the cluster offers, as plain values. */
export interface FqdnCapabilities {
  readonly engine: PolicyEngine;
  readonly fqdnPoliciesAllowed: boolean;
  readonly localDnsMayBeOn: boolean;
}

/** Throw when the flow involves an FQDN peer the cluster cannot enforce — does nothing otherwise. */
export function checkFqdnFlow(scope: IConstruct, flow: Flow, cluster: FqdnCapabilities): void {
  if (flow.from instanceof FqdnPeer) {
    throw new AksNetworkError(
      `${flow.from.peerName} as a source: FQDN rules (toFQDNs) allow egress only`,
      'admit clients by address (PolicyPeer.cidr) or by labels, and use FQDN peers with tier.allowTo',
      scope,
    );
  }
  const peer = flow.to;
  if (!(peer instanceof FqdnPeer)) return;
  if (!cluster.engine.enforcesCiliumPolicies) {
    throw new AksNetworkError(
      `${peer.peerName} needs CiliumNetworkPolicy toFQDNs, which engine ${cluster.engine.name} does not enforce`,
      'run the cluster on NetworkModel.cilium() with advancedNetworking security on, or allow addresses with PolicyPeer.cidr',
      scope,
    );
  }
  if (!cluster.fqdnPoliciesAllowed) {
    throw new AksNetworkError(
      `${peer.peerName} needs ACNS FQDN filtering, and fqdnPoliciesAllowed is false (without it AKS blocks FQDN policies)`,
      'turn on advancedNetworking security on the cluster (FQDN or L7 policies) and pass fqdnPoliciesAllowed: cluster.fqdnPoliciesAllowed',
      scope,
    );
  }
  // Decision: refused. The platform notes (December 2026) say ACNS FQDN filtering does not work with
  // LocalDNS; the docs dropped that limitation on 2026-05-12 ("Remove limitations on Local DNS and ACNS
  // compatibility") without saying what the DNS rule must then name, and the how-to still targets
  // kube-dns, which lookups through LocalDNS bypass: the proxy would never learn the addresses.
  if (cluster.localDnsMayBeOn) {
    throw new AksNetworkError(
      `${peer.peerName} with LocalDNS possibly on (localDnsMayBeOn): ACNS FQDN filtering does not work with LocalDNS (lookups bypass the DNS proxy's kube-dns rule)`,
      'pass localDnsMayBeOn: cluster.localDnsMayBeOn (a cluster with ACNS FQDN filtering pins LocalDNS Disabled on every pool)',
      scope,
    );
  }
  const named = flow.ports.find((p) => p.name !== undefined);
  if (named) {
    throw new AksNetworkError(
      `${peer.peerName} on named port ${named.name}: a named port resolves on pods, not on external hosts`,
      'give the port number, e.g. Port.tcp(1433)',
      scope,
    );
  }
}
