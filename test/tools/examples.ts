/**
 * Synthesize example scenarios into a directory, and read the written output back.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { parseAllDocuments } from 'cdk8s/node_modules/yaml';
import { App } from 'cdktf';
import { EXAMPLE_SCENARIOS } from '../../examples';
import { ExampleBuilder, exampleStack } from '../../examples/run';
import { AksNetworkSynth } from '../../lib';
import { ClusterNetwork } from '../../lib/azure/network/cluster-network';
import { filesUnder } from './helpers';

/**
 * A small scenario of our own, so that the whole-output tests have something to check before
 * (and besides) the examples: a network with a firewall subnet and a hardened app.
 */
export const referenceScenario: ExampleBuilder = (app: App) => {
  const stack = exampleStack(app, 'reference');
  new ClusterNetwork(stack, 'Network', {
    location: 'westeurope',
    addressSpace: '10.240.0.0/16',
    ingressSubnetPrefixLength: 28,
    firewallSubnetPrefixLength: 26,
  });
  const k8s = new cdk8s.App({
    outdir: path.join(process.env.AKS_NETWORK_MANIFEST_DIR ?? 'dist', 'reference'),
    yamlOutputType: cdk8s.YamlOutputType.FILE_PER_CHART,
  });
  const chart = new cdk8s.Chart(k8s, 'shop', { namespace: 'shop' });
  new cdk8s.ApiObject(chart, 'DefaultDeny', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  new cdk8s.ApiObject(chart, 'Api', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api' },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'api',
              image: 'contoso.azurecr.io/api:1.0.0',
              resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
              securityContext: {
                runAsNonRoot: true,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  });
  return [k8s];
};

/** Every scenario the whole-output tests run: ours plus every example. */
export const SCENARIOS: { name: string; build: ExampleBuilder }[] = [
  { name: 'reference', build: referenceScenario },
  ...EXAMPLE_SCENARIOS,
];

/**
 * Synthesize one scenario into `dir` (`dir/cdktf.out`, `dir/dist/<stack>`).
 * @returns how many cdk8s apps (manifest folders) the scenario has
 */
export function synthScenario(build: ExampleBuilder, dir: string): number {
  const previous = process.env.AKS_NETWORK_MANIFEST_DIR;
  process.env.AKS_NETWORK_MANIFEST_DIR = path.join(dir, 'dist');
  try {
    fs.mkdirSync(dir, { recursive: true });
    const app = new App({ outdir: path.join(dir, 'cdktf.out'), stackTraces: false });
    const k8sApps = build(app);
    AksNetworkSynth.synth(app, k8sApps);
    return k8sApps.length;
  } finally {
    if (previous === undefined) delete process.env.AKS_NETWORK_MANIFEST_DIR;
    else process.env.AKS_NETWORK_MANIFEST_DIR = previous;
  }
}

/** Every file under `dir`, relative, sorted. */
export const listFiles = filesUnder;

/** The Terraform JSON of every stack written under `dir`. */
export function writtenStacks(dir: string): { file: string; json: Record<string, unknown> }[] {
  return listFiles(dir)
    .filter((f) => f.endsWith('cdk.tf.json'))
    .map((file) => ({
      file,
      json: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>,
    }));
}

/** Every manifest object written under `dir`. */
export function writtenManifests(dir: string): { file: string; objects: unknown[] }[] {
  return listFiles(dir)
    .filter((f) => f.endsWith('.k8s.yaml'))
    .map((file) => ({ file, objects: loadYaml(path.join(dir, file)) }));
}

/**
 * The documents of a YAML file as cdk8s's `Yaml.load` reads them (its own yaml package, YAML 1.1,
 * empty documents dropped), without the Node process `Yaml.load` spawns for every file it reads.
 */
function loadYaml(file: string): unknown[] {
  const empty = (doc: unknown) =>
    doc === undefined || doc === null || (typeof doc === 'object' && Object.keys(doc as object).length === 0);
  return parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1' })
    .map((doc) => doc.toJSON() as unknown)
    .filter((doc) => !empty(doc));
}
