/**
 * One part of a Forge KVS key. KVS refuses keys outside `^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$` or over 500
 * characters, and ':' separates the parts of the app's keys, so a part keeps only [A-Za-z0-9._-] as is
 * and writes every other UTF-8 byte as `#HH` ('#' itself included, so the encoding is reversible and
 * two parts never collide). Real values (issue and project keys, services, hashes, INE10 codes) need
 * no encoding, so existing keys do not change. A part that would still be long (hostile input) is
 * replaced by `#h` + its SHA-256, which no encoded part can start with.
 */
import { createHash } from 'node:crypto';

const MAX_PART_LENGTH = 120;
const KEPT = /^[A-Za-z0-9._-]$/;

export function kvsKeyPart(raw: string): string {
  let encoded = '';
  for (const char of raw) {
    if (KEPT.test(char)) {
      encoded += char;
      continue;
    }
    for (const byte of new TextEncoder().encode(char)) encoded += `#${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (encoded.length > MAX_PART_LENGTH) return `#h${createHash('sha256').update(raw).digest('hex')}`;
  return encoded;
}
