import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import * as cdk8s from 'cdk8s';
import { TerraformStack, Testing } from 'cdktf';
import { AksNetworkSynth, SecurityRules } from '../lib';
import { warningsOf as warnings } from '../lib/core/warnings';
import {
  AksCluster,
  AksClusterProps,
  ApiServerAccess,
  AutoUpgradeChannel,
  ClusterSkuTier,
  ClusterOutbound,
  NetworkModel,
  NginxControllerMode,
  NodeOsSku,
  NodeOsUpgradeChannel,
  OutboundType,
  PrivateDnsZone,
} from '../lib/azure/cluster';
import { NetworkDataPlane, NetworkPlugin } from '../lib/azure/cluster/network-model';
import { EgressFeature } from '../lib/azure/contracts';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { build as buildNetworkModels } from '../examples/network-models/main';
import { renderNetworkProfile } from '../lib/azure/cluster/private/network-profile';
import { resolvePool, rotationName } from '../lib/azure/cluster/private/node-pool';
import { CLUSTER_CASES } from './cases/aks-cluster';
import {
  FakeEgress,
  describeBadInputs,
  existingNetwork,
  providerStack,
  resourcesOf,
  synthJson,
  tfStack,
} from './tools/helpers';

interface Built {
  cluster: AksCluster;
  json: any;
  aks: any;
  stack: TerraformStack;
}

/** A cluster in westeurope; `props` may create resources in the stack first (e.g. an egress path). */
function build(
  props: AksClusterProps | ((stack: TerraformStack) => AksClusterProps) = {},
  extra?: (cluster: AksCluster, stack: TerraformStack) => void,
): Built {
  const stack = tfStack();
  const given = typeof props === 'function' ? props(stack) : props;
  const cluster = new AksCluster(stack, 'Aks', { location: 'westeurope', ...given });
  extra?.(cluster, stack);
  const json = synthJson(stack);
  return { cluster, json, stack, aks: Object.values(json.resource.azurerm_kubernetes_cluster)[0] };
}

/** A cluster behind a stand-in egress path, and that path. */
function buildBehind(props: AksClusterProps = {}): Built & { egress: FakeEgress } {
  let egress!: FakeEgress;
  const built = build((stack) => {
    egress = new FakeEgress(stack);
    return { egress, ...props };
  });
  return { ...built, egress };
}

const MODELS: Array<[string, () => NetworkModel, Record<string, unknown>]> = [
  [
    'kubenet',
    () => NetworkModel.kubenet(),
    { network_plugin: 'kubenet', network_policy: 'calico', pod_cidr: '10.244.0.0/16' },
  ],
  [
    'azure-cni-node-subnet',
    () => NetworkModel.azureCniNodeSubnet(),
    { network_plugin: 'azure', network_data_plane: 'azure', network_policy: 'calico' },
  ],
  [
    'azure-cni-pod-subnet',
    () => NetworkModel.azureCniPodSubnet(),
    { network_plugin: 'azure', network_data_plane: 'azure', network_policy: 'calico' },
  ],
  [
    'azure-cni-overlay',
    () => NetworkModel.azureCniOverlay({ podCidr: '10.200.0.0/16' }),
    {
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_data_plane: 'azure',
      network_policy: 'calico',
      pod_cidr: '10.200.0.0/16',
    },
  ],
  [
    'cilium-overlay',
    () => NetworkModel.cilium(),
    {
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_data_plane: 'cilium',
      network_policy: 'cilium',
      pod_cidr: '10.244.0.0/16',
    },
  ],
  [
    'cilium-pod-subnet',
    () => NetworkModel.cilium({ podSubnet: true }),
    { network_plugin: 'azure', network_data_plane: 'cilium', network_policy: 'cilium' },
  ],
  ['byo-cni', () => NetworkModel.byoCni(), { network_plugin: 'none', pod_cidr: '10.244.0.0/16' }],
];

describe('AksCluster network models', () => {
  test.each(MODELS)('%s renders its network_profile exactly', (name, model, expected) => {
    const { aks, json, cluster } = build({ networkModel: model() });
    expect(cluster.networkModel.name).toBe(name);
    expect(aks.network_profile).toEqual({
      ...expected,
      service_cidr: '10.0.0.0/16',
      dns_service_ip: '10.0.0.10',
      ip_versions: ['IPv4'],
      load_balancer_sku: 'standard',
      outbound_type: 'loadBalancer',
      load_balancer_profile: { managed_outbound_ip_count: 1, idle_timeout_in_minutes: 30 },
    });
    const podSubnet = cluster.network.podSubnet;
    expect(aks.default_node_pool.pod_subnet_id).toEqual(
      cluster.networkModel.usesPodSubnet ? expect.stringContaining('snet-aks-pods') : undefined,
    );
    expect(podSubnet !== undefined).toBe(cluster.networkModel.usesPodSubnet);
    expect(json).toMatchSnapshot();
  });

  test('models expose their plugin and data plane as enums, not strings to compare', () => {
    expect(NetworkModel.cilium()).toMatchObject({
      networkPlugin: NetworkPlugin.AZURE,
      networkDataPlane: NetworkDataPlane.CILIUM,
      ciliumDataPlane: true,
      bringsOwnCni: false,
    });
    expect(NetworkModel.kubenet()).toMatchObject({
      networkPlugin: NetworkPlugin.KUBENET,
      ciliumDataPlane: false,
    });
    expect(NetworkModel.byoCni()).toMatchObject({ networkPlugin: NetworkPlugin.NONE, bringsOwnCni: true });
    expect(NetworkModel.azureCniOverlay().networkDataPlane).toBe(NetworkDataPlane.AZURE);
  });

  test('policy engine and plain values are exposed for the Kubernetes side', () => {
    expect(build({ networkModel: NetworkModel.cilium() }).cluster.policyEngine).toBe(PolicyEngine.CILIUM);
    expect(build({ networkModel: NetworkModel.byoCni() }).cluster.policyEngine).toBe(PolicyEngine.NONE);
    const { cluster } = build();
    expect(cluster.policyEngine).toBe(PolicyEngine.CALICO);
    expect(cluster.addressPlan.podCidr).toBe('10.244.0.0/16');
    expect(cluster.addressPlan.serviceCidr).toBe('10.0.0.0/16');
    expect(cluster.addressPlan.subnets.map((s) => s.name)).toEqual(['snet-aks-nodes']);
    expect(cluster.outboundType).toBe(OutboundType.LOAD_BALANCER);
    // the default ingress is Gateway API: the add-on's NGINX default controller is off
    expect(cluster.appRoutingControllerMode).toBe(NginxControllerMode.NONE);
    expect(cluster.ingress.gatewayClasses).toEqual(['approuting-istio']);
  });

  test('deprecated and unsupported-by-AKS choices warn with the supported path', () => {
    expect(warnings(build({ networkModel: NetworkModel.kubenet() }).cluster).join()).toMatch(
      /^AksCluster test\/Aks: kubenet retires on 2028-03-31.*azureCniOverlay/,
    );
    expect(warnings(build({ networkModel: NetworkModel.byoCni() }).cluster).join()).toMatch(
      /BYO CNI: nodes stay NotReady/,
    );
    expect(warnings(build({ policyEngine: PolicyEngine.AZURE_NPM }).cluster).join()).toMatch(
      /Network Policy Manager retires.*CALICO/,
    );
    expect(warnings(build({ policyEngine: PolicyEngine.NONE }).cluster).join()).toMatch(/not enforced/);
    expect(warnings(build().cluster)).toEqual([]);
  });
});

describe('AksCluster security defaults', () => {
  test('private cluster, Entra ID + Azure RBAC, no local accounts, policy, upgrades, workload identity', () => {
    const { aks } = build();
    expect(aks.private_cluster_enabled).toBe(true);
    expect(aks.private_dns_zone_id).toBe('System');
    expect(aks.private_cluster_public_fqdn_enabled).toBe(false);
    expect(aks.api_server_access_profile).toBeUndefined();
    expect(aks.role_based_access_control_enabled).toBe(true);
    expect(aks.azure_active_directory_role_based_access_control).toEqual({ azure_rbac_enabled: true });
    expect(aks.local_account_disabled).toBe(true);
    expect(aks.azure_policy_enabled).toBe(true);
    expect(aks.oidc_issuer_enabled).toBe(true);
    expect(aks.workload_identity_enabled).toBe(true);
    expect(aks.automatic_upgrade_channel).toBe('patch');
    expect(aks.node_os_upgrade_channel).toBe('NodeImage');
    expect(aks.http_application_routing_enabled).toBe(false);
    expect(aks.sku_tier).toBe('Standard');
    expect(aks.identity.type).toBe('UserAssigned');
    expect(aks.kubelet_identity.user_assigned_identity_id).toContain(
      'azurerm_user_assigned_identity.Aks_KubeletIdentity',
    );
    expect(aks.web_app_routing).toEqual({ dns_zone_ids: [], default_nginx_controller: 'None' });
    expect(aks.default_node_pool).toMatchObject({
      only_critical_addons_enabled: true,
      temporary_name_for_rotation: 'systemtmp',
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 6,
      max_pods: 250,
      os_sku: 'AzureLinux',
      zones: ['1', '2', '3'],
      upgrade_settings: { max_surge: '10%' },
    });
  });

  test('role assignments exist before the cluster (depends_on)', () => {
    const { aks, json } = build({
      networkModel: NetworkModel.azureCniPodSubnet(),
      ingressSubnetPrefixLength: 28,
    });
    const roles = json.resource.azurerm_role_assignment;
    const byId = Object.fromEntries(Object.entries(roles).map(([k, v]: [string, any]) => [k, v]));
    const scopes = Object.values(byId)
      .filter((v) => v.role_definition_name === 'Network Contributor')
      .map((v) => String(v.scope).replace(/^.*Subnet-(snet-aks-[a-z]+)_.*$/, '$1'))
      .sort();
    expect(scopes).toEqual(['snet-aks-ingress', 'snet-aks-nodes', 'snet-aks-pods']);
    for (const [key, role] of Object.entries(byId)) {
      expect(aks.depends_on).toContain(`azurerm_role_assignment.${key}`);
      expect(role.principal_id).toContain('Aks_ControlPlaneIdentity');
      expect(role.principal_type).toBe('ServicePrincipal');
    }
    expect(Object.values(byId).map((r) => r.role_definition_name)).toContain('Managed Identity Operator');
  });

  test('opt-outs are explicit and warn', () => {
    const { aks, cluster } = build({
      localAccountsEnabled: true,
      azureRbacEnabled: false,
      azurePolicyEnabled: false,
      workloadIdentityEnabled: false,
      automaticUpgradeChannel: AutoUpgradeChannel.NONE,
      nodeOsUpgradeChannel: NodeOsUpgradeChannel.NONE,
    });
    expect(aks.local_account_disabled).toBe(false);
    expect(aks.azure_active_directory_role_based_access_control.azure_rbac_enabled).toBe(false);
    expect(aks.azure_policy_enabled).toBe(false);
    expect(aks.workload_identity_enabled).toBe(false);
    expect(aks.automatic_upgrade_channel).toBeUndefined();
    expect(aks.node_os_upgrade_channel).toBe('None');
    expect(warnings(cluster)).toHaveLength(5);
  });

  test('public API: restricted ranges, or open to all with a warning', () => {
    const restricted = build({
      apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24', '198.51.100.7']),
    });
    expect(restricted.aks.private_cluster_enabled).toBe(false);
    expect(restricted.aks.api_server_access_profile).toEqual({
      authorized_ip_ranges: ['203.0.113.0/24', '198.51.100.7'],
    });
    const open = build({ apiServerAccess: ApiServerAccess.publicToAll() });
    expect(open.aks.api_server_access_profile).toBeUndefined();
    expect(warnings(open.cluster).join()).toMatch(/public to every address/);
  });

  test('custom private DNS zone: contributor role before the cluster', () => {
    const zone =
      '/subscriptions/0000/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io';
    const { aks, json } = build({
      apiServerAccess: ApiServerAccess.privateCluster({ privateDnsZone: PrivateDnsZone.fromZoneId(zone) }),
    });
    expect(aks.private_dns_zone_id).toBe(zone);
    const role: any = Object.values(json.resource.azurerm_role_assignment).find((v: any) => v.scope === zone);
    expect(role.role_definition_name).toBe('Private DNS Zone Contributor');
    expect(aks.depends_on.some((d: string) => d.includes('PrivateDnsZoneContributor'))).toBe(true);
  });

  test('risky opt-outs fail synthesis under the security rules until suppressed with a reason', () => {
    const synth = (suppress: boolean): void => {
      const app = Testing.app();
      const cluster = new AksCluster(providerStack('test', app), 'Aks', {
        location: 'westeurope',
        apiServerAccess: ApiServerAccess.publicToAll(),
      });
      if (suppress) SecurityRules.suppress(cluster, 'AKSNET-AZ-003', 'short-lived demo cluster without data');
      AksNetworkSynth.synth(app);
    };
    expect(() => synth(false)).toThrow(/test\/Aks\/Resource: \[AKSNET-AZ-003\]/);
    expect(() => synth(true)).not.toThrow();
  });
});

describe('AksCluster outbound and egress', () => {
  test('egress selects UDR, orders the cluster after the routes and attaches once', () => {
    const { aks, json, cluster, egress } = buildBehind({
      apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24']),
      keyVaultSecretsProviderEnabled: true,
    });
    expect(aks.network_profile.outbound_type).toBe('userDefinedRouting');
    expect(cluster.outboundType).toBe(OutboundType.USER_DEFINED_ROUTING);
    expect(aks.network_profile.load_balancer_profile).toBeUndefined();
    expect(aks.depends_on).toContain('azurerm_route_table.Rt');
    const rtRole: any = Object.entries(json.resource.azurerm_role_assignment).find(([k]) =>
      k.includes('RouteTable'),
    );
    expect(rtRole[1]).toMatchObject({
      role_definition_name: 'Network Contributor',
      scope: '${azurerm_route_table.Rt.id}',
    });
    expect(aks.depends_on).toContain(`azurerm_role_assignment.${rtRole[0]}`);
    expect(aks.api_server_access_profile.authorized_ip_ranges).toEqual(['203.0.113.0/24', '20.1.2.3/32']);
    expect(aks.web_app_routing.default_nginx_controller).toBe('None');
    expect(cluster.appRoutingControllerMode).toBe(NginxControllerMode.NONE);
    expect(egress.attached).toEqual([cluster]);
    expect(egress.attachedClusters).toEqual([
      {
        path: 'test/Aks',
        location: 'westeurope',
        privateCluster: false,
        features: [EgressFeature.POLICY, EgressFeature.KEY_VAULT, EgressFeature.WORKLOAD_IDENTITY],
      },
    ]);
    cluster.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022 });
    expect(egress.attachedClusters[0].features).toContain(EgressFeature.WINDOWS); // read when needed
  });

  test('egressFeatures is a copy: the egress path reads it, nobody writes into it', () => {
    const { cluster } = buildBehind();
    cluster.egressFeatures.push(EgressFeature.GPU);
    expect(cluster.egressFeatures).not.toContain(EgressFeature.GPU);
  });

  test('private cluster behind egress: no authorized ranges, internal controller allowed', () => {
    const { aks } = buildBehind({ appRouting: { defaultNginxController: NginxControllerMode.INTERNAL } });
    expect(aks.api_server_access_profile).toBeUndefined();
    expect(aks.web_app_routing.default_nginx_controller).toBe('Internal');
  });

  test('an API server open to all stays open behind an egress firewall', () => {
    const { aks, cluster } = buildBehind({ apiServerAccess: ApiServerAccess.publicToAll() });
    expect(aks.api_server_access_profile).toBeUndefined();
    expect(aks.private_cluster_enabled).toBe(false);
    expect(warnings(cluster).join()).toMatch(/public to every address/);
  });

  test('user-assigned NAT gateway: cluster depends on the subnet association', () => {
    const { aks, cluster } = build((stack) => ({
      outbound: ClusterOutbound.userAssignedNatGateway({
        natGatewayAssociation: new SubnetNatGatewayAssociation(stack, 'NatAssoc', {
          subnetId: 'sub',
          natGatewayId: 'nat',
        }),
      }),
    }));
    expect(aks.network_profile.outbound_type).toBe('userAssignedNATGateway');
    expect(cluster.outboundType).toBe(OutboundType.USER_ASSIGNED_NAT_GATEWAY);
    expect(aks.network_profile.load_balancer_profile).toBeUndefined();
    expect(aks.depends_on).toContain('azurerm_subnet_nat_gateway_association.NatAssoc');
  });

  test('restricted API behind a user NAT gateway warns to authorize its IPs', () => {
    const { cluster } = build((stack) => ({
      apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24']),
      outbound: ClusterOutbound.userAssignedNatGateway({
        natGatewayAssociation: new SubnetNatGatewayAssociation(stack, 'NatAssoc', {
          subnetId: 'sub',
          natGatewayId: 'nat',
        }),
      }),
    }));
    expect(warnings(cluster).join()).toMatch(/include the NAT gateway's public IPs in publicRestricted/);
  });

  test('network isolated: outbound none with the artifact cache', () => {
    const containerRegistryId =
      '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrcache';
    const { aks, cluster } = build({ outbound: ClusterOutbound.none({ containerRegistryId }) });
    expect(aks.network_profile.outbound_type).toBe('none');
    expect(aks.bootstrap_profile).toEqual({
      artifact_source: 'Cache',
      container_registry_id: containerRegistryId,
    });
    expect(cluster.outboundType).toBe(OutboundType.NONE);
  });

  test('load balancer sizes are rendered', () => {
    const outbound = ClusterOutbound.loadBalancer({ managedOutboundIpCount: 4, idleTimeoutMinutes: 10 });
    expect(outbound).toMatchObject({ outboundType: OutboundType.LOAD_BALANCER, idleTimeoutMinutes: 10 });
    const { aks } = build({ outbound });
    expect(aks.network_profile.load_balancer_profile).toEqual({
      managed_outbound_ip_count: 4,
      idle_timeout_in_minutes: 10,
    });
  });

  // Defect of issue 14: ClusterOutbound.managedNatGateway() could never succeed (AKS refuses a
  // managed NAT gateway for a cluster in your own VNet, where AksCluster always places it).
  test('the managed NAT gateway, which AKS refuses in your own VNet, is no outbound type at all', () => {
    expect((ClusterOutbound as unknown as Record<string, unknown>).managedNatGateway).toBeUndefined();
    expect(Object.values(OutboundType)).toEqual([
      'loadBalancer',
      'userAssignedNATGateway',
      'userDefinedRouting',
      'none',
    ]);
  });

  test('app routing zones get DNS roles for the add-on identity', () => {
    const pub = '/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/dnszones/example.com';
    const priv =
      '/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/internal.example.com';
    const { json } = build({ appRouting: { dnsZoneIds: [pub, priv] } });
    const roles = Object.values(json.resource.azurerm_role_assignment).filter((r: any) =>
      [pub, priv].includes(r.scope),
    ) as any[];
    expect(roles.map((r) => r.role_definition_name)).toEqual([
      'DNS Zone Contributor',
      'Private DNS Zone Contributor',
    ]);
    expect(roles.every((r) => String(r.principal_id).includes('web_app_routing_identity'))).toBe(true);
  });

  test('monitoring add-on with managed identity auth, and its egress feature', () => {
    const workspace =
      '/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs';
    const { aks, egress } = buildBehind({ logAnalyticsWorkspaceId: workspace });
    expect(aks.oms_agent).toEqual({
      log_analytics_workspace_id: workspace,
      msi_auth_for_monitoring_enabled: true,
    });
    expect(egress.attachedClusters[0].features).toContain(EgressFeature.MONITOR);
    expect(build().aks.oms_agent).toBeUndefined();
  });

  test('Ubuntu pools that patch in place need the OS update mirrors through the firewall', () => {
    const { cluster, egress } = buildBehind({ nodeOsUpgradeChannel: NodeOsUpgradeChannel.SECURITY_PATCH });
    expect(egress.attachedClusters[0].features).not.toContain(EgressFeature.OS_UPDATES); // Azure Linux
    cluster.addNodePool('ubuntu', { osSku: NodeOsSku.UBUNTU2204 });
    expect(egress.attachedClusters[0].features).toContain(EgressFeature.OS_UPDATES);
    const imageOnly = buildBehind({ systemNodePool: { osSku: NodeOsSku.UBUNTU } });
    expect(imageOnly.cluster.egressFeatures).not.toContain(EgressFeature.OS_UPDATES); // NodeImage channel
  });
});

describe('AksCluster node pools and capacity', () => {
  test('user pools, Windows where the model allows it', () => {
    const { json, cluster } = build({}, (c) => {
      c.addNodePool('apps', { minNodes: 2, maxNodes: 10, maxPods: 110 });
      c.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022, nodeCount: 2 });
    });
    const pools = json.resource.azurerm_kubernetes_cluster_node_pool;
    expect(pools.Aks_NodePool_apps_8E6E2F1A ?? Object.values(pools)[0]).toMatchObject({
      name: 'apps',
      mode: 'User',
      os_type: 'Linux',
      min_count: 2,
      max_count: 10,
      max_pods: 110,
      temporary_name_for_rotation: 'appstmp',
    });
    const win: any = Object.values(pools).find((p: any) => p.name === 'win');
    expect(win).toMatchObject({
      os_type: 'Windows',
      os_sku: 'Windows2022',
      node_count: 2,
      auto_scaling_enabled: false,
      max_pods: 110,
    });
    expect(win.max_count).toBeUndefined();
    expect(cluster.nodePools.map((p) => p.name)).toEqual(['system', 'apps', 'win']);
  });

  test('a refused pool is not kept', () => {
    const { cluster } = build({
      networkModel: NetworkModel.azureCniNodeSubnet(),
      nodeSubnetPrefixLength: 24,
    });
    expect(() => cluster.addNodePool('apps', { maxNodes: 10 })).toThrow(/holds 251 usable addresses/);
    expect(() => cluster.addNodePool('gpu', { nodeTaints: ['sku=gpu'] })).toThrow(/is not key=value:Effect/);
    expect(() => cluster.addNodePool('zoned', { zones: ['4'] })).toThrow(/availability zone '4'/);
    expect(cluster.nodePools).toHaveLength(1);
    expect(
      resourcesOf(synthJson(TerraformStack.of(cluster)), 'azurerm_kubernetes_cluster_node_pool'),
    ).toEqual([]);
  });

  test('small pools: from zero nodes, and few pods per node on enough nodes', () => {
    const { cluster } = build();
    expect(cluster.addNodePool('batch', { minNodes: 0, maxNodes: 3 })).toMatchObject({
      name: 'batch',
      maxNodes: 3,
    });
    expect(cluster.addNodePool('small', { nodeCount: 3, maxPods: 10 })).toMatchObject({ maxPods: 10 });
  });

  test('a custom service CIDR gets its .10 DNS IP', () => {
    const { aks } = build({ serviceCidr: '172.20.0.0/16' });
    expect(aks.network_profile).toMatchObject({
      service_cidr: '172.20.0.0/16',
      dns_service_ip: '172.20.0.10',
    });
  });

  test('taints and regions without zones', () => {
    const { json } = build({ systemNodePool: { zones: [] } }, (c) =>
      c.addNodePool('gpu', { nodeTaints: ['sku=gpu:NoSchedule'], zones: [] }),
    );
    const pool: any = Object.values(json.resource.azurerm_kubernetes_cluster_node_pool)[0];
    expect(pool.node_taints).toEqual(['sku=gpu:NoSchedule']);
    expect(pool.zones).toEqual([]);
  });

  test('a custom rotation name follows the pool name rule', () => {
    expect(
      build({ systemNodePool: { temporaryNameForRotation: 'sysrot' } }).aks.default_node_pool
        .temporary_name_for_rotation,
    ).toBe('sysrot');
  });

  test('existing network: the cluster uses its node subnet and plan', () => {
    const stack = tfStack();
    const network = existingNetwork(stack, {
      vnetAddressSpaces: ['10.50.0.0/16'],
      nodeSubnet: { name: 'nodes', id: '/subscriptions/0/.../subnets/nodes', cidr: '10.50.0.0/22' },
    });
    const cluster = new AksCluster(stack, 'Aks', { network });
    const aks: any = Object.values(synthJson(stack).resource.azurerm_kubernetes_cluster)[0];
    expect(aks.default_node_pool.vnet_subnet_id).toBe('/subscriptions/0/.../subnets/nodes');
    expect(aks.location).toBe('westeurope');
    expect(cluster.addressPlan).toBe(network.plan);
  });
});

describe('AksCluster Windows profile', () => {
  test('a reference as the password is rendered', () => {
    const { aks, cluster } = build((stack) => ({
      windowsProfile: {
        adminUsername: 'azureuser',
        adminPassword: new RouteTable(stack, 'Secret', {
          name: 'x',
          location: 'westeurope',
          resourceGroupName: 'rg',
        }).name,
      },
    }));
    expect(aks.windows_profile).toEqual({
      admin_username: 'azureuser',
      admin_password: '${azurerm_route_table.Secret.name}',
    });
    cluster.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022 });
    expect(warnings(cluster)).toEqual([]);
  });

  test('a Windows pool without a profile warns; its rotation name fits 6 characters', () => {
    const { cluster, json } = build({}, (c) => c.addNodePool('winpl', { osSku: NodeOsSku.WINDOWS2022 }));
    expect(warnings(cluster).join()).toMatch(/Windows pool winpl on a cluster without windowsProfile/);
    const pool: any = Object.values(json.resource.azurerm_kubernetes_cluster_node_pool)[0];
    expect(pool.temporary_name_for_rotation).toBe('wintmp');
  });
});

describe('AksCluster placement, identities, tags and DNS zone choices', () => {
  test('cluster names follow the AKS rule', () => {
    expect(build({ clusterName: 'aks-prod-weu', dnsPrefix: 'prodweu' }).aks).toMatchObject({
      name: 'aks-prod-weu',
      dns_prefix: 'prodweu',
    });
  });

  test('given identities are used, not created', () => {
    const { aks, json } = build({
      controlPlaneIdentity: { resourceId: '/ids/cp', principalId: 'cp-principal' },
      kubeletIdentity: { resourceId: '/ids/kubelet', clientId: 'kubelet-client', objectId: 'kubelet-object' },
    });
    expect(json.resource.azurerm_user_assigned_identity).toBeUndefined();
    expect(aks.identity).toEqual({ type: 'UserAssigned', identity_ids: ['/ids/cp'] });
    expect(aks.kubelet_identity).toEqual({
      user_assigned_identity_id: '/ids/kubelet',
      client_id: 'kubelet-client',
      object_id: 'kubelet-object',
    });
    const roles = Object.values(json.resource.azurerm_role_assignment) as any[];
    expect(roles.every((r) => r.principal_id === 'cp-principal')).toBe(true);
    expect(roles.find((r) => r.role_definition_name === 'Managed Identity Operator').scope).toBe(
      '/ids/kubelet',
    );
  });

  // Deliberate change: tags go through one aspect, so user node pools (left out before) get them too.
  test('tags reach the cluster, every pool, identities and network', () => {
    const tags = { env: 'prod' };
    const { aks, json } = build({ tags }, (c) => c.addNodePool('apps', { maxNodes: 3 }));
    expect(aks.tags).toEqual(tags);
    expect(aks.default_node_pool.tags).toEqual(tags);
    expect(resourcesOf(json, 'azurerm_kubernetes_cluster_node_pool').map((p) => p.tags)).toEqual([tags]);
    for (const type of [
      'azurerm_user_assigned_identity',
      'azurerm_resource_group',
      'azurerm_virtual_network',
    ]) {
      expect(resourcesOf(json, type).every((r) => r.tags?.env === 'prod')).toBe(true);
    }
  });

  test('private DNS zone None warns that your DNS must resolve the API server', () => {
    const { aks, cluster } = build({
      apiServerAccess: ApiServerAccess.privateCluster({ privateDnsZone: PrivateDnsZone.NONE }),
    });
    expect(aks.private_dns_zone_id).toBe('None');
    expect(warnings(cluster).join()).toMatch(
      /private DNS zone None: nodes and clients must resolve the API server name/,
    );
  });

  test('Entra ID admin groups and tenant are passed through', () => {
    const { aks } = build({ adminGroupObjectIds: ['group-1'], tenantId: 'tenant-1' });
    expect(aks.azure_active_directory_role_based_access_control).toEqual({
      azure_rbac_enabled: true,
      tenant_id: 'tenant-1',
      admin_group_object_ids: ['group-1'],
    });
  });

  test('advanced container networking on the Cilium data plane', () => {
    const { aks, cluster } = build({
      networkModel: NetworkModel.cilium(),
      advancedNetworking: { observabilityEnabled: false },
    });
    expect(aks.network_profile.advanced_networking).toEqual({
      observability_enabled: false,
      security_enabled: true,
    });
    expect(cluster.advancedNetworkSecurity).toBe(true);
    expect(build().aks.network_profile.advanced_networking).toBeUndefined();
  });

  test('Free tier clusters render their tier', () => {
    expect(build({ skuTier: ClusterSkuTier.FREE }).aks.sku_tier).toBe('Free');
  });

  test('bindManifests takes the root of a cdk8s tree, once', () => {
    const { cluster } = build();
    const k8s = new cdk8s.App();
    cluster.bindManifests(k8s);
    cluster.bindManifests(k8s);
    expect(cluster.boundManifests).toEqual([k8s]);
    const chart = new cdk8s.Chart(k8s, 'shop');
    expect(() => cluster.bindManifests(chart)).toThrow(
      /^AksCluster test\/Aks: bindManifests got shop, which is not the root of a construct tree; pass the cdk8s App itself/,
    );
  });
});

describe('cluster renderers', () => {
  const model = NetworkModel.azureCniOverlay();
  test.each([
    ['10%', 3, 1],
    ['33%', 10, 4],
    ['100%', 5, 5],
    ['3', 50, 3],
  ])('max surge %s of %d nodes is %d nodes', (maxSurge, maxNodes, surge) => {
    const pool = resolvePool(
      tfStack(),
      { maxSurge, nodeCount: maxNodes },
      { name: 'p', minNodes: 1, maxNodes: 1, system: false, location: 'westeurope' },
      model,
    );
    expect(pool.maxSurgeNodes).toBe(surge);
  });

  test('rotation names fit the pool name limits', () => {
    expect(rotationName('system')).toBe('systemtmp');
    expect(rotationName('abcdefghijkl')).toBe('abcdefghitmp');
    expect(rotationName('winpol', true)).toBe('wintmp');
  });

  test('the outbound renders its own part of the profile; no engine, no network_policy', () => {
    const base = {
      model,
      engine: PolicyEngine.CALICO,
      serviceCidr: '10.0.0.0/16',
      dnsServiceIp: '10.0.0.10',
    };
    const lb = renderNetworkProfile({
      ...base,
      outbound: ClusterOutbound.loadBalancer({ managedOutboundIpCount: 2 }),
    });
    expect(lb).toMatchObject({
      outboundType: 'loadBalancer',
      loadBalancerProfile: { managedOutboundIpCount: 2, idleTimeoutInMinutes: 30 },
      networkPolicy: 'calico',
    });
    const udr = renderNetworkProfile({ ...base, outbound: ClusterOutbound.userDefinedRouting() });
    expect(udr.outboundType).toBe('userDefinedRouting');
    expect(udr.loadBalancerProfile).toBeUndefined();
    expect(udr).not.toHaveProperty('natGatewayProfile');
    expect(
      renderNetworkProfile({
        ...base,
        engine: PolicyEngine.NONE,
        outbound: ClusterOutbound.none({
          containerRegistryId:
            '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrcache',
        }),
      }).networkPolicy,
    ).toBeUndefined();
  });
});

describe('example network-models', () => {
  test('six deployable stacks, one per model', () => {
    const app = Testing.app();
    const manifests = buildNetworkModels(app);
    expect(manifests).toHaveLength(6);
    expect(manifests[0].charts[0].toJson().map((o: any) => o.metadata.name)).toEqual([
      'default-deny',
      'allow-dns',
    ]);
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
    const profiles = Object.fromEntries(
      stacks.map((stack) => {
        const json = synthJson(stack);
        expect(json).toMatchSnapshot(stack.node.id);
        expect(json.provider.azurerm).toHaveLength(1);
        const aks: any = Object.values(json.resource.azurerm_kubernetes_cluster)[0];
        const p = aks.network_profile;
        return [
          stack.node.id,
          [
            p.network_plugin,
            p.network_plugin_mode,
            p.network_data_plane,
            p.network_policy,
            p.outbound_type,
          ].join(' '),
        ];
      }),
    );
    expect(profiles).toEqual({
      'network-models-kubenet': 'kubenet   calico loadBalancer',
      'network-models-cni-node-subnet': 'azure  azure calico loadBalancer',
      'network-models-cni-pod-subnet': 'azure  azure calico userAssignedNATGateway',
      'network-models-cni-overlay': 'azure overlay azure calico loadBalancer',
      'network-models-cilium': 'azure overlay cilium cilium none',
      'network-models-byo-cni': 'none    loadBalancer',
    });
  });
});

describeBadInputs('AksCluster refuses bad inputs', CLUSTER_CASES);
