// A Service construct known only by its structure: the ApiObject it renders (any cdk8s-plus line,
// an AppService, a plain ApiObject), read back as the manifest says, never through a class of one
// particular cdk8s-plus line.
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AksNetworkError } from '../../../core/errors';
import { describeValue } from '../../../core/inputs';

/** One port of a rendered Service. */
export interface RenderedServicePort {
  readonly port: number;
  /** The container port behind it, a number or a name (the Service port when absent). */
  readonly targetPort?: number | string;
}

/** A Service as its manifest says. */
export interface RenderedService {
  readonly name: string;
  /** Its own namespace, or its chart's. */
  readonly namespace?: string;
  /** Selector and ports, read from the rendered object at the time of the call. */
  spec(): { selector: { [key: string]: string }; ports: RenderedServicePort[] };
}

/** The Service object of `construct`: itself, or its default child (`Resource`), recursively. */
export function serviceOf(construct: IConstruct, factory: string): RenderedService {
  const isConstruct =
    typeof construct === 'object' && construct !== null && typeof construct.node?.path === 'string';
  if (!isConstruct) {
    throw new AksNetworkError(
      `${factory}: the service is ${describeValue(construct)}, not a construct`,
      'pass the Service construct (cdk8s-plus Service of any line, AppService, or an ApiObject of kind Service)',
    );
  }
  let obj: ApiObject;
  try {
    obj = ApiObject.of(construct);
  } catch {
    throw new AksNetworkError(
      `${factory}: ${construct.node.path} renders no ApiObject`,
      'pass the Service construct itself, or IngressTarget.serviceRef({ name, port, podLabels })',
    );
  }
  if (obj.kind !== 'Service') {
    throw new AksNetworkError(
      `${factory}: ${construct.node.path} is a ${obj.kind}, not a Service`,
      'route to the Service in front of the pods',
    );
  }
  return {
    name: obj.name,
    namespace: obj.metadata.namespace,
    spec: () => {
      const spec = ((obj.toJson() as { spec?: unknown }).spec ?? {}) as {
        selector?: { [key: string]: string };
        ports?: Array<{ port: number; targetPort?: number | string }>;
      };
      return {
        selector: { ...(spec.selector ?? {}) },
        ports: (spec.ports ?? []).map((p) => ({ port: p.port, targetPort: p.targetPort })),
      };
    },
  };
}
