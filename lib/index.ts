export * from './core';
export * from './plan';
export * from './azure';
export * from './k8s';
export * from './verify';
