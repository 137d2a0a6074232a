export * from './contracts';
export * from './network';
