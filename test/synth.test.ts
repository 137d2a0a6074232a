// The synthesis: each Terraform stack and manifest rendered once, the checks run on that output, and
// what `cdktf synth` and cdk8s write is written, all or nothing.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import {
  Annotations,
  App,
  Aspects,
  IAspect,
  Lazy,
  LocalBackend,
  TerraformOutput,
  TerraformStack,
} from 'cdktf';
import * as cdk8s from 'cdk8s';
import { IConstruct } from 'constructs';
import { AksNetworkSynth } from '../lib/synth/synth';
import { PolicyEngine } from '../lib/plan/policy-engine';
import { Port, TieredNetworkPolicies } from '../lib/k8s/policy';
import { contentsUnder, workload } from './tools/helpers';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksnet-core-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Two stacks, the second reading the first's resource group name (a cross-stack reference). */
function build(outdir: string, withSpoke = true): App {
  const app = new App({ outdir, stackTraces: false });
  const base = new TerraformStack(app, 'base');
  new AzurermProvider(base, 'azurerm', { features: [{}] });
  new LocalBackend(base, { path: 'base.tfstate' });
  const rg = new ResourceGroup(base, 'Rg', { name: 'rg-base', location: 'westeurope' });
  new TerraformOutput(base, 'rg_id', { value: rg.id });
  Annotations.of(rg).addWarning('a warning that must reach manifest.json');
  if (!withSpoke) return app;
  const spoke = new TerraformStack(app, 'spoke');
  new AzurermProvider(spoke, 'azurerm', { features: [{}] });
  new LocalBackend(spoke, { path: 'spoke.tfstate' });
  new ResourceGroup(spoke, 'Rg', { name: `${rg.name}-spoke`, location: 'westeurope' });
  return app;
}

const stacksOf = (app: App) => app.node.children.filter(TerraformStack.isStack);

const files = contentsUnder;

/** Charts that depend on each other (indexed file names), a nested chart and an object dependency. */
function buildManifests(outdir: string): cdk8s.App {
  const k8s = new cdk8s.App({ outdir });
  const base = new cdk8s.Chart(k8s, 'base', { namespace: 'shop' });
  const config = new cdk8s.ApiObject(base, 'Config', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'config' },
    data: { mode: 'yes', port: '8080' },
  });
  const app = new cdk8s.Chart(k8s, 'app', { namespace: 'shop' });
  const svc = new cdk8s.ApiObject(app, 'Svc', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc' },
    spec: { type: 'ClusterIP', ports: [{ port: 80 }] },
  });
  svc.node.addDependency(config);
  const nested = new cdk8s.Chart(app, 'nested', { namespace: 'shop' });
  new cdk8s.ApiObject(nested, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nested' } });
  return k8s;
}

/** The files cdktf writes itself, and apart from them the deploy plans the library adds. */
function withoutDeployPlans(all: Record<string, string>): {
  plans: string[];
  written: Record<string, string>;
} {
  const plans = Object.keys(all)
    .filter((f) => f.endsWith('/deploy-plan.md'))
    .sort();
  return { plans, written: Object.fromEntries(Object.entries(all).filter(([f]) => !plans.includes(f))) };
}

describe('the Terraform side', () => {
  test("writes byte for byte what cdktf's own App.synth writes, cross-stack references included", () => {
    const ours = path.join(dir, 'ours');
    const theirs = path.join(dir, 'theirs');
    AksNetworkSynth.synth(build(ours));
    build(theirs).synth();
    const { plans, written } = withoutDeployPlans(files(ours));
    expect(Object.keys(written).sort()).toEqual([
      'manifest.json',
      'stacks/base/cdk.tf.json',
      'stacks/spoke/cdk.tf.json',
    ]);
    expect(written).toEqual(files(theirs));
    // next to cdktf's own files: the deploy plan of each stack no cdk8s app reports on
    expect(plans).toEqual(['stacks/base/deploy-plan.md', 'stacks/spoke/deploy-plan.md']);
    // the reference became a remote state lookup in the spoke and an output in the base
    expect(written['stacks/spoke/cdk.tf.json']).toContain('terraform_remote_state');
    expect(written['manifest.json']).toContain('a warning that must reach manifest.json');
  });

  test('a single stack (no preparing pass) is written as cdktf writes it', () => {
    AksNetworkSynth.synth(build(path.join(dir, 'ours'), false));
    build(path.join(dir, 'theirs'), false).synth();
    const { plans, written } = withoutDeployPlans(files(path.join(dir, 'ours')));
    expect(Object.keys(written).sort()).toEqual(['manifest.json', 'stacks/base/cdk.tf.json']);
    expect(written).toEqual(files(path.join(dir, 'theirs')));
    expect(plans).toEqual(['stacks/base/deploy-plan.md']);
  });

  test('aspects run once per construct and their changes reach the output', () => {
    const app = build(path.join(dir, 'out'));
    const visited: string[] = [];
    const tagAll: IAspect = {
      visit(node: IConstruct) {
        if (node instanceof ResourceGroup) {
          visited.push(node.node.path);
          node.tags = { owner: 'platform' };
        }
      },
    };
    // cdktf applies the aspects of a stack and its children (not those of the App)
    stacksOf(app).forEach((stack) => Aspects.of(stack).add(tagAll));
    AksNetworkSynth.synth(app);
    expect(visited).toEqual(['base/Rg', 'spoke/Rg']);
    const base = JSON.parse(fs.readFileSync(path.join(dir, 'out/stacks/base/cdk.tf.json'), 'utf8'));
    expect(base.resource.azurerm_resource_group.Rg.tags).toEqual({ owner: 'platform' });
  });

  test('an error annotation fails synthesis before anything is written', () => {
    const app = build(path.join(dir, 'out'));
    const rg = app.node.findChild('spoke').node.findChild('Rg');
    Annotations.of(rg).addError('region not approved');
    expect(() => AksNetworkSynth.synth(app)).toThrow(/spoke\/Rg: region not approved/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('a validation added by an aspect fails synthesis before anything is written', () => {
    const app = build(path.join(dir, 'out'));
    Aspects.of(stacksOf(app)[0]).add({
      visit(node: IConstruct) {
        if (node instanceof ResourceGroup) {
          node.node.addValidation({ validate: () => ['needs a lock'] });
        }
      },
    });
    expect(() => AksNetworkSynth.synth(app)).toThrow(/base\/Rg: needs a lock/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test("a stack with its own synthesizer is synthesized by cdktf's path", () => {
    const app = build(path.join(dir, 'out'));
    const base = app.node.findChild('base') as TerraformStack;
    const calls: string[] = [];
    base.synthesizer = {
      synthesize(session) {
        calls.push(session.outdir);
        const manifest = session.manifest.forStack(base);
        fs.mkdirSync(path.join(session.outdir, manifest.workingDirectory), { recursive: true });
        fs.writeFileSync(path.join(session.outdir, manifest.synthesizedStackPath), '{"custom":true}');
      },
    };
    AksNetworkSynth.synth(app);
    expect(calls).toEqual([path.join(dir, 'out')]);
    expect(fs.readFileSync(path.join(dir, 'out/stacks/base/cdk.tf.json'), 'utf8')).toBe('{"custom":true}');
    expect(fs.existsSync(path.join(dir, 'out/stacks/spoke/cdk.tf.json'))).toBe(true);
  });

  test('a construct that throws while rendering leaves no output directory behind', () => {
    const app = build(path.join(dir, 'out'), false);
    const rg = app.node.findChild('base').node.findChild('Rg') as ResourceGroup;
    rg.addOverride(
      'tags',
      Lazy.anyValue({
        produce: () => {
          throw new Error('cannot render tags');
        },
      }),
    );
    expect(() => AksNetworkSynth.synth(app)).toThrow(/cannot render tags/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('manifest.json carries no stack traces, on both paths, even when the App records them', () => {
    for (const custom of [false, true]) {
      const outdir = path.join(dir, custom ? 'custom' : 'plain');
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'base');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      Annotations.of(new ResourceGroup(stack, 'Rg', { name: 'rg', location: 'westeurope' })).addWarning(
        'check me',
      );
      if (custom) {
        const cdktfSynthesizer = stack.synthesizer;
        stack.synthesizer = { synthesize: (session) => cdktfSynthesizer.synthesize(session) };
      }
      AksNetworkSynth.synth(app);
      const manifest = fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8');
      expect(manifest).toContain('check me');
      expect(manifest).not.toContain('stacktrace');
    }
  });
});

describe('the Kubernetes side', () => {
  test("manifests are written byte for byte as cdk8s's own App.synth writes them", () => {
    AksNetworkSynth.synth(new App({ outdir: path.join(dir, 'tf') }), [
      buildManifests(path.join(dir, 'ours')),
    ]);
    buildManifests(path.join(dir, 'theirs')).synth();
    const written = files(path.join(dir, 'ours'));
    // cdk8s numbers the files when charts depend on each other
    expect(
      Object.keys(written)
        .filter((f) => f.endsWith('.k8s.yaml'))
        .sort(),
    ).toEqual(['0000-app-nested-c8d04e23.k8s.yaml', '0001-base.k8s.yaml', '0002-app.k8s.yaml']);
    const theirs = files(path.join(dir, 'theirs'));
    // plus the library's security report
    expect(Object.keys(written).sort()).toEqual([...Object.keys(theirs), 'security-report.md'].sort());
    for (const [file, content] of Object.entries(theirs)) {
      expect(written[file]).toBe(content);
    }
    // the dependency orders the objects: the ConfigMap before the Service that depends on it
    expect(written['0001-base.k8s.yaml']).toContain('name: config');
  });

  // Known gap: the checks share one rendering, but cdk8s renders every object again when it writes
  // (App.synth), and the connectivity report describes the policies once more. The issue asks for one
  // rendering without patching toJson (what fe91e26 did), which needs a manifest writer of our own.
  test('each manifest is rendered once for the checks and written as rendered; the policies evaluate theirs once more', () => {
    const k8s = new cdk8s.App({ outdir: path.join(dir, 'k8s') });
    for (const namespace of ['a', 'b', 'c']) {
      const chart = new cdk8s.Chart(k8s, namespace, { namespace });
      const policies = new TieredNetworkPolicies(chart, 'Policies', {
        namespace,
        engine: PolicyEngine.CILIUM,
      });
      const web = policies.addTier('web', { podLabels: { app: 'web' } });
      web.allowTo(policies.addTier('api', { podLabels: { app: 'api' } }), Port.tcp(8080));
      workload(chart, 'web', []);
      workload(chart, 'api', [{ containerPort: 8080 }]);
    }
    const renders = new Map<unknown, number>();
    const originalToJson = cdk8s.ApiObject.prototype.toJson;
    const spy = jest.spyOn(cdk8s.ApiObject.prototype, 'toJson');
    spy.mockImplementation(function (this: cdk8s.ApiObject) {
      renders.set(this, (renders.get(this) ?? 0) + 1);
      return originalToJson.call(this);
    });
    try {
      AksNetworkSynth.synth(new App({ outdir: path.join(dir, 'tf') }), [k8s]);
    } finally {
      spy.mockRestore();
    }
    const objects = k8s.node.findAll().filter((c) => cdk8s.ApiObject.isApiObject(c));
    // namespace, default deny, DNS (kube-dns, and LocalDNS through a CiliumNetworkPolicy), one policy
    // per tier, the two workloads
    expect(objects.length).toBe(3 * 8);
    // the policies: once for their own validation (the evaluation against the declared flows,
    // shared with the connectivity report), once for the checks and the files
    const isPolicy = (o: cdk8s.ApiObject) => ['NetworkPolicy', 'CiliumNetworkPolicy'].includes(o.kind);
    expect([...new Set(objects.filter(isPolicy).map((o) => renders.get(o)))]).toEqual([2]);
    expect([...new Set(objects.filter((o) => !isPolicy(o)).map((o) => renders.get(o)))]).toEqual([1]);
    expect(fs.readFileSync(path.join(dir, 'k8s/a.k8s.yaml'), 'utf8')).toContain('name: web-traffic');
  });

  test('the security rule pack runs on the manifests, and a refused manifest writes nothing', () => {
    const k8s = new cdk8s.App({ outdir: path.join(dir, 'k8s') });
    const chart = new cdk8s.Chart(k8s, 'c', { namespace: 'shop' });
    new cdk8s.ApiObject(chart, 'Svc', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: { type: 'NodePort', ports: [{ port: 80 }] },
    });
    expect(() => AksNetworkSynth.synth(new App({ outdir: path.join(dir, 'tf') }), [k8s])).toThrow(
      /c\/Svc: \[AKSNET-K8S-011\] Service shop\/svc: type is NodePort; use ClusterIP/,
    );
    expect(fs.existsSync(path.join(dir, 'k8s'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'tf'))).toBe(false);
  });
});

describe('each synthesis on its own', () => {
  test('a failed synthesis leaves nothing behind for the next one', () => {
    const bad = new cdk8s.App({ outdir: path.join(dir, 'bad') });
    new cdk8s.ApiObject(new cdk8s.Chart(bad, 'c', { namespace: 'shop' }), 'Svc', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: { type: 'NodePort', ports: [{ port: 80 }] },
    });
    expect(() => AksNetworkSynth.synth(build(path.join(dir, 'first')), [bad])).toThrow(/AKSNET-K8S-011/);
    AksNetworkSynth.synth(build(path.join(dir, 'second')), [buildManifests(path.join(dir, 'after'))]);
    AksNetworkSynth.synth(build(path.join(dir, 'alone')), [buildManifests(path.join(dir, 'fresh'))]);
    expect(files(path.join(dir, 'second'))).toEqual(files(path.join(dir, 'alone')));
    expect(files(path.join(dir, 'after'))).toEqual(files(path.join(dir, 'fresh')));
  });

  test("reports go next to the manifests of each app, with only that app's findings", () => {
    const apps = ['a', 'b'].map((name) => {
      const k8s = new cdk8s.App({ outdir: path.join(dir, name) });
      const chart = new cdk8s.Chart(k8s, name, { namespace: name });
      new TieredNetworkPolicies(chart, 'Policies', { namespace: name, engine: PolicyEngine.CILIUM });
      return k8s;
    });
    new cdk8s.ApiObject(apps[1].node.children[0] as cdk8s.Chart, 'Latest', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', annotations: { note: 'b only' } },
    });
    AksNetworkSynth.synth(new App({ outdir: path.join(dir, 'tf') }), apps);
    for (const name of ['a', 'b']) {
      expect(fs.readdirSync(path.join(dir, name)).sort()).toEqual([
        `${name}.k8s.yaml`,
        'connectivity.md',
        'security-report.md',
      ]);
      expect(fs.readFileSync(path.join(dir, name, 'connectivity.md'), 'utf8')).toContain(
        `## Namespace ${name} `,
      );
    }
    expect(fs.readFileSync(path.join(dir, 'a', 'connectivity.md'), 'utf8')).not.toContain('## Namespace b ');
  });
});
