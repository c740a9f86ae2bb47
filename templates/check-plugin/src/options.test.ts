import { describe, expect, it } from 'vitest';
import { exampleOptions } from './options.js';

describe('example options', () => {
  it('fills in the loopback host when none is given', () => {
    expect(exampleOptions.parse({ port: 6379, expect: '+PONG' }).host).toBe('127.0.0.1');
  });

  it('reads slowAfter into milliseconds, once', () => {
    expect(exampleOptions.parse({ port: 25, expect: '220 ', slowAfter: '1.5s' }).slowAfter).toBe(1500);
  });

  it('rejects a duration it cannot read, pointing at the option', () => {
    const result = exampleOptions.safeParse({ port: 25, expect: '220 ', slowAfter: 'soon' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['slowAfter']);
  });

  it('rejects a port outside 1-65535', () => {
    expect(exampleOptions.safeParse({ port: 70000, expect: 'x' }).success).toBe(false);
  });

  it('requires the text to expect', () => {
    expect(exampleOptions.safeParse({ port: 6379 }).success).toBe(false);
  });

  it('refuses an option it does not know, so a typo is not silently ignored', () => {
    const result = exampleOptions.safeParse({ port: 6379, expect: '+PONG', slowAftr: '1s' });
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['slowAftr'] });
  });
});
