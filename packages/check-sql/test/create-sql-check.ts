import { createCheckContext, type CheckInstance, type CheckResult } from '@exaplug/core/plugin';
import { check } from '../src/index.js';

/** Builds checks the way the runtime does (schema parse, then create) and closes them all at the end. */
export function createCheckFactory(configDir = '/') {
  const instances: CheckInstance[] = [];
  const create = async (options: Record<string, unknown>, serviceName = 'db'): Promise<CheckInstance> => {
    const instance = await check.create(check.options.parse(options), createCheckContext({ serviceName, configDir }));
    instances.push(instance);
    return instance;
  };
  const closeAll = async (): Promise<void> => {
    await Promise.all(instances.map((instance) => instance.close?.()));
  };
  return { create, closeAll };
}

/** One run with a signal nobody aborts. */
export function runOnce(instance: CheckInstance): Promise<CheckResult> {
  return instance.run({ signal: new AbortController().signal });
}

/** Polls `probe` until it returns true, failing after `timeoutMs`. */
export async function waitFor(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
