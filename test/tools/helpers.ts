/**
 * The shared fixtures of the tests: stacks and charts, networks, a stand-in egress path, synthesis
 * into temporary directories, and the bad-input cases each construct's tests and the catalogue share.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import * as cdk8s from 'cdk8s';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AksNetworkSynth } from '../../lib';
import { AzureCloud, EgressFeature, IClusterEgress, IEgressClient } from '../../lib/azure/contracts';
import {
  ClusterNetwork,
  ClusterNetworkProps,
  ExistingClusterNetwork,
  ExistingNetworkProps,
} from '../../lib/azure/network/cluster-network';
import { AksNetworkError, where } from '../../lib/core/errors';

// ---- Terraform side -------------------------------------------------------------------------------

/** A stack in a fresh test app. */
export function tfStack(id = 'test'): TerraformStack {
  return new TerraformStack(Testing.app(), id);
}

/** A stack with the azurerm provider, in an app that records no stack traces. */
export function providerStack(id = 'prod', app: App = new App({ stackTraces: false })): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** The stack's Terraform JSON (validations off, as `Testing.synth` does by default). */
export const synthJson = (stack: TerraformStack): any => JSON.parse(Testing.synth(stack));

/** The one resource of that type (fails when there are more or none). */
export function onlyResource(json: any, type: string): any {
  const all = Object.values(json.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

/** Every resource of that type. */
export const resourcesOf = (json: any, type: string): any[] => Object.values(json.resource[type] ?? {});

/** The location and address space most tests use. */
export const NETWORK_DEFAULTS = { location: 'westeurope', addressSpace: '10.240.0.0/16' } as const;

/** A ClusterNetwork in westeurope on 10.240.0.0/16 unless the props say otherwise. */
export function clusterNetwork(
  scope: Construct,
  props: Partial<ClusterNetworkProps> = {},
  id = 'Network',
): ClusterNetwork {
  return new ClusterNetwork(scope, id, { ...NETWORK_DEFAULTS, ...props });
}

/** The props of an existing VNet 10.240.0.0/16 with its node subnet 10.240.0.0/22. */
export const EXISTING_NETWORK: ExistingNetworkProps = {
  location: 'westeurope',
  resourceGroupName: 'rg-prod',
  vnetId: '/subscriptions/0/resourceGroups/rg-prod/providers/Microsoft.Network/virtualNetworks/vnet-prod',
  vnetName: 'vnet-prod',
  vnetAddressSpaces: ['10.240.0.0/16'],
  nodeSubnet: { name: 'snet-nodes', id: 'nodes-id', cidr: '10.240.0.0/22' },
};

/** An ExistingClusterNetwork from {@link EXISTING_NETWORK} and the overrides. */
export function existingNetwork(
  scope: Construct,
  props: Partial<ExistingNetworkProps> = {},
  id = 'Net',
): ExistingClusterNetwork {
  return new ExistingClusterNetwork(scope, id, { ...EXISTING_NETWORK, ...props });
}

/**
 * A stand-in egress path (the real one is SecureEgress): a route table, one public IP, and a record
 * of the clusters that attach.
 */
export class FakeEgress extends Construct implements IClusterEgress {
  public readonly routeTableId: string;
  public readonly routeDependencies: RouteTable[];
  public readonly egressPublicIps = ['20.1.2.3'];
  public readonly cloud = AzureCloud.PUBLIC;
  public readonly dnatTranslatedAddresses: string[] = [];
  public readonly attached: IEgressClient[] = [];

  constructor(scope: Construct, id = 'FakeEgress') {
    super(scope, id);
    const rt = new RouteTable(scope, 'Rt', { name: 'rt', location: 'westeurope', resourceGroupName: 'rg' });
    this.routeTableId = rt.id;
    this.routeDependencies = [rt];
  }

  public attachCluster(cluster: IEgressClient): void {
    this.attached.push(cluster);
  }

  /** What the attached clusters told the egress path, as plain values. */
  public get attachedClusters(): Array<{
    path: string;
    location: string;
    privateCluster: boolean;
    features: EgressFeature[];
  }> {
    return this.attached.map((c) => ({
      path: c.node.path,
      location: c.location,
      privateCluster: c.privateCluster,
      features: c.egressFeatures,
    }));
  }
}

/** A stand-in cluster for an egress path: where it runs, whether it is private, what it needs egress for. */
export class FakeEgressClient extends Construct implements IEgressClient {
  /** The features, as a pool added later would change them. */
  public readonly features: EgressFeature[];
  public readonly apiServerVnetIntegrated = false;

  constructor(
    scope: Construct,
    id: string,
    public readonly location = 'westeurope',
    public readonly privateCluster = false,
    features: EgressFeature[] = [],
  ) {
    super(scope, id);
    this.features = [...features];
  }

  public get egressFeatures(): EgressFeature[] {
    return [...this.features];
  }
}

// ---- Kubernetes side ------------------------------------------------------------------------------

/** A chart in a fresh cdk8s test app. */
export function chart(id: string, namespace?: string): cdk8s.Chart {
  return new cdk8s.Chart(cdk8s.Testing.app(), id, namespace ? { namespace } : undefined);
}

/** A container port of {@link workload}: a number, optionally named, TCP unless told. */
export interface TestPort {
  readonly containerPort: number;
  readonly name?: string;
  readonly protocol?: string;
}

/**
 * A hardened workload (the rule pack passes it) as a plain cdk8s ApiObject: a Deployment unless told,
 * named `name`, pods labelled `labels` (`{ app: name }` unless told), one container with `ports`.
 */
export function workload(
  scope: Construct,
  name: string,
  ports: TestPort[],
  options: { labels?: Record<string, string>; kind?: string; id?: string } = {},
): cdk8s.ApiObject {
  const labels = options.labels ?? { app: name };
  const pod = {
    automountServiceAccountToken: false,
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name,
        image: `contoso.azurecr.io/${name}:1.0.0`,
        ports,
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        securityContext: {
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        },
      },
    ],
  };
  const kind = options.kind ?? 'Deployment';
  const batch = ['Job', 'CronJob'].includes(kind);
  const template = { metadata: { labels }, spec: batch ? { ...pod, restartPolicy: 'Never' } : pod };
  const spec: Record<string, unknown> =
    kind === 'Pod'
      ? pod
      : kind === 'CronJob'
        ? { schedule: '0 * * * *', jobTemplate: { spec: { template } } }
        : kind === 'Job'
          ? { template }
          : { selector: { matchLabels: labels }, template };
  return new cdk8s.ApiObject(scope, options.id ?? `Workload-${name}`, {
    apiVersion: kind === 'Pod' ? 'v1' : batch ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: kind === 'Pod' ? { name, labels } : { name },
    spec,
  });
}

// ---- files ------------------------------------------------------------------------------------------

/** A fresh temporary directory, removed after the test file. */
export function tmpRoot(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aksnet-${prefix}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir`, relative, sorted (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => {
      const entry = e as unknown as { parentPath?: string; path: string };
      return path.relative(dir, path.join(entry.parentPath ?? entry.path, e.name));
    })
    .sort();
}

/** Every file under `dir` with its content, by relative path. */
export function contentsUnder(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

/** Every validation message under `root`, named as synthesis names them: `<Kind> <path>: <message>`. */
export function validationMessages(root: IConstruct): string[] {
  return root.node.findAll().flatMap((c) => c.node.validate().map((m) => `${where(c)}: ${m}`));
}

/** The message of what `act` throws, or '' when it does not throw. */
export function thrownBy(act: () => unknown): string {
  try {
    act();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

// ---- bad inputs -------------------------------------------------------------------------------------

/** Where a bad-input case builds: stack `Prod` (with the provider) and chart `shop` (namespace shop). */
export interface Scopes {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly k8s: cdk8s.App;
  readonly chart: cdk8s.Chart;
}

/** When a bad input is refused: as the construct or value is made, by a validation, or by the rule pack. */
export type RefusedAt = 'construction' | 'validation' | 'synthesis';

/**
 * A bad input and how it is refused: [what, build, where, value, fix, when]. The message starts with
 * `where` (the construct, e.g. `AksCluster Prod/Aks`; the factory of a value class, e.g.
 * `Port.tcp`; or the rule pack's `path: [rule]`), names `value` and then gives `fix`. Each
 * construct's tests assert the case exactly; `bad-inputs.test.ts` checks the catalogue-wide rules.
 */
export type BadInput = [string, (s: Scopes) => void, string, string, string, RefusedAt?];

/** Fresh scopes for a case; the outputs go under `dir`. */
export function scopesIn(dir: string): Scopes {
  const app = new App({ outdir: path.join(dir, 'cdktf.out'), stackTraces: false });
  const stack = new TerraformStack(app, 'Prod');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const k8s = new cdk8s.App({ outdir: path.join(dir, 'manifests') });
  return { app, stack, k8s, chart: new cdk8s.Chart(k8s, 'shop', { namespace: 'shop' }) };
}

/** How a case was refused: when, the error thrown, and the message lines (one per problem). */
export interface Refusal {
  readonly at: RefusedAt | 'not at all';
  readonly error?: unknown;
  readonly messages: string[];
}

/** Build the case and find where it is refused: construction, validation, or the synthesis checks. */
export function refusalOf(build: (s: Scopes) => void, dir: string): Refusal {
  const s = scopesIn(dir);
  try {
    build(s);
  } catch (error) {
    return { at: 'construction', error, messages: [(error as Error).message] };
  }
  const validation = [s.app, s.k8s].flatMap(validationMessages);
  if (validation.length > 0) {
    return { at: 'validation', messages: validation };
  }
  try {
    AksNetworkSynth.synth(s.app, [s.k8s]);
  } catch (error) {
    return { at: 'synthesis', error, messages: (error as Error).message.split('\n').map((l) => l.trim()) };
  }
  return { at: 'not at all', messages: [] };
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A case's own assertion: refused when it says, with a message that starts with `where`, then
 * names the value and after it the fix; an error thrown at construction is the library's, with the
 * construct path (none from a value class), the value in its problem and the fix in its fix.
 */
export function expectRefused(
  [, build, whereFirst, value, fix, at = 'construction']: BadInput,
  dir: string,
): void {
  const refusal = refusalOf(build, dir);
  const form = new RegExp(`^${esc(whereFirst)}:? .*${esc(value)}.*; .*${esc(fix)}`, 's');
  expect({ at: refusal.at, messages: refusal.messages }).toEqual({
    at,
    messages: expect.arrayContaining([expect.stringMatching(form)]),
  });
  if (at === 'construction') {
    const error = refusal.error as AksNetworkError;
    expect(error).toBeInstanceOf(AksNetworkError);
    const scoped = whereFirst.includes(' ');
    expect(error.constructPath).toBe(scoped ? whereFirst.split(' ')[1] : undefined);
    expect(error.problem).toContain(value);
    expect(error.fix).toContain(fix);
  }
}

/** Check every case of a table beside its construct's other tests. */
export function describeBadInputs(title: string, cases: BadInput[]): void {
  describe(title, () => {
    const root = tmpRoot('cases');
    let n = 0;
    test.each(cases)('%s', (...c) => {
      const dir = path.join(root, String(n++));
      fs.mkdirSync(dir);
      expectRefused(c as unknown as BadInput, dir);
    });
  });
}
