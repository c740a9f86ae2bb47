export { check } from './check.js';
export { exampleOptions } from './options.js';
export type { ExampleOptions } from './options.js';
