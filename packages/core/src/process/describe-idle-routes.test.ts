import { describe, expect, it } from 'vitest';
import { parseAllowedPrefix } from '@exaplug/protocol';
import { describeIdleRoutes } from './describe-idle-routes.js';

const allowedPrefixes = [parseAllowedPrefix('192.0.2.0/24 le 32')];

describe('what idle mode says it does with the routes a previous exaplug left', () => {
  it('withdraws them once onInvalidConfig.after has passed, and says in how long', () => {
    const safety = { allowedPrefixes, onInvalidConfig: { action: 'withdraw', after: 30_000 } } as const;
    expect(describeIdleRoutes(safety, 12_000)).toEqual({ action: 'withdraw', afterSeconds: 30, inSeconds: 18 });
    expect(describeIdleRoutes(safety, 45_000)).toEqual({ action: 'withdraw', afterSeconds: 30, inSeconds: 0 });
  });

  it('keeps them with action keep', () => {
    expect(describeIdleRoutes({ allowedPrefixes, onInvalidConfig: { action: 'keep', after: 30_000 } }, 0)).toEqual({ action: 'keep' });
  });

  it('touches nothing without a readable allow-list: it cannot tell its routes from others', () => {
    expect(describeIdleRoutes(undefined, 0)).toMatchObject({ action: 'none', why: expect.stringMatching(/no readable allowedPrefixes/) });
    expect(describeIdleRoutes({ allowedPrefixes: undefined, onInvalidConfig: { action: 'withdraw', after: 1000 } }, 0)).toMatchObject({ action: 'none' });
  });
});
