/**
 * Kubernetes version upgrade channel (`automatic_upgrade_channel`).
 * @see https://learn.microsoft.com/azure/aks/auto-upgrade-cluster
 */
export enum AutoUpgradeChannel {
  /** Latest patch of the current minor version. */
  PATCH = 'patch',
  /** Latest patch of minor version N-1. */
  STABLE = 'stable',
  /** Latest supported patch of the latest minor version. */
  RAPID = 'rapid',
  /** Node images only (prefer `nodeOsUpgradeChannel`). */
  NODE_IMAGE = 'node-image',
  /** No automatic upgrades (the cluster warns). */
  NONE = 'none',
}

/**
 * Node OS upgrade channel (`node_os_upgrade_channel`).
 * @see https://learn.microsoft.com/azure/aks/auto-upgrade-node-os-image
 */
export enum NodeOsUpgradeChannel {
  /** Weekly node image with OS security patches. */
  NODE_IMAGE = 'NodeImage',
  /** OS security patches applied in place, with reimage where needed. */
  SECURITY_PATCH = 'SecurityPatch',
  /** Unattended OS upgrades from the distribution. */
  UNMANAGED = 'Unmanaged',
  /** No node OS updates (the cluster warns). */
  NONE = 'None',
}

/**
 * Cluster pricing tier (`sku_tier`).
 * @see https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers
 */
export enum ClusterSkuTier {
  /** No uptime SLA, at most 1,000 nodes: test clusters only. */
  FREE = 'Free',
  /** Uptime SLA, up to 5,000 nodes. */
  STANDARD = 'Standard',
  /** Standard plus long-term support. */
  PREMIUM = 'Premium',
}

/**
 * What the application routing add-on does with its default NGINX controller
 * (`web_app_routing.default_nginx_controller`).
 * @see https://learn.microsoft.com/azure/aks/app-routing-nginx-configuration
 */
export enum NginxControllerMode {
  /** Internal load balancer (private IP in the VNet). */
  INTERNAL = 'Internal',
  /** No default controller — define your own `NginxIngressController`. */
  NONE = 'None',
  /** Public load balancer, editable annotations. Refused behind an egress firewall. */
  ANNOTATION_CONTROLLED = 'AnnotationControlled',
  /** Public load balancer. Refused behind an egress firewall. */
  EXTERNAL = 'External',
}

/**
 * Node OS image (`os_sku`) — the Windows SKUs make a Windows pool.
 *
 * What azurerm 4.55 (our pin) cannot express: `Ubuntu2404` (azurerm 4.67 adds it) and Windows Server
 * 2025 (not in azurerm 4.55; AKS offers it as `Windows2025`). Ubuntu 22.04 retires 2027-06-30; Azure
 * Linux 2.0 images were removed 2026-03-31 (platform facts 2026-12 §2).
 * @see https://learn.microsoft.com/azure/aks/cluster-configuration
 */
export enum NodeOsSku {
  /** Azure Linux (current major version). */
  AZURE_LINUX = 'AzureLinux',
  /** Azure Linux 3. */
  AZURE_LINUX3 = 'AzureLinux3',
  /** Ubuntu (AKS default version). */
  UBUNTU = 'Ubuntu',
  /** Ubuntu 22.04 (retires 2027-06-30). */
  UBUNTU2204 = 'Ubuntu2204',
  /**
   * Windows Server 2019: retired 2026-03-01 (no new pools on Kubernetes 1.33 and later) — a pool that
   * asks for it is refused. The member stays so that existing code compiles and gets that message.
   * @deprecated use WINDOWS2022; the member will be removed in the next major version
   */
  WINDOWS2019 = 'Windows2019',
  /** Windows Server 2022. */
  WINDOWS2022 = 'Windows2022',
}

/**
 * LocalDNS mode of a node pool (`localDNSProfile.mode`, set through the AzAPI patch: azurerm 4.55
 * cannot). There is no `Enabled` mode: `Enabled`/`Disabled` is the read-only state AKS reports.
 * Applying or changing a pool's mode reimages every node of the pool.
 * @see https://learn.microsoft.com/azure/aks/localdns-custom
 */
export enum LocalDnsMode {
  /**
   * AKS decides: today the configuration is validated but LocalDNS is not installed — AKS states that
   * a future Kubernetes version turns it on in this mode (and from 1.36/1.37 applies it to pools
   * without a profile). Policies must therefore allow both DNS paths.
   */
  PREFERRED = 'Preferred',
  /** LocalDNS on (Kubernetes 1.31+, Linux pools with at least 4 vCPUs) — the deployment fails otherwise. */
  REQUIRED = 'Required',
  /** LocalDNS off: pods resolve through kube-dns only. */
  DISABLED = 'Disabled',
}

/**
 * Which advanced network policies ACNS security allows in CiliumNetworkPolicies
 * (`advancedNetworking.security.advancedNetworkPolicies`).
 * @see https://learn.microsoft.com/azure/aks/container-network-security-fqdn-filtering-concepts
 */
export enum AcnsNetworkPolicies {
  /** FQDN filtering (`toFQDNs`): what AKS selects when security is on and nothing is set. */
  FQDN = 'FQDN',
  /** FQDN plus L7 rules (HTTP/gRPC/Kafka) — clusters of at most 1,000 nodes, not in cluster-wide policies. */
  L7 = 'L7',
  /** No FQDN or L7 policies (e.g. security on for WireGuard only). */
  NONE = 'None',
}
