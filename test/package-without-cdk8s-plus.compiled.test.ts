import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// cdk8s-plus is no dependency of the library: the package works in a project that has no cdk8s-plus
// line installed at all, on both sides. The package is laid out as npm installs it (its package.json
// and compiled lib/) in a directory whose node_modules holds the peers only, so `cdk8s-plus-28`
// cannot be resolved from the library.
const root = path.join(__dirname, '..');
const PEERS = ['cdktf', 'cdk8s', 'constructs', '@cdktf/provider-azurerm'];

let project: string;
beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-no-kplus-'));
  const installed = path.join(project, 'node_modules', 'cdktf-aks-network');
  fs.mkdirSync(installed, { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(installed, 'package.json'));
  fs.cpSync(path.join(root, 'lib'), path.join(installed, 'lib'), {
    recursive: true,
    filter: (f) => fs.statSync(f).isDirectory() || f.endsWith('.js'),
  });
  for (const peer of PEERS) {
    const link = path.join(project, 'node_modules', peer);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules', peer), link, 'dir');
  }
});
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

const run = (program: string): any =>
  JSON.parse(execFileSync('node', ['-e', program], { cwd: project, encoding: 'utf8', stdio: 'pipe' }));

test('cdk8s-plus-28 is no peer dependency of the package', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  expect(Object.keys(pkg.peerDependencies)).not.toContain('cdk8s-plus-28');
  expect(Object.keys(pkg.dependencies ?? {})).not.toContain('cdk8s-plus-28');
  // the tested line stays a devDependency: tests and examples use it
  expect(pkg.devDependencies['cdk8s-plus-28']).toBe('2.5.6');
});

test('the library and both sides synthesize where no cdk8s-plus line is installed', () => {
  const result = run(`
    const cdktf = require('cdktf');
    const cdk8s = require('cdk8s');
    let resolvable = true;
    try { require.resolve('cdk8s-plus-28', { paths: [require.resolve('cdktf-aks-network')] }); } catch { resolvable = false; }
    const lib = require('cdktf-aks-network');
    const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
    const out = require('path').join(process.cwd(), 'out');
    require('fs').mkdirSync(out);
    const app = new cdktf.App({ outdir: out + '/tf', stackTraces: false });
    const stack = new cdktf.TerraformStack(app, 'prod');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const network = new lib.ClusterNetwork(stack, 'Network', { location: 'westeurope', addressSpace: '10.240.0.0/16' });
    const cluster = new lib.AksCluster(stack, 'Aks', { network, networkModel: lib.NetworkModel.cilium({ podCidr: '10.244.0.0/16' }), ingress: lib.ClusterIngress.nginx() });
    const terraformOnly = JSON.parse(cdktf.Testing.synth(stack));

    const k8s = new cdk8s.App({ outdir: out + '/k8s' });
    const chart = new cdk8s.Chart(k8s, 'shop', { namespace: 'shop' });
    const policies = new lib.TieredNetworkPolicies(chart, 'Policies', { namespace: 'shop', engine: cluster.policyEngine });
    new cdk8s.ApiObject(chart, 'Web', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: {
        automountServiceAccountToken: false, securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'web', image: 'contoso.azurecr.io/web:1.0.0', ports: [{ containerPort: 8080 }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }] } } },
    });
    const service = new cdk8s.ApiObject(chart, 'WebService', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    const ingress = new lib.AppIngress(chart, 'Ingress', { tls: [lib.IngressTls.fromSecret('shop-tls', ['shop.example.com'])] });
    ingress.route('shop.example.com', '/', lib.IngressTarget.service(service));
    policies.addTier('web', { podLabels: { app: 'web' } });
    policies.allowIngress(ingress);
    lib.AksNetworkSynth.synth(app, [k8s]);

    const loaded = Object.keys(require.cache).filter((f) => f.includes('cdk8s-plus'));
    const fs = require('fs');
    console.log(JSON.stringify({
      resolvable, loaded,
      clusters: Object.keys(terraformOnly.resource.azurerm_kubernetes_cluster),
      manifests: fs.readdirSync(out + '/k8s').sort(),
      webTraffic: fs.readFileSync(out + '/k8s/shop.k8s.yaml', 'utf8').includes('name: web-traffic'),
    }));`);
  expect(result).toEqual({
    resolvable: false,
    loaded: [],
    clusters: ['Aks_943C0E94'],
    manifests: ['connectivity.md', 'deploy-plan.md', 'security-report.md', 'shop.k8s.yaml'],
    webTraffic: true,
  });
});
