export * from './info';
export { SecurityRules } from './security-rules';
export { CrossLayerChecks } from './cross-layer';
export type { CrossLayerChecksProps } from './cross-layer';
