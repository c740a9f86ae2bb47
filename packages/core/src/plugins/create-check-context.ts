import { silentLogger } from '../logger.js';
import type { CheckContext } from './define-check.js';

/**
 * A CheckContext for calling `create` outside the runtime (a plugin's own tests, scripts):
 * silent logger, no neighbors, the working directory as the config directory.
 */
export function createCheckContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return { serviceName: 'test', configDir: process.cwd(), logger: silentLogger, neighbors: new Map(), ...overrides };
}
