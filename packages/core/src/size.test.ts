import { describe, expect, it } from 'vitest';
import { isExaplugError } from './errors.js';
import { formatSize, parseSize } from './size.js';

describe('sizes', () => {
  it('reads binary units and bare bytes', () => {
    expect(parseSize('512MB')).toBe(512 * 1024 ** 2);
    expect(parseSize('1.5GB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('800MiB')).toBe(800 * 1024 ** 2);
    expect(parseSize('64kb')).toBe(65_536);
    expect(parseSize(1000)).toBe(1000);
  });

  it('refuses zero, negatives and unknown units with EXAPLUG_SIZE_INVALID', () => {
    for (const bad of ['0MB', '12 parsecs', '-1GB', -5]) {
      expect(() => parseSize(bad)).toThrow(expect.objectContaining({ code: 'EXAPLUG_SIZE_INVALID' }));
    }
    expect(isExaplugError(new Error('x'))).toBe(false);
  });

  it('formats bytes for a log line', () => {
    expect(formatSize(1.5 * 1024 ** 2)).toBe('1.5MB');
    expect(formatSize(2 * 1024 ** 3)).toBe('2GB');
  });
});
