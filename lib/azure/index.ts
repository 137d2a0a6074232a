export * from './contracts';
export * from './network';
export * from './cluster';
export * from './egress';
