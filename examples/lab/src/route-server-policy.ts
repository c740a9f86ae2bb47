/**
 * The lab's route-server configs mark their RFC 8326 block between a `# >>> RFC 8326`
 * line and a `# <<< RFC 8326` line (both BIRD's and GoBGP's configs use `#` comments).
 */
const blockStart = /^\s*# >>> RFC 8326/;
const blockEnd = /^\s*# <<< RFC 8326/;

/** Whether the lab's route servers honour GRACEFUL_SHUTDOWN through the shipped config, or run as their defaults do. */
export type GracefulShutdownPolicy = 'shipped' | 'defaults';

/**
 * A route-server config without its RFC 8326 block (what the server does by default);
 * `npm run lab -- --rs-defaults` measures that. Throws on an unclosed block.
 */
export function withoutGracefulShutdownBlock(config: string): string {
  const kept: string[] = [];
  let inBlock = false;
  for (const line of config.split('\n')) {
    if (blockStart.test(line)) inBlock = true;
    else if (blockEnd.test(line)) inBlock = false;
    else if (!inBlock) kept.push(line);
  }
  if (inBlock) throw new Error('unclosed "# >>> RFC 8326" block');
  return kept.join('\n');
}

/** The config as the chosen policy wants it. */
export function applyGracefulShutdownPolicy(config: string, policy: GracefulShutdownPolicy): string {
  return policy === 'shipped' ? config : withoutGracefulShutdownBlock(config);
}
