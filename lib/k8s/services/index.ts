export * from './app-service';
export * from './azure-lb';
