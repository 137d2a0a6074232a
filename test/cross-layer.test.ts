// The checks across the two construct trees: pure over plain facts (crossLayerProblems), and as
// AksNetworkSynth runs them on every synthesis, all or nothing.
import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { App } from 'cdktf';
import { AksNetworkSynth, SecureEgress } from '../lib';
import { AksCluster } from '../lib/azure/cluster/aks-cluster';
import { NetworkModel } from '../lib/azure/cluster/network-model';
import { NginxControllerMode } from '../lib/azure/cluster/settings';
import { InternalNginxController } from '../lib/k8s/ingress/internal-controller';
import { TieredNetworkPolicies } from '../lib/k8s/policy/tiered-network-policies';
import { AppService, ServiceExposure } from '../lib/k8s/services/app-service';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { CrossLayerInput, crossLayerProblems } from '../lib/verify/cross-layer';
import { clusterNetwork, filesUnder, providerStack, thrownBy, tmpRoot } from './tools/helpers';

const NGINX = { kind: 'InternalNginxController', path: 'platform/Nginx', privateIp: '10.240.4.14' };
const EGRESS = { kind: 'SecureEgress', path: 'prod/Egress', dnatTargets: ['10.240.4.14'] };
/** A cluster behind its firewall, an internal controller at the DNAT target, Cilium policies. */
const agreeing = (): CrossLayerInput => ({
  cluster: {
    kind: 'AksCluster',
    path: 'prod/Aks',
    policyEngine: 'cilium',
    appRoutingControllerMode: NginxControllerMode.NONE,
    egress: EGRESS,
    gatewayClasses: [],
    ingressClasses: [],
    keyVaultSecretsProvider: true,
    workloadIdentity: true,
  },
  ingressEndpoints: [NGINX],
  policies: [{ kind: 'TieredNetworkPolicies', path: 'platform/Policies', engine: 'cilium' }],
  manifests: [
    {
      kind: 'InternalNginxController',
      path: 'platform/Nginx',
      body: {
        kind: 'NginxIngressController',
        metadata: { name: 'nginx-internal' },
        spec: {
          loadBalancerAnnotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
        },
      },
    },
  ],
});
const publicService = { kind: 'Service', metadata: { name: 'web' }, spec: { type: 'LoadBalancer' } };

describe('crossLayerProblems (plain facts in, problems out)', () => {
  test('an agreeing deployment has none', () => {
    expect(crossLayerProblems(agreeing())).toEqual([]);
  });

  test('the DNAT target must be where an ingress endpoint listens', () => {
    const input = agreeing();
    const moved = {
      ...input,
      cluster: { ...input.cluster, egress: { ...EGRESS, dnatTargets: ['10.240.4.5'] } },
    };
    expect(crossLayerProblems(moved)).toEqual([
      'SecureEgress prod/Egress: DNAT translates to 10.240.4.5, but InternalNginxController platform/Nginx listens at 10.240.4.14; use egress.ingressEndpoint().privateIp for both',
    ]);
    const none = { ...input, cluster: { ...input.cluster, egress: { ...EGRESS, dnatTargets: [] } } };
    expect(crossLayerProblems(none)).toEqual([
      'InternalNginxController platform/Nginx: no DNAT rule of SecureEgress prod/Egress reaches its internal load balancer at 10.240.4.14; add egress.addDnat(...)',
    ]);
  });

  test('policies must be generated for the engine the cluster runs', () => {
    const input = {
      ...agreeing(),
      policies: [{ kind: 'TieredNetworkPolicies', path: 'shop/Policies', engine: 'calico' }],
    };
    expect(crossLayerProblems(input)).toEqual([
      'TieredNetworkPolicies shop/Policies: the NetworkPolicies were generated for engine calico but AksCluster prod/Aks runs cilium; pass cluster.policyEngine',
    ]);
  });

  test('no public load balancer behind the egress firewall: controller mode, Services, controllers, Gateways', () => {
    const input = agreeing();
    const problems = crossLayerProblems({
      ...input,
      cluster: { ...input.cluster, appRoutingControllerMode: NginxControllerMode.EXTERNAL },
      manifests: [
        ...input.manifests,
        { kind: 'AppService', path: 'shop/Web', body: publicService },
        {
          kind: 'ApiObject',
          path: 'shop/Public',
          body: { kind: 'NginxIngressController', metadata: { name: 'nginx-public' }, spec: {} },
        },
        { kind: 'Gateway', path: 'shop/Gw', body: { kind: 'Gateway', metadata: { name: 'gw' }, spec: {} } },
      ],
    });
    expect(problems).toEqual([
      'AksCluster prod/Aks: the app routing default controller (External) gets a public load balancer behind SecureEgress prod/Egress; use NginxControllerMode.NONE or INTERNAL',
      'AppService shop/Web: its Service (web) gets a public load balancer behind SecureEgress prod/Egress (asymmetric routing drops its replies); make it internal and DNAT to it',
      'ApiObject shop/Public: its NginxIngressController (nginx-public) gets a public load balancer behind SecureEgress prod/Egress (asymmetric routing drops its replies); make it internal and DNAT to it',
      'Gateway shop/Gw: its Gateway (gw) gets a public load balancer behind SecureEgress prod/Egress (asymmetric routing drops its replies); make it internal and DNAT to it',
    ]);
  });

  test('without an egress firewall public load balancers are no cross-layer problem', () => {
    const input = agreeing();
    const direct = {
      ...input,
      cluster: { ...input.cluster, egress: undefined },
      manifests: [{ kind: 'AppService', path: 'shop/Web', body: publicService }],
    };
    expect(crossLayerProblems(direct)).toEqual([]);
  });
});

describe('AksNetworkSynth runs the cross-layer checks', () => {
  const root = tmpRoot('cross');
  let n = 0;

  interface Options {
    readonly dnatIp?: string;
    readonly controllerIp?: string;
    readonly engine?: PolicyEngine;
    readonly publicService?: boolean;
  }

  /** prod: network, firewall with DNAT, Cilium cluster; platform: the internal controller and policies. */
  function deployment(options: Options = {}) {
    const dir = path.join(root, String(n++));
    fs.mkdirSync(dir);
    const app = new App({ outdir: path.join(dir, 'tf'), stackTraces: false });
    const stack = providerStack('prod', app);
    const network = clusterNetwork(stack, { ingressSubnetPrefixLength: 28, firewallSubnetPrefixLength: 26 });
    const egress = new SecureEgress(stack, 'Egress', { network });
    const endpoint = egress.ingressEndpoint();
    egress.addDnat({
      publicPort: 443,
      privatePort: 443,
      privateIp: options.dnatIp ?? endpoint.privateIp,
      sourceAddresses: ['203.0.113.0/24'],
    });
    const cluster = new AksCluster(stack, 'Aks', {
      network,
      egress,
      networkModel: NetworkModel.cilium({ podCidr: '10.244.0.0/16' }),
    });
    const k8s = new cdk8s.App({ outdir: path.join(dir, 'k8s') });
    const chart = new cdk8s.Chart(k8s, 'platform', { namespace: 'platform' });
    new InternalNginxController(chart, 'Nginx', {
      privateIp: options.controllerIp ?? endpoint.privateIp,
      subnetName: endpoint.subnetName,
    });
    new TieredNetworkPolicies(chart, 'Policies', {
      namespace: 'platform',
      engine: options.engine ?? cluster.policyEngine,
    });
    if (options.publicService) {
      new AppService(chart, 'Web', {
        name: 'web',
        selector: { app: 'web' },
        ports: [{ port: 80 }],
        exposure: ServiceExposure.publicLoadBalancer(),
      });
    }
    return { app, k8s, dir, cluster, ip: endpoint.privateIp };
  }

  const synthError = (d: ReturnType<typeof deployment>): string =>
    thrownBy(() => AksNetworkSynth.synth(d.app, [d.k8s]));

  test('an agreeing deployment synthesizes', () => {
    const d = deployment();
    expect(synthError(d)).toBe('');
    expect(fs.existsSync(path.join(d.dir, 'k8s', 'platform.k8s.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(d.dir, 'tf', 'stacks', 'prod', 'cdk.tf.json'))).toBe(true);
  });

  test('DNAT to another address than the controller fails, and nothing is written', () => {
    const d = deployment({ dnatIp: '10.240.4.5' });
    expect(synthError(d)).toContain(
      `SecureEgress prod/Egress: DNAT translates to 10.240.4.5, but InternalNginxController platform/Nginx listens at ${d.ip}; use egress.ingressEndpoint().privateIp for both`,
    );
    expect(filesUnder(d.dir)).toEqual([]);
  });

  test('policies generated for another engine fail', () => {
    const d = deployment({ engine: PolicyEngine.CALICO });
    expect(synthError(d)).toContain(
      'TieredNetworkPolicies platform/Policies: the NetworkPolicies were generated for engine calico but AksCluster prod/Aks runs cilium; pass cluster.policyEngine',
    );
    expect(filesUnder(d.dir)).toEqual([]);
  });

  test('a public load balancer behind the firewall fails (the rule pack refuses it too)', () => {
    const d = deployment({ publicService: true });
    const message = synthError(d);
    expect(message).toContain(
      'AppService platform/Web: its Service (web) gets a public load balancer behind SecureEgress prod/Egress (asymmetric routing drops its replies); make it internal and DNAT to it',
    );
    expect(message).toContain('platform/Web/Resource: [AKSNET-K8S-012]');
    expect(filesUnder(d.dir)).toEqual([]);
  });

  test('each cdk8s app is checked against the cluster it is bound to', () => {
    const d = deployment({ dnatIp: '10.240.4.5' });
    // a second cluster without egress: the app must say which cluster it belongs to
    const other = providerStack('other', d.app);
    const lonely = new AksCluster(other, 'Aks', {
      location: 'westeurope',
      networkModel: NetworkModel.cilium(),
    });
    expect(synthError(d)).toContain(
      `the cdk8s app writing to ${d.k8s.outdir} is bound to no cluster, and the Terraform app has 2 (prod/Aks, other/Aks); bind it to the cluster its manifests run on: cluster.bindManifests(app)`,
    );
    // bound to the other cluster (no egress there), the DNAT mismatch of prod is not this app's problem
    lonely.bindManifests(d.k8s);
    expect(synthError(d)).toBe('');
    d.cluster.bindManifests(d.k8s);
    expect(synthError(d)).toContain('is bound to 2 clusters (prod/Aks, other/Aks)');
  });
});
