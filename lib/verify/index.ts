export * from './info';
export { SecurityRules } from './suppressions';
export { DeployPlan } from './deploy-plan/acknowledge';
export { DurationBasis } from './deploy-plan/durations';
export type { ResourceDurationInfo } from './deploy-plan/durations';
export { CrossLayerChecks } from './construct-data';
