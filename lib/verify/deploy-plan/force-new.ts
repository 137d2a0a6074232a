/**
 * The attributes whose change makes Terraform destroy and re-create a resource (ForceNew), for the
 * resource types this library synthesizes, curated from hashicorp/terraform-provider-azurerm v4.55.0
 * (commit 37bf7f03b661, 2025-12-04) with the line of each `ForceNew` / `ForceNewIfChange`. Paths use
 * the Terraform JSON's attribute names; a block path (`network_profile`) is ForceNew when the block
 * appears or disappears. Attributes of a rotated node pool change in place, through
 * `temporary_name_for_rotation`.
 */

import { blocks } from '../model';

/** The provider release the list was curated from. */
export const FORCE_NEW_RELEASE = 'hashicorp/terraform-provider-azurerm v4.55.0 (37bf7f03b661)';

/** One attribute that forces replacement, with the condition under which it does. */
export interface ForceNewAttribute {
  /** Dotted path in the resource body, e.g. `network_profile.network_plugin`. */
  readonly attribute: string;
  /** Provider source, relative to `internal/services/`, with the line. */
  readonly source: string;
  /** When the change forces replacement, in words — absent: every change does. */
  readonly condition?: string;
  /** The condition as code, over the old and new values (`undefined` when unset) and the new body. */
  readonly applies?: (previous: unknown, next: unknown, nextBody: Record<string, unknown>) => boolean;
}

/** Resource types the synthesis refuses to replace without an acknowledgement. */
export const PROTECTED_TYPES: ReadonlySet<string> = new Set([
  'azurerm_kubernetes_cluster',
  'azurerm_kubernetes_cluster_node_pool',
  'azurerm_firewall',
  'azurerm_virtual_network',
]);

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const ubuntuOrAzureLinux = (v: unknown) => /^(Ubuntu|AzureLinux)/.test(str(v));

const common = (
  file: string,
  nameLine: number,
  rgLine?: number,
  locationLine?: number,
): ForceNewAttribute[] => [
  { attribute: 'name', source: `${file}#L${nameLine}` },
  ...(rgLine
    ? [{ attribute: 'resource_group_name', source: `${file}#L${rgLine} (commonschema.ResourceGroupName)` }]
    : []),
  ...(locationLine
    ? [{ attribute: 'location', source: `${file}#L${locationLine} (commonschema.Location)` }]
    : []),
];

const AKS = 'containers/kubernetes_cluster_resource.go';
const POOL = 'containers/kubernetes_cluster_node_pool_resource.go';
const DEFAULT_POOL = 'containers/kubernetes_nodepool.go';
const FIREWALL = 'firewall/firewall_resource.go';

/** ForceNew attributes per resource type. */
export const FORCE_NEW: Readonly<Record<string, readonly ForceNewAttribute[]>> = {
  azurerm_kubernetes_cluster: [
    ...common(AKS, 160, 166, 164),
    { attribute: 'dns_prefix', source: `${AKS}#L418` },
    { attribute: 'dns_prefix_private_cluster', source: `${AKS}#L426` },
    { attribute: 'edge_zone', source: `${AKS}#L430` },
    { attribute: 'disk_encryption_set_id', source: `${AKS}#L411` },
    { attribute: 'kubelet_identity.client_id', source: `${AKS}#L639` },
    { attribute: 'kubelet_identity.object_id', source: `${AKS}#L651` },
    { attribute: 'kubelet_identity.user_assigned_identity_id', source: `${AKS}#L663` },
    { attribute: 'linux_profile.admin_username', source: `${AKS}#L691` },
    { attribute: 'linux_profile.ssh_key.key_data', source: `${AKS}#L704` },
    { attribute: 'network_profile', source: `${AKS}#L1054` },
    { attribute: 'network_profile.network_plugin', source: `${AKS}#L1061` },
    { attribute: 'network_profile.network_mode', source: `${AKS}#L1073` },
    {
      attribute: 'network_profile.network_plugin_mode',
      source: `${AKS}#L107`,
      condition: 'unless the new mode is overlay',
      applies: (_, next) => str(next).toLowerCase() !== 'overlay',
    },
    {
      attribute: 'network_profile.network_data_plane',
      source: `${AKS}#L98`,
      condition: 'once set (the default is azure)',
      applies: (previous) => str(previous ?? 'azure') !== '',
    },
    {
      attribute: 'network_profile.network_policy',
      source: `${AKS}#L110`,
      condition: 'once a policy engine is set',
      applies: (previous) => str(previous) !== '',
    },
    { attribute: 'network_profile.dns_service_ip', source: `${AKS}#L1098` },
    { attribute: 'network_profile.pod_cidr', source: `${AKS}#L1123` },
    { attribute: 'network_profile.pod_cidrs', source: `${AKS}#L1131` },
    { attribute: 'network_profile.service_cidr', source: `${AKS}#L1142` },
    { attribute: 'network_profile.service_cidrs', source: `${AKS}#L1150` },
    { attribute: 'network_profile.load_balancer_sku', source: `${AKS}#L1161` },
    { attribute: 'network_profile.load_balancer_profile', source: `${AKS}#L1184` },
    { attribute: 'network_profile.nat_gateway_profile', source: `${AKS}#L1263` },
    { attribute: 'network_profile.ip_versions', source: `${AKS}#L1294` },
    { attribute: 'node_resource_group', source: `${AKS}#L1346` },
    { attribute: 'private_cluster_enabled', source: `${AKS}#L1382` },
    { attribute: 'private_dns_zone_id', source: `${AKS}#L1396` },
    { attribute: 'role_based_access_control_enabled', source: `${AKS}#L1410` },
    { attribute: 'windows_profile.admin_username', source: `${AKS}#L1591` },
    {
      attribute: 'api_server_access_profile.subnet_id',
      source: `${AKS}#L83`,
      condition: 'when it is removed',
      applies: (previous, next) => str(previous) !== '' && str(next) === '',
    },
    {
      attribute: 'service_principal.client_id',
      source: `${AKS}#L71`,
      condition: 'from a managed identity to a service principal',
      applies: (previous) => previous === undefined || previous === 'msi' || previous === '',
    },
    {
      attribute: 'default_node_pool.name',
      source: `${AKS}#L86`,
      condition: 'unless it returns from temporary_name_for_rotation after a failed rotation',
      applies: (previous, _, body) =>
        previous === undefined || previous !== blocks(body.default_node_pool)[0]?.temporary_name_for_rotation,
    },
    { attribute: 'default_node_pool.type', source: `${DEFAULT_POOL}#L59` },
    { attribute: 'default_node_pool.capacity_reservation_group_id', source: `${DEFAULT_POOL}#L77` },
    { attribute: 'default_node_pool.gpu_instance', source: `${DEFAULT_POOL}#L93` },
    { attribute: 'default_node_pool.gpu_driver', source: `${DEFAULT_POOL}#L106` },
    { attribute: 'default_node_pool.node_public_ip_prefix_id', source: `${DEFAULT_POOL}#L161` },
    { attribute: 'default_node_pool.proximity_placement_group_id', source: `${DEFAULT_POOL}#L224` },
    { attribute: 'default_node_pool.host_group_id', source: `${DEFAULT_POOL}#L251` },
    { attribute: 'default_node_pool.node_public_ip_tags', source: `${DEFAULT_POOL}#L665` },
    {
      attribute: 'default_node_pool.upgrade_settings.drain_timeout_in_minutes',
      source: `${AKS}#L64`,
      condition: 'when it is removed',
      applies: (previous, next) =>
        previous !== undefined && previous !== 0 && (next === undefined || next === 0),
    },
  ],
  azurerm_kubernetes_cluster_node_pool: [
    { attribute: 'name', source: `${POOL}#L128` },
    { attribute: 'kubernetes_cluster_id', source: `${POOL}#L135` },
    { attribute: 'host_group_id', source: `${POOL}#L159` },
    { attribute: 'capacity_reservation_group_id', source: `${POOL}#L167` },
    { attribute: 'eviction_policy', source: `${POOL}#L174` },
    { attribute: 'gpu_instance', source: `${POOL}#L193` },
    { attribute: 'gpu_driver', source: `${POOL}#L206` },
    { attribute: 'node_public_ip_prefix_id', source: `${POOL}#L263` },
    { attribute: 'os_type', source: `${POOL}#L318` },
    { attribute: 'priority', source: `${POOL}#L335` },
    { attribute: 'proximity_placement_group_id', source: `${POOL}#L346` },
    { attribute: 'spot_max_price', source: `${POOL}#L359` },
    { attribute: 'windows_profile', source: `${POOL}#L397` },
    { attribute: 'windows_profile.outbound_nat_enabled', source: `${POOL}#L404` },
    {
      attribute: 'os_sku',
      source: `${POOL}#L69`,
      condition: 'unless both the old and the new SKU are Ubuntu or AzureLinux',
      applies: (previous, next) => !(ubuntuOrAzureLinux(previous) && ubuntuOrAzureLinux(next)),
    },
    {
      attribute: 'upgrade_settings.drain_timeout_in_minutes',
      source: `${POOL}#L85`,
      condition: 'when it is removed',
      applies: (previous, next) =>
        previous !== undefined && previous !== 0 && (next === undefined || next === 0),
    },
  ],
  azurerm_firewall: [
    ...common(FIREWALL, 60, 66, 64),
    { attribute: 'sku_name', source: `${FIREWALL}#L72` },
    { attribute: 'ip_configuration.subnet_id', source: `${FIREWALL}#L109` },
    { attribute: 'management_ip_configuration', source: `${FIREWALL}#L128` },
    { attribute: 'management_ip_configuration.subnet_id', source: `${FIREWALL}#L140` },
    { attribute: 'zones', source: `${FIREWALL}#L226 (commonschema.ZonesMultipleOptionalForceNew)` },
  ],
  azurerm_firewall_policy: [
    ...common('firewall/firewall_policy_resource.go', 655, 659, 673),
    { attribute: 'sku', source: 'firewall/firewall_policy_resource.go#L665' },
  ],
  azurerm_firewall_policy_rule_collection_group: [
    { attribute: 'name', source: 'firewall/firewall_policy_rule_collection_group_resource.go#L50' },
    {
      attribute: 'firewall_policy_id',
      source: 'firewall/firewall_policy_rule_collection_group_resource.go#L57',
    },
  ],
  azurerm_virtual_network: [
    ...common('network/virtual_network_resource.go', 71, 75, 77),
    { attribute: 'edge_zone', source: 'network/virtual_network_resource.go#L155' },
  ],
  azurerm_subnet: [
    ...common('network/subnet_resource.go', 139, 142),
    { attribute: 'virtual_network_name', source: 'network/subnet_resource.go#L147' },
  ],
  azurerm_virtual_network_peering: [
    ...common('network/virtual_network_peering_resource.go', 49, 52),
    { attribute: 'virtual_network_name', source: 'network/virtual_network_peering_resource.go#L57' },
    { attribute: 'remote_virtual_network_id', source: 'network/virtual_network_peering_resource.go#L63' },
  ],
  azurerm_public_ip: [
    ...common('network/public_ip_resource.go', 55, 61, 59),
    { attribute: 'ip_version', source: 'network/public_ip_resource.go#L96' },
    { attribute: 'sku', source: 'network/public_ip_resource.go#L106' },
    { attribute: 'sku_tier', source: 'network/public_ip_resource.go#L119' },
    { attribute: 'public_ip_prefix_id', source: 'network/public_ip_resource.go#L163' },
    { attribute: 'ip_tags', source: 'network/public_ip_resource.go#L170' },
    {
      attribute: 'zones',
      source: 'network/public_ip_resource.go#L176 (commonschema.ZonesMultipleOptionalForceNew)',
    },
  ],
  azurerm_route_table: common('network/route_table_resource.go', 53, 59, 57),
  azurerm_route: [
    ...common('network/route_resource.go', 50, 54),
    { attribute: 'route_table_name', source: 'network/route_resource.go#L59' },
  ],
  azurerm_subnet_route_table_association: [
    { attribute: 'subnet_id', source: 'network/subnet_route_table_association_resource.go#L44' },
    { attribute: 'route_table_id', source: 'network/subnet_route_table_association_resource.go#L51' },
  ],
  azurerm_nat_gateway: [
    ...common('network/nat_gateway_resource.go', 61, 67, 65),
    {
      attribute: 'zones',
      source: 'network/nat_gateway_resource.go#L85 (commonschema.ZonesMultipleOptionalForceNew)',
    },
  ],
  azurerm_nat_gateway_public_ip_association: [
    { attribute: 'nat_gateway_id', source: 'network/nat_gateway_public_ip_association_resource.go#L44' },
    {
      attribute: 'public_ip_address_id',
      source: 'network/nat_gateway_public_ip_association_resource.go#L51',
    },
  ],
  azurerm_subnet_nat_gateway_association: [
    { attribute: 'subnet_id', source: 'network/subnet_nat_gateway_association_resource.go#L44' },
    { attribute: 'nat_gateway_id', source: 'network/subnet_nat_gateway_association_resource.go#L51' },
  ],
  azurerm_user_assigned_identity: common('managedidentity/user_assigned_identity_resource.go', 65, 69, 63),
  azurerm_role_assignment: [
    { attribute: 'name', source: 'authorization/role_assignment_resource.go#L57' },
    { attribute: 'scope', source: 'authorization/role_assignment_resource.go#L64' },
    { attribute: 'role_definition_id', source: 'authorization/role_assignment_resource.go#L85' },
    { attribute: 'role_definition_name', source: 'authorization/role_assignment_resource.go#L94' },
    { attribute: 'principal_id', source: 'authorization/role_assignment_resource.go#L103' },
    { attribute: 'principal_type', source: 'authorization/role_assignment_resource.go#L110' },
    { attribute: 'description', source: 'authorization/role_assignment_resource.go#L134' },
    { attribute: 'condition', source: 'authorization/role_assignment_resource.go#L141' },
    { attribute: 'condition_version', source: 'authorization/role_assignment_resource.go#L148' },
  ],
  azurerm_resource_group: [
    { attribute: 'name', source: 'resource/resource_group_resource.go#L47 (commonschema.ResourceGroupName)' },
    { attribute: 'location', source: 'resource/resource_group_resource.go#L49 (commonschema.Location)' },
  ],
  azurerm_log_analytics_workspace: common('loganalytics/log_analytics_workspace_resource.go', 67, 73, 71),
  azurerm_private_dns_zone: [
    ...common('privatedns/private_dns_zone_resource.go', 55, 59),
    { attribute: 'soa_record', source: 'privatedns/private_dns_zone_resource.go#L86' },
  ],
  azurerm_private_dns_zone_virtual_network_link: [
    ...common('privatedns/private_dns_zone_virtual_network_link_resource.go', 53, 67),
    {
      attribute: 'private_dns_zone_name',
      source: 'privatedns/private_dns_zone_virtual_network_link_resource.go#L62',
    },
    {
      attribute: 'virtual_network_id',
      source: 'privatedns/private_dns_zone_virtual_network_link_resource.go#L72',
    },
  ],
};

/** Node pool attributes that change in place by rotating the pool (a temporary pool, then the new one). */
export const ROTATED: Readonly<
  Record<string, { readonly prefix: string; readonly attributes: readonly string[]; readonly source: string }>
> = {
  azurerm_kubernetes_cluster: {
    prefix: 'default_node_pool.',
    source: `${AKS}#L2589-L2607`,
    attributes: [
      'host_encryption_enabled',
      'node_public_ip_enabled',
      'fips_enabled',
      'kubelet_config',
      'kubelet_disk_type',
      'linux_os_config',
      'max_pods',
      'only_critical_addons_enabled',
      'os_disk_size_gb',
      'os_disk_type',
      'pod_subnet_id',
      'snapshot_id',
      'ultra_ssd_enabled',
      'vnet_subnet_id',
      'vm_size',
      'zones',
      'os_sku',
    ],
  },
  azurerm_kubernetes_cluster_node_pool: {
    prefix: '',
    source: `${POOL}#L960-L976`,
    attributes: [
      'fips_enabled',
      'host_encryption_enabled',
      'kubelet_config',
      'kubelet_disk_type',
      'linux_os_config',
      'max_pods',
      'node_public_ip_enabled',
      'os_disk_size_gb',
      'os_disk_type',
      'pod_subnet_id',
      'snapshot_id',
      'ultra_ssd_enabled',
      'vm_size',
      'vnet_subnet_id',
      'zones',
    ],
  },
};
