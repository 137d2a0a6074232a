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
  /** No default controller; define your own `NginxIngressController`. */
  NONE = 'None',
  /** Public load balancer, editable annotations. Refused behind an egress firewall. */
  ANNOTATION_CONTROLLED = 'AnnotationControlled',
  /** Public load balancer. Refused behind an egress firewall. */
  EXTERNAL = 'External',
}

/**
 * Node OS image (`os_sku`); the Windows SKUs make a Windows pool.
 * @see https://learn.microsoft.com/azure/aks/cluster-configuration
 */
export enum NodeOsSku {
  /** Azure Linux (current major version). */
  AZURE_LINUX = 'AzureLinux',
  /** Azure Linux 3. */
  AZURE_LINUX3 = 'AzureLinux3',
  /** Ubuntu (AKS default version). */
  UBUNTU = 'Ubuntu',
  /** Ubuntu 22.04. */
  UBUNTU2204 = 'Ubuntu2204',
  /** Windows Server 2019. */
  WINDOWS2019 = 'Windows2019',
  /** Windows Server 2022. */
  WINDOWS2022 = 'Windows2022',
}
