/**
 * Every key the app builds is one Forge KVS accepts, whatever the ticket, project or spreadsheet put in
 * it; ordinary values keep their readable keys (nothing stored before needs migrating).
 */
import { MemoryKeyValueStore, kvsKeyProblem } from '../../../../src/adapters/memory/memory-key-value-store';
import { kvsKeys } from '../../../../src/domain/idempotency';
import { kvsKeyPart } from '../../../../src/domain/kvs-key';
import { backendTokenSecretKey, settingsAuditPrefix, settingsStorageKey } from '../../../../src/domain/settings';
import { appendAudit } from '../../../../src/usecases/settings/settings-audit';

const HOSTILE = ['SUP/1?x=1', 'àcid ñ', 'a|b:c', '   ', '#23', '', '💥'.repeat(200), 'x'.repeat(600), 'ENS\n10'];

function allKeys(text: string): string[] {
  return [
    kvsKeys.runLease(text),
    kvsKeys.attachmentLock(text, text),
    kvsKeys.cloneLock(text, text),
    kvsKeys.integrated(text, text, text),
    settingsStorageKey(text),
    `${settingsAuditPrefix(text)}0000000000001:r1`,
    backendTokenSecretKey(text),
  ];
}

describe('the app’s KVS keys', () => {
  it('are all accepted by Forge’s rules, even built from hostile text', () => {
    for (const text of HOSTILE) {
      for (const key of allKeys(text)) expect([key, kvsKeyProblem(key)]).toEqual([key, null]);
    }
  });

  it('stay as they were for real values', () => {
    expect(kvsKeys.cloneLock('SUP-12', 'e-NOTUM')).toBe('setdiba:clone:SUP-12:e-NOTUM');
    expect(kvsKeys.integrated('PRO', 'MUX', '0801930008')).toBe('setdiba:integrated:PRO:MUX:0801930008');
    expect(kvsKeys.attachmentLock('SUP-1', 'ab12')).toBe('setdiba:attachment:SUP-1:ab12');
    expect(settingsStorageKey('SUP_2')).toBe('settings:SUP_2');
    expect(backendTokenSecretKey('SUP')).toBe('backend-token:SUP');
  });

  it('never collide: different parts give different keys', () => {
    const parts = ['a:b', 'a#3Ab', 'a#b', 'a b', 'a_b', 'a/b', '', '#', '#h', 'x'.repeat(600), 'x'.repeat(601)];
    const encoded = parts.map(kvsKeyPart);
    expect(new Set(encoded).size).toBe(parts.length);
    expect(kvsKeys.cloneLock('a:b', 'c')).not.toBe(kvsKeys.cloneLock('a', 'b:c'));
  });

  it('let the settings audit write under a project key Forge would otherwise refuse', async () => {
    const kvs = new MemoryKeyValueStore();
    await appendAudit(kvs, 'PRJ/ñ', { at: '2025-01-01T00:00:00Z', by: 'acc', action: 'save', revision: 1, changes: [] }, 'r1 / ñ');
    expect(Object.keys(kvs.snapshot())).toEqual([expect.stringMatching(/^settings-audit:PRJ#2F#C3#B1:\d{13}:\d{3}:r1#20#2F#20#C3#B1$/)]);
  });
});
