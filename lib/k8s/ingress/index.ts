export * from './app-ingress';
export { IngressTarget } from './ingress-target';
export type { ServiceRefProps } from './ingress-target';
export * from './internal-controller';
export * from './nginx-annotations';
export * from './route';
