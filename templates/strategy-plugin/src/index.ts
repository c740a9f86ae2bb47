export { strategy } from './strategy.js';
export { exampleOptions } from './options.js';
export type { ExampleOptions } from './options.js';
