// Issue 18 items 3, 4, 8 and 13: the same checks on every synthesis path (AksNetworkSynth, the
// frameworks' own app.synth() + k8sApp.synth(), Testing.synth(stack, true)), each once; every
// warning once with its rule id and path; nothing written on error, stale output marked.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inspect } from 'util';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import * as cdk8s from 'cdk8s';
import { App, TerraformStack, Testing } from 'cdktf';
import { AksNetworkSynth } from '../lib/synth/synth';
import { SecureEgress } from '../lib/azure/egress/secure-egress';
import { ClusterNetwork } from '../lib/azure/network/cluster-network';
import {
  AksCluster,
  AksClusterProps,
  ApiServerAccess,
  ClusterIngress,
  NetworkModel,
} from '../lib/azure/cluster';
import { AksNetworkError } from '../lib/core/errors';
import { FAILED_MARKER } from '../lib/core/output-marker';
import { AppIngress, IngressTls } from '../lib/k8s/ingress/app-ingress';
import { IngressController } from '../lib/k8s/controller';
import { IngressTarget } from '../lib/k8s/ingress/ingress-target';
import { InternalNginxController } from '../lib/k8s/ingress/internal-controller';
import { TieredNetworkPolicies } from '../lib/k8s/policy/tiered-network-policies';
import { AppService, ServiceExposure } from '../lib/k8s/services/app-service';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { CrossLayerChecks } from '../lib/verify/construct-data';
import { SecurityRules } from '../lib/verify/suppressions';
import { workload } from './tools/helpers';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-paths-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

function files(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

interface World {
  app: App;
  stack: TerraformStack;
  cluster: AksCluster;
  k8s: cdk8s.App;
  chart: cdk8s.Chart;
}

/** A cdktf app with one cluster and a cdk8s app bound to it. */
function world(props: AksClusterProps = {}, stacks = ['prod']): World {
  const app = new App({ outdir: path.join(dir, 'cdktf.out'), stackTraces: false });
  const all = stacks.map((id) => {
    const stack = new TerraformStack(app, id);
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    return stack;
  });
  const stack = all[all.length - 1];
  const cluster = new AksCluster(stack, 'Aks', { location: 'westeurope', ...props });
  const k8s = new cdk8s.App({ outdir: path.join(dir, 'dist') });
  cluster.bindManifests(k8s);
  const chart = new cdk8s.Chart(k8s, 'app', { namespace: 'shop' });
  return { app, stack, cluster, k8s, chart };
}

/** Capture what is printed while `run` runs. */
function printed(run: () => void): { stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  jest.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
  try {
    run();
  } finally {
    jest.restoreAllMocks();
  }
  return { stdout: out.join(''), stderr: err.join('') };
}

const nodePort = (chart: cdk8s.Chart) =>
  new cdk8s.ApiObject(chart, 'Svc', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc' },
    spec: { type: 'NodePort', ports: [{ port: 80 }] },
  });

describe("the frameworks' own synthesis runs the checks (item 4)", () => {
  test('app.synth(): a public-to-all API server fails, nothing is written, the fix names the API', () => {
    const { app } = world({ apiServerAccess: ApiServerAccess.publicToAll() });
    expect(() => app.synth()).toThrow(
      /prod\/Aks\/Resource: \[AKSNET-AZ-003\] azurerm_kubernetes_cluster\.\w+: the API server is public to every address; give the AksCluster apiServerAccess: ApiServerAccess\.privateCluster\(\) or ApiServerAccess\.publicRestricted\(\[\.\.\.admin ranges\]\).*\(or accept it: SecurityRules\.suppress\(scope, 'AKSNET-AZ-003', reason\)\)/,
    );
    expect(files(path.join(dir, 'cdktf.out'))).toEqual([]);
  });

  test('app.synth(): the first stack checks every stack, so a later stack failing writes none', () => {
    const { app } = world({ apiServerAccess: ApiServerAccess.publicToAll() }, ['base', 'prod']);
    expect(() => app.synth()).toThrow(/\[AKSNET-AZ-003\]/);
    expect(files(path.join(dir, 'cdktf.out'))).toEqual([]);
  });

  test('Testing.synth(stack, true) runs the rule pack; a suppression with a reason accepts it', () => {
    const open = world({ apiServerAccess: ApiServerAccess.publicToAll() });
    expect(() => Testing.synth(open.stack, true)).toThrow(/\[AKSNET-AZ-003\]/);
    const accepted = world({ apiServerAccess: ApiServerAccess.publicToAll() });
    SecurityRules.suppress(accepted.cluster, 'AKSNET-AZ-003', 'demo cluster, no data');
    printed(() => expect(() => Testing.synth(accepted.stack, true)).not.toThrow());
  });

  test('k8sApp.synth() runs the Kubernetes rules and writes no manifest on error', () => {
    const { k8s, chart } = world();
    new InternalNginxController(chart, 'Nginx', { privateIp: '10.240.4.14', subnetName: 'snet' });
    nodePort(chart);
    expect(() => k8s.synth()).toThrow(/app\/Svc: \[AKSNET-K8S-011\] Service shop\/svc: type is NodePort/);
    expect(files(path.join(dir, 'dist'))).toEqual([]);
  });

  test('app.synth() runs the cross-layer checks of the bound cdk8s app before writing Terraform', () => {
    const { app, k8s, chart, cluster } = world({ networkModel: NetworkModel.cilium() });
    const other = cluster.policyEngine === PolicyEngine.CALICO ? PolicyEngine.AZURE_NPM : PolicyEngine.CALICO;
    new TieredNetworkPolicies(chart, 'Policies', { namespace: 'shop', policyEngine: other });
    expect(() => app.synth()).toThrow(
      /TieredNetworkPolicies app\/Policies: the NetworkPolicies were generated for engine \w+ but AksCluster prod\/Aks runs cilium/,
    );
    expect(files(path.join(dir, 'cdktf.out'))).toEqual([]);
    expect(() => k8s.synth()).toThrow(/generated for engine/);
    expect(files(path.join(dir, 'dist'))).toEqual([]);
  });

  test('a passing app writes with app.synth() and k8s.synth() alike', () => {
    const { app, k8s, chart } = world();
    new InternalNginxController(chart, 'Nginx', { privateIp: '10.240.4.14', subnetName: 'snet' });
    printed(() => {
      app.synth();
      k8s.synth();
    });
    expect(files(path.join(dir, 'cdktf.out'))).toEqual(['manifest.json', 'stacks/prod/cdk.tf.json']);
    expect(files(path.join(dir, 'dist'))).toEqual(['app.k8s.yaml']);
  });

  test("cdk8s's Testing.synth(chart) renders the chart without the checks (documented): AksNetworkSynth.check has them", () => {
    const { chart, k8s } = world();
    new InternalNginxController(chart, 'Nginx', { privateIp: '10.240.4.14', subnetName: 'snet' });
    nodePort(chart);
    expect(() => cdk8s.Testing.synth(chart)).not.toThrow();
    expect(() => k8s.synthYaml()).toThrow(/\[AKSNET-K8S-011\]/);
  });

  test('AksNetworkSynth.check returns the problems and writes nothing', () => {
    const { app, k8s, chart } = world({ apiServerAccess: ApiServerAccess.publicToAll() });
    nodePort(chart);
    const result = AksNetworkSynth.check(app, [k8s]);
    expect(result.problems).toEqual([
      expect.stringMatching(/^prod\/Aks\/Resource: \[AKSNET-AZ-003\]/),
      expect.stringMatching(/^app\/Svc: \[AKSNET-K8S-011\]/),
    ]);
    expect(files(dir)).toEqual([]);
    const fine = world();
    expect(AksNetworkSynth.check(fine.app, [fine.k8s]).problems).toEqual([]);
  });

  test('AksNetworkSynth.synth runs the registered checks once: one render per stack and object', () => {
    const { app, k8s, chart } = world();
    new InternalNginxController(chart, 'Nginx', { privateIp: '10.240.4.14', subnetName: 'snet' });
    const toTerraform = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    const toJson = jest.spyOn(cdk8s.ApiObject.prototype, 'toJson');
    printed(() => AksNetworkSynth.synth(app, [k8s]));
    expect(toTerraform).toHaveBeenCalledTimes(1); // one stack, rendered once (single-stack apps skip the preparing pass)
    const objects = k8s.node.findAll().filter((c) => cdk8s.ApiObject.isApiObject(c)).length;
    // the manifests are written from the bodies the checks passed
    expect(toJson).toHaveBeenCalledTimes(objects);
    // and the checks are back on for the frameworks' own synthesis afterwards
    nodePort(chart);
    expect(() => k8s.synth()).toThrow(/AKSNET-K8S-011/);
  });
});

describe('cross-layer checks (item 3)', () => {
  test('an Ingress whose class nothing serves fails; a controller of that class or a declared one passes', () => {
    const missing = world({ keyVaultSecretsProviderEnabled: true });
    const web = new AppService(missing.chart, 'Web', {
      name: 'web',
      selector: { app: 'web' },
      ports: [{ port: 80 }],
    });
    const ingress = new AppIngress(missing.chart, 'PublicWeb', {
      controller: IngressController.appRouting('nginx-internal'),
      tls: [IngressTls.fromSecret('tls-web', ['web.example.com'])],
    });
    ingress.route('web.example.com', '/', IngressTarget.appService(web));
    expect(AksNetworkSynth.check(missing.app, [missing.k8s]).problems).toContainEqual(
      expect.stringMatching(
        /^AppIngress app\/PublicWeb: IngressClass nginx-internal has no controller \(AksCluster prod\/Aks runs no ingress add-on class; no NginxIngressController is among the manifests\); add an InternalNginxController with ingressClassName 'nginx-internal'/,
      ),
    );

    const served = world();
    const controller = new InternalNginxController(served.chart, 'Nginx', {
      privateIp: '10.240.4.14',
      subnetName: 'snet',
    });
    const svc = new AppService(served.chart, 'Web', {
      name: 'web',
      selector: { app: 'web' },
      ports: [{ port: 80 }],
    });
    new AppIngress(served.chart, 'PublicWeb', {
      controller: controller.controller,
      tls: [IngressTls.fromSecret('tls-web', ['web.example.com'])],
    }).route('web.example.com', '/', IngressTarget.appService(svc));
    expect(crossLayer(AksNetworkSynth.check(served.app, [served.k8s]).problems)).toEqual([]);

    const elsewhere = world();
    const svc2 = new AppService(elsewhere.chart, 'Web', {
      name: 'web',
      selector: { app: 'web' },
      ports: [{ port: 80 }],
    });
    new AppIngress(elsewhere.chart, 'PublicWeb', {
      controller: IngressController.ingressNginx(),
      tls: [IngressTls.fromSecret('tls-web', ['web.example.com'])],
    }).route('web.example.com', '/', IngressTarget.appService(svc2));
    expect(crossLayer(AksNetworkSynth.check(elsewhere.app, [elsewhere.k8s]).problems)).toEqual([]);
  });

  test('the default class without the add-on NGINX names ClusterIngress.nginx()', () => {
    const { app, k8s, chart } = world();
    plainIngress(chart, { ingressClassName: 'webapprouting.kubernetes.azure.com' });
    expect(AksNetworkSynth.check(app, [k8s]).problems).toContainEqual(
      expect.stringMatching(
        /^ApiObject app\/Web: IngressClass webapprouting.kubernetes.azure.com has no controller .*; turn the add-on's NGINX on with ingress: ClusterIngress.nginx\(\) on the cluster/,
      ),
    );
    const nginx = world({ ingress: ClusterIngress.nginx() });
    plainIngress(nginx.chart, { ingressClassName: 'webapprouting.kubernetes.azure.com' });
    expect(crossLayer(AksNetworkSynth.check(nginx.app, [nginx.k8s]).problems)).toEqual([]);
  });

  test('Key Vault TLS without the Key Vault secrets provider add-on fails', () => {
    const uri = 'https://kv.vault.azure.net/certificates/web';
    const without = world({ ingress: ClusterIngress.nginx(), keyVaultSecretsProviderEnabled: false });
    plainIngress(without.chart, {
      ingressClassName: 'webapprouting.kubernetes.azure.com',
      annotations: { 'kubernetes.azure.com/tls-cert-keyvault-uri': uri },
    });
    expect(crossLayer(AksNetworkSynth.check(without.app, [without.k8s]).problems)).toEqual([
      `ApiObject app/Web: TLS from Key Vault (${uri}) needs the Key Vault secrets provider add-on, which AksCluster prod/Aks does not run; set keyVaultSecretsProviderEnabled: true on the cluster, or use IngressTls.fromSecret(...)`,
    ]);
    const withKv = world({ ingress: ClusterIngress.nginx(), keyVaultSecretsProviderEnabled: true });
    plainIngress(withKv.chart, {
      ingressClassName: 'webapprouting.kubernetes.azure.com',
      annotations: { 'kubernetes.azure.com/tls-cert-keyvault-uri': uri },
    });
    expect(crossLayer(AksNetworkSynth.check(withKv.app, [withKv.k8s]).problems)).toEqual([]);
  });

  test('an explicit opt-out with a reason skips them, on every path, and the report says so', () => {
    const { app, k8s, chart, cluster } = world({ networkModel: NetworkModel.cilium() });
    new TieredNetworkPolicies(chart, 'Policies', { namespace: 'shop', policyEngine: PolicyEngine.CALICO });
    expect(cluster.policyEngine).not.toBe(PolicyEngine.CALICO);
    expect(() => CrossLayerChecks.optOut(k8s, ' ')).toThrow(
      /opting out of the cross-layer checks without a reason/,
    );
    CrossLayerChecks.optOut(k8s, 'manifests for a test cluster');
    expect(crossLayer(AksNetworkSynth.check(app, [k8s]).problems)).toEqual([]);
    printed(() => AksNetworkSynth.synth(app, [k8s]));
    expect(fs.readFileSync(path.join(dir, 'dist', 'security-report.md'), 'utf8')).toContain(
      'Skipped with CrossLayerChecks.optOut: manifests for a test cluster. The Azure and Kubernetes sides were not compared.',
    );
  });

  test('messages name the construct the user wrote, not the chart and a Kubernetes name', () => {
    const app = new App({ outdir: path.join(dir, 'cdktf.out'), stackTraces: false });
    const stack = new TerraformStack(app, 'prod');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const network = new ClusterNetwork(stack, 'Network', {
      location: 'westeurope',
      addressSpace: '10.240.0.0/16',
      ingressSubnetPrefixLength: 28,
      firewallSubnetPrefixLength: 26,
    });
    const egress = new SecureEgress(stack, 'Egress', { network });
    const endpoint = egress.ingressEndpoint();
    egress.addDnat({
      publicPort: 443,
      privatePort: 443,
      privateIp: endpoint.privateIp,
      sourceAddresses: ['203.0.113.0/24'],
    });
    new AksCluster(stack, 'Aks', { network, egress });
    const k8s = new cdk8s.App({ outdir: path.join(dir, 'dist') });
    new InternalNginxController(new cdk8s.Chart(k8s, 'platform'), 'Nginx', {
      privateIp: '10.240.4.20',
      subnetName: endpoint.subnetName,
    });
    const chart = new cdk8s.Chart(k8s, 'app', { namespace: 'shop' });
    const lb = new AppService(chart, 'PublicWeb', {
      selector: { app: 'web' },
      ports: [{ port: 80 }],
      exposure: ServiceExposure.publicLoadBalancer(),
    });
    SecurityRules.suppress(lb, 'AKSNET-K8S-012', 'the cross-layer check is under test');
    expect(crossLayer(AksNetworkSynth.check(app, [k8s]).problems)).toEqual([
      `SecureEgress prod/Egress: DNAT translates to ${endpoint.privateIp}, but InternalNginxController platform/Nginx listens at 10.240.4.20; use egress.ingressEndpoint().privateIp for both`,
      expect.stringMatching(
        /^AppService app\/PublicWeb: its Service \([a-z0-9-]+\) gets a public load balancer behind SecureEgress prod\/Egress/,
      ),
    ]);
  });
});

/** Only the cross-layer problems (the rule pack and the workload checks of these workload-less charts have their own tests). */
const crossLayer = (problems: string[]) =>
  problems.filter((p) => !/\[AKSNET-/.test(p) && !/no workload in namespace/.test(p));

function plainIngress(
  chart: cdk8s.Chart,
  spec: { ingressClassName: string; annotations?: Record<string, string> },
) {
  new cdk8s.ApiObject(chart, 'Web', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', annotations: spec.annotations },
    spec: {
      ingressClassName: spec.ingressClassName,
      tls: [{ hosts: ['web.example.com'], secretName: 'tls-web' }],
      rules: [
        {
          host: 'web.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            ],
          },
        },
      ],
    },
  });
}

describe('warnings and errors, once each (item 8)', () => {
  test('a construct warning a rule also judges prints once, with the rule id and the path', () => {
    const { app, k8s } = world({ networkModel: NetworkModel.kubenet() });
    const { stderr } = printed(() => AksNetworkSynth.synth(app, [k8s]));
    const kubenet = stderr.split('\n').filter((l) => l.includes('kubenet'));
    expect(kubenet).toEqual([
      expect.stringMatching(/^WARN \[prod\/Aks\]: \[AKSNET-AZ-009\] kubenet retires on 2028-03-31/),
    ]);
  });

  test('a suppressed finding prints nothing, on the Kubernetes side too', () => {
    const { app, k8s, chart, cluster } = world();
    workload(chart, 'web', [{ containerPort: 80 }]);
    new TieredNetworkPolicies(chart, 'Policies', {
      namespace: 'shop',
      policyEngine: cluster.policyEngine,
    }).addTier('web', { podLabels: { app: 'web' } });
    const lb = new AppService(chart, 'PublicWeb', {
      selector: { app: 'web' },
      ports: [{ port: 80 }],
      exposure: ServiceExposure.publicLoadBalancer(),
    });
    SecurityRules.suppress(lb, 'AKSNET-K8S-012', 'public demo endpoint');
    const { stdout, stderr } = printed(() => AksNetworkSynth.synth(app, [k8s]));
    expect(`${stdout}${stderr}`).not.toContain('public load balancer');
  });

  test('Kubernetes warnings print on the plain path and under cdktf synth (to stdout, where the CLI shows them)', () => {
    const build = () => {
      const w = world({ networkModel: NetworkModel.kubenet() });
      workload(w.chart, 'web', [{ containerPort: 80 }]);
      new TieredNetworkPolicies(w.chart, 'Policies', {
        namespace: 'shop',
        policyEngine: w.cluster.policyEngine,
      }).addTier('web', { podLabels: { app: 'web' } });
      new AppService(w.chart, 'Web', {
        selector: { app: 'web' },
        ports: [{ port: 80 }],
        exposure: ServiceExposure.internalLoadBalancer({
          sourceRanges: ['10.0.0.0/8'],
          restrictToSourceRanges: false,
        }),
      });
      return w;
    };
    const plain = build();
    const node = printed(() => {
      plain.app.synth();
      plain.k8s.synth();
    });
    expect(node.stderr).toContain('WARN [prod/Aks]: [AKSNET-AZ-009] kubenet retires');
    expect(node.stderr).toContain('WARN [app/Web]: sourceRanges without restrictToSourceRanges');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);

    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    try {
      const cli = build();
      const out = printed(() => AksNetworkSynth.synth(cli.app, [cli.k8s]));
      // the CLI prints the Terraform annotations from manifest.json itself; stderr would read as errors
      expect(out.stderr).toBe('');
      expect(out.stdout).toContain('WARN [app/Web]: sourceRanges without restrictToSourceRanges');
      const manifest = fs.readFileSync(path.join(dir, 'cdktf.out', 'manifest.json'), 'utf8');
      expect(manifest).toContain('[AKSNET-AZ-009] kubenet retires');
      expect(manifest.match(/kubenet retires/g)).toHaveLength(1);
    } finally {
      delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    }
  });

  test('an error carries no frame of the library and prints its text once', () => {
    const { app, k8s } = world({ apiServerAccess: ApiServerAccess.publicToAll() });
    let error: unknown;
    try {
      AksNetworkSynth.synth(app, [k8s]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AksNetworkError);
    const stack = (error as Error).stack!;
    expect(stack).not.toMatch(new RegExp(`${path.sep}lib${path.sep}`));
    expect(stack).toContain(__filename);
    const shown = inspect(error);
    expect(shown.match(/public to every address/g)).toHaveLength(1);
  });
});

describe('stale output is marked (item 13)', () => {
  test('a failed synthesis marks the earlier output; the next passing one removes the mark', () => {
    const good = world();
    new InternalNginxController(good.chart, 'Nginx', { privateIp: '10.240.4.14', subnetName: 'snet' });
    printed(() => AksNetworkSynth.synth(good.app, [good.k8s]));
    const before = files(dir);

    const bad = world({ apiServerAccess: ApiServerAccess.publicToAll() });
    expect(() => AksNetworkSynth.synth(bad.app, [bad.k8s])).toThrow(/AKSNET-AZ-003/);
    for (const out of ['cdktf.out', 'dist']) {
      const marker = fs.readFileSync(path.join(dir, out, FAILED_MARKER), 'utf8');
      expect(marker).toMatch(
        /^The last synthesis failed; the other files in this folder are from an earlier run/,
      );
      expect(marker).toContain('[AKSNET-AZ-003]');
    }
    // nothing else was touched
    expect(files(dir).filter((f) => !f.endsWith(FAILED_MARKER))).toEqual(before);

    const again = world();
    printed(() => AksNetworkSynth.synth(again.app, [again.k8s]));
    expect(files(dir).filter((f) => f.endsWith(FAILED_MARKER))).toEqual([]);
  });

  test("the frameworks' own synthesis marks it too", () => {
    const good = world();
    printed(() => good.app.synth());
    const bad = world({ apiServerAccess: ApiServerAccess.publicToAll() });
    expect(() => bad.app.synth()).toThrow(/AKSNET-AZ-003/);
    expect(fs.existsSync(path.join(dir, 'cdktf.out', FAILED_MARKER))).toBe(true);
    printed(() => world().app.synth());
    expect(fs.existsSync(path.join(dir, 'cdktf.out', FAILED_MARKER))).toBe(false);
  });

  test('a first synthesis that fails leaves nothing behind', () => {
    const bad = world({ apiServerAccess: ApiServerAccess.publicToAll() });
    expect(() => AksNetworkSynth.synth(bad.app, [bad.k8s])).toThrow();
    expect(files(dir)).toEqual([]);
  });
});
