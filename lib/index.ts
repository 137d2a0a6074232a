export * from './core';
export * from './plan';
