import type { AllowedPrefix } from '@exaplug/protocol';
import { allowedPrefixesSchema, onInvalidConfigSchema } from './schema.js';
import type { ExaplugConfig } from './resolve-config.js';

/**
 * What exaplug may still do for safety when it must refuse its config: which routes are
 * its own (the allow-list) and what to do with those a previous exaplug left in ExaBGP.
 */
export interface SafetySettings {
  allowedPrefixes: AllowedPrefix[] | undefined;
  onInvalidConfig: ExaplugConfig['onInvalidConfig'];
}

/**
 * Reads the two safety sections of a config that is refused for other reasons (a bad
 * service, a missing plugin): each section counts only if it is itself valid.
 */
export function readSafetySettings(raw: unknown): SafetySettings {
  const sections = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const allowed = allowedPrefixesSchema.safeParse(sections.allowedPrefixes);
  const onInvalid = onInvalidConfigSchema.safeParse(sections.onInvalidConfig);
  return {
    allowedPrefixes: allowed.success ? allowed.data : undefined,
    onInvalidConfig: onInvalid.success ? onInvalid.data : onInvalidConfigSchema.parse(undefined),
  };
}
