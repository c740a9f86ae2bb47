import { asRecord, stringField } from './json-fields.js';
import type { Common, JsonMessageResult } from './json-message-types.js';
import type { AnnouncedRoute, WithdrawnRoute } from './messages.js';
import { parseJsonAttributes } from './parse-json-attributes.js';

type Json = Record<string, unknown>;

/**
 * The `message` object of a JSON `update`: routes announced and withdrawn, or End-of-RIB.
 * The hot path of a full table (a million lines): `for…in`, no `Object.entries` pairs, and
 * no intermediate objects per NLRI.
 */
export function parseJsonUpdate(common: Common, message: Json | undefined): JsonMessageResult {
  const eor = asRecord(message?.['eor']);
  if (eor) return eorMessage(common, eor);
  const update = asRecord(message?.['update']);
  if (!update) return { reason: 'update without an update or eor object' };
  const announce: AnnouncedRoute[] = [];
  const byFamily = asRecord(update['announce']);
  for (const family in byFamily) {
    const byNextHop = asRecord(byFamily[family]);
    for (const nextHop in byNextHop) {
      const nlris = byNextHop[nextHop];
      if (!Array.isArray(nlris)) continue;
      for (const nlri of nlris) {
        // 6.0-dev writes End-of-RIB as an announce under next-hop "null" (repaired upstream).
        const eorInside = asRecord(asRecord(nlri)?.['eor']);
        if (eorInside) return eorMessage(common, eorInside);
        const prefix = prefixOf(nlri);
        if (prefix === undefined) continue;
        const pathId = pathIdOf(nlri);
        announce.push(pathId === undefined ? { family, nextHop, prefix } : { family, nextHop, prefix, pathId });
      }
    }
  }
  const withdraw: WithdrawnRoute[] = [];
  const withdrawn = asRecord(update['withdraw']);
  for (const family in withdrawn) {
    const nlris = withdrawn[family];
    if (!Array.isArray(nlris)) continue;
    for (const nlri of nlris) {
      const prefix = prefixOf(nlri);
      if (prefix === undefined) continue;
      const pathId = pathIdOf(nlri);
      withdraw.push(pathId === undefined ? { family, prefix } : { family, prefix, pathId });
    }
  }
  return { message: { type: 'update', ...common, announce, withdraw, attributes: parseJsonAttributes(update['attribute']) } };
}

/** `{ "nlri": "p", "path-information": "x" }`, or with `exabgp.api.compact` a plain string. */
function prefixOf(nlri: unknown): string | undefined {
  // A record without a non-empty `nlri` is skipped; a compact string is taken as it is.
  return typeof nlri === 'string' ? nlri : stringField(asRecord(nlri), 'nlri') || undefined;
}

function pathIdOf(nlri: unknown): string | undefined {
  return typeof nlri === 'string' ? undefined : stringField(asRecord(nlri), 'path-information');
}

function eorMessage(common: Common, eor: Json): JsonMessageResult {
  const afi = stringField(eor, 'afi');
  const safi = stringField(eor, 'safi');
  if (!afi || !safi) return { reason: 'eor without afi/safi' };
  return { message: { type: 'eor', ...common, afi, safi } };
}
