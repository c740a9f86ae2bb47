export { check, httpCheck } from './http-check.js';
export { httpOptionsSchema } from './http-options.js';
export type { HttpOptions } from './http-options.js';
