import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { AksNetworkSynth, Errors } from '../lib';

/** An example adds its stack(s) to the cdktf app and returns one cdk8s app per stack. */
export type ExampleBuilder = (app: App) => cdk8s.App[];

/**
 * A stack with the azurerm provider and local state kept in the project root (a relative path, so the
 * synthesized JSON is the same on every machine; use a remote backend for real deployments).
 */
export function exampleStack(app: App, name: string): TerraformStack {
  const stack = new TerraformStack(app, name);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new LocalBackend(stack, { path: `../../../terraform.${name}.tfstate` });
  return stack;
}

/** The cdk8s app whose manifests land in `dist/<stack>/*.k8s.yaml`. */
export function manifestsFor(stackName: string): cdk8s.App {
  return new cdk8s.App({
    outdir: path.join(process.env.AKS_NETWORK_MANIFEST_DIR ?? 'dist', stackName),
    yamlOutputType: cdk8s.YamlOutputType.FILE_PER_CHART,
  });
}

/**
 * Synthesize the given examples into one cdktf app, all or nothing. Stack traces stay out of
 * cdktf's manifest.json: they carry absolute paths and line numbers, so output would differ per machine.
 *
 * The program's top-level handler: a problem of the library is printed once, as its message (it
 * names the construct, the value and the fix), and the exit code is 1; without the handler Node
 * would print the library's own line and frames first.
 */
export function runExamples(builders: ExampleBuilder[], app: App = new App({ stackTraces: false })): void {
  try {
    AksNetworkSynth.synth(
      app,
      builders.flatMap((build) => build(app)),
    );
  } catch (error) {
    if (!Errors.isAksNetworkError(error)) throw error;
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
