/**
 * Makes the hand-formatted JSON of ExaBGP acceptable to JSON.parse. Only called after a
 * strict parse failed, so valid lines pay nothing.
 *
 * - 4.2 writes raw control bytes inside strings (a Cease shutdown-communication length
 *   octet, 0x17, in a `state down` reason): escaped as \u00XX, so the text survives.
 * - 4.2 doubles the quotes of route-refresh values: `"afi": ""ipv4""`.
 * - 6.0-dev writes End-of-RIB as `"null": [ "eor": { … } ]`, a key inside an array:
 *   turned into `"null": [ { "eor": { … } } ]`.
 */
export function repairExabgpJson(line: string): string {
  return escapeControlCharactersInStrings(line)
    .replace(/: ""([^"]*)""/g, ': "$1"')
    .replace(/\[\s*"eor"\s*:\s*(\{[^{}]*\})\s*\]/g, '[ { "eor": $1 } ]');
}

function escapeControlCharactersInStrings(line: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    const code = ch.charCodeAt(0);
    if (inString && code < 0x20) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
      continue;
    }
    if (inString && ch === '\\') {
      out += ch + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') inString = !inString;
    out += ch;
  }
  return out;
}
