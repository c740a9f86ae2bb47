import { describe, expect, it } from 'vitest';
import { isExaplugError } from '../errors.js';
import { derivePluginNames } from './derive-plugin-names.js';

function scaffoldErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isExaplugError(error, 'EXAPLUG_SCAFFOLD')) return error.message;
    throw error;
  }
  throw new Error('expected an EXAPLUG_SCAFFOLD error');
}

describe('derivePluginNames', () => {
  it('spells a hyphenated name for packages, identifiers and types', () => {
    expect(derivePluginNames('check', 'smtp-banner')).toEqual({
      kind: 'check',
      name: 'smtp-banner',
      camel: 'smtpBanner',
      pascal: 'SmtpBanner',
      packageName: 'exaplug-check-smtp-banner',
      bareName: 'exaplug-check-smtp-banner',
    });
  });

  it('puts a scoped package under the scope, with or without its @', () => {
    expect(derivePluginNames('strategy', 'weighted', '@acme').packageName).toBe('@acme/strategy-weighted');
    expect(derivePluginNames('check', 'redis', 'acme')).toMatchObject({
      packageName: '@acme/check-redis',
      bareName: 'check-redis',
    });
  });

  it.each(['Redis', '1redis', 'red--is', 'redis-', 'red is', '../redis', ''])('rejects the name %j', (name) => {
    expect(scaffoldErrorOf(() => derivePluginNames('check', name))).toContain('lowercase letters');
  });

  it('rejects a name that repeats the prefix the package name adds', () => {
    expect(scaffoldErrorOf(() => derivePluginNames('check', 'check-redis'))).toContain('try "redis"');
  });

  it('rejects a scope npm would not accept', () => {
    expect(scaffoldErrorOf(() => derivePluginNames('check', 'redis', '@Acme/x'))).toContain('scope');
  });
});
