import { dirname } from 'node:path';
import { currentPluginScope, type PluginScope } from '../plugins/plugin-scope.js';
import type { PreparedService } from '../loading/prepare-services.js';

/** For errors thrown outside any plugin scope: the service whose plugin's files appear in the stack. */
export function scopeFromStack(services: readonly PreparedService[], error: unknown): PluginScope | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const match = services.find((s) => s.checkOrigin.file !== undefined && stack.includes(dirname(s.checkOrigin.file)));
  return match && { service: match.config.name, plugin: match.checkName };
}

/** The plugin an uncaught error came from: the scope it was thrown in, else the stack's. */
export function uncaughtScope(services: readonly PreparedService[], error: unknown): PluginScope | undefined {
  return currentPluginScope() ?? scopeFromStack(services, error);
}
