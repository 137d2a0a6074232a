/**
 * Self-consistency checks over a synthesized cdktf stack (Terraform JSON, snake_case keys):
 * every reference resolves, the azurerm provider is pinned, and the key resources carry the
 * fields azurerm 4.55 requires with values it accepts (azure-facts §2, §3, §5.2).
 */

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Set to a value: Terraform JSON writes unset attributes of attribute-blocks as null. */
const present = (v: unknown) => v !== undefined && v !== null;
const isToken = (v: unknown) => typeof v === 'string' && v.includes('${');
/** cdktf writes MaxItems-1 blocks as objects and repeatable blocks as arrays; read both alike. */
export const blocks = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObj) : isObj(v) ? [v] : []);

// ---- references -----------------------------------------------------------------------------

const REF =
  /\b(data\.[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*|var\.[A-Za-z_][\w-]*|local\.[A-Za-z_][\w-]*|[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*)/g;

/** The expressions inside `${...}` of a string (nested braces and quoted strings handled). */
function expressions(s: string): string[] {
  const out: string[] = [];
  for (let i = s.indexOf('${'); i >= 0; i = s.indexOf('${', i + 1)) {
    let depth = 0;
    let inString = false;
    for (let j = i + 1; j < s.length; j++) {
      const c = s[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        out.push(s.slice(i + 2, j));
        i = j;
        break;
      }
    }
  }
  return out;
}

function referencesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...withoutStrings.matchAll(REF)].map((m) => m[1]);
}

function declared(json: Json): Set<string> {
  const names = new Set<string>();
  for (const [type, byName] of Object.entries((json.resource ?? {}) as Json)) {
    for (const name of Object.keys(byName as Json)) names.add(`${type}.${name}`);
  }
  for (const [type, byName] of Object.entries((json.data ?? {}) as Json)) {
    for (const name of Object.keys(byName as Json)) names.add(`data.${type}.${name}`);
  }
  for (const name of Object.keys((json.variable ?? {}) as Json)) names.add(`var.${name}`);
  for (const locals of blocks(json.locals))
    for (const name of Object.keys(locals)) names.add(`local.${name}`);
  return names;
}

function walkStrings(v: unknown, at: string, visit: (s: string, at: string) => void): void {
  if (typeof v === 'string') visit(v, at);
  else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, `${at}[${i}]`, visit));
  else if (isObj(v))
    for (const [k, x] of Object.entries(v)) if (k !== '//') walkStrings(x, `${at}.${k}`, visit);
}

/** References (`${...}` and `depends_on`) that point at nothing declared in the stack. */
export function danglingReferences(json: Json): string[] {
  const names = declared(json);
  const out: string[] = [];
  const check = (ref: string, at: string) => {
    if (!names.has(ref)) out.push(`${at}: reference ${ref} is not declared`);
  };
  for (const section of ['resource', 'data', 'output', 'locals', 'provider', 'module']) {
    walkStrings(json[section], section, (s, at) => {
      for (const expr of expressions(s)) for (const ref of referencesIn(expr)) check(ref, at);
      if (/\.depends_on\[\d+\]$/.test(at) && !s.includes('${')) check(s, at);
    });
  }
  return out;
}

// ---- provider pin ---------------------------------------------------------------------------

export function providerPinErrors(json: Json): string[] {
  const rp = ((json.terraform as Json | undefined)?.required_providers ?? {}) as Json;
  const azurerm = rp.azurerm as Json | undefined;
  if (!azurerm) return ['terraform.required_providers.azurerm is missing'];
  const version = azurerm.version;
  if (typeof version !== 'string' || !/\d+\.\d+/.test(version)) {
    return [`terraform.required_providers.azurerm.version '${String(version)}' is not a version pin`];
  }
  return [];
}

// ---- resource schemas -----------------------------------------------------------------------

interface Ctx {
  at: string;
  out: string[];
}

function need(r: Json, fields: string[], c: Ctx): void {
  for (const f of fields) {
    const v = r[f];
    if (!present(v) || v === '' || (Array.isArray(v) && v.length === 0)) {
      c.out.push(`${c.at}: ${f} is required`);
    }
  }
}

function oneOf(r: Json, f: string, allowed: string[], c: Ctx): void {
  const v = r[f];
  if (!present(v) || isToken(v)) return;
  if (!allowed.includes(v as string))
    c.out.push(`${c.at}: ${f} '${String(v)}' is not one of ${allowed.join('|')}`);
}

function range(r: Json, f: string, min: number, max: number, c: Ctx): void {
  const v = r[f];
  if (!present(v) || isToken(v)) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    c.out.push(`${c.at}: ${f} ${String(v)} is outside ${min}-${max}`);
  }
}

function matches(r: Json, f: string, re: RegExp, c: Ctx): void {
  const v = r[f];
  if (!present(v) || isToken(v)) return;
  if (typeof v !== 'string' || !re.test(v)) c.out.push(`${c.at}: ${f} '${String(v)}' does not match ${re}`);
}

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;
const POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
const DNS_PREFIX = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][a-zA-Z0-9-]{0,52}[a-zA-Z0-9]$/;
const NEXT_HOP_TYPES = ['VirtualNetworkGateway', 'VnetLocal', 'Internet', 'VirtualAppliance', 'None'];
const OUTBOUND_TYPES = [
  'loadBalancer',
  'userDefinedRouting',
  'managedNATGateway',
  'userAssignedNATGateway',
  'none',
];

function cidrs(r: Json, f: string, c: Ctx): void {
  for (const v of (Array.isArray(r[f]) ? r[f] : !present(r[f]) ? [] : [r[f]]) as unknown[]) {
    if (!isToken(v) && (typeof v !== 'string' || !CIDR.test(v)))
      c.out.push(`${c.at}: ${f} '${String(v)}' is not a CIDR`);
  }
}

function nodeCounts(pool: Json, c: Ctx): void {
  for (const f of ['node_count', 'min_count', 'max_count']) range(pool, f, 1, 1000, c);
  if (pool.auto_scaling_enabled === true) {
    need(pool, ['max_count', 'min_count'], c);
    const { node_count: n, max_count: max } = pool as { node_count?: number; max_count?: number };
    if (typeof n === 'number' && typeof max === 'number' && n > max)
      c.out.push(`${c.at}: node_count ${n} > max_count ${max}`);
  } else if (present(pool.min_count) || present(pool.max_count)) {
    c.out.push(`${c.at}: min_count/max_count need auto_scaling_enabled`);
  }
  for (const us of blocks(pool.upgrade_settings))
    need(us, ['max_surge'], { ...c, at: `${c.at}.upgrade_settings` });
}

function cluster(r: Json, c: Ctx): void {
  need(r, ['name', 'location', 'resource_group_name', 'default_node_pool'], c);
  if (!present(r.dns_prefix) && !present(r.dns_prefix_private_cluster))
    c.out.push(`${c.at}: dns_prefix is required`);
  matches(r, 'dns_prefix', DNS_PREFIX, c);
  oneOf(r, 'sku_tier', ['Free', 'Standard', 'Premium'], c);
  if (blocks(r.identity).length + blocks(r.service_principal).length !== 1) {
    c.out.push(`${c.at}: exactly one of identity or service_principal is required`);
  }
  for (const id of blocks(r.identity)) {
    oneOf(id, 'type', ['SystemAssigned', 'UserAssigned'], c);
    if (id.type === 'UserAssigned') need(id, ['identity_ids'], { ...c, at: `${c.at}.identity` });
  }
  for (const pool of blocks(r.default_node_pool)) {
    const pc = { ...c, at: `${c.at}.default_node_pool` };
    need(pool, ['name', 'vm_size'], pc);
    matches(pool, 'name', POOL_NAME, pc);
    nodeCounts(pool, pc);
  }
  const profiles = blocks(r.network_profile);
  if (profiles.length === 0)
    c.out.push(`${c.at}: network_profile is missing (the provider then assumes kubenet)`);
  for (const np of profiles) {
    const nc = { ...c, at: `${c.at}.network_profile` };
    need(np, ['network_plugin'], nc);
    oneOf(np, 'network_plugin', ['azure', 'kubenet', 'none'], nc);
    oneOf(np, 'network_plugin_mode', ['overlay'], nc);
    oneOf(np, 'network_policy', ['azure', 'calico', 'cilium'], nc);
    oneOf(np, 'network_data_plane', ['azure', 'cilium'], nc);
    oneOf(np, 'network_mode', ['bridge', 'transparent'], nc);
    oneOf(np, 'load_balancer_sku', ['basic', 'standard'], nc);
    oneOf(np, 'outbound_type', OUTBOUND_TYPES, nc);
    cidrs(np, 'pod_cidr', nc);
    cidrs(np, 'service_cidr', nc);
    if (present(np.service_cidr) !== present(np.dns_service_ip)) {
      nc.out.push(`${nc.at}: service_cidr and dns_service_ip must be set together`);
    }
    if (np.network_plugin === 'azure' && present(np.pod_cidr) && np.network_plugin_mode !== 'overlay') {
      nc.out.push(`${nc.at}: pod_cidr with network_plugin azure needs network_plugin_mode overlay`);
    }
    if (np.network_policy === 'azure' && np.network_plugin !== 'azure') {
      nc.out.push(`${nc.at}: network_policy azure needs network_plugin azure`);
    }
    if (np.network_policy === 'cilium' && np.network_data_plane !== 'cilium') {
      nc.out.push(`${nc.at}: network_policy cilium needs network_data_plane cilium`);
    }
    if (
      np.outbound_type === 'none' &&
      blocks(r.bootstrap_profile).every((b) => b.artifact_source !== 'Cache')
    ) {
      nc.out.push(`${nc.at}: outbound_type none needs bootstrap_profile.artifact_source Cache`);
    }
    for (const lb of blocks(np.load_balancer_profile)) {
      const lc = { ...nc, at: `${nc.at}.load_balancer_profile` };
      range(lb, 'idle_timeout_in_minutes', 4, 100, lc);
      range(lb, 'managed_outbound_ip_count', 1, 100, lc);
      range(lb, 'outbound_ports_allocated', 0, 64000, lc);
    }
    for (const ng of blocks(np.nat_gateway_profile)) {
      const gc = { ...nc, at: `${nc.at}.nat_gateway_profile` };
      range(ng, 'idle_timeout_in_minutes', 4, 120, gc);
      range(ng, 'managed_outbound_ip_count', 1, 100, gc);
    }
  }
  for (const api of blocks(r.api_server_access_profile)) cidrs(api, 'authorized_ip_ranges', c);
  for (const war of blocks(r.web_app_routing)) {
    if (!Array.isArray(war.dns_zone_ids) && !isToken(war.dns_zone_ids))
      c.out.push(`${c.at}.web_app_routing: dns_zone_ids is required ([] if none)`);
    oneOf(war, 'default_nginx_controller', ['AnnotationControlled', 'Internal', 'External', 'None'], c);
  }
}

function nodePool(r: Json, c: Ctx): void {
  need(r, ['name', 'kubernetes_cluster_id', 'vm_size'], c);
  matches(r, 'name', POOL_NAME, c);
  oneOf(r, 'mode', ['System', 'User'], c);
  oneOf(r, 'os_type', ['Linux', 'Windows'], c);
  oneOf(r, 'os_sku', ['AzureLinux', 'AzureLinux3', 'Ubuntu', 'Ubuntu2204', 'Windows2019', 'Windows2022'], c);
  nodeCounts(r, c);
}

function firewall(r: Json, c: Ctx): void {
  need(r, ['name', 'location', 'resource_group_name', 'sku_name', 'sku_tier'], c);
  oneOf(r, 'sku_name', ['AZFW_VNet', 'AZFW_Hub'], c);
  oneOf(r, 'sku_tier', ['Basic', 'Standard', 'Premium'], c);
  oneOf(r, 'threat_intel_mode', ['Off', 'Alert', 'Deny', ''], c);
  if (r.sku_name === 'AZFW_VNet') {
    const withSubnet = blocks(r.ip_configuration).filter((ip) => present(ip.subnet_id)).length;
    if (withSubnet !== 1)
      c.out.push(`${c.at}: exactly one ip_configuration needs subnet_id (found ${withSubnet})`);
  }
  if (r.sku_tier === 'Basic' && blocks(r.management_ip_configuration).length === 0) {
    c.out.push(`${c.at}: sku_tier Basic needs management_ip_configuration`);
  }
}

function firewallPolicy(r: Json, c: Ctx): void {
  need(r, ['name', 'location', 'resource_group_name'], c);
  oneOf(r, 'sku', ['Basic', 'Standard', 'Premium'], c);
  oneOf(r, 'threat_intelligence_mode', ['Alert', 'Deny', 'Off'], c);
}

function ruleCollectionGroup(r: Json, c: Ctx): void {
  need(r, ['name', 'firewall_policy_id', 'priority'], c);
  range(r, 'priority', 100, 65000, c);
  const kinds: [string, string[], (rule: Json, rc: Ctx) => void][] = [
    ['application_rule_collection', ['Allow', 'Deny'], applicationRule],
    ['network_rule_collection', ['Allow', 'Deny'], networkRule],
    ['nat_rule_collection', ['Dnat'], natRule],
  ];
  for (const [key, actions, checkRule] of kinds) {
    for (const col of blocks(r[key])) {
      const cc = { ...c, at: `${c.at}.${key}[${String(col.name)}]` };
      need(col, ['name', 'priority', 'action', 'rule'], cc);
      range(col, 'priority', 100, 65000, cc);
      oneOf(col, 'action', actions, cc);
      for (const rule of blocks(col.rule)) {
        const rc = { ...cc, at: `${cc.at}.rule[${String(rule.name)}]` };
        need(rule, ['name'], rc);
        checkRule(rule, rc);
      }
    }
  }
}

function applicationRule(rule: Json, c: Ctx): void {
  const protocols = blocks(rule.protocols);
  if (protocols.length === 0 && !present(rule.destination_fqdn_tags))
    c.out.push(`${c.at}: protocols is required`);
  for (const p of protocols) {
    oneOf(p, 'type', ['Http', 'Https', 'Mssql'], c);
    range(p, 'port', 0, 64000, c);
  }
  const targets = ['destination_fqdns', 'destination_fqdn_tags', 'destination_addresses', 'destination_urls'];
  if (!targets.some((t) => present(rule[t]))) c.out.push(`${c.at}: needs one of ${targets.join(', ')}`);
  if (!present(rule.source_addresses) && !present(rule.source_ip_groups)) {
    c.out.push(`${c.at}: needs source_addresses or source_ip_groups`);
  }
}

function networkRule(rule: Json, c: Ctx): void {
  need(rule, ['protocols', 'destination_ports'], c);
  for (const p of (rule.protocols ?? []) as unknown[]) {
    if (!isToken(p) && !['Any', 'TCP', 'UDP', 'ICMP'].includes(p as string))
      c.out.push(`${c.at}: protocol '${String(p)}' is not one of Any|TCP|UDP|ICMP`);
  }
  const targets = ['destination_addresses', 'destination_ip_groups', 'destination_fqdns'];
  if (!targets.some((t) => present(rule[t]))) c.out.push(`${c.at}: needs one of ${targets.join(', ')}`);
  for (const f of (rule.destination_fqdns ?? []) as string[]) {
    if (f.includes('*')) c.out.push(`${c.at}: network rule FQDN '${f}' cannot hold a wildcard`);
  }
}

function natRule(rule: Json, c: Ctx): void {
  need(rule, ['protocols', 'destination_ports', 'translated_port'], c);
  for (const p of (rule.protocols ?? []) as unknown[]) {
    if (!isToken(p) && !['TCP', 'UDP'].includes(p as string))
      c.out.push(`${c.at}: protocol '${String(p)}' is not one of TCP|UDP`);
  }
  const ports = rule.destination_ports;
  if (Array.isArray(ports) && ports.length !== 1)
    c.out.push(`${c.at}: destination_ports must hold exactly one port (got ${ports.length})`);
  if (present(rule.translated_address) === present(rule.translated_fqdn)) {
    c.out.push(`${c.at}: exactly one of translated_address or translated_fqdn is required`);
  }
  if (!present(rule.source_addresses) && !present(rule.source_ip_groups)) {
    c.out.push(`${c.at}: needs source_addresses or source_ip_groups`);
  }
}

function route(r: Json, c: Ctx): void {
  need(r, ['name', 'address_prefix', 'next_hop_type'], c);
  oneOf(r, 'next_hop_type', NEXT_HOP_TYPES, c);
  const appliance = r.next_hop_type === 'VirtualAppliance';
  if (appliance && !present(r.next_hop_in_ip_address))
    c.out.push(`${c.at}: VirtualAppliance needs next_hop_in_ip_address`);
  if (!appliance && present(r.next_hop_in_ip_address)) {
    c.out.push(`${c.at}: next_hop_in_ip_address is only allowed with next_hop_type VirtualAppliance`);
  }
}

function routeTable(r: Json, c: Ctx): void {
  need(r, ['name', 'location', 'resource_group_name'], c);
  blocks(r.route).forEach((rt, i) => route(rt, { ...c, at: `${c.at}.route[${i}]` }));
}

function publicIp(r: Json, c: Ctx): void {
  need(r, ['name', 'location', 'resource_group_name', 'allocation_method'], c);
  oneOf(r, 'allocation_method', ['Static', 'Dynamic'], c);
  oneOf(r, 'sku', ['Basic', 'Standard'], c);
  oneOf(r, 'sku_tier', ['Regional', 'Global'], c);
  range(r, 'idle_timeout_in_minutes', 4, 30, c);
  if (r.sku !== 'Basic' && r.allocation_method === 'Dynamic')
    c.out.push(`${c.at}: a Standard public IP needs allocation_method Static`);
}

function subnet(r: Json, c: Ctx): void {
  need(r, ['name', 'resource_group_name', 'virtual_network_name', 'address_prefixes'], c);
  cidrs(r, 'address_prefixes', c);
  if (r.name === 'AzureFirewallSubnet' || r.name === 'AzureFirewallManagementSubnet') {
    for (const p of (r.address_prefixes ?? []) as string[]) {
      if (!isToken(p) && Number(p.split('/')[1]) > 26)
        c.out.push(`${c.at}: ${String(r.name)} ${p} must be /26 or larger`);
    }
  }
}

const RESOURCE_CHECKS: Record<string, (r: Json, c: Ctx) => void> = {
  azurerm_kubernetes_cluster: cluster,
  azurerm_kubernetes_cluster_node_pool: nodePool,
  azurerm_firewall: firewall,
  azurerm_firewall_policy: firewallPolicy,
  azurerm_firewall_policy_rule_collection_group: ruleCollectionGroup,
  azurerm_route_table: routeTable,
  azurerm_route: (r, c) => {
    need(r, ['resource_group_name', 'route_table_name'], c);
    route(r, c);
  },
  azurerm_subnet_route_table_association: (r, c) => need(r, ['subnet_id', 'route_table_id'], c),
  azurerm_subnet: subnet,
  azurerm_virtual_network: (r, c) => {
    need(r, ['name', 'location', 'resource_group_name', 'address_space'], c);
    cidrs(r, 'address_space', c);
  },
  azurerm_public_ip: publicIp,
  azurerm_role_assignment: (r, c) => {
    need(r, ['scope', 'principal_id'], c);
    if (present(r.role_definition_name) === present(r.role_definition_id)) {
      c.out.push(`${c.at}: exactly one of role_definition_name or role_definition_id is required`);
    }
  },
  azurerm_user_assigned_identity: (r, c) => need(r, ['name', 'location', 'resource_group_name'], c),
  azurerm_virtual_network_peering: (r, c) =>
    need(r, ['name', 'resource_group_name', 'virtual_network_name', 'remote_virtual_network_id'], c),
  azurerm_nat_gateway: (r, c) => range(r, 'idle_timeout_in_minutes', 4, 120, c),
};

/** Resources of one type, by name. */
export function resources(json: Json, type: string): [string, Json][] {
  return Object.entries(((json.resource ?? {}) as Json)[type] ?? {}) as [string, Json][];
}

function crossResourceErrors(json: Json): string[] {
  const out: string[] = [];
  // inline routes and azurerm_route on the same table overwrite each other
  for (const [name, table] of resources(json, 'azurerm_route_table')) {
    const ref = `azurerm_route_table.${name}.name`;
    const separate = resources(json, 'azurerm_route').some(([, r]) =>
      String(r.route_table_name).includes(ref),
    );
    if (separate && blocks(table.route).length > 0) {
      out.push(`azurerm_route_table.${name}: inline route blocks mixed with azurerm_route resources`);
    }
  }
  for (const [name, vnet] of resources(json, 'azurerm_virtual_network')) {
    const ref = `azurerm_virtual_network.${name}.name`;
    const separate = resources(json, 'azurerm_subnet').some(([, s]) =>
      String(s.virtual_network_name).includes(ref),
    );
    if (separate && blocks(vnet.subnet).length > 0) {
      out.push(`azurerm_virtual_network.${name}: inline subnet blocks mixed with azurerm_subnet resources`);
    }
  }
  return out;
}

/** Field errors of the key azurerm resources. */
export function resourceErrors(json: Json): string[] {
  const out: string[] = [];
  for (const [type, check] of Object.entries(RESOURCE_CHECKS)) {
    for (const [name, r] of resources(json, type)) check(r, { at: `${type}.${name}`, out });
  }
  return [...out, ...crossResourceErrors(json)];
}

/** Every check: references, provider pin, resource fields. */
export function checkTerraform(json: Json): string[] {
  return [...danglingReferences(json), ...providerPinErrors(json), ...resourceErrors(json)];
}

/** Jest helper: fails listing every problem of the stack JSON. */
export function expectConsistentTerraform(json: Json): void {
  const errors = checkTerraform(json);
  if (errors.length > 0) throw new Error(`${errors.length} Terraform problem(s):\n  ${errors.join('\n  ')}`);
}
