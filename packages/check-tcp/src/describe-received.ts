const maxShown = 60;

/** What has arrived so far, short and quoted, for a reason: `received "HTTP/1.1 200 OK\r\n…"`. */
export function describeReceived(received: Buffer): string {
  if (received.length === 0) return 'received nothing';
  const text = received.toString('utf8');
  const shown = text.length > maxShown ? `${text.slice(0, maxShown)}…` : text;
  return `received ${JSON.stringify(shown)}`;
}
