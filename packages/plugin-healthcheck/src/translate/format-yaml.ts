/** Words YAML would read as something other than a string. */
const reserved = /^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_.]*|\.inf|\.nan)(e[-+]?\d+)?)$/i;
const plain = /^[A-Za-z0-9_/.@][A-Za-z0-9_/.@:+\- [\]]*$/;

function scalar(value: unknown, inFlow: boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  const unsafe = reserved.test(text) || !plain.test(text) || text.endsWith(' ') || (inFlow && /[[\], ]/.test(text));
  return unsafe ? JSON.stringify(text) : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A config object as block YAML, lists of scalars in flow style (`ips: [a, b]`), strings
 * quoted only when YAML would misread them. Enough for what `exaplug migrate` prints.
 */
export function formatYaml(value: Record<string, unknown>, indent = ''): string {
  const lines: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (isRecord(item)) {
      lines.push(Object.keys(item).length === 0 ? `${indent}${key}: {}` : `${indent}${key}:\n${formatYaml(item, `${indent}  `)}`);
    } else if (Array.isArray(item)) {
      lines.push(`${indent}${key}: [${item.map((entry) => scalar(entry, true)).join(', ')}]`);
    } else {
      lines.push(`${indent}${key}: ${scalar(item, false)}`);
    }
  }
  return lines.join('\n');
}
