export { Cidr } from './cidr';
