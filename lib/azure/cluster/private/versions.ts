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

/** The bundle a cluster of this Kubernetes version runs (`major.minor[.patch]` — unset: the safe floor). */
export function gatewayApiBundleFor(kubernetesVersion: string | undefined): string {
  const minor = kubernetesVersion ? Number(kubernetesVersion.split('.')[1]) : NaN;
  return BUNDLES.find((b) => minor >= b.fromMinor)?.bundle ?? SAFE_GATEWAY_API_BUNDLE;
}

/**
 * Kubernetes minor versions AKS supports, as dated data. Source: platform facts 2026-12 §2 (docs
 * `supported-kubernetes-versions.md` and `long-term-support.md`, read late August 2026): standard
 * support 1.35-1.37; long-term support (Premium tier with the LTS plan) 1.32-1.37; 1.28 and older are
 * unsupported everywhere. Refresh this table when AKS releases or retires a minor version.
 */
export const KUBERNETES_SUPPORT = {
  asOf: '2026-08',
  source: 'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions',
  standardMinors: [35, 36, 37],
  ltsMinors: [32, 33, 34, 35, 36, 37],
} as const;

/** Warnings for a Kubernetes version AKS does not support (or supports only under LTS). */
export function kubernetesVersionWarnings(version: string | undefined, longTermSupport: boolean): string[] {
  if (version === undefined) return [];
  const minor = Number(version.split('.')[1]);
  const { asOf, source, standardMinors, ltsMinors } = KUBERNETES_SUPPORT;
  const std: readonly number[] = standardMinors;
  const lts: readonly number[] = ltsMinors;
  const as = `as of ${asOf} (${source})`;
  if (std.includes(minor)) return [];
  if (lts.includes(minor)) {
    return longTermSupport
      ? []
      : [
          `Kubernetes ${version} is out of standard support ${as}; only long-term support covers it: set longTermSupport: true (Premium tier) or use 1.${std[0]}-1.${std[std.length - 1]}`,
        ];
  }
  if (minor > std[std.length - 1]) {
    return [
      `Kubernetes ${version} is newer than the versions AKS offered ${as}; check that AKS offers it in your region`,
    ];
  }
  return [
    `Kubernetes ${version} is not supported by AKS ${as}, not even under long-term support; use 1.${std[0]}-1.${std[std.length - 1]}`,
  ];
}
