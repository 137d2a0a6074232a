// Changes that no single apply can make, found by comparing with the previous local synthesis.
// The app routing add-on's Gateway API implementation (approuting-istio) cannot run together with the
// Istio service mesh add-on (docs `app-routing-gateway-api.md`; arm-managed-clusters.md §1): moving
// from one to the other in one apply would ask AKS for both at once.
import { blocks, get, Json } from '../model';

type Ingress = 'the app routing Gateway API implementation' | 'the Istio add-on';

/** Per cluster address: which of the two exclusive ingresses the stack's JSON turns on, with its path. */
function ingressesOf(json: Json | undefined): Map<string, { ingress: Ingress; path: string }> {
  const out = new Map<string, { ingress: Ingress; path: string }>();
  const resources = (json?.resource ?? {}) as Record<string, Record<string, Json>>;
  for (const [name, body] of Object.entries(resources.azurerm_kubernetes_cluster ?? {})) {
    const path = String(get(body, '//', 'metadata', 'path') ?? `azurerm_kubernetes_cluster.${name}`);
    if (blocks(body.service_mesh_profile).some((p) => p.mode === 'Istio')) {
      out.set(name, { ingress: 'the Istio add-on', path });
    }
  }
  for (const patch of Object.values(resources.azapi_update_resource ?? {})) {
    const cluster = /\$\{azurerm_kubernetes_cluster\.([^.]+)\.id\}/.exec(String(patch.resource_id))?.[1];
    const mode = get(
      patch.body,
      'properties',
      'ingressProfile',
      'webAppRouting',
      'gatewayAPIImplementations',
      'appRoutingIstio',
      'mode',
    );
    const body = resources.azurerm_kubernetes_cluster?.[cluster ?? ''];
    if (cluster && body && mode === 'Enabled') {
      const path = String(get(body, '//', 'metadata', 'path') ?? `azurerm_kubernetes_cluster.${cluster}`);
      out.set(cluster, { ingress: 'the app routing Gateway API implementation', path });
    }
  }
  return out;
}

/** Problems of moving a cluster between the two exclusive ingresses in one step. */
export function ingressTransitionProblems(previous: Json | undefined, next: Json): string[] {
  const before = ingressesOf(previous);
  return [...ingressesOf(next)].flatMap(([cluster, now]) => {
    const was = before.get(cluster);
    if (!was || was.ingress === now.ingress) return [];
    return [
      `${now.path}: the previous synthesis runs ${was.ingress}, this one ${now.ingress}; AKS cannot run both, so one apply cannot move between them; first apply with ingress: ClusterIngress.none() (or nginx()), then choose the other ingress and apply again`,
    ];
  });
}
