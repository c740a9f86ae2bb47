import { describe, expect, it } from 'vitest';
import { httpCheckFromCurl, splitShellWords } from './http-check-from-curl.js';

describe('httpCheckFromCurl', () => {
  it('turns a plain curl -sf of a URL into an http check', () => {
    expect(httpCheckFromCurl('curl -sf http://[::1]/health')).toEqual({ check: { use: 'http', with: { url: 'http://[::1]/health', expectStatus: ['200-399'] } } });
  });

  it('keeps -L and -k as the check options that do the same, and --max-time as the deadline', () => {
    const translation = httpCheckFromCurl("/usr/bin/curl --fail --silent --max-time 2 -L -k 'https://127.0.0.1/'");
    expect(translation?.check.with).toEqual({
      url: 'https://127.0.0.1/',
      expectStatus: ['200-399'],
      followRedirects: true,
      insecure: true,
    });
    expect(translation?.maxTimeMs).toBe(2000);
  });

  it('leaves a curl without --fail as a command, since it succeeds on any status', () => {
    expect(httpCheckFromCurl('curl -s http://127.0.0.1/')).toBeUndefined();
  });

  it('leaves anything more than one plain curl as a command', () => {
    for (const command of ['curl -sf http://x/ | grep ok', 'curl -sf -H "Host: a" http://x/', 'curl -sf $URL', 'wget -q http://x/', 'curl -sf http://a/ http://b/']) {
      expect(httpCheckFromCurl(command), command).toBeUndefined();
    }
  });
});

describe('splitShellWords', () => {
  it('reads quotes and backslashes and refuses shell syntax', () => {
    expect(splitShellWords(`curl  'a b' "c d" e\\ f`)).toEqual(['curl', 'a b', 'c d', 'e f']);
    expect(splitShellWords('true && false')).toBeUndefined();
    expect(splitShellWords("curl 'open")).toBeUndefined();
  });
});
