export * from './errors';
export * from './models';
export * from './operations';
export * from './events';
export * from './bulk';
export type { KluisApi } from './api';
export * from './secret-classes';
export * from './property-index';
export * from './compare';
