import { expect, it } from 'vitest';
import { readOptionFile } from './read-option-file.js';
import { regexOption } from './regex-option.js';

it('refuses a regular expression that does not compile', () => {
  expect(regexOption.safeParse('^ok$').success).toBe(true);
  expect(regexOption.safeParse('(unclosed').error?.issues[0]?.message).toBe('expected a valid regular expression');
});

it('reads option files relative to the config directory and names the option when it cannot', () => {
  expect(readOptionFile('ca', 'hostname', '/etc')?.length).toBeGreaterThan(0);
  expect(readOptionFile('ca', undefined, '/etc')).toBeUndefined();
  expect(() => readOptionFile('tls.ca', 'missing.pem', '/nonexistent')).toThrow(/^tls\.ca: cannot read \/nonexistent\/missing\.pem$/);
});
