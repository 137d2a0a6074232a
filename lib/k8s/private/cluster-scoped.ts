import { ApiObject, Chart, JsonPatch } from 'cdk8s';

/** Keep a namespaced chart from stamping its namespace on a cluster-scoped object. */
export function clusterScoped(obj: ApiObject): ApiObject {
  if (Chart.of(obj).namespace) {
    obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  return obj;
}
