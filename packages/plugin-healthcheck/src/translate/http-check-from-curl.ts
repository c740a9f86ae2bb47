/** Characters that make a command more than one program with its arguments. */
const shellSyntax = /[|;&$`<>(){}*?~\n]/;

/** Splits a simple `sh -c` command into words (quotes, backslashes); undefined when it uses more of the shell. */
export function splitShellWords(command: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let index = 0; index < command.length; index++) {
    const char = command[index] as string;
    if (char === "'" || char === '"') {
      const end = command.indexOf(char, index + 1);
      if (end < 0) return undefined;
      const quoted = command.slice(index + 1, end);
      if (char === '"' && /[$`\\]/.test(quoted)) return undefined;
      word = (word ?? '') + quoted;
      index = end;
    } else if (char === '\\') {
      word = (word ?? '') + (command[++index] ?? '');
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (shellSyntax.test(char)) {
      return undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** curl's short flags that change nothing a check cares about, plus -f. */
const quietFlags = new Set(['s', 'S', 'f', 'L', 'k']);
const longFlags: Record<string, string> = { '--silent': 's', '--show-error': 'S', '--fail': 'f', '--location': 'L', '--insecure': 'k' };

/** The http check, and curl's `--max-time` in ms: the service's deadline, since a check has no timeout of its own. */
export interface CurlTranslation {
  check: { use: 'http'; with: Record<string, unknown> };
  maxTimeMs?: number;
}

/**
 * The `http` check that does what a plain `curl -sf URL` does, or undefined when the command
 * is anything else. Without `-f` curl succeeds on any status, so only `-f`/`--fail` commands
 * qualify; curl fails from status 400, hence `expectStatus: ['200-399']`.
 */
export function httpCheckFromCurl(command: string): CurlTranslation | undefined {
  const words = splitShellWords(command);
  if (!words || !/^(\/usr)?(\/bin\/)?curl$/.test(words[0] ?? '')) return undefined;
  const flags = new Set<string>();
  let url: string | undefined;
  let timeoutSeconds: number | undefined;
  for (let index = 1; index < words.length; index++) {
    const word = words[index] as string;
    if (word === '-m' || word === '--max-time') {
      timeoutSeconds = Number(words[++index]);
      if (!(timeoutSeconds > 0)) return undefined;
    } else if (longFlags[word]) {
      flags.add(longFlags[word]);
    } else if (/^-[A-Za-z]+$/.test(word) && [...word.slice(1)].every((flag) => quietFlags.has(flag))) {
      for (const flag of word.slice(1)) flags.add(flag);
    } else if (/^https?:\/\//.test(word) && url === undefined) {
      url = word;
    } else {
      return undefined;
    }
  }
  if (url === undefined || !flags.has('f')) return undefined;
  const options: Record<string, unknown> = { url, expectStatus: ['200-399'] };
  if (flags.has('L')) options.followRedirects = true;
  if (flags.has('k')) options.insecure = true;
  const check = { use: 'http' as const, with: options };
  return timeoutSeconds === undefined ? { check } : { check, maxTimeMs: timeoutSeconds * 1000 };
}
