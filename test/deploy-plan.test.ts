// The deploy plan: the fresh-deploy critical path (graph + provider locks + dated durations), the
// ForceNew diff against the previous local synthesis, and the refusal to replace protected resources.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { App, TerraformResource, TerraformStack } from 'cdktf';
import { build as flagship } from '../examples/secure-baseline/main';
import { build as hubSpoke } from '../examples/hub-spoke/main';
import { ExampleBuilder, exampleStack } from '../examples/run';
import { AksNetworkError } from '../lib/core/errors';
import { DeployPlan } from '../lib/verify/deploy-plan/acknowledge';
import { ChangeKind, compareStacks } from '../lib/verify/deploy-plan/changes';
import { DURATIONS, LIVE_FIREWALL } from '../lib/verify/deploy-plan/durations';
import { resourcesOf } from '../lib/verify/deploy-plan/graph';
import { LockKind, locksOf, StackNames } from '../lib/verify/deploy-plan/locks';
import { planStack } from '../lib/verify/deploy-plan/plan';
import { ingressTransitionProblems } from '../lib/verify/deploy-plan/transitions';
import { AksCluster, AksNetworkSynth, ClusterIngress } from '../lib';
import { estimateApply, simulate, StartReason } from '../lib/verify/deploy-plan/schedule';
import { listFiles, synthScenario } from './tools/examples';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-deploy-plan-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => path.join(root, String(++dirs));
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
const contents = (dir: string) => Object.fromEntries(listFiles(dir).map((f) => [f, read(dir, f)]));

/** A Terraform resource body with its construct path, as cdktf writes it. */
const body = (p: string, attributes: Record<string, unknown>) => ({
  '//': { metadata: { path: p } },
  ...attributes,
});
const stack = (resource: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}) => ({
  resource,
  ...extra,
});

describe('the fresh-deploy schedule', () => {
  const node = (address: string, seconds: number, dependsOn: string[] = [], locks: string[] = []) => ({
    address,
    seconds,
    dependsOn,
    locks,
  });

  test('follows the dependencies: the critical path is the longest chain', () => {
    const apply = simulate([
      node('a', 10),
      node('b', 100, ['a']),
      node('c', 50, ['a']),
      node('d', 20, ['c']),
    ]);
    expect(apply.totalSeconds).toBe(110);
    expect(apply.criticalPath.map((r) => r.address)).toEqual(['a', 'b']);
    expect(apply.resources.get('d')).toMatchObject({
      start: 60,
      end: 80,
      reason: StartReason.DEPENDENCY,
      after: 'c',
    });
  });

  test('resources that take the same lock run one at a time, and the path runs through the holder', () => {
    const nodes = [node('a', 10), node('b', 100, ['a'], ['policy p']), node('c', 50, ['a'], ['policy p'])];
    const apply = simulate(nodes);
    expect(apply.totalSeconds).toBe(160);
    expect(apply.criticalPath.map((r) => [r.address, r.reason])).toEqual([
      ['a', StartReason.FIRST],
      ['b', StartReason.DEPENDENCY],
      ['c', StartReason.LOCK],
    ]);
    expect(apply.criticalPath[2].lock).toBe('policy p');
    // without the lock both run at once
    expect(simulate(nodes, { ignoreLocks: true }).totalSeconds).toBe(110);
  });

  test("Terraform's parallelism bounds how many run at once", () => {
    const nodes = ['a', 'b', 'c'].map((a) => node(a, 60));
    expect(simulate(nodes, { parallelism: 2 }).totalSeconds).toBe(120);
    expect(simulate(nodes).totalSeconds).toBe(60);
  });

  test('a duration may depend on what is done: the lock order decides the spread, the seed fixes it', () => {
    // b is slow once c is done (a rule collection group after its firewall); c always takes 100 s
    const nodes = [
      { ...node('b', 30, [], ['p']), slower: { onceDone: ['c'], seconds: 240 } },
      node('c', 100, [], ['p']),
    ];
    const estimate = estimateApply(nodes);
    expect(estimate.fastest.totalSeconds).toBe(130);
    expect(estimate.slowest.totalSeconds).toBe(340);
    expect(estimate.expectedSeconds).toBeGreaterThan(130);
    expect(estimate.expectedSeconds).toBeLessThan(340);
    // b first or c first, each as likely: the expectation is their mean
    expect(estimate).toMatchObject({ orders: 2, exhaustive: true, expectedSeconds: (130 + 340) / 2 });
    expect(estimateApply(nodes)).toEqual(estimate);
    // three groups and their firewall: what counts is how many groups go before it (4 orders, not 24)
    const groups = ['g1', 'g2', 'g3'].map((g) => ({
      ...node(g, 30, [], ['p']),
      slower: { onceDone: ['fw'], seconds: 240 },
    }));
    const four = estimateApply([...groups, node('fw', 600, [], ['p'])]);
    expect(four).toMatchObject({ orders: 4, exhaustive: true, expectedSeconds: 600 + 90 + (3 * 210) / 2 });
    expect([four.fastest.totalSeconds, four.slowest.totalSeconds]).toEqual([690, 1320]);
    // without a choice that changes a duration, one order says it all
    expect(estimateApply([node('a', 10), node('b', 20, [], ['p']), node('c', 20, [], ['p'])]).orders).toBe(1);
  });
});

describe('the graph and the locks of a stack', () => {
  const json = stack({
    azurerm_virtual_network: { Vnet: body('s/Vnet', { name: 'vnet-hub' }) },
    azurerm_subnet: {
      Fw: body('s/Fw', {
        name: 'AzureFirewallSubnet',
        virtual_network_name: '${azurerm_virtual_network.Vnet.name}',
      }),
    },
    azurerm_firewall_policy: { Policy: body('s/Policy', { name: 'afwp' }) },
    azurerm_firewall_policy_rule_collection_group: {
      Rules: body('s/Rules', { name: 'rcg', firewall_policy_id: '${azurerm_firewall_policy.Policy.id}' }),
    },
    azurerm_firewall: {
      Firewall: body('s/Firewall', {
        name: 'afw',
        firewall_policy_id: '${azurerm_firewall_policy.Policy.id}',
        ip_configuration: [{ name: 'c', subnet_id: '${azurerm_subnet.Fw.id}' }],
        depends_on: ['azurerm_firewall_policy_rule_collection_group.Rules'],
      }),
    },
  });

  test('edges come from references and depends_on', () => {
    const byAddress = new Map(resourcesOf(json).map((r) => [r.address, r]));
    expect(byAddress.get('azurerm_firewall.Firewall')?.dependsOn).toEqual([
      'azurerm_firewall_policy.Policy',
      'azurerm_firewall_policy_rule_collection_group.Rules',
      'azurerm_subnet.Fw',
    ]);
    expect(byAddress.get('azurerm_subnet.Fw')).toMatchObject({
      path: 's/Fw',
      dependsOn: ['azurerm_virtual_network.Vnet'],
    });
  });

  test('locks are the Azure names the provider locks on', () => {
    const resources = resourcesOf(json);
    const names = new StackNames(resources);
    const locks = (address: string) =>
      locksOf(resources.find((r) => r.address === address)!, names).map((k) => `${k.kind}: ${k.name}`);
    expect(locks('azurerm_firewall.Firewall')).toEqual([
      `${LockKind.AZURE_FIREWALL}: afw`,
      `${LockKind.FIREWALL_POLICY}: afwp`,
      `${LockKind.SUBNET}: AzureFirewallSubnet`,
      `${LockKind.VIRTUAL_NETWORK}: vnet-hub`,
    ]);
    expect(locks('azurerm_firewall_policy_rule_collection_group.Rules')).toEqual([
      `${LockKind.FIREWALL_POLICY}: afwp`,
    ]);
    expect(locks('azurerm_subnet.Fw')).toEqual([`${LockKind.VIRTUAL_NETWORK}: vnet-hub`]);
  });

  test('a group the firewall waits for is created in seconds; one applied to a running firewall takes minutes', () => {
    const plan = (j: Record<string, unknown>) =>
      planStack({
        name: 's',
        json: j,
        previousFile: 'p',
        acknowledgementFor: () => undefined,
        acknowledgements: [],
      });
    const live = DURATIONS.find((d) => d.condition === LIVE_FIREWALL)!.seconds;
    const guarded = plan(json);
    expect(guarded.seconds.get('azurerm_firewall_policy_rule_collection_group.Rules')).toBe(30);
    const unguardedJson = JSON.parse(JSON.stringify(json));
    delete unguardedJson.resource.azurerm_firewall.Firewall.depends_on;
    const unguarded = plan(unguardedJson);
    expect(
      unguarded.estimate.slowest.resources.get('azurerm_firewall_policy_rule_collection_group.Rules'),
    ).toMatchObject({
      reason: StartReason.LOCK,
      after: 'azurerm_firewall.Firewall',
    });
    expect(unguarded.seconds.get('azurerm_firewall_policy_rule_collection_group.Rules')).toBe(live);
    expect(unguarded.estimate.slowest.totalSeconds - guarded.estimate.slowest.totalSeconds).toBe(live - 30);
  });

  test('every duration names its source and the date of it', () => {
    for (const d of DeployPlan.durations()) {
      expect(d.source.length).toBeGreaterThan(10);
      expect(d.sourceDate).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(d.seconds).toBeGreaterThan(0);
    }
  });
});

describe('changes against the previous local synthesis', () => {
  const cluster = (networkProfile: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    body('s/Aks/Resource', {
      name: 'aks',
      location: 'westeurope',
      default_node_pool: {
        name: 'system',
        vm_size: 'Standard_D4ds_v5',
        temporary_name_for_rotation: 'systemtmp',
      },
      kubelet_identity: { user_assigned_identity_id: '${azurerm_user_assigned_identity.Kubelet.id}' },
      network_profile: { network_plugin: 'azure', network_plugin_mode: 'overlay', ...networkProfile },
      ...extra,
    });
  const identity = (name: string) => ({ Kubelet: body('s/Kubelet', { name, location: 'westeurope' }) });
  const json = (aks: Record<string, unknown>, id = identity('id-kubelet')) =>
    stack({ azurerm_kubernetes_cluster: { Aks: aks }, azurerm_user_assigned_identity: id });
  const changeOf = (previous: Record<string, unknown>, next: Record<string, unknown>, address: string) =>
    compareStacks(previous, next).changes.find((c) => c.address === address);
  const AKS = 'azurerm_kubernetes_cluster.Aks';

  test('nothing to compare without a previous synthesis; no changes when it is the same', () => {
    expect(compareStacks(undefined, json(cluster({})))).toEqual({ compared: false, changes: [] });
    expect(compareStacks(json(cluster({})), json(cluster({})))).toEqual({ compared: true, changes: [] });
  });

  test('a ForceNew attribute replaces, with the attribute, both values and the provider source', () => {
    const change = changeOf(
      json(cluster({ pod_cidr: '10.244.0.0/16' })),
      json(cluster({ pod_cidr: '10.245.0.0/16' })),
      AKS,
    );
    expect(change).toMatchObject({ kind: ChangeKind.REPLACED, path: 's/Aks/Resource' });
    expect(change?.causes).toEqual([
      {
        attribute: 'network_profile.pod_cidr',
        previous: '10.244.0.0/16',
        next: '10.245.0.0/16',
        source: 'containers/kubernetes_cluster_resource.go#L1123',
        condition: undefined,
      },
    ]);
  });

  test('conditions: a plugin mode change to overlay and an outbound type change are in place', () => {
    const kubenet = json(cluster({ network_plugin_mode: undefined, network_plugin: 'azure' }));
    expect(changeOf(kubenet, json(cluster({})), AKS)?.kind).toBe(ChangeKind.IN_PLACE);
    expect(changeOf(json(cluster({})), kubenet, AKS)?.kind).toBe(ChangeKind.REPLACED);
    const udr = changeOf(json(cluster({})), json(cluster({ outbound_type: 'userDefinedRouting' })), AKS);
    expect(udr).toMatchObject({ kind: ChangeKind.IN_PLACE, attributes: ['network_profile.outbound_type'] });
  });

  test('a new VM size rotates the default node pool in place', () => {
    const bigger: Record<string, any> = cluster({});
    bigger.default_node_pool.vm_size = 'Standard_D8ds_v5';
    expect(changeOf(json(cluster({})), json(bigger), AKS)).toMatchObject({
      kind: ChangeKind.IN_PLACE,
      rotated: ['default_node_pool.vm_size'],
    });
  });

  test('a resource that refers to a replaced one in a ForceNew attribute is replaced too', () => {
    const changes = compareStacks(json(cluster({})), json(cluster({}), identity('id-kubelet-2'))).changes;
    expect(changes.map((c) => [c.address, c.kind])).toEqual([
      [AKS, ChangeKind.REPLACED],
      ['azurerm_user_assigned_identity.Kubelet', ChangeKind.REPLACED],
    ]);
    expect(changes[0].causes[0]).toMatchObject({
      attribute: 'kubelet_identity.user_assigned_identity_id',
      via: 'azurerm_user_assigned_identity.Kubelet',
    });
  });

  test('a renamed construct id is an address change: the resource is replaced', () => {
    const renamed = stack({
      azurerm_kubernetes_cluster: { AksRenamed: cluster({}) },
      azurerm_user_assigned_identity: identity('id-kubelet'),
    });
    const change = changeOf(json(cluster({})), renamed, 'azurerm_kubernetes_cluster.AksRenamed');
    expect(change).toMatchObject({ kind: ChangeKind.REPLACED, previousAddress: AKS });
    expect(change?.causes[0]).toEqual({
      attribute: 'address',
      previous: AKS,
      next: 'azurerm_kubernetes_cluster.AksRenamed',
    });
    // with a moved block it is not
    const moved = { ...renamed, moved: [{ from: AKS, to: 'azurerm_kubernetes_cluster.AksRenamed' }] };
    expect(changeOf(json(cluster({})), moved, 'azurerm_kubernetes_cluster.AksRenamed')?.kind).toBe(
      ChangeKind.MOVED,
    );
  });

  test('added and removed resources', () => {
    const previous = stack({
      azurerm_kubernetes_cluster: { Aks: cluster({}) },
      azurerm_user_assigned_identity: { ...identity('id-kubelet'), Old: body('s/Old', { name: 'id-old' }) },
    });
    const next = stack({
      ...json(cluster({})).resource,
      azurerm_resource_group: { Rg: body('s/Rg', { name: 'rg' }) },
    });
    expect(compareStacks(previous, next).changes.map((c) => [c.address, c.kind, c.path])).toEqual([
      ['azurerm_resource_group.Rg', ChangeKind.ADDED, 's/Rg'],
      ['azurerm_user_assigned_identity.Old', ChangeKind.REMOVED, 's/Old'],
    ]);
  });
});

describe('refusals', () => {
  const resources = (sku: string, osType: string, routeTable: string) =>
    stack({
      azurerm_firewall: { Fw: body('s/Egress/Firewall', { name: 'afw', sku_name: sku }) },
      azurerm_kubernetes_cluster_node_pool: { Pool: body('s/Aks/Pool', { name: 'apps', os_type: osType }) },
      azurerm_route_table: { Rt: body('s/Egress/RouteTable', { name: routeTable }) },
    });
  const plan = (acknowledged: string[]) =>
    planStack({
      name: 's',
      previous: resources('AZFW_VNet', 'Linux', 'rt'),
      json: resources('AZFW_Hub', 'Windows', 'rt-2'),
      previousFile: 'stacks/s/cdk.tf.json',
      acknowledgementFor: (p) => (acknowledged.some((a) => p.startsWith(`${a}/`)) ? 'planned' : undefined),
      acknowledgements: acknowledged.map((a) => ({ path: a, reason: 'planned' })),
    });

  test('a firewall and a node pool are refused; a route table is replaced without asking', () => {
    const refusals = plan([]).refusals;
    expect(refusals).toHaveLength(2);
    expect(refusals[1]).toMatch(
      /^s\/Aks\/Pool: refusing to replace azurerm_kubernetes_cluster_node_pool\.Pool: os_type "Linux" → "Windows"/,
    );
    expect(refusals[0]).toMatch(
      /^s\/Egress\/Firewall: refusing to replace azurerm_firewall\.Fw: sku_name "AZFW_VNet" → "AZFW_Hub"/,
    );
  });

  test('an acknowledgement on a scope above the resource lets it through', () => {
    const acknowledged = plan(['s/Egress']);
    expect(acknowledged.refusals).toEqual([expect.stringMatching(/^s\/Aks\/Pool/)]);
    expect([...acknowledged.acknowledged]).toEqual([
      ['azurerm_firewall.Fw', 'planned'],
      ['azurerm_route_table.Rt', 'planned'],
    ]);
    expect(acknowledged.unusedAcknowledgements).toEqual([]);
  });
});

describe('synthesis with a previous local synthesis', () => {
  /** The flagship with a change applied to its cluster after it is built. */
  const flagshipWith =
    (change: (cluster: TerraformResource) => void): ExampleBuilder =>
    (app) => {
      const apps = flagship(app);
      const resource = app.node.findAll().find((c) => c.node.path === 'secure-baseline/Aks/Resource');
      change(resource as TerraformResource);
      return apps;
    };
  const kubenet = (cluster: TerraformResource) =>
    cluster.addOverride('network_profile.network_plugin_mode', null);

  test('the same synthesis twice: no changes, and a third writes the same bytes', () => {
    const dir = freshDir();
    synthScenario(flagship, dir);
    expect(read(dir, 'dist/secure-baseline/deploy-plan.md')).toContain(
      'No previous local synthesis of this stack',
    );
    synthScenario(flagship, dir);
    const second = contents(dir);
    expect(second['dist/secure-baseline/deploy-plan.md']).toContain('No changes.');
    synthScenario(flagship, dir);
    expect(contents(dir)).toEqual(second);
  });

  test('refuses to replace the cluster, before anything is written, and says how to acknowledge it', () => {
    const dir = freshDir();
    synthScenario(flagship, dir);
    const before = contents(dir);
    let error: unknown;
    try {
      synthScenario(flagshipWith(kubenet), dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AksNetworkError);
    const message = (error as Error).message;
    expect(message).toContain(
      'secure-baseline/Aks/Resource: refusing to replace azurerm_kubernetes_cluster.Aks_943C0E94',
    );
    expect(message).toContain(
      'network_profile.network_plugin_mode "overlay" → (unset) forces a new resource',
    );
    expect(message).toContain('containers/kubernetes_cluster_resource.go#L107');
    expect(message).toContain('DeployPlan.acknowledgeReplacement(');
    expect(message).toContain('nothing was written');
    // the earlier output stays as it was, marked as no longer matching the code
    const after = contents(dir);
    const marks = Object.keys(after).filter((f) => f.endsWith('SYNTHESIS-FAILED.txt'));
    expect(marks).toContain('cdktf.out/SYNTHESIS-FAILED.txt');
    expect(Object.fromEntries(Object.entries(after).filter(([f]) => !marks.includes(f)))).toEqual(before);
  });

  test('an acknowledged replacement is synthesized and listed with its reason', () => {
    const dir = freshDir();
    synthScenario(flagship, dir);
    synthScenario(
      flagshipWith((cluster) => {
        kubenet(cluster);
        DeployPlan.acknowledgeReplacement(
          cluster.node.scope!,
          'blue/green: workloads moved to the new cluster',
        );
      }),
      dir,
    );
    const plan = read(dir, 'dist/secure-baseline/deploy-plan.md');
    expect(plan).toMatch(
      /\| replaced \| azurerm_kubernetes_cluster\.Aks_943C0E94 \| secure-baseline\/Aks\/Resource \| network_profile\.network_plugin_mode .* — acknowledged: blue\/green: workloads moved to the new cluster \|/,
    );
    // the next synthesis has nothing left to replace: the acknowledgement is reported as unused
    synthScenario(
      flagshipWith((cluster) => {
        kubenet(cluster);
        DeployPlan.acknowledgeReplacement(
          cluster.node.scope!,
          'blue/green: workloads moved to the new cluster',
        );
      }),
      dir,
    );
    expect(read(dir, 'dist/secure-baseline/deploy-plan.md')).toContain(
      'Acknowledged replacement at secure-baseline/Aks (blue/green: workloads moved to the new cluster): nothing is replaced since the previous local synthesis',
    );
  });

  test('a VNet whose construct id was renamed is refused; other replacements are only reported', () => {
    const network =
      (vnetId: string, rgName: string): ExampleBuilder =>
      (app) => {
        const s = exampleStack(app, 'plain');
        new ResourceGroup(s, 'Rg', { name: rgName, location: 'westeurope' });
        new VirtualNetwork(s, vnetId, {
          name: 'vnet',
          location: 'westeurope',
          resourceGroupName: 'rg',
          addressSpace: ['10.0.0.0/16'],
        });
        return [];
      };
    const dir = freshDir();
    synthScenario(network('Vnet', 'rg'), dir);
    expect(() => synthScenario(network('VnetRenamed', 'rg'), dir)).toThrow(
      /plain\/VnetRenamed: refusing to replace azurerm_virtual_network\.VnetRenamed: its address changes from azurerm_virtual_network\.Vnet to azurerm_virtual_network\.VnetRenamed \(a renamed construct id\).*keep the construct id/,
    );
    // a resource group is not protected: replaced, reported in the stack's own folder
    synthScenario(network('Vnet', 'rg-2'), dir);
    expect(read(dir, 'cdktf.out/stacks/plain/deploy-plan.md')).toMatch(
      /\| replaced \| azurerm_resource_group\.Rg \| plain\/Rg \| name "rg" → "rg-2" forces a new resource/,
    );
  });

  test('acknowledging needs a reason', () => {
    const s = new TerraformStack(new App(), 's');
    expect(() => DeployPlan.acknowledgeReplacement(s, ' ')).toThrow(
      /acknowledging a replacement without a reason/,
    );
  });
});

describe('where the deploy plan goes', () => {
  test('next to the manifests of a cdk8s app; into the stack folder for a stack without one', () => {
    const dir = freshDir();
    synthScenario(hubSpoke, dir);
    expect(listFiles(dir).filter((f) => f.endsWith('deploy-plan.md'))).toEqual([
      'cdktf.out/stacks/hub-spoke/deploy-plan.md',
    ]);
  });
});

describe('ingress moves that need two applies', () => {
  const cluster = { aks: { '//': { metadata: { path: 'prod/Aks/Resource' } }, name: 'aks' } };
  const istio = {
    resource: {
      azurerm_kubernetes_cluster: {
        aks: { ...cluster.aks, service_mesh_profile: { mode: 'Istio', revisions: ['asm-1-26'] } },
      },
    },
  };
  const gatewayApi = (mode: string) => ({
    resource: {
      azurerm_kubernetes_cluster: cluster,
      azapi_update_resource: {
        patch: {
          resource_id: '${azurerm_kubernetes_cluster.aks.id}',
          body: {
            properties: {
              ingressProfile: { webAppRouting: { gatewayAPIImplementations: { appRoutingIstio: { mode } } } },
            },
          },
        },
      },
    },
  });

  test.each([
    ['the Istio add-on', 'the app routing Gateway API implementation', istio, gatewayApi('Enabled')],
    ['the app routing Gateway API implementation', 'the Istio add-on', gatewayApi('Enabled'), istio],
  ])('from %s to %s in one step is refused with the two-step fix', (was, now, previous, next) => {
    expect(ingressTransitionProblems(previous, next)).toEqual([
      `prod/Aks/Resource: the previous synthesis runs ${was}, this one ${now}; AKS cannot run both, so one apply cannot move between them; first apply with ingress: ClusterIngress.none() (or nginx()), then choose the other ingress and apply again`,
    ]);
  });

  test('the same ingress, a first synthesis, and the step through none() pass', () => {
    expect(ingressTransitionProblems(istio, istio)).toEqual([]);
    expect(ingressTransitionProblems(undefined, istio)).toEqual([]);
    expect(ingressTransitionProblems(gatewayApi('Disabled'), istio)).toEqual([]);
    expect(
      ingressTransitionProblems({ resource: { azurerm_kubernetes_cluster: cluster } }, gatewayApi('Enabled')),
    ).toEqual([]);
  });

  test('the synthesis refuses it and writes nothing', () => {
    const dir = freshDir();
    fs.mkdirSync(dir, { recursive: true });
    const build = (ingress: ClusterIngress) => {
      const app = new App({ outdir: path.join(dir, 'cdktf.out'), stackTraces: false });
      new AksCluster(exampleStack(app, 'move'), 'Aks', { location: 'westeurope', ingress });
      return app;
    };
    AksNetworkSynth.synth(build(ClusterIngress.istioAddon({ revisions: ['asm-1-26'] })));
    const before = contents(dir);
    expect(() => AksNetworkSynth.synth(build(ClusterIngress.gatewayApi()))).toThrow(
      /move\/Aks\/Resource: the previous synthesis runs the Istio add-on, this one the app routing Gateway API implementation/,
    );
    // the earlier output stays as it was, marked as no longer matching the code
    const after = contents(dir);
    const marks = Object.keys(after).filter((f) => f.endsWith('SYNTHESIS-FAILED.txt'));
    expect(marks).toContain('cdktf.out/SYNTHESIS-FAILED.txt');
    expect(Object.fromEntries(Object.entries(after).filter(([f]) => !marks.includes(f)))).toEqual(before);
  });
});
