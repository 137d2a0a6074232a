/**
 * How long Azure takes to create each resource type: dated data with its sources. Every figure is an
 * estimate; the basis says what it rests on (a documented figure, the provider's own waiting, or
 * reports and experience where Microsoft publishes none). Update a figure with its source and date.
 */

/** What a duration rests on. */
export enum DurationBasis {
  /** Microsoft documents this figure or range. */
  DOCUMENTED = 'documented',
  /** Derived from what the azurerm provider waits for (polling, fixed delays). */
  PROVIDER = 'provider',
  /** An estimate from reported deploy logs and experience — no published figure. */
  ESTIMATE = 'estimate',
}

/** The estimated create time of one resource type, with where the figure comes from. */
export interface ResourceDurationInfo {
  /** Terraform resource type, e.g. `azurerm_firewall`. */
  readonly resourceType: string;
  /** When this figure applies: `create`, or e.g. `a firewall using its policy is already running`. */
  readonly condition: string;
  /** Estimated seconds to create (or, under the condition, to apply). */
  readonly seconds: number;
  /** What the figure rests on: a documented figure, the provider's own waiting, or an estimate. */
  readonly basis: DurationBasis;
  /** Where the figure comes from (title and URL, or provider source path and line). */
  readonly source: string;
  /** When the source was published or read, `YYYY-MM-DD`. */
  readonly sourceDate: string;
}

/** The condition of a rule collection group created while a firewall already uses its policy. */
export const LIVE_FIREWALL = 'a firewall using its policy is already running';
/** The condition of every other figure. */
export const ALWAYS = 'create';

const PROVIDER_SOURCE = 'hashicorp/terraform-provider-azurerm v4.55.0, internal/services/';
const PROVIDER_DATE = '2025-12-04';
const FIREWALL_KNOWN_ISSUES =
  'Azure Firewall known issues and limitations: "An Azure Firewall configuration update can take three to five minutes on average, and parallel updates aren\'t supported" (https://learn.microsoft.com/azure/firewall/firewall-known-issues)';
const AKS_QUICKSTART =
  'Create a Windows Server container on an AKS cluster using Azure CLI: "After a few minutes, the command completes … Allow up to 10 minutes for provisioning" (https://learn.microsoft.com/azure/aks/learn/quick-windows-container-deploy-cli)';
/** The date of the estimates that rest on no published figure. */
const ESTIMATED_ON = '2026-12-01';
const LOGS =
  'a terraform apply log in Azure/alz-terraform-accelerator#98 (resource group 0 s, virtual network 5 s)';

const d = (
  resourceType: string,
  seconds: number,
  basis: DurationBasis,
  source: string,
  sourceDate: string,
  condition = ALWAYS,
): ResourceDurationInfo => ({ resourceType, condition, seconds, basis, source, sourceDate });

/** Every figure the deploy plan uses. */
export const DURATIONS: readonly ResourceDurationInfo[] = [
  d('azurerm_kubernetes_cluster', 480, DurationBasis.DOCUMENTED, AKS_QUICKSTART, '2023-07-11'),
  d(
    'azurerm_kubernetes_cluster_node_pool',
    300,
    DurationBasis.ESTIMATE,
    'a VM scale set of the cluster, created and joined; the same AKS quickstart (node pool add, "a few minutes")',
    '2023-07-11',
  ),
  d(
    'azurerm_firewall',
    600,
    DurationBasis.ESTIMATE,
    'reported 5–15 min (microsoft/AzureTRE#4088: still creating at 6 min 20 s, 2024-09-05; ansible/ansible#62307: up to 25 min, 2019-09-13); the provider allows 90 min (firewall/firewall_resource.go#L46)',
    '2024-09-05',
  ),
  d(
    'azurerm_firewall_policy',
    30,
    DurationBasis.ESTIMATE,
    'created before any group or firewall uses it; the provider waits for completion (hashicorp/terraform-provider-azurerm#15561)',
    '2022-02-23',
  ),
  d(
    'azurerm_firewall_policy_rule_collection_group',
    30,
    DurationBasis.ESTIMATE,
    'a policy no firewall uses yet: no firewall update follows',
    ESTIMATED_ON,
  ),
  d(
    'azurerm_firewall_policy_rule_collection_group',
    240,
    DurationBasis.DOCUMENTED,
    FIREWALL_KNOWN_ISSUES,
    '2025-04-13',
    LIVE_FIREWALL,
  ),
  d(
    'azurerm_role_assignment',
    30,
    DurationBasis.PROVIDER,
    `${PROVIDER_SOURCE}authorization/role_assignment_resource.go#L393-L403: waits until 5 reads in a row (at least 5 s apart) see the assignment`,
    PROVIDER_DATE,
  ),
  d(
    'azurerm_virtual_network_peering',
    40,
    DurationBasis.PROVIDER,
    `${PROVIDER_SOURCE}network/virtual_network_peering_resource.go#L208: a 15 s delay before the first attempt, then the create`,
    PROVIDER_DATE,
  ),
  d('azurerm_resource_group', 5, DurationBasis.ESTIMATE, LOGS, '2024-01-30'),
  d('azurerm_virtual_network', 10, DurationBasis.ESTIMATE, LOGS, '2024-01-30'),
  d('azurerm_subnet', 10, DurationBasis.ESTIMATE, LOGS, '2024-01-30'),
  d('azurerm_public_ip', 10, DurationBasis.ESTIMATE, 'a Standard static address', ESTIMATED_ON),
  d('azurerm_user_assigned_identity', 10, DurationBasis.ESTIMATE, 'no long-running operation', ESTIMATED_ON),
  d('azurerm_route_table', 10, DurationBasis.ESTIMATE, 'no long-running operation', ESTIMATED_ON),
  d('azurerm_route', 10, DurationBasis.ESTIMATE, 'one update of the route table', ESTIMATED_ON),
  d(
    'azurerm_subnet_route_table_association',
    10,
    DurationBasis.ESTIMATE,
    'one update of the subnet',
    ESTIMATED_ON,
  ),
  d('azurerm_nat_gateway', 20, DurationBasis.ESTIMATE, 'no long-running operation', ESTIMATED_ON),
  d(
    'azurerm_nat_gateway_public_ip_association',
    10,
    DurationBasis.ESTIMATE,
    'one update of the NAT gateway',
    ESTIMATED_ON,
  ),
  d(
    'azurerm_subnet_nat_gateway_association',
    10,
    DurationBasis.ESTIMATE,
    'one update of the subnet',
    ESTIMATED_ON,
  ),
  d('azurerm_network_security_group', 10, DurationBasis.ESTIMATE, 'no long-running operation', ESTIMATED_ON),
  d(
    'azurerm_subnet_network_security_group_association',
    10,
    DurationBasis.ESTIMATE,
    'one update of the subnet',
    ESTIMATED_ON,
  ),
  d(
    'azurerm_log_analytics_workspace',
    30,
    DurationBasis.ESTIMATE,
    'the provider polls until the workspace is provisioned',
    ESTIMATED_ON,
  ),
  d(
    'azurerm_private_dns_zone',
    60,
    DurationBasis.ESTIMATE,
    'global resource, provisioned asynchronously',
    ESTIMATED_ON,
  ),
  d(
    'azurerm_private_dns_zone_virtual_network_link',
    60,
    DurationBasis.ESTIMATE,
    'links the zone to the VNet asynchronously',
    ESTIMATED_ON,
  ),
  d(
    'azapi_update_resource',
    240,
    DurationBasis.ESTIMATE,
    'a PATCH of an existing resource; on a managed cluster it is a cluster update (minutes)',
    ESTIMATED_ON,
  ),
];

/** Seconds for a type no figure names: a short ARM call. */
export const UNKNOWN_SECONDS = 30;

/** The figure for a resource type under a condition (`create` when the condition has none). */
export function durationFor(resourceType: string, condition = ALWAYS): ResourceDurationInfo | undefined {
  return (
    DURATIONS.find((x) => x.resourceType === resourceType && x.condition === condition) ??
    DURATIONS.find((x) => x.resourceType === resourceType && x.condition === ALWAYS)
  );
}
