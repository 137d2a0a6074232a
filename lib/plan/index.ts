export { Cidr } from './cidr';
export { PolicyEngine } from './policy-engine';
