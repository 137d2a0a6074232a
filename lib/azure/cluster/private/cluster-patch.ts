// The cluster's one AzAPI patch: every feature azurerm 4.55 cannot express contributes a fragment,
// and the patch runs after the cluster and every node pool.
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  ArmBody,
  AzapiEnvironment,
  AzapiUpdate,
  MANAGED_CLUSTERS_TYPE,
  mergeBodies,
} from '../../../core/azapi';

export class ClusterPatch {
  private readonly fragments: Array<{ feature: string; body: ArmBody | (() => ArmBody) }> = [];
  private resource?: AzapiUpdate;
  private readonly after: ITerraformDependable[];

  constructor(
    private readonly cluster: Construct,
    private readonly clusterId: string,
    clusterResource: ITerraformDependable,
    private readonly environment: AzapiEnvironment,
  ) {
    this.after = [clusterResource];
  }

  /**
   * Add a feature's fragment — the patch is created with the first one. A function is called when
   * the stack synthesizes (e.g. per-pool settings of pools added later).
   */
  public contribute(feature: string, body: ArmBody | (() => ArmBody)): void {
    this.fragments.push({ feature, body });
    this.resource ??= new AzapiUpdate(this.cluster, 'Patch', {
      type: MANAGED_CLUSTERS_TYPE,
      resourceId: this.clusterId,
      body: () =>
        mergeBodies(
          this.fragments.map((f) => ({
            feature: f.feature,
            body: typeof f.body === 'function' ? f.body() : f.body,
          })),
        ),
      dependsOn: [...this.after],
      environment: this.environment,
    });
  }

  /** Whether some feature contributed already. */
  public get contributed(): boolean {
    return this.fragments.length > 0;
  }

  /** Run the patch after this too (a node pool: AzAPI's locks do not cover azurerm operations). */
  public runAfter(dependable: ITerraformDependable): void {
    this.after.push(dependable);
    this.resource?.addDependency(dependable);
  }
}
