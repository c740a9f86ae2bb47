import { expect, it } from 'vitest';
import { formatTable } from './format-table.js';

it('aligns columns under their headers', () => {
  expect(formatTable(['route', 'med'], [['2001:db8:30::1/128', '100'], ['::2', '1000']])).toBe(
    ['route               med', '------------------  ----', '2001:db8:30::1/128  100', '::2                 1000'].join('\n'),
  );
});
