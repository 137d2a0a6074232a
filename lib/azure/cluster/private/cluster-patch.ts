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
  private readonly fragments: Array<{ feature: string; body: ArmBody }> = [];
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

  /** Add a feature's fragment; the patch is created with the first one. */
  public contribute(feature: string, body: ArmBody): void {
    this.fragments.push({ feature, body });
    this.resource ??= new AzapiUpdate(this.cluster, 'Patch', {
      type: MANAGED_CLUSTERS_TYPE,
      resourceId: this.clusterId,
      body: () => mergeBodies(this.fragments),
      dependsOn: [...this.after],
      environment: this.environment,
    });
  }

  /** Run the patch after this too (a node pool: AzAPI's locks do not cover azurerm operations). */
  public runAfter(dependable: ITerraformDependable): void {
    this.after.push(dependable);
    this.resource?.addDependency(dependable);
  }
}
