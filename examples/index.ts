import { build as networkModels } from './network-models/main';
import { build as hubSpoke } from './hub-spoke/main';
import { build as lockedDownEgress } from './locked-down-egress/main';
import { ExampleBuilder } from './run';

/** Every example scenario; `examples/app.ts` synthesizes them all. */
export const EXAMPLES: ExampleBuilder[] = [networkModels, lockedDownEgress, hubSpoke];
