// What the synthesis finds in the two construct trees: which cdk8s app belongs to which cluster, and
// the plain facts the cross-layer checks compare.
import * as cdk8s from 'cdk8s';
import { App, TerraformStack } from 'cdktf';
import { AksCluster } from '../azure/cluster/aks-cluster';
import { IClusterEgress } from '../azure/contracts';
import { EgressDestinationKind } from '../azure/egress/catalogue/types';
import { EgressSpoke } from '../azure/egress/egress-spoke';
import { SecureEgress } from '../azure/egress/secure-egress';
import { AksNetworkError } from '../core/errors';
import { ApiObjectJson, renderApiObjects } from '../core/manifests';
import { crossLayerInputOf, workloadInputOf } from '../verify/construct-data';
import { CrossLayerInput, FirewallRuleFacts } from '../verify/cross-layer';
import { WorkloadInput } from '../verify/workloads';

/** One cdk8s app of the synthesis with its objects, each rendered once. */
export interface RenderedManifests {
  readonly app: cdk8s.App;
  readonly objects: ReadonlyArray<ApiObjectJson>;
}

/** Every object of the app with its manifest, rendered once for all the checks. */
export function renderManifests(app: cdk8s.App): RenderedManifests {
  return { app, objects: renderApiObjects(app) };
}

/**
 * The cluster each cdk8s app belongs to: the one it was bound to (`cluster.bindManifests(app)`),
 * or the only cluster of the Terraform app. An app that could belong to several is an error.
 */
export function clusterOf(terraform: App, manifests: cdk8s.App): AksCluster | undefined {
  const clusters = terraform.node.findAll().filter((c): c is AksCluster => c instanceof AksCluster);
  const bound = clusters.filter((c) => c.boundManifests.includes(manifests));
  if (bound.length > 1) {
    throw new AksNetworkError(
      `the cdk8s app writing to ${manifests.outdir} is bound to ${bound.length} clusters (${bound.map((c) => c.node.path).join(', ')})`,
      'give each cluster its own cdk8s app and bind each once: cluster.bindManifests(app)',
    );
  }
  if (bound.length === 1) return bound[0];
  if (clusters.length <= 1) return clusters[0];
  throw new AksNetworkError(
    `the cdk8s app writing to ${manifests.outdir} is bound to no cluster, and the Terraform app has ${clusters.length} (${clusters.map((c) => c.node.path).join(', ')})`,
    'bind it to the cluster its manifests run on: cluster.bindManifests(app)',
  );
}

/** The stacks whose Terraform findings go into the security report of a cdk8s app. */
export function stacksOf(terraform: App, cluster: AksCluster | undefined): TerraformStack[] {
  return cluster ? [TerraformStack.of(cluster)] : terraform.node.findAll().filter(TerraformStack.isStack);
}

/** The cross-layer facts of a cluster and the manifests bound to it. */
export function crossLayerInput(cluster: AksCluster, manifests: RenderedManifests): CrossLayerInput {
  const facts = cluster._crossLayerFacts();
  const egress = cluster.egress;
  // the firewall's allow rules, which only this layer can read off the egress constructs
  const withRules =
    facts.egress && egress ? { ...facts.egress, allowedRules: firewallRulesOf(egress) } : facts.egress;
  return crossLayerInputOf({ ...facts, egress: withRules }, manifests.app, manifests.objects);
}

/** The workloads, Services and TieredNetworkPolicies of one cdk8s app, for the workload checks and the report. */
export function workloadInput(manifests: RenderedManifests): WorkloadInput {
  return workloadInputOf(manifests.app, manifests.objects);
}

/**
 * The allow rules of the cluster's egress firewall as plain facts, when the egress path lists them
 * (a `SecureEgress` or a hub's `EgressSpoke`). FQDN tags (`AzureKubernetesService`) name AKS's own dependencies, none of a pod's.
 */
function firewallRulesOf(egress: IClusterEgress): FirewallRuleFacts[] | undefined {
  if (!(egress instanceof SecureEgress || egress instanceof EgressSpoke)) return undefined;
  return egress.allowedRules.map((r) => ({
    name: r.name,
    kind: r.kind,
    protocol: r.protocol,
    ports: [...r.ports],
    fqdns: r.destinationKind === EgressDestinationKind.FQDN ? [...r.destinations] : [],
    addresses: [EgressDestinationKind.ADDRESS, EgressDestinationKind.SERVICE_TAG].includes(r.destinationKind)
      ? [...r.destinations]
      : [],
  }));
}
