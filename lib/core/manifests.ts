import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/** One Kubernetes object of a cdk8s tree, rendered. */
export interface ApiObjectJson {
  /** The ApiObject. */
  readonly construct: ApiObject;
  /** The construct the user wrote for it: the child of its chart the object sits in. */
  readonly owner: IConstruct;
  readonly body: unknown;
}

/** Every ApiObject under `root` with its manifest, rendered once for all the checks that read it. */
export function renderApiObjects(root: IConstruct): ApiObjectJson[] {
  return root.node
    .findAll()
    .filter((c): c is ApiObject => ApiObject.isApiObject(c))
    .map((construct) => ({ construct, owner: ownerOf(construct), body: construct.toJson() }));
}

/**
 * The construct a message should name for an object: the child of the nearest chart that holds it
 * (`app/PublicWeb` for the Service inside an AppService, `platform/Nginx` for the controller's
 * resource), which is what the user wrote in that chart.
 */
export function ownerOf(obj: IConstruct): IConstruct {
  const scopes = obj.node.scopes;
  for (let i = scopes.length - 2; i >= 0; i--) {
    if (Chart.isChart(scopes[i])) return scopes[i + 1];
  }
  return obj;
}
