import { AsyncLocalStorage } from 'node:async_hooks';

/** Which plugin, for which service, is running: follows its callbacks, timers and promises. */
export interface PluginScope {
  service: string;
  plugin: string;
}

// One store per process, even with two copies of @exaplug/core installed: a plugin that
// brings its own copy must still be attributed by the shell's copy.
const storeKey = Symbol.for('exaplug.pluginScope');
const globals = globalThis as typeof globalThis & { [storeKey]?: AsyncLocalStorage<PluginScope> };
const storage = (globals[storeKey] ??= new AsyncLocalStorage<PluginScope>());

/** Runs `fn` (and everything it schedules) as the given plugin, so stray output and throws can be traced. */
export function runInPluginScope<T>(scope: PluginScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The plugin whose code is running now, if any. */
export function currentPluginScope(): PluginScope | undefined {
  return storage.getStore();
}
