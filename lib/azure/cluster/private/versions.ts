// Which Gateway API bundle the managed installation brings, by the cluster's Kubernetes version.
// Source: docs `managed-gateway-api.md` (2026-05-28), "Supported Kubernetes versions for Gateway API
// bundle versions" (platform-2026-12 §1).

/** Bundle per Kubernetes minor version, newest first. */
const BUNDLES: ReadonlyArray<{ readonly fromMinor: number; readonly bundle: string }> = [
  { fromMinor: 36, bundle: 'v1.5.1' },
  { fromMinor: 35, bundle: 'v1.4.1' },
  { fromMinor: 34, bundle: 'v1.3.0' },
  { fromMinor: 26, bundle: 'v1.2.1' },
];
/** What every supported cluster runs at least: the safe assumption when the version is left to AKS. */
export const SAFE_GATEWAY_API_BUNDLE = 'v1.2.1';

/** The bundle a cluster of this Kubernetes version runs (`major.minor[.patch]`; unset: the safe floor). */
export function gatewayApiBundleFor(kubernetesVersion: string | undefined): string {
  const minor = kubernetesVersion ? Number(kubernetesVersion.split('.')[1]) : NaN;
  return BUNDLES.find((b) => minor >= b.fromMinor)?.bundle ?? SAFE_GATEWAY_API_BUNDLE;
}
