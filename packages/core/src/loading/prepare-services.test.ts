import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { parseConfig } from '../config/parse-config.js';
import { silentLogger } from '../logger.js';
import { prepareServices } from './prepare-services.js';

async function problemsOf(services: Record<string, unknown>) {
  const config = parseConfig({ services }, undefined, '/nonexistent-dir');
  try {
    await prepareServices(config, silentLogger);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('prepareServices', () => {
  it('keeps each problem with its path, its own code and its cause', async () => {
    const problems = await problemsOf({
      web: { ips: ['192.0.2.1'], check: { use: 'no-such-check-anywhere' } },
      api: {
        ips: ['192.0.2.2'],
        check: { use: 'exec', with: { command: 'true' } },
        strategy: { use: 'fixed', with: { states: { down: { communities: ['65001:100000'] } } } },
      },
      db: { ips: ['192.0.2.3'], check: { use: 'exec', with: { command: 'true', cwdd: '/' } } },
    });
    expect(problems.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'services.web', code: 'EXAPLUG_PLUGIN_NOT_FOUND' },
      { path: 'services.api.strategy', code: 'EXAPLUG_ROUTE_INVALID' },
      { path: 'services.db.check.with', code: 'EXAPLUG_PLUGIN_OPTIONS' },
    ]);
    expect(problems[1]?.cause).toBeInstanceOf(Error);
    expect(problems[1]?.message).toMatch(/^in state down, route 0: .*communities must hold/);
  });
});
