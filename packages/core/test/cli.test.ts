import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runExaplug } from './e2e-support.js';

const example = fileURLToPath(new URL('../../../examples/single-node/exaplug.yaml', import.meta.url));

const exaplug = runExaplug;

describe('the commands people type', () => {
  let dir: string;
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('validate accepts the example and names its services', async () => {
    const result = await exaplug('validate', '--config', example);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('valid, 3 services');
    expect(result.stdout).toMatch(/web: 2001:db8:30::1\/128, .* check http, strategy rotate/);
  }, 20_000);

  it('validate refuses a bad config with one path: reason line per problem, exit 1', async () => {
    const config = join(dir, 'bad.yaml');
    await writeFile(
      config,
      'services:\n  web:\n    ips: [2001:db8::1/129]\n    check: { use: http, with: { url: "not a url" } }\n    rise: 0\n',
    );
    const result = await exaplug('validate', '--config', config);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${config} is invalid (EXAPLUG_CONFIG_INVALID):`);
    expect(result.stderr).toContain('services.web.ips.0: "2001:db8::1/129" length must be 0..128');
    expect(result.stderr).toMatch(/services\.web\.rise: /);
  }, 20_000);

  it('validate lists the plugin problems of the good services together with the schema problems', async () => {
    const config = join(dir, 'both.yaml');
    await writeFile(
      config,
      'onStop: never\nservices:\n  web:\n    ips: [2001:db8::1]\n    check: { use: http, with: { url: "ftp://x" } }\n  db:\n    ips: [2001:db8::2/200]\n    check: { use: exec, with: { command: "true" } }\n',
    );
    const result = await exaplug('validate', '--config', config);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/onStop: /);
    expect(result.stderr).toContain('services.db.ips.0: "2001:db8::2/200" length must be 0..128');
    expect(result.stderr).toContain('services.web.check.with.url: expected an http:// or https:// URL');
  }, 20_000);

  it("validate names a plugin's option by its path in the file", async () => {
    const config = join(dir, 'options.yaml');
    await writeFile(config, 'services:\n  web:\n    ips: [2001:db8::1]\n    check: { use: http, with: { url: "ftp://x" } }\n');
    const result = await exaplug('validate', '--config', config);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('services.web.check.with.url: expected an http:// or https:// URL');
  }, 20_000);

  it('validate refuses strategy options it does not know, which would leave the node announcing when down', async () => {
    const config = join(dir, 'rotate-typo.yaml');
    await writeFile(
      config,
      'services:\n  web:\n    ips: [2001:db8::1]\n    check: { use: exec, with: { command: "true" } }\n    strategy: { use: rotate, with: { node: 0, nodes: 2, withdrawOnDown: true, metric: { up: 50 } } }\n',
    );
    const result = await exaplug('validate', '--config', config);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('services.web.strategy.with: unknown keys "withdrawOnDown" (did you mean "withdrawOn"?), "metric" (did you mean "metrics"?)');
  }, 20_000);

  it('validate refuses a misspelt option of the built-in file check and suggests the right one', async () => {
    const config = join(dir, 'file-typo.yaml');
    await writeFile(config, 'services:\n  web:\n    ips: [2001:db8::1]\n    check: { use: file, with: { path: up, healthyWhn: missing } }\n');
    const result = await exaplug('validate', '--config', config);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('services.web.check.with: unknown key "healthyWhn" (did you mean "healthyWhen"?)');
  }, 20_000);

  it('validate reports a plugin that is not installed, naming the packages it looked for', async () => {
    const config = join(dir, 'missing.yaml');
    await writeFile(config, 'services:\n  web:\n    ips: [2001:db8::1]\n    check: { use: redis }\n');
    const result = await exaplug('validate', '--config', config);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no installed package "@exaplug/check-redis" or "exaplug-check-redis" or "redis"');
  }, 20_000);

  it('plan prints the rotated MEDs of every node and this node’s commands', async () => {
    const result = await exaplug('plan', '--config', example);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('service web: strategy rotate, this is node 0 of 3');
    expect(result.stdout).toMatch(/2001:db8:30::1\/128\s+102\s+101\s+100/);
    expect(result.stdout).toMatch(/2001:db8:30::3\/128\s+100\s+102\s+101/);
    expect(result.stdout).toMatch(/2001:db8:30::1\/128\s+1002\s+1001\s+1000/);
    expect(result.stdout).toContain('down      announce route 2001:db8:31::1/128 next-hop self med 1000');
    expect(result.stdout).toContain('down      withdraw route 192.0.2.53/32 next-hop self');
  }, 20_000);

  it('plan speaks the 6.x dialect when asked', async () => {
    const result = await exaplug('plan', '--config', example, '--dialect', 'peer');
    expect(result.stdout).toContain('up        peer * announce route 2001:db8:30::1/128 next-hop self med 102');
  }, 20_000);

  it('plugins lists the built-ins and the installed check packages by the name use: takes, with packages, versions and origins', async () => {
    const result = await exaplug('plugins', '--config', example);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/kind\s+use\s+package\s+version\s+from/);
    expect(result.stdout).toMatch(/check\s+exec\s+@exaplug\/core\s+0\.1\.0\s+built in/);
    expect(result.stdout).toMatch(/check\s+http\s+@exaplug\/check-http\s+0\.1\.0\s+\S+node_modules\/@exaplug\/check-http/);
    expect(result.stdout).toMatch(/web\s+check\s+http\s+0\.1\.0\s+\S+check-http\/dist\/index\.js/);
  }, 20_000);
});
