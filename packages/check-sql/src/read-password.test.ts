import { describe, expect, it } from 'vitest';
import { readPassword } from './read-password.js';

describe('readPassword', () => {
  it('says why a password file cannot be read, never only an errno', async () => {
    const lookup = await readPassword({ passwordFile: 'no-such-password-file' }, '/nonexistent-dir');
    expect(lookup).toEqual({
      kind: 'missing',
      reason: 'cannot read password file /nonexistent-dir/no-such-password-file: ENOENT: no such file or directory',
    });
  });

  it('names an environment variable that is not set', async () => {
    expect(await readPassword({ passwordEnv: 'EXAPLUG_TEST_UNSET_PASSWORD' }, '/')).toEqual({
      kind: 'missing',
      reason: 'environment variable EXAPLUG_TEST_UNSET_PASSWORD is not set',
    });
  });
});
