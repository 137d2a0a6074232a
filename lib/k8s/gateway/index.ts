export * from './gateway-class';
export * from './listener';
export * from './ingress-gateway';
export * from './gateway-routes';
