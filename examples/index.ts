import { build as hubSpoke } from './hub-spoke/main';
import { build as lockedDownEgress } from './locked-down-egress/main';
import { build as networkModels } from './network-models/main';
import { ExampleBuilder } from './run';
import { build as secureBaseline } from './secure-baseline/main';

/** Every example scenario; `examples/app.ts` synthesizes them all. */
export const EXAMPLES: ExampleBuilder[] = [secureBaseline, networkModels, lockedDownEgress, hubSpoke];
