import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseLoopbackAddresses } from '../translate/parse-loopback-addresses.js';

const run = promisify(execFile);

/**
 * The service IPs configured on `lo` (`ip -o address show dev lo`), as the healthcheck
 * finds them when no `--ip` is given. None when `ip` is missing or fails.
 */
export async function readLoopbackIps(label: string | undefined): Promise<string[]> {
  try {
    const { stdout } = await run('ip', ['-o', 'address', 'show', 'dev', 'lo'], { timeout: 5000 });
    return parseLoopbackAddresses(stdout, label);
  } catch {
    return [];
  }
}
