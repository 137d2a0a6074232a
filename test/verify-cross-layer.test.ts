import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import * as cdk8s from 'cdk8s';
import { App, TerraformStack } from 'cdktf';
import { AksNetworkSynth, ClusterNetwork, SecureEgress } from '../lib';
import { AksCluster } from '../lib/azure/cluster';
import { InternalNginxController } from '../lib/k8s/ingress/internal-controller';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { CrossLayerChecks } from '../lib/verify/cross-layer';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-cross-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
const otherThan = (e: PolicyEngine) =>
  e === PolicyEngine.CALICO ? PolicyEngine.CILIUM : PolicyEngine.CALICO;
function deployment(opts: {
  dnatIp?: string;
  controllerIp?: string;
  otherEngine?: boolean;
  publicService?: boolean;
}) {
  const dir = path.join(root, String(n++));
  fs.mkdirSync(dir);
  const app = new App({ outdir: path.join(dir, 'tf'), stackTraces: false });
  const stack = new TerraformStack(app, 'prod');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const network = new ClusterNetwork(stack, 'Network', {
    location: 'westeurope',
    addressSpace: '10.240.0.0/16',
    ingressSubnetPrefixLength: 27,
  });
  const egress = new SecureEgress(stack, 'Egress', { network });
  const cluster = new AksCluster(stack, 'Aks', { network, egress });
  const ip = egress.ingressEndpoint().privateIp;
  egress.addDnat({
    publicPort: 443,
    privatePort: 443,
    privateIp: opts.dnatIp ?? ip,
    sourceAddresses: ['203.0.113.0/24'],
  });
  const k8s = new cdk8s.App({ outdir: path.join(dir, 'k8s') });
  const chart = new cdk8s.Chart(k8s, 'platform');
  const nic = new InternalNginxController(chart, 'Nginx', {
    privateIp: opts.controllerIp ?? ip,
    subnetName: network.ingressSubnet!.name,
  });
  if (opts.publicService) {
    new cdk8s.ApiObject(chart, 'Public', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'public' },
      spec: { type: 'LoadBalancer', ports: [{ port: 443 }] },
    });
  }
  CrossLayerChecks.attach(chart, {
    cluster,
    egress,
    ingressController: nic,
    policyEngine: opts.otherEngine ? otherThan(cluster.policyEngine) : cluster.policyEngine,
    manifests: [k8s],
  });
  return { app, k8s, dir, ip };
}

const synthError = (d: ReturnType<typeof deployment>): string => {
  try {
    AksNetworkSynth.synth(d.app, [d.k8s]);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('CrossLayerChecks', () => {
  test('an agreeing deployment synthesizes', () => {
    const d = deployment({});
    expect(synthError(d)).toBe('');
    expect(fs.existsSync(path.join(d.dir, 'k8s', 'platform.k8s.yaml'))).toBe(true);
  });

  test('DNAT to another address than the controller fails', () => {
    const d = deployment({ dnatIp: '10.240.4.20' });
    expect(synthError(d)).toMatch(
      new RegExp(
        `CrossLayerChecks prod/Aks: DNAT translates to 10.240.4.20 but the ingress controller's internal load balancer is at ${d.ip.replace(/\./g, '\\.')}; use egress.ingressEndpoint\\(\\).privateIp for both`,
      ),
    );
  });

  test('policies generated for another engine fail', () => {
    const message = synthError(deployment({ otherEngine: true }));
    expect(message).toMatch(
      /CrossLayerChecks prod\/Aks: NetworkPolicies were generated for engine \w+ but the cluster runs \w+; pass cluster.policyEngine/,
    );
  });

  test('a public load balancer behind the firewall fails (before the rule pack, which would also refuse it)', () => {
    const message = synthError(deployment({ publicService: true }));
    expect(message).toMatch(
      /CrossLayerChecks prod\/Aks: Service public gets a public load balancer behind the egress firewall/,
    );
  });
});
