import { build as networkModels } from './network-models/main';
import { ExampleBuilder } from './run';

/** Every example scenario; `examples/app.ts` synthesizes them all. */
export const EXAMPLES: ExampleBuilder[] = [networkModels];
