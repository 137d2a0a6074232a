export * from './catalogue';
export * from './targets';
export * from './placement';
export * from './secure-egress-props';
export * from './secure-egress';
export * from './hub-props';
export * from './egress-hub';
export * from './egress-spoke';
