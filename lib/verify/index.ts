export * from './info';
export { SecurityRules } from './suppressions';
