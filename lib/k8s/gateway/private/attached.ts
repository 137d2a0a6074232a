// How a Gateway finds the routes attached to it: by looking at the construct tree when it renders,
// never through a list the routes write into.
import { IConstruct } from 'constructs';
import { RoutedBackend } from '../../controller';

/** What a Gateway needs of a set of routes attached to it (`GatewayRoutes`, found by its marker). */
export interface AttachedRoutes extends IConstruct {
  /** @internal marks route sets, so the gateway need not import their class */
  readonly _attachesToGateway: true;
  /** The gateway construct the routes attach to. */
  readonly gateway: IConstruct;
  /** The routes' namespace. */
  readonly namespace: string;
  /** @internal host + match of every route, for duplicates across route sets */
  _matchKeys(): string[];
  /** @internal the listener names the routes attach to */
  _listenerNames(): string[];
  routedBackends(): RoutedBackend[];
}

/** Every route set in the tree attached to `gateway`, in tree order. */
export function attachedRoutes(gateway: IConstruct): AttachedRoutes[] {
  return gateway.node.root.node
    .findAll()
    .filter(
      (c): c is AttachedRoutes =>
        (c as Partial<AttachedRoutes>)._attachesToGateway === true &&
        (c as AttachedRoutes).gateway === gateway,
    );
}
