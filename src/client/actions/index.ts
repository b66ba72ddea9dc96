export * from './target.js';
export * from './permissions.js';
export * from './mutate.js';
export * from './rollback.js';
export * from './cronjob.js';
export * from './node.js';
export * from './bulk.js';
