import { build as aksFeatures } from './aks-features/main';
import { build as hubSpoke } from './hub-spoke/main';
import { build as landingZone } from './landing-zone/main';
import { build as lockedDownEgress } from './locked-down-egress/main';
import { build as networkModels } from './network-models/main';
import { ExampleBuilder } from './run';
import { build as secureBaseline } from './secure-baseline/main';
import { build as secureBaselineNginx } from './secure-baseline-nginx/main';
import { build as serviceTypes } from './service-types/main';

/** Every example scenario by its folder name; `examples/app.ts` synthesizes them all. */
export const EXAMPLE_SCENARIOS: ReadonlyArray<{ readonly name: string; readonly build: ExampleBuilder }> = [
  { name: 'secure-baseline', build: secureBaseline },
  { name: 'secure-baseline-nginx', build: secureBaselineNginx },
  { name: 'service-types', build: serviceTypes },
  { name: 'network-models', build: networkModels },
  { name: 'locked-down-egress', build: lockedDownEgress },
  { name: 'hub-spoke', build: hubSpoke },
  { name: 'aks-features', build: aksFeatures },
  { name: 'landing-zone', build: landingZone },
];

/** The builders alone. */
export const EXAMPLES: ExampleBuilder[] = EXAMPLE_SCENARIOS.map((s) => s.build);
