export { check, sqlCheck } from './sql-check.js';
export { sqlOptionsSchema } from './sql-options.js';
export type { SqlOptions } from './sql-options.js';
