export * from './app-ingress';
export { IngressTarget, ServiceRefProps } from './ingress-target';
export * from './internal-controller';
export * from './nginx-annotations';
