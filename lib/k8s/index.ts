export * from './controller';
export * from './ingress';
export * from './services';
