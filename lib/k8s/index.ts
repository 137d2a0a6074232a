export * from './controller';
export * from './ingress';
export * from './services';
export * from './policy';
export * from './gateway';
