export * from './core';
export * from './plan';
export * from './verify';
export * from './azure';
export * from './k8s';
export * from './synth';
