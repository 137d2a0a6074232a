export * from './types';
export * from './egress-catalogue';
export { EGRESS_CATALOGUE_VERSION } from './data';
