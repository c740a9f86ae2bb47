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
  // Each step only when its trigger is there: a megabyte of garbage costs a few scans.
  let repaired = escapeControlCharactersInStrings(line);
  if (repaired.includes(': ""')) repaired = repaired.replace(/: ""([^"]*)""/g, ': "$1"');
  if (repaired.includes('"eor"')) repaired = repaired.replace(/\[\s*"eor"\s*:\s*(\{[^{}]*\})\s*\]/g, '[ { "eor": $1 } ]');
  return repaired;
}

/** ExaBGP slips in one or two; a line with more is not ExaBGP's quirk but garbage. */
const maxControlCharacters = 64;

/** The line with control characters inside strings escaped; unchanged when there are none or too many. */
function escapeControlCharactersInStrings(line: string): string {
  const parts: string[] = [];
  let from = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 0x22) inString = !inString;
    else if (inString && code === 0x5c) i++;
    else if (inString && code < 0x20) {
      if (parts.length >= 2 * maxControlCharacters) return line;
      parts.push(line.slice(from, i), `\\u${code.toString(16).padStart(4, '0')}`);
      from = i + 1;
    }
  }
  if (parts.length === 0) return line;
  parts.push(line.slice(from));
  return parts.join('');
}
