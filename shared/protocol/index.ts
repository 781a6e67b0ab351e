export * from './errors';
export * from './version';
export * from './commands';
export * from './events';
export * from './http';
