import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README promises a package that depends on nothing and runs wherever JavaScript does.
const packageDir = fileURLToPath(new URL('../', import.meta.url));
const sources = readdirSync(join(packageDir, 'src'))
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => ({ name, text: readFileSync(join(packageDir, 'src', name), 'utf8') }));

describe('@exaplug/protocol stands alone', () => {
  it('has no dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect([manifest['dependencies'], manifest['peerDependencies'], manifest['optionalDependencies']]).toEqual([undefined, undefined, undefined]);
  });

  it('imports only its own modules: no node: module, no package, nothing of exaplug', () => {
    expect(sources.length).toBeGreaterThan(20);
    const imports = sources.flatMap(({ name, text }) => [...text.matchAll(/^(?:import|export)\s[^'";]*?from\s+'([^']+)'/gm)].map((match) => `${name}: ${match[1]}`));
    expect(imports.length).toBeGreaterThan(20);
    expect(imports.filter((line) => !/: \.\/[\w-]+\.js$/.test(line))).toEqual([]);
  });

  it('never touches the process', () => {
    expect(sources.filter(({ text }) => /\bprocess\s*\.|\bBuffer\b|\brequire\(/.test(text)).map(({ name }) => name)).toEqual([]);
  });
});
