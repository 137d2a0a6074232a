// The DNS and FQDN parts of the connectivity model: the node-local DNS endpoint (LocalDNS) and the
// endpoints that stand for FQDN peers. Pure; used by `connectivity.ts`.
import { sampleName } from './fqdn';
import { ExternalEndpoint, HostEndpoint } from './evaluator';

/**
 * The node-local addresses LocalDNS listens on (169.254.10.10 and .11), as AKS documents them for
 * policies: egress to 169.254.10.0/24 on UDP and TCP 53 (docs `localdns-custom.md`).
 */
export const LOCAL_DNS_CIDR = '169.254.10.0/24';

/** LocalDNS on the pod's node: an address bound on the node (Cilium identity `host`). */
export const NODE_LOCAL_DNS: HostEndpoint = { kind: 'host', name: 'node-local DNS', ip: '169.254.10.10' };

/** A public address (TEST-NET-2) that stands for the IPs a name resolves to. */
const FQDN_SAMPLE_IP = '198.51.100.10';

/** A flow side that is an FQDN peer: its name in the report and its patterns. */
export interface FqdnSide {
  readonly peerName: string;
  readonly fqdns: string[];
}

/** The endpoint that stands for an FQDN peer: a public address reached by a name its first pattern matches. */
export function fqdnEndpoint(side: FqdnSide): ExternalEndpoint {
  return { kind: 'external', name: side.peerName, ip: FQDN_SAMPLE_IP, fqdn: sampleName(side.fqdns[0]) };
}
