// The flows of a Gateway's proxy pods: who may reach their listener ports, and what they may reach.
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { Cidr } from '../../../plan/cidr';
import { IGatewayProxies } from '../../controller';
import { PolicyPeer } from '../peer';
import { Port } from '../port';
import { Flow, Tier } from '../tier';

/** Where a Gateway's clients come from. */
export interface GatewayTrafficOptions {
  /**
   * Where DNAT'd clients arrive from: the firewall subnet (Azure Firewall SNATs DNAT'd traffic to
   * its own addresses), e.g. `egress.firewallSubnet.cidr`.
   */
  readonly clientRanges: string[];
  /**
   * The node subnet(s). The app routing Gateway's Service keeps `externalTrafficPolicy: Cluster`, so a
   * node may forward a connection to a proxy on another node from its own address.
   * @default - none: only when the proxies' Service uses `externalTrafficPolicy: Local`
   */
  readonly nodeRanges?: string[];
  /**
   * Admit the Azure load balancer health probe source 168.63.129.16 on the listener ports.
   * @default true
   */
  readonly admitAzureHealthProbe?: boolean;
}

/** The istiod namespace of both AKS Istio implementations (never written into). */
export const ISTIO_SYSTEM_NAMESPACE = 'aks-istio-system';
/**
 * istiod's port for xDS and certificate signing (TLS gRPC) — the only one a proxy opens. 15017 is
 * istiod's webhook port, called by the API server, not by proxies; 15010 (plain xDS) and 15014
 * (monitoring) are not used by proxies either (Istio "Ports used by Istio").
 */
export const ISTIOD_XDS_PORT = 15012;
/**
 * Azure's platform address that load balancer health probes come from. Whether a policy must admit
 * it is UNCERTAIN (platform-2026-12 §1): with `Cluster` the probe reaches a node port and kube-proxy
 * masquerades it, but on Cilium a probe to a local proxy keeps its source. Admitting it on the
 * listener ports costs nothing (Azure routes the address only from the platform) and keeps the load
 * balancer from marking every proxy down.
 */
export const AZURE_HEALTH_PROBE_SOURCE = '168.63.129.16/32';

export interface GatewayFlows {
  readonly flows: Flow[];
  /** Node ranges admitted by ipBlock. */
  readonly nodeRanges: string[];
  /** Whether the node share needs a CiliumNetworkPolicy (ipBlock never matches node addresses there). */
  readonly nodeEntities: boolean;
}

export function gatewayFlows(
  scope: IConstruct,
  gateway: IGatewayProxies,
  options: GatewayTrafficOptions,
  ipBlockMatchesNodes: boolean,
  tier: Tier,
): GatewayFlows {
  if (!options || !Array.isArray(options.clientRanges) || options.clientRanges.length === 0) {
    throw new AksNetworkError(
      `no clientRanges for gateway ${gateway.name}`,
      'pass the firewall subnet, e.g. clientRanges: [egress.firewallSubnet.cidr]',
      scope,
    );
  }
  const listenerPorts = gateway.listenerPorts.map((p) => Port.tcp(p));
  const nodes = (options.nodeRanges ?? []).map((r) => Cidr.parse(r, scope).toString());
  const from = [
    ...options.clientRanges.map((r) => Cidr.parse(r, scope).toString()),
    ...(ipBlockMatchesNodes ? nodes : []),
    ...(options.admitAzureHealthProbe === false ? [] : [AZURE_HEALTH_PROBE_SOURCE]),
  ];
  const flows: Flow[] = [...new Set(from)].map((cidr) => ({
    from: PolicyPeer.cidr(cidr),
    to: tier,
    ports: listenerPorts,
  }));
  flows.push({
    from: tier,
    to: PolicyPeer.namespace(ISTIO_SYSTEM_NAMESPACE),
    ports: [Port.tcp(ISTIOD_XDS_PORT)],
  });
  const byPeer = new Map<string, { peer: PolicyPeer; ports: Port[] }>();
  for (const b of gateway.routedBackends()) {
    const peer = PolicyPeer.podsInNamespace(b.namespace, b.podLabels);
    const port =
      b.containerPortName !== undefined ? Port.named(b.containerPortName) : Port.tcp(b.containerPort!);
    const entry = byPeer.get(peer.peerName) ?? { peer, ports: [] };
    if (!entry.ports.some((p) => p.toString() === port.toString())) entry.ports.push(port);
    byPeer.set(peer.peerName, entry);
  }
  for (const { peer, ports } of byPeer.values()) flows.push({ from: tier, to: peer, ports });
  return {
    flows,
    nodeRanges: ipBlockMatchesNodes ? nodes : [],
    nodeEntities: !ipBlockMatchesNodes && nodes.length > 0,
  };
}

/** A CiliumNetworkPolicy admitting node-forwarded connections (Cilium identities `remote-node`, `host`). */
export function nodeForwardedPolicy(name: string, namespace: string, tier: Tier, gateway: IGatewayProxies) {
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name, namespace },
    spec: {
      description: `Connections to gateway ${gateway.name} forwarded by nodes (externalTrafficPolicy Cluster)`,
      endpointSelector: { matchLabels: { ...tier.podLabels } },
      ingress: [
        {
          fromEntities: ['remote-node', 'host'],
          toPorts: [{ ports: gateway.listenerPorts.map((p) => ({ port: String(p), protocol: 'TCP' })) }],
        },
      ],
    },
  };
}
