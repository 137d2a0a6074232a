/**
 * Security rules over the Terraform JSON (azurerm 4.55 attribute names, azure-facts §3, §5).
 * Scanner ids: checkov `CKV_AZURE_*`, trivy `AVD-AZU-*`, looked up in their sources.
 */
import { armBodyProblems } from './arm-managed-clusters';
import { blocks, ERROR, get, RuleDef, strings, TfItem, Verdict, WARNING } from './model';

const CLUSTER = 'azurerm_kubernetes_cluster';
const MANAGED_CLUSTERS = 'Microsoft.ContainerService/managedClusters';
const ANY_SOURCE = ['*', '0.0.0.0/0', 'Internet', 'Any'];
const BROAD_ROLES = ['Owner', 'Contributor', 'User Access Administrator'];
/** A value only known at apply time (a Terraform reference): it cannot be judged at synth. */
const unresolved = (v: unknown) => typeof v === 'string' && v.includes('${');

const onCluster =
  (check: (r: TfItem, all: readonly TfItem[]) => Verdict | Verdict[]) =>
  (r: TfItem, all: readonly TfItem[]) => (r.type === CLUSTER ? check(r, all) : undefined);

const networkProfile = (r: TfItem) => blocks(r.body.network_profile)[0] ?? {};
const usesUdr = (r: TfItem) => networkProfile(r).outbound_type === 'userDefinedRouting';

interface FirewallRule {
  kind: 'application' | 'network' | 'nat';
  collection: string;
  rule: Record<string, unknown>;
}

function firewallRules(r: TfItem): FirewallRule[] {
  if (r.type !== 'azurerm_firewall_policy_rule_collection_group') return [];
  return (['application', 'network', 'nat'] as const).flatMap((kind) =>
    blocks(r.body[`${kind}_rule_collection`]).flatMap((col) =>
      blocks(col.rule).map((rule) => ({ kind, collection: String(col.name), rule })),
    ),
  );
}

const ruleLabel = (f: FirewallRule) => `${f.kind} rule ${f.collection}/${String(f.rule.name)}`;

export const AZURE_RULES: RuleDef[] = [
  {
    id: 'AKSNET-AZ-001',
    severity: ERROR,
    description: 'Kubernetes RBAC is enabled, and written explicitly (scanners read an absent value as off).',
    checkov: 'CKV_AZURE_5',
    trivy: 'AVD-AZU-0042',
    terraform: onCluster((r) =>
      unresolved(r.body.role_based_access_control_enabled) ||
      r.body.role_based_access_control_enabled === true
        ? undefined
        : `role_based_access_control_enabled is ${String(r.body.role_based_access_control_enabled)}; set it to true`,
    ),
  },
  {
    id: 'AKSNET-AZ-002',
    severity: ERROR,
    description: 'Local accounts (the static admin kubeconfig) are disabled; access goes through Entra ID.',
    checkov: 'CKV_AZURE_141',
    terraform: onCluster((r) =>
      unresolved(r.body.local_account_disabled) || r.body.local_account_disabled === true
        ? undefined
        : `local_account_disabled is ${String(r.body.local_account_disabled)}; leave localAccountsEnabled off on the AksCluster (on a cluster declared directly: local_account_disabled true with azure_active_directory_role_based_access_control)`,
    ),
  },
  {
    id: 'AKSNET-AZ-003',
    severity: ERROR,
    description: 'The API server is private or restricted to authorized IP ranges (none of them 0.0.0.0/0).',
    checkov: 'CKV_AZURE_6',
    trivy: 'AVD-AZU-0041',
    terraform: onCluster((r) => {
      if (unresolved(r.body.private_cluster_enabled) || r.body.private_cluster_enabled === true)
        return undefined;
      const ranges = strings(get(blocks(r.body.api_server_access_profile)[0], 'authorized_ip_ranges'));
      if (ranges.length === 0) {
        return 'the API server is public to every address; give the AksCluster apiServerAccess: ApiServerAccess.privateCluster() or ApiServerAccess.publicRestricted([...admin ranges]) (on a cluster declared directly: private_cluster_enabled, or api_server_access_profile.authorized_ip_ranges with the firewall public IPs under UDR)';
      }
      const open = ranges.filter((c) => c === '0.0.0.0/0' || c === '*');
      return open.length > 0
        ? `authorized_ip_ranges holds ${open.join(', ')}; list the admin ranges in ApiServerAccess.publicRestricted([...]) (the egress IPs are added for you), or use ApiServerAccess.privateCluster()`
        : undefined;
    }),
  },
  {
    id: 'AKSNET-AZ-004',
    severity: ERROR,
    description:
      'A NetworkPolicy engine is set (network_profile.network_policy), so NetworkPolicies are enforced.',
    checkov: 'CKV_AZURE_7',
    trivy: 'AVD-AZU-0043',
    // BYO CNI (network_plugin none): AKS takes no policy engine; the installed CNI enforces policies
    terraform: onCluster((r) =>
      networkProfile(r).network_policy || networkProfile(r).network_plugin === 'none'
        ? undefined
        : 'network_profile.network_policy is not set, so NetworkPolicies are not enforced; give the AksCluster policyEngine: PolicyEngine.CALICO, or use NetworkModel.cilium() (on a cluster declared directly: network_policy cilium, calico or azure)',
    ),
  },
  {
    id: 'AKSNET-AZ-005',
    severity: WARNING,
    description: 'The Azure Policy add-on is on.',
    checkov: 'CKV_AZURE_116',
    terraform: onCluster((r) =>
      unresolved(r.body.azure_policy_enabled) || r.body.azure_policy_enabled === true
        ? undefined
        : 'azure_policy_enabled is not true; enable the Azure Policy add-on',
    ),
  },
  {
    id: 'AKSNET-AZ-006',
    severity: WARNING,
    description: 'Automatic cluster upgrades are on (automatic_upgrade_channel other than none).',
    checkov: 'CKV_AZURE_171',
    terraform: onCluster((r) => {
      const channel = r.body.automatic_upgrade_channel;
      return unresolved(channel) || (channel && channel !== 'none')
        ? undefined
        : `automatic_upgrade_channel is ${String(channel)}; set patch or stable`;
    }),
  },
  {
    id: 'AKSNET-AZ-007',
    severity: ERROR,
    description:
      'The retired HTTP application routing add-on stays off (dead since 2025-03-03); use app routing.',
    terraform: onCluster((r) =>
      r.body.http_application_routing_enabled === true
        ? 'http_application_routing_enabled is true; remove it and use web_app_routing'
        : undefined,
    ),
  },
  {
    id: 'AKSNET-AZ-008',
    severity: WARNING,
    description: 'The cluster uses a paid tier with an uptime SLA.',
    checkov: 'CKV_AZURE_170',
    terraform: onCluster((r) =>
      unresolved(r.body.sku_tier) || r.body.sku_tier === 'Standard' || r.body.sku_tier === 'Premium'
        ? undefined
        : `sku_tier is ${String(r.body.sku_tier ?? 'Free')}; use Standard for production`,
    ),
  },
  {
    id: 'AKSNET-AZ-009',
    severity: WARNING,
    description: 'kubenet retires on 2028-03-31; prefer Azure CNI Overlay.',
    terraform: onCluster((r) =>
      networkProfile(r).network_plugin === 'kubenet'
        ? 'network_plugin is kubenet; move to azure with network_plugin_mode overlay'
        : undefined,
    ),
  },
  {
    id: 'AKSNET-AZ-010',
    severity: WARNING,
    description: 'Secrets Store CSI secrets rotate automatically.',
    checkov: 'CKV_AZURE_172',
    terraform: onCluster((r) => {
      const kv = blocks(r.body.key_vault_secrets_provider)[0];
      return kv && kv.secret_rotation_enabled !== true
        ? 'key_vault_secrets_provider.secret_rotation_enabled is not true; enable rotation'
        : undefined;
    }),
  },
  {
    id: 'AKSNET-AZ-011',
    severity: ERROR,
    description:
      'Behind a firewall (userDefinedRouting) the default app routing controller is not public: a public LB there suffers asymmetric routing.',
    terraform: onCluster((r) => {
      const war = blocks(r.body.web_app_routing)[0];
      if (!war || !usesUdr(r)) return undefined;
      const mode = (war.default_nginx_controller as string | undefined) ?? 'AnnotationControlled';
      return mode === 'Internal' || mode === 'None'
        ? undefined
        : `web_app_routing.default_nginx_controller is ${mode} (public LB) under userDefinedRouting; set appRouting.defaultNginxController to NginxControllerMode.INTERNAL or NONE and publish through firewall DNAT`;
    }),
  },
  {
    id: 'AKSNET-AZ-012',
    severity: WARNING,
    description: 'Control-plane and node logs go to Azure Monitor (oms_agent).',
    checkov: 'CKV_AZURE_4',
    trivy: 'AVD-AZU-0040',
    terraform: onCluster((r) =>
      blocks(r.body.oms_agent).length > 0
        ? undefined
        : 'oms_agent is not configured; send logs to a Log Analytics workspace',
    ),
  },
  {
    id: 'AKSNET-AZ-013',
    severity: ERROR,
    description:
      'Under userDefinedRouting the default route of a route table goes to the firewall (VirtualAppliance), never straight to Internet.',
    terraform: (r, all) => {
      const routes =
        r.type === 'azurerm_route_table' ? blocks(r.body.route) : r.type === 'azurerm_route' ? [r.body] : [];
      if (!all.some((c) => c.type === CLUSTER && usesUdr(c))) return undefined;
      return routes
        .filter((rt) => rt.address_prefix === '0.0.0.0/0' && rt.next_hop_type !== 'VirtualAppliance')
        .map(
          (rt) =>
            `route ${String(rt.name)} sends 0.0.0.0/0 to ${String(rt.next_hop_type)}; send it to the firewall private IP (VirtualAppliance)`,
        );
    },
  },
  {
    id: 'AKSNET-AZ-014',
    severity: ERROR,
    description:
      'Firewall threat intelligence blocks known-malicious traffic (mode Deny); Basic policies can only alert.',
    checkov: 'CKV_AZURE_216',
    terraform: (r) => {
      if (
        r.type === 'azurerm_firewall_policy' &&
        r.body.sku !== 'Basic' &&
        r.body.threat_intelligence_mode !== 'Deny' &&
        !unresolved(r.body.threat_intelligence_mode)
      ) {
        return `threat_intelligence_mode is ${String(r.body.threat_intelligence_mode ?? 'Alert')}; set Deny`;
      }
      if (
        r.type === 'azurerm_firewall' &&
        r.body.firewall_policy_id === undefined &&
        r.body.sku_tier !== 'Basic' &&
        r.body.threat_intel_mode !== 'Deny' &&
        !unresolved(r.body.threat_intel_mode)
      ) {
        return `threat_intel_mode is ${String(r.body.threat_intel_mode ?? 'Alert')}; set Deny or attach a policy with Deny`;
      }
      return undefined;
    },
  },
  {
    id: 'AKSNET-AZ-015',
    severity: WARNING,
    description:
      'The firewall policy runs the DNS proxy (needed for FQDNs in network rules and consistent FQDN resolution).',
    terraform: (r) =>
      r.type === 'azurerm_firewall_policy' &&
      r.body.sku !== 'Basic' &&
      get(blocks(r.body.dns)[0], 'proxy_enabled') !== true
        ? 'dns.proxy_enabled is not true; enable the DNS proxy and point the VNet DNS at the firewall'
        : undefined,
  },
  {
    id: 'AKSNET-AZ-016',
    severity: ERROR,
    description: 'Network rules naming FQDNs need the DNS proxy of their policy.',
    terraform: (r, all) => {
      const fqdnRules = firewallRules(r).filter(
        (f) => f.kind === 'network' && strings(f.rule.destination_fqdns).length > 0,
      );
      if (fqdnRules.length === 0) return undefined;
      const policyRef = String(r.body.firewall_policy_id);
      const policy = all.find(
        (p) => p.type === 'azurerm_firewall_policy' && policyRef.includes(`${p.address}.`),
      );
      if (!policy || get(blocks(policy.body.dns)[0], 'proxy_enabled') === true) return undefined;
      return fqdnRules.map(
        (f) =>
          `${ruleLabel(f)} names FQDNs ${strings(f.rule.destination_fqdns).join(', ')} but ${policy.address} has no DNS proxy; enable dns.proxy_enabled`,
      );
    },
  },
  {
    id: 'AKSNET-AZ-017',
    severity: ERROR,
    description: 'Application and network rules name their sources; `*` / 0.0.0.0/0 sources are not allowed.',
    terraform: (r) =>
      firewallRules(r)
        .filter(
          (f) => f.kind !== 'nat' && strings(f.rule.source_addresses).some((s) => ANY_SOURCE.includes(s)),
        )
        .map(
          (f) =>
            `${ruleLabel(f)} has source ${strings(f.rule.source_addresses).join(', ')}; use the cluster subnet ranges`,
        ),
  },
  {
    id: 'AKSNET-AZ-018',
    severity: ERROR,
    description: 'No allow-all firewall rules (any destination on any port, or FQDN `*`).',
    terraform: (r) =>
      firewallRules(r)
        .filter((f) => {
          if (f.kind === 'application') return strings(f.rule.destination_fqdns).includes('*');
          if (f.kind !== 'network') return false;
          const anyDest = strings(f.rule.destination_addresses).some((d) => ANY_SOURCE.includes(d));
          const anyPort = strings(f.rule.destination_ports).some(
            (p) => p === '*' || p === '0-65535' || p === '1-65535',
          );
          return anyDest && anyPort;
        })
        .map((f) => `${ruleLabel(f)} allows every destination; list the destinations and ports it needs`),
  },
  {
    id: 'AKSNET-AZ-019',
    severity: WARNING,
    description: 'DNAT rules name their client sources (DNAT implicitly allows the translated traffic).',
    terraform: (r) =>
      firewallRules(r)
        .filter(
          (f) => f.kind === 'nat' && strings(f.rule.source_addresses).some((s) => ANY_SOURCE.includes(s)),
        )
        .map(
          (f) =>
            `${ruleLabel(f)} accepts clients from ${strings(f.rule.source_addresses).join(', ')}; restrict source_addresses where the audience is known`,
        ),
  },
  {
    id: 'AKSNET-AZ-020',
    severity: ERROR,
    description: 'Public IPs use the Standard SKU (Basic retired 2025-09-30).',
    terraform: (r) =>
      r.type === 'azurerm_public_ip' && r.body.sku === 'Basic'
        ? 'sku is Basic; use Standard with allocation_method Static'
        : undefined,
  },
  {
    id: 'AKSNET-AZ-021',
    severity: WARNING,
    description:
      'Role assignments grant a narrow role (e.g. Network Contributor on a subnet), never Owner, Contributor or User Access Administrator.',
    terraform: (r) => {
      if (r.type !== 'azurerm_role_assignment') return undefined;
      const role = r.body.role_definition_name;
      return typeof role === 'string' && BROAD_ROLES.includes(role)
        ? `role ${role} on ${String(r.body.scope)} is broader than AKS needs; grant e.g. Network Contributor on the subnet or route table`
        : undefined;
    },
  },
  {
    id: 'AKSNET-AZ-022',
    severity: ERROR,
    description:
      'An AzAPI patch of a managed cluster uses the pinned API version 2026-03-01, an object body with only properties that API defines and azurerm does not manage, and runs after the cluster and all its node pools.',
    terraform: (r, all) => {
      if (r.type !== 'azapi_update_resource' || !String(r.body.type).startsWith(MANAGED_CLUSTERS))
        return undefined;
      const problems: string[] = [];
      if (r.body.type !== `${MANAGED_CLUSTERS}@2026-03-01`) {
        problems.push(
          `type is ${String(r.body.type)}; patch at the pinned API version ${MANAGED_CLUSTERS}@2026-03-01`,
        );
      }
      problems.push(...armBodyProblems(r.body.body).map((p) => `body: ${p}`));
      const cluster = /\$\{azurerm_kubernetes_cluster\.([^.]+)\.id\}/.exec(String(r.body.resource_id))?.[1];
      const after = strings(r.body.depends_on);
      const pools = all.filter(
        (p) =>
          p.type === 'azurerm_kubernetes_cluster_node_pool' &&
          String(p.body.kubernetes_cluster_id) === `\${azurerm_kubernetes_cluster.${cluster}.id}`,
      );
      for (const pool of pools.filter((p) => !after.includes(p.address))) {
        problems.push(
          `it does not depend on node pool ${pool.address}; AzAPI's locks do not cover azurerm operations, so order the patch after every pool`,
        );
      }
      return problems;
    },
  },
];
