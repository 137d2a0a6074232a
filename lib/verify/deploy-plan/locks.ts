/**
 * Which resources the azurerm provider applies one at a time. Within one `terraform apply` the
 * provider takes in-process locks by resource name (its `locks` package) around create, update and
 * delete; two resources that need the same lock never run together, whatever Terraform's graph says.
 * Curated from hashicorp/terraform-provider-azurerm v4.55.0 (`internal/services/...`).
 */
import { PlanResource, Reference, soleReference } from './graph';
import { blocks, Json } from '../model';

/** What one provider lock serializes. */
export enum LockKind {
  FIREWALL_POLICY = 'firewall policy',
  AZURE_FIREWALL = 'Azure Firewall',
  VIRTUAL_NETWORK = 'virtual network',
  SUBNET = 'subnet',
  ROUTE_TABLE = 'route table',
  NAT_GATEWAY = 'NAT gateway',
  NETWORK_SECURITY_GROUP = 'network security group',
  /** One lock for every VNet peering of the process. */
  PEERINGS = 'virtual network peerings',
  /** The ARM ids an AzAPI resource lists in `locks`. */
  AZAPI = 'AzAPI lock on',
}

/** Why a lock exists: the provider's own reason, with where it takes the lock. */
export const LOCK_REASONS: Readonly<Record<LockKind, string>> = {
  [LockKind.FIREWALL_POLICY]:
    'the provider locks the policy by name in the create, update and delete of `azurerm_firewall_policy` (firewall/firewall_policy_resource.go#L135), `azurerm_firewall_policy_rule_collection_group` (firewall/firewall_policy_rule_collection_group_resource.go#L482) and of every `azurerm_firewall` that uses the policy (firewall/firewall_resource.go#L354); Azure itself processes one operation per policy at a time (409 AnotherOperationInProgress, hashicorp/terraform-provider-azurerm#32081) and a firewall applies one update at a time',
  [LockKind.AZURE_FIREWALL]: 'firewall/firewall_resource.go#L358',
  [LockKind.VIRTUAL_NETWORK]:
    'the provider locks the VNet by name while it creates a subnet in it (network/subnet_resource.go#L317), associates a route table, NAT gateway or NSG with one of its subnets (network/subnet_route_table_association_resource.go#L79, subnet_nat_gateway_association_resource.go#L76, subnet_network_security_group_association_resource.go#L77), and for the whole create of a firewall in it (firewall/firewall_resource.go#L361)',
  [LockKind.SUBNET]:
    'the provider locks the subnet by name while a firewall (firewall/firewall_resource.go#L364) or a node pool (containers/kubernetes_cluster_node_pool_resource.go#L638) is created in it, and for NAT gateway and NSG associations',
  [LockKind.ROUTE_TABLE]:
    'the provider locks the route table by name while it creates a route (network/route_resource.go#L112) or associates it with a subnet (network/subnet_route_table_association_resource.go#L76)',
  [LockKind.NAT_GATEWAY]:
    'the provider locks the NAT gateway by name (network/nat_gateway_resource.go#L104, nat_gateway_public_ip_association_resource.go#L73, subnet_nat_gateway_association_resource.go#L74)',
  [LockKind.NETWORK_SECURITY_GROUP]: 'network/subnet_network_security_group_association_resource.go#L74',
  [LockKind.PEERINGS]:
    'the provider takes one lock for all VNet peerings of the process (network/virtual_network_peering_resource.go#L176)',
  [LockKind.AZAPI]:
    'the AzAPI provider serializes its resources that list the same ARM id in `locks` (Azure/terraform-provider-azapi, `locks` argument); azurerm does not see those locks',
};

/** One lock a resource holds while it is created. */
export interface LockKey {
  readonly kind: LockKind;
  /** The Azure name the provider locks on (the resource address when the name is not literal). */
  readonly name: string;
}

export const lockId = (k: LockKey) => `${k.kind} ${k.name}`;

/** Reads names across the references of one stack. */
export class StackNames {
  private readonly byAddress: ReadonlyMap<string, PlanResource>;
  private readonly addresses: ReadonlySet<string>;

  constructor(resources: readonly PlanResource[]) {
    this.byAddress = new Map(resources.map((r) => [r.address, r] as const));
    this.addresses = new Set(this.byAddress.keys());
  }

  public resource(address: string): PlanResource | undefined {
    return this.byAddress.get(address);
  }

  public reference(value: unknown): Reference | undefined {
    return soleReference(value, this.addresses);
  }

  /** The Azure name a value stands for: a literal, or the literal `name` of the resource it references. */
  public nameOf(value: unknown): string | undefined {
    if (typeof value === 'string' && !value.includes('${')) return value;
    const ref = this.reference(value);
    if (!ref) return undefined;
    const target = this.byAddress.get(ref.address);
    const name = target?.body.name;
    return typeof name === 'string' && !name.includes('${') ? name : ref.address;
  }

  /** The VNet of a subnet referenced by id: its `virtual_network_name`, resolved. */
  public vnetOfSubnet(subnetId: unknown): string | undefined {
    const ref = this.reference(subnetId);
    const subnet = ref && this.byAddress.get(ref.address);
    return subnet && subnet.type === 'azurerm_subnet'
      ? this.nameOf(subnet.body.virtual_network_name)
      : undefined;
  }
}

type LockRule = (body: Json, names: StackNames) => Array<[LockKind, string | undefined]>;

const subnetLocks = (subnetId: unknown, names: StackNames): Array<[LockKind, string | undefined]> => [
  [LockKind.SUBNET, names.nameOf(subnetId)],
  [LockKind.VIRTUAL_NETWORK, names.vnetOfSubnet(subnetId)],
];

const azapiLocks = (b: Json, n: StackNames): Array<[LockKind, string | undefined]> =>
  (Array.isArray(b.locks) ? b.locks : []).map((l) => [LockKind.AZAPI, n.nameOf(l)]);

/** The locks each resource type takes while it is created. */
const LOCK_RULES: Readonly<Record<string, LockRule>> = {
  azurerm_firewall_policy: (b) => [
    [LockKind.FIREWALL_POLICY, typeof b.name === 'string' ? b.name : undefined],
  ],
  azurerm_firewall_policy_rule_collection_group: (b, n) => [
    [LockKind.FIREWALL_POLICY, n.nameOf(b.firewall_policy_id)],
  ],
  azurerm_firewall: (b, n) => [
    [LockKind.FIREWALL_POLICY, n.nameOf(b.firewall_policy_id)],
    [LockKind.AZURE_FIREWALL, typeof b.name === 'string' ? b.name : undefined],
    ...[...blocks(b.ip_configuration), ...blocks(b.management_ip_configuration)]
      .filter((c) => c.subnet_id !== undefined)
      .flatMap((c) => subnetLocks(c.subnet_id, n)),
  ],
  azurerm_subnet: (b, n) => [[LockKind.VIRTUAL_NETWORK, n.nameOf(b.virtual_network_name)]],
  azurerm_subnet_route_table_association: (b, n) => [
    [LockKind.ROUTE_TABLE, n.nameOf(b.route_table_id)],
    [LockKind.VIRTUAL_NETWORK, n.vnetOfSubnet(b.subnet_id)],
  ],
  azurerm_route: (b, n) => [[LockKind.ROUTE_TABLE, n.nameOf(b.route_table_name)]],
  azurerm_subnet_nat_gateway_association: (b, n) => [
    [LockKind.NAT_GATEWAY, n.nameOf(b.nat_gateway_id)],
    ...subnetLocks(b.subnet_id, n),
  ],
  azurerm_nat_gateway: (b) => [[LockKind.NAT_GATEWAY, typeof b.name === 'string' ? b.name : undefined]],
  azurerm_nat_gateway_public_ip_association: (b, n) => [[LockKind.NAT_GATEWAY, n.nameOf(b.nat_gateway_id)]],
  azurerm_subnet_network_security_group_association: (b, n) => [
    [LockKind.NETWORK_SECURITY_GROUP, n.nameOf(b.network_security_group_id)],
    ...subnetLocks(b.subnet_id, n),
  ],
  azurerm_kubernetes_cluster_node_pool: (b, n) =>
    [b.vnet_subnet_id, b.pod_subnet_id]
      .filter((id) => id !== undefined)
      .map((id) => [LockKind.SUBNET, n.nameOf(id)] as [LockKind, string | undefined]),
  azurerm_virtual_network_peering: () => [[LockKind.PEERINGS, 'all']],
  azapi_update_resource: (b, n) => azapiLocks(b, n),
  azapi_resource: (b, n) => azapiLocks(b, n),
  azapi_resource_action: (b, n) => azapiLocks(b, n),
};

/** The locks a resource holds while it is created, without duplicates, in a stable order. */
export function locksOf(resource: PlanResource, names: StackNames): LockKey[] {
  const rule = LOCK_RULES[resource.type];
  const keys = (rule ? rule(resource.body, names) : [])
    .filter((k): k is [LockKind, string] => typeof k[1] === 'string')
    .map(([kind, name]) => ({ kind, name }));
  const unique = new Map(keys.map((k) => [lockId(k), k] as const));
  return [...unique.values()].sort((a, b) => (lockId(a) < lockId(b) ? -1 : 1));
}
