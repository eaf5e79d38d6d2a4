export * from './errors';
export * from './models';
export * from './operations';
export * from './events';
export type { KluisApi } from './api';
