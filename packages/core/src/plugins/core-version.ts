import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The version of @exaplug/core that is running, read from its package.json. */
export const coreVersion: string = (require('../../package.json') as { version: string }).version;
