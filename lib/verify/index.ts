export * from './info';
export { SecurityRules } from './security-rules';
