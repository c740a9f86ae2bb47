import { describe, expect, it } from 'vitest';
import { applyGracefulShutdownPolicy, withoutGracefulShutdownBlock } from './route-server-policy.js';

const config = `filter from_web {
  if ! (net ~ [ 2001:db8:30::/64{128,128} ]) then reject;
  # >>> RFC 8326 graceful shutdown
  if (65535, 0) ~ bgp_community then bgp_local_pref = 0;
  # <<< RFC 8326 graceful shutdown
  accept;
}`;

describe('withoutGracefulShutdownBlock', () => {
  it('drops the marked block and its markers, keeping everything else', () => {
    expect(withoutGracefulShutdownBlock(config)).toBe(`filter from_web {
  if ! (net ~ [ 2001:db8:30::/64{128,128} ]) then reject;
  accept;
}`);
  });

  it('refuses a block that is never closed', () => {
    expect(() => withoutGracefulShutdownBlock('# >>> RFC 8326\nx')).toThrow(/unclosed/);
  });
});

describe('applyGracefulShutdownPolicy', () => {
  it('leaves the shipped config as it is', () => {
    expect(applyGracefulShutdownPolicy(config, 'shipped')).toBe(config);
  });
});
