// Today's AKS network features (issue 17, Azure side): API Server VNet Integration, LocalDNS and ACNS
// through the one AzAPI patch, network-isolated clusters, currency of OS SKUs and Kubernetes versions.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { constructWarnings } from '../lib/core/warnings';
import {
  AcnsNetworkPolicies,
  AksCluster,
  AksClusterProps,
  ApiServerAccess,
  ClusterIngress,
  ClusterOutbound,
  ClusterSkuTier,
  LocalDnsMode,
  NetworkModel,
  NodeOsSku,
  NodeOsUpgradeChannel,
} from '../lib/azure/cluster';
import { AzureCloud, EgressFeature } from '../lib/azure/contracts';
import { EgressCatalogue } from '../lib/azure/egress/catalogue';
import { SecureEgress } from '../lib/azure/egress/secure-egress';
import { ClusterNetwork, ExistingClusterNetwork } from '../lib/azure/network/cluster-network';
import { armBodyProblems } from '../lib/verify/arm-managed-clusters';
import { build as buildAksFeatures } from '../examples/aks-features/main';
import { synthScenario, writtenManifests, writtenStacks } from './tools/examples';
import { checkTerraform } from './tools/tf-check';

const ACR_ID =
  '/subscriptions/0000/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/acrcache';

interface Built {
  cluster: AksCluster;
  json: any;
  aks: any;
  patch: any;
  stack: TerraformStack;
}

function build(
  props: AksClusterProps = {},
  extra?: (cluster: AksCluster, stack: TerraformStack) => void,
): Built {
  const stack = new TerraformStack(Testing.app(), 'test');
  const cluster = new AksCluster(stack, 'Aks', { location: 'westeurope', ...props });
  extra?.(cluster, stack);
  const json = JSON.parse(Testing.synth(stack));
  const patches = Object.values(json.resource.azapi_update_resource ?? {});
  expect(patches.length).toBeLessThanOrEqual(1); // one patch per cluster, ever
  return {
    cluster,
    json,
    stack,
    aks: Object.values(json.resource.azurerm_kubernetes_cluster)[0],
    patch: patches[0],
  };
}

// the construct's own warnings, those a rule also judges included (they are settled at synthesis)
const warnings = (c: IConstruct): string[] =>
  constructWarnings(c)
    .filter((w) => w.construct === c)
    .map((w) => w.message);

const cilium = NetworkModel.cilium();

describe('API Server VNet Integration', () => {
  const integrated = () =>
    build({ apiServerAccess: ApiServerAccess.privateCluster({ vnetIntegration: true }) });

  test('renders the access profile, the delegated /28 and the roles (snapshot)', () => {
    const { aks, json } = integrated();
    expect({
      apiServerAccessProfile: aks.api_server_access_profile,
      privateCluster: aks.private_cluster_enabled,
      subnet: Object.values(json.resource.azurerm_subnet).find((s: any) => s.name === 'snet-aks-apiserver'),
      roles: Object.values(json.resource.azurerm_role_assignment)
        .map((r: any) => `${r.role_definition_name} on ${r.scope}`)
        .sort(),
    }).toMatchSnapshot();
  });

  test('the API server subnet is delegated to AKS, at least a /28, carved after every other subnet', () => {
    const base = {
      location: 'westeurope',
      addressSpace: '10.40.0.0/16',
      podSubnetPrefixLength: 20,
      ingressSubnetPrefixLength: 28,
      firewallSubnetPrefixLength: 26,
    };
    const before = new ClusterNetwork(new TerraformStack(Testing.app(), 'a'), 'Network', base);
    const after = new ClusterNetwork(new TerraformStack(Testing.app(), 'b'), 'Network', {
      ...base,
      apiServerSubnetPrefixLength: 28,
    });
    // existing CIDRs never move: the API server subnet only takes free space after them
    expect(after.plan.subnets.slice(0, -1)).toEqual(before.plan.subnets);
    expect(after.plan.subnets[after.plan.subnets.length - 1]).toEqual({
      name: 'snet-aks-apiserver',
      cidr: '10.40.4.16/28', // the first free aligned /28: after the ingress /28, before the firewall /26
    });
    const subnet = Object.values(
      JSON.parse(Testing.synth(TerraformStack.of(after))).resource.azurerm_subnet,
    ).find((s: any) => s.name === 'snet-aks-apiserver') as any;
    expect(subnet.delegation[0].service_delegation.name).toBe('Microsoft.ContainerService/managedClusters');
  });

  test('Network Contributor for the control-plane identity on the API server subnet and the node subnet, before the cluster', () => {
    const { aks, json } = integrated();
    const roles = Object.entries(json.resource.azurerm_role_assignment) as [string, any][];
    const onSubnet = (name: string) =>
      roles.find(([, r]) => r.role_definition_name === 'Network Contributor' && r.scope.includes(name));
    for (const name of ['snet-aks-apiserver', 'snet-aks-nodes']) {
      const found = onSubnet(name);
      expect(found).toBeDefined();
      expect(aks.depends_on).toContain(`azurerm_role_assignment.${found![0]}`);
    }
    expect(aks.api_server_access_profile.virtual_network_integration_enabled).toBe(true);
    expect(aks.api_server_access_profile.subnet_id).toMatch(
      /^\$\{azurerm_subnet\..*snet-aks-apiserver.*\.id\}$/,
    );
  });

  test('public with authorized ranges: the firewall IPs are not added (nodes reach the API server privately)', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const network = new ClusterNetwork(stack, 'Network', {
      location: 'westeurope',
      addressSpace: '10.40.0.0/16',
      firewallSubnetPrefixLength: 26,
      apiServerSubnetPrefixLength: 27,
    });
    const egress = new SecureEgress(stack, 'Egress', { network });
    new AksCluster(stack, 'Aks', {
      network,
      egress,
      apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24'], { vnetIntegration: true }),
    });
    const aks: any = Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_kubernetes_cluster)[0];
    expect(aks.api_server_access_profile.authorized_ip_ranges).toEqual(['203.0.113.0/24']);
    expect(aks.private_cluster_enabled).toBe(false);
    // the catalogue drops the tunnel rules and *.hcp, public API server or not
    const entries = egress.catalogue().entries;
    expect(entries.map((e) => e.name)).not.toEqual(expect.arrayContaining(['core-tunnel-udp']));
    expect(entries.some((e) => e.ports.includes(1194) || e.ports.includes(9000))).toBe(false);
    expect(entries.flatMap((e) => e.destinations).some((d) => d.includes('.hcp.'))).toBe(false);
    expect(egress.catalogue().apiServerVnetIntegrated).toBe(true);
  });

  test.each([AzureCloud.PUBLIC, AzureCloud.CHINA, AzureCloud.US_GOVERNMENT])(
    'the catalogue on %s: no tunnel rules with VNet integration, every other core rule kept',
    (cloud) => {
      const location =
        cloud === AzureCloud.CHINA
          ? 'chinaeast2'
          : cloud === AzureCloud.PUBLIC
            ? 'westeurope'
            : 'usgovvirginia';
      const plain = EgressCatalogue.forCluster({ cloud, location });
      const integrated = EgressCatalogue.forCluster({ cloud, location, apiServerVnetIntegrated: true });
      expect(integrated.entries.map((e) => e.name)).toEqual(
        plain.entries.map((e) => e.name).filter((n) => !n.startsWith('core-tunnel')),
      );
      const fqdns = integrated.entries.find((e) => e.name === 'core-fqdns')!.destinations;
      expect(fqdns.some((f) => f.includes('.hcp.') || f.includes('.tun.'))).toBe(false);
      expect(JSON.parse(integrated.toJson()).apiServerVnetIntegrated).toBe(true);
      expect('apiServerVnetIntegrated' in JSON.parse(plain.toJson())).toBe(false);
    },
  );

  test('existing network: a given API server subnet is used, or one is created delegated', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const existing = (id: string, props: object) =>
      new ExistingClusterNetwork(stack, id, {
        location: 'westeurope',
        resourceGroupName: 'rg',
        vnetId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet',
        vnetName: 'vnet',
        vnetAddressSpaces: ['10.1.0.0/16'],
        nodeSubnet: { name: 'nodes', id: '/subscriptions/0/x/subnets/nodes', cidr: '10.1.0.0/22' },
        ...props,
      });
    const given = existing('Given', {
      apiServerSubnet: { name: 'api', id: '/subscriptions/0/x/subnets/api', cidr: '10.1.4.0/28' },
    });
    expect(given.apiServerSubnet).toEqual({
      name: 'api',
      id: '/subscriptions/0/x/subnets/api',
      cidr: '10.1.4.0/28',
    });
    const created = existing('Created', { apiServerSubnetPrefixLength: 28 });
    expect(created.apiServerSubnet?.cidr).toBe('10.1.4.0/28');
    expect(() =>
      existing('Small', { apiServerSubnet: { name: 'api', id: 'x', cidr: '10.1.4.0/29' } }),
    ).toThrow(
      /apiServerSubnet 10\.1\.4\.0\/29: the API server subnet is smaller than a \/28.*use a \/28 or larger/,
    );
    expect(() =>
      existing('Both', {
        apiServerSubnet: { name: 'api', id: 'x', cidr: '10.1.4.0/28' },
        apiServerSubnetPrefixLength: 28,
      }),
    ).toThrow(/apiServerSubnet and apiServerSubnetPrefixLength are both given/);
  });

  test('enabling is one-way and needs a restart: the cluster says so', () => {
    const { cluster } = integrated();
    expect(warnings(cluster)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /cannot be switched off once applied.*API server IP.*az aks stop, az aks start/,
        ),
      ]),
    );
  });

  test('outside the public cloud the cluster warns (availability is stated for public regions only)', () => {
    const { cluster } = build({
      cloud: AzureCloud.CHINA,
      location: 'chinaeast2',
      apiServerAccess: ApiServerAccess.privateCluster({ vnetIntegration: true }),
    });
    expect(warnings(cluster).join('\n')).toMatch(
      /on the china cloud: the docs state availability for public cloud regions only/,
    );
  });

  test('an API server subnet without integration is reported unused', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const network = new ClusterNetwork(stack, 'Network', {
      location: 'westeurope',
      addressSpace: '10.40.0.0/16',
      apiServerSubnetPrefixLength: 28,
    });
    const cluster = new AksCluster(stack, 'Aks', { network });
    expect(warnings(cluster).join('\n')).toMatch(/API server subnet snet-aks-apiserver is unused/);
  });

  describe('limits refused with the fix', () => {
    const encrypted = (stack: TerraformStack) =>
      new ExistingClusterNetwork(stack, 'Net', {
        location: 'westeurope',
        resourceGroupName: 'rg',
        vnetId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet',
        vnetName: 'vnet',
        vnetAddressSpaces: ['10.1.0.0/16'],
        nodeSubnet: { name: 'nodes', id: '/subscriptions/0/x/subnets/nodes', cidr: '10.1.0.0/22' },
        apiServerSubnet: { name: 'api', id: '/subscriptions/0/x/subnets/api', cidr: '10.1.4.0/28' },
        vnetEncryptionEnabled: true,
      });
    const vnetIntegration = ApiServerAccess.privateCluster({ vnetIntegration: true });

    test('no API server subnet', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      const network = new ClusterNetwork(stack, 'Network', {
        location: 'westeurope',
        addressSpace: '10.40.0.0/16',
      });
      expect(() => new AksCluster(stack, 'Aks', { network, apiServerAccess: vnetIntegration })).toThrow(
        /AksCluster test\/Aks: API Server VNet Integration without an API server subnet.*set apiServerSubnetPrefixLength/,
      );
    });

    test('an API server subnet smaller than /28', () => {
      expect(() => build({ apiServerAccess: vnetIntegration, apiServerSubnetPrefixLength: 29 })).toThrow(
        /apiServerSubnetPrefixLength 29: the API server subnet is smaller than a \/28/,
      );
    });

    test('a region without it', () => {
      expect(() => build({ location: 'qatarcentral', apiServerAccess: vnetIntegration })).toThrow(
        /API Server VNet Integration in qatarcentral, where AKS does not offer it.*pick another region/,
      );
    });

    test('VNet encryption with v4+ SKUs, system pool and added pools alike', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      expect(
        () => new AksCluster(stack, 'Aks', { network: encrypted(stack), apiServerAccess: vnetIntegration }),
      ).toThrow(
        /node pool system: VM size Standard_D4ds_v5 \(v4 or later\) in a VNet with encryption.*turn VNet encryption off, use a v3 or earlier SKU/,
      );
      const stack2 = new TerraformStack(Testing.app(), 'test2');
      const cluster = new AksCluster(stack2, 'Aks', {
        network: encrypted(stack2),
        apiServerAccess: vnetIntegration,
        systemNodePool: { vmSize: 'Standard_D4ds_v3' },
      });
      expect(() => cluster.addNodePool('apps', { vmSize: 'Standard_E8s_v4' })).toThrow(
        /node pool apps: VM size Standard_E8s_v4/,
      );
      expect(cluster.addNodePool('old', { vmSize: 'Standard_D8s_v3' }).name).toBe('old');
    });

    test('a vnetIntegration that is not a boolean (JavaScript callers)', () => {
      expect(() => ApiServerAccess.privateCluster({ vnetIntegration: 'yes' as unknown as boolean })).toThrow(
        /ApiServerAccess: vnetIntegration is 'yes'.*give true or false/,
      );
    });
  });
});

describe('LocalDNS through the AzAPI patch', () => {
  test('a cluster-wide mode reaches every Linux pool, pools added later included (snapshot, schema-checked)', () => {
    const { patch, cluster } = build({ localDns: LocalDnsMode.DISABLED }, (c) => {
      c.addNodePool('apps', { maxNodes: 3 });
      c.addNodePool('fast', { maxNodes: 3, localDns: LocalDnsMode.REQUIRED });
    });
    expect(patch.body).toMatchSnapshot();
    expect(patch.body.properties.agentPoolProfiles).toEqual([
      { name: 'system', localDNSProfile: { mode: 'Disabled' } },
      { name: 'apps', localDNSProfile: { mode: 'Disabled' } },
      { name: 'fast', localDNSProfile: { mode: 'Required' } },
    ]);
    expect(armBodyProblems(patch.body)).toEqual([]);
    expect(patch.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^azurerm_kubernetes_cluster\./),
        expect.stringMatching(/NodePool-apps/),
        expect.stringMatching(/NodePool-fast/),
      ]),
    );
    expect(cluster.localDnsMayBeOn).toBe(true);
  });

  test('the deploy plan note: applying or changing a mode reimages the pool (a warning per pool)', () => {
    const { cluster } = build({ localDns: LocalDnsMode.DISABLED }, (c) => c.addNodePool('apps'));
    const notes = warnings(cluster).filter((w) => w.includes('reimages all its nodes'));
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatch(/node pool apps: LocalDNS Disabled through the AzAPI patch/);
  });

  test('localDnsMayBeOn: true unless every Linux pool is pinned Disabled', () => {
    expect(build().cluster.localDnsMayBeOn).toBe(true);
    expect(build({ localDns: LocalDnsMode.PREFERRED }).cluster.localDnsMayBeOn).toBe(true);
    const off = build({ localDns: LocalDnsMode.DISABLED }, (c) => c.addNodePool('apps'));
    expect(off.cluster.localDnsMayBeOn).toBe(false);
    const mixed = build({ systemNodePool: { localDns: LocalDnsMode.DISABLED } }, (c) =>
      c.addNodePool('apps'),
    );
    expect(mixed.cluster.localDnsMayBeOn).toBe(true);
  });

  test('no mode anywhere: no patch fragment (AKS decides)', () => {
    const { patch } = build({ ingress: ClusterIngress.none() });
    expect(patch?.body?.properties?.agentPoolProfiles).toBeUndefined();
  });

  test('Windows pools get no LocalDNS from the cluster-wide mode; an explicit one is refused', () => {
    const { patch } = build({ localDns: LocalDnsMode.DISABLED }, (c) =>
      c.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022 }),
    );
    expect(patch.body.properties.agentPoolProfiles.map((p: any) => p.name)).toEqual(['system']);
    expect(() =>
      build({}, (c) =>
        c.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022, localDns: LocalDnsMode.DISABLED }),
      ),
    ).toThrow(/node pool win: localDns Disabled on a Windows pool.*Linux pools/);
  });

  test.each([
    [
      { kubernetesVersion: '1.30', localDns: LocalDnsMode.REQUIRED },
      /LocalDNS Required on Kubernetes 1\.30.*1\.31 or later/,
    ],
    [
      { localDns: LocalDnsMode.REQUIRED, systemNodePool: { vmSize: 'Standard_D2ds_v5' } },
      /LocalDNS Required on Standard_D2ds_v5 \(2 vCPUs\).*at least 4 vCPUs/,
    ],
    [{ localDns: 'Enabled' as unknown as LocalDnsMode }, /localDns/],
  ] as const)('refused: %o', (props, message) => {
    expect(() => build(props as AksClusterProps)).toThrow(message);
  });
});

describe('ACNS, stated precisely', () => {
  test('security alone is FQDN filtering through azurerm: no patch of the policy level, LocalDNS pinned off', () => {
    const { aks, patch, cluster } = build({ networkModel: cilium, advancedNetworking: {} }, (c) =>
      c.addNodePool('apps'),
    );
    expect(aks.network_profile.advanced_networking).toEqual({
      observability_enabled: true,
      security_enabled: true,
    });
    expect(patch.body.properties.networkProfile).toBeUndefined();
    expect(patch.body.properties.agentPoolProfiles).toEqual([
      { name: 'system', localDNSProfile: { mode: 'Disabled' } },
      { name: 'apps', localDNSProfile: { mode: 'Disabled' } },
    ]);
    expect(cluster.advancedNetworkSecurity).toBe(true);
    expect(cluster.fqdnPoliciesAllowed).toBe(true);
    expect(cluster.l7PoliciesAllowed).toBe(false);
    expect(cluster.localDnsMayBeOn).toBe(false);
    expect(warnings(cluster).join('\n')).toMatch(
      /pinned: ACNS FQDN filtering does not work with LocalDNS.*reimages/,
    );
  });

  test('L7, WireGuard and eBPF host routing go through the patch (snapshot, schema-checked)', () => {
    const { aks, patch, cluster } = build({
      networkModel: cilium,
      advancedNetworking: {
        advancedNetworkPolicies: AcnsNetworkPolicies.L7,
        wireGuardEnabled: true,
        ebpfHostRoutingEnabled: true,
      },
    });
    expect(aks.network_profile.advanced_networking).toEqual({
      observability_enabled: true,
      security_enabled: true,
    });
    expect(patch.body.properties.networkProfile).toEqual({
      advancedNetworking: {
        security: { advancedNetworkPolicies: 'L7', transitEncryption: { type: 'WireGuard' } },
        performance: { accelerationMode: 'BpfVeth' },
      },
    });
    expect(patch.body).toMatchSnapshot();
    expect(armBodyProblems(patch.body)).toEqual([]);
    expect(cluster.l7PoliciesAllowed).toBe(true);
    expect(cluster.fqdnPoliciesAllowed).toBe(true);
  });

  test('explicit off values are patched (removing a patch changes nothing on the cluster)', () => {
    const { patch, cluster } = build({
      networkModel: cilium,
      advancedNetworking: {
        advancedNetworkPolicies: AcnsNetworkPolicies.NONE,
        wireGuardEnabled: false,
        ebpfHostRoutingEnabled: false,
      },
    });
    expect(patch.body.properties.networkProfile.advancedNetworking).toEqual({
      security: { advancedNetworkPolicies: 'None', transitEncryption: { type: 'None' } },
      performance: { accelerationMode: 'None' },
    });
    expect(armBodyProblems(patch.body)).toEqual([]);
    // no FQDN policies: LocalDNS is not pinned
    expect(patch.body.properties.agentPoolProfiles).toBeUndefined();
    expect(cluster.fqdnPoliciesAllowed).toBe(false);
    expect(cluster.localDnsMayBeOn).toBe(true);
  });

  test('security off: no FQDN or L7 policies allowed', () => {
    const { cluster, aks } = build({ networkModel: cilium, advancedNetworking: { securityEnabled: false } });
    expect(aks.network_profile.advanced_networking.security_enabled).toBe(false);
    expect(cluster.fqdnPoliciesAllowed).toBe(false);
    expect(cluster.advancedNetworkSecurity).toBe(false);
  });

  test.each([
    [
      { advancedNetworking: {} },
      /advanced container networking on network model azure-cni-overlay.*NetworkModel\.cilium\(\)/,
    ],
    [
      {
        networkModel: cilium,
        advancedNetworking: { securityEnabled: false, advancedNetworkPolicies: AcnsNetworkPolicies.L7 },
      },
      /advancedNetworkPolicies L7 with securityEnabled false/,
    ],
    [
      { networkModel: cilium, advancedNetworking: { securityEnabled: false, wireGuardEnabled: true } },
      /wireGuardEnabled with securityEnabled false.*AcnsNetworkPolicies\.NONE/,
    ],
    [
      {
        networkModel: cilium,
        advancedNetworking: { advancedNetworkPolicies: 'L4' as unknown as AcnsNetworkPolicies },
      },
      /advancedNetworkPolicies is "L4".*FQDN, L7 or NONE/,
    ],
    [
      {
        networkModel: cilium,
        advancedNetworking: { ebpfHostRoutingEnabled: true },
        systemNodePool: { osSku: NodeOsSku.UBUNTU },
      },
      /eBPF host routing with node pool system on Ubuntu.*Azure Linux 3/,
    ],
    [
      {
        networkModel: cilium,
        advancedNetworking: { ebpfHostRoutingEnabled: true },
        ingress: ClusterIngress.istioAddon({ revisions: ['asm-1-26'] }),
      },
      /eBPF host routing with the Istio add-on ingress/,
    ],
    [
      { networkModel: cilium, advancedNetworking: {}, localDns: LocalDnsMode.REQUIRED },
      /node pool system: LocalDNS Required with ACNS FQDN filtering.*drop localDns/,
    ],
  ] as const)('refused: %o', (props, message) => {
    expect(() => build(props as AksClusterProps)).toThrow(message);
  });

  test('L7 policies: at most 1,000 nodes counting surge, checked when pools are added', () => {
    const { cluster } = build({
      networkModel: NetworkModel.cilium({ podCidr: '100.64.0.0/14' }),
      nodeSubnetPrefixLength: 21,
      advancedNetworking: { advancedNetworkPolicies: AcnsNetworkPolicies.L7 },
    });
    cluster.addNodePool('a', { maxNodes: 900 });
    expect(() => cluster.addNodePool('b', { maxNodes: 100 })).toThrow(
      /ACNS L7 policies on up to 1107 nodes.*at most 1000 nodes/,
    );
    expect(cluster.nodePools.map((p) => p.name)).toEqual(['system', 'a']);
  });

  test('an explicit Disabled is kept with FQDN filtering', () => {
    const { patch } = build({
      networkModel: cilium,
      advancedNetworking: {},
      localDns: LocalDnsMode.DISABLED,
    });
    expect(patch.body.properties.agentPoolProfiles).toEqual([
      { name: 'system', localDNSProfile: { mode: 'Disabled' } },
    ]);
  });
});

describe('network-isolated clusters (outbound none)', () => {
  const none = ClusterOutbound.none({ containerRegistryId: ACR_ID });

  test('the ACR cache renders in bootstrap_profile; the kubelet identity gets AcrPull on it before the cluster', () => {
    const { aks, json } = build({ outbound: none });
    expect(aks.network_profile.outbound_type).toBe('none');
    expect(aks.bootstrap_profile).toEqual({ artifact_source: 'Cache', container_registry_id: ACR_ID });
    const [id, role] = (Object.entries(json.resource.azurerm_role_assignment) as [string, any][]).find(
      ([, r]) => r.role_definition_name === 'AcrPull',
    )!;
    expect(role.scope).toBe(ACR_ID);
    expect(role.principal_id).toMatch(/azurerm_user_assigned_identity\..*Kubelet.*principal_id/);
    expect(aks.depends_on).toContain(`azurerm_role_assignment.${id}`);
    expect(none.containerRegistryId).toBe(ACR_ID);
  });

  test('public API server with VNet integration is a valid combination', () => {
    const { aks } = build({
      outbound: none,
      apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24'], { vnetIntegration: true }),
    });
    expect(aks.network_profile.outbound_type).toBe('none');
  });

  test.each([
    [
      { apiServerAccess: ApiServerAccess.publicRestricted(['203.0.113.0/24']) },
      /with a public API server.*vnetIntegration: true/,
    ],
    [{ networkModel: NetworkModel.kubenet() }, /on kubenet/],
    [{ egressFeatures: [EgressFeature.CLUSTER_EXTENSIONS] }, /with cluster extensions \(Flux\/GitOps\)/],
    [
      { nodeOsUpgradeChannel: NodeOsUpgradeChannel.SECURITY_PATCH },
      /with node OS upgrade channel SecurityPatch.*NODE_IMAGE/,
    ],
    [{ nodeOsUpgradeChannel: NodeOsUpgradeChannel.UNMANAGED }, /with node OS upgrade channel Unmanaged/],
  ] as const)('refused: %o', (props, message) => {
    expect(() => build({ outbound: none, ...(props as AksClusterProps) })).toThrow(
      new RegExp(`AksCluster test/Aks: network-isolated cluster \\(outbound none\\) ${message.source}`),
    );
  });

  test('NONE node OS channel is allowed', () => {
    expect(
      build({ outbound: none, nodeOsUpgradeChannel: NodeOsUpgradeChannel.NONE }).aks.node_os_upgrade_channel,
    ).toBe('None');
  });

  test('Windows pools are refused', () => {
    const { cluster } = build({ outbound: none });
    expect(() => cluster.addNodePool('win', { osSku: NodeOsSku.WINDOWS2022 })).toThrow(
      /Windows pool win on a network-isolated cluster/,
    );
  });

  test.each([
    undefined,
    'acrcache',
    '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv',
  ])('the registry id must be an ACR resource id: %p', (id) => {
    expect(() => ClusterOutbound.none({ containerRegistryId: id as string })).toThrow(
      /ClusterOutbound\.none: containerRegistryId .* is not an Azure Container Registry resource id/,
    );
  });
});

describe('currency', () => {
  test('Windows Server 2019 is refused with the retirement date and the replacement', () => {
    const { cluster } = build();
    expect(() => cluster.addNodePool('win', { osSku: NodeOsSku.WINDOWS2019 })).toThrow(
      /node pool win: OS SKU Windows2019, retired on 2026-03-01.*use NodeOsSku\.WINDOWS2022/,
    );
  });

  test('kubenet warns with the migration path: Overlay first, Cilium separately, azurerm 4.66, the policy-engine caveat', () => {
    const { cluster } = build({ networkModel: NetworkModel.kubenet() });
    expect(warnings(cluster).join('\n')).toMatch(
      /kubenet retires on 2028-03-31.*Azure CNI Overlay first.*azurerm 4\.66.*then to Cilium as a separate step.*policy engine/,
    );
  });

  test.each([
    [
      '1.28',
      false,
      /Kubernetes 1\.28 is not supported by AKS as of 2026-08 .*not even under long-term support/,
    ],
    ['1.33', false, /Kubernetes 1\.33 is out of standard support as of 2026-08.*longTermSupport: true/],
    ['1.40', false, /Kubernetes 1\.40 is newer than the versions AKS offered as of 2026-08/],
  ] as const)('Kubernetes %s warns (LTS %p)', (version, lts, message) => {
    const { cluster } = build({
      kubernetesVersion: version,
      longTermSupport: lts,
      skuTier: lts ? ClusterSkuTier.PREMIUM : undefined,
    });
    expect(warnings(cluster).join('\n')).toMatch(message);
  });

  test('supported versions and LTS versions under LTS do not warn; LTS renders the support plan', () => {
    expect(warnings(build({ kubernetesVersion: '1.36' }).cluster).join('\n')).not.toMatch(/Kubernetes 1\.36/);
    const lts = build({ kubernetesVersion: '1.33', longTermSupport: true, skuTier: ClusterSkuTier.PREMIUM });
    expect(warnings(lts.cluster).join('\n')).not.toMatch(/Kubernetes 1\.33/);
    expect(lts.aks.support_plan).toBe('AKSLongTermSupport');
    expect(build().aks.support_plan).toBeUndefined();
  });

  test('long-term support needs the Premium tier', () => {
    expect(() => build({ longTermSupport: true })).toThrow(
      /longTermSupport with sku tier Standard.*ClusterSkuTier\.PREMIUM/,
    );
  });
});

// The example's whole output is snapshot-tested with every other example in verify-examples.test.ts.
describe('example aks-features', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-features-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    synthScenario(buildAksFeatures, dir);
  });

  test('every stack is self-consistent and every patch body passes the ARM schema facts', () => {
    const stacks = writtenStacks(dir);
    expect(stacks.length).toBe(3);
    expect(stacks.flatMap(({ file, json }) => checkTerraform(json).map((e) => `${file}: ${e}`))).toEqual([]);
    const bodies = stacks.flatMap(({ json }) =>
      Object.values(((json.resource as any) ?? {}).azapi_update_resource ?? {}).map((r: any) => r.body),
    );
    expect(bodies.length).toBe(3);
    expect(bodies.flatMap((b) => armBodyProblems(b))).toEqual([]);
  });

  test('the DNS policy follows localDnsMayBeOn: node-local addresses only where LocalDNS may be on', () => {
    const allowsLocalDns = Object.fromEntries(
      writtenManifests(dir).map(({ file, objects }) => [
        file.split('/')[1],
        JSON.stringify(objects).includes('169.254.10.0/24'),
      ]),
    );
    expect(allowsLocalDns).toEqual({
      'aks-features-vnet-integrated': false, // ACNS FQDN filtering pins LocalDNS off
      'aks-features-isolated': true,
      'aks-features-lts': true,
    });
  });
});
