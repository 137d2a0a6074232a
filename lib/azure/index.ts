export * from './contracts';
export * from './network';
export * from './cluster';
