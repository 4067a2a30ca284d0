import { MemoryKeyValueStore } from '../../../src/adapters/memory/memory-key-value-store';
import { defaultSettings, InvalidSettingsError, SETTINGS_VERSION, settingsStorageKey, type Settings } from '../../../src/domain/settings';
import { loadSettings, loadSettingsRecord, saveSettings } from '../../../src/usecases/settings/load-settings';
import { AUDIT_RETENTION, listAudit } from '../../../src/usecases/settings/settings-audit';

let time = Date.parse('2026-11-26T09:00:00Z');
const clock = { now: () => new Date((time += 1000)) };

function configured(change: (s: Settings) => void = () => {}): Settings {
  const settings = defaultSettings();
  settings.services.MUX.ownerAccountId = 'toni';
  change(settings);
  return settings;
}

describe('loading settings', () => {
  it('gives the SetDIBA defaults when the project has none', async () => {
    const kvs = new MemoryKeyValueStore();
    expect(await loadSettings(kvs, 'SUP')).toEqual(defaultSettings());
    expect(await loadSettingsRecord(kvs, 'SUP')).toMatchObject({ revision: 0, stored: false });
  });

  it('applies migrations to settings stored by an older version', async () => {
    const kvs = new MemoryKeyValueStore();
    await kvs.set(settingsStorageKey('SUP'), { organization: 'SetDIBA', muxOwnerAccountId: 'toni', language: 'en' });
    const settings = await loadSettings(kvs, 'SUP');
    expect(settings.version).toBe(SETTINGS_VERSION);
    expect(settings.services.MUX.ownerAccountId).toBe('toni');
    expect(settings.comments.defaultLanguage).toBe('en');
  });

  it('keeps projects apart', async () => {
    const kvs = new MemoryKeyValueStore();
    await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: configured((s) => (s.splitMode = 'umbrella')), actor: 'ana' });
    expect((await loadSettings(kvs, 'SUP')).splitMode).toBe('umbrella');
    expect((await loadSettings(kvs, 'ALT')).splitMode).toBe('original-keeps-first');
  });

  it('refuses to run on a broken stored document rather than guessing', async () => {
    const kvs = new MemoryKeyValueStore();
    await kvs.set(settingsStorageKey('SUP'), { version: 1, splitMode: 'sideways' });
    await expect(loadSettings(kvs, 'SUP')).rejects.toBeInstanceOf(InvalidSettingsError);
  });
});

describe('saving settings', () => {
  it('stores the whole document and records who changed what and when', async () => {
    const kvs = new MemoryKeyValueStore();
    const first = await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: configured(), actor: 'ana', expectedRevision: 0 });
    expect(first).toMatchObject({ ok: true, record: { revision: 1, updatedBy: 'ana' } });
    const second = await saveSettings(
      { kvs, clock },
      { projectKey: 'SUP', input: configured((s) => (s.comments.publicToRequester = false)), actor: 'joan', expectedRevision: 1 },
    );
    expect(second).toMatchObject({ ok: true, changes: [{ path: 'comments.publicToRequester', before: true, after: false }] });
    const audit = await listAudit(kvs, 'SUP', { currentRevision: 2 });
    expect(audit.map((e) => [e.by, e.revision, e.action])).toEqual([
      ['joan', 2, 'save'],
      ['ana', 1, 'save'],
    ]);
    expect(audit[1]?.changes).toEqual([{ path: 'services.MUX.ownerAccountId', before: null, after: 'toni' }]);
  });

  it('is all or nothing: one invalid field and nothing changes', async () => {
    const kvs = new MemoryKeyValueStore();
    await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: configured(), actor: 'ana' });
    const before = kvs.snapshot();
    const input = { ...configured((s) => (s.splitMode = 'umbrella')), comments: { defaultLanguage: 'fr' } };
    const result = await saveSettings({ kvs, clock }, { projectKey: 'SUP', input, actor: 'ana' });
    expect(result).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'comments.defaultLanguage', code: 'invalid_value' }] });
    expect(kvs.snapshot()).toEqual(before);
  });

  it('requires the MUX owner while MUX is enabled', async () => {
    const kvs = new MemoryKeyValueStore();
    const result = await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: defaultSettings(), actor: 'ana' });
    expect(result).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'services.MUX.ownerAccountId', code: 'owner_required' }] });
  });

  it('runs the checks that need the outside world last, with the same all-or-nothing rule', async () => {
    const kvs = new MemoryKeyValueStore();
    const result = await saveSettings(
      { kvs, clock },
      {
        projectKey: 'SUP',
        input: configured(),
        actor: 'ana',
        extraValidation: async (s) => [{ path: 'services.MUX.ownerAccountId', code: 'owner_not_assignable', params: { accountId: s.services.MUX.ownerAccountId ?? '' } }],
      },
    );
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'owner_not_assignable' }] });
    expect(kvs.snapshot()).toEqual({});
  });

  it('refuses a save based on a page that someone else has saved since', async () => {
    const kvs = new MemoryKeyValueStore();
    await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: configured(), actor: 'ana', expectedRevision: 0 });
    const late = await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: configured(), actor: 'joan', expectedRevision: 0 });
    expect(late).toMatchObject({ ok: false, reason: 'conflict', currentRevision: 1, updatedBy: 'ana' });
  });

  it('does not log a save that changes nothing', async () => {
    const kvs = new MemoryKeyValueStore();
    await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: configured(), actor: 'ana' });
    const again = await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: configured(), actor: 'ana' });
    expect(again).toMatchObject({ ok: true, changes: [], record: { revision: 1 } });
    expect(await listAudit(kvs, 'SUP')).toHaveLength(1);
  });

  it('hides the audit entry of a save whose settings write failed', async () => {
    const kvs = new MemoryKeyValueStore();
    await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: configured(), actor: 'ana' });
    const failing = Object.create(kvs) as MemoryKeyValueStore;
    failing.set = async (key: string, value: unknown) => {
      if (key === settingsStorageKey('SUP')) throw new Error('KVS unavailable');
      return kvs.set(key, value);
    };
    await expect(
      saveSettings({ kvs: failing, clock }, { projectKey: 'SUP', input: configured((s) => (s.splitMode = 'umbrella')), actor: 'joan' }),
    ).rejects.toThrow('KVS unavailable');
    expect((await loadSettings(kvs, 'SUP')).splitMode).toBe('original-keeps-first');
    expect((await listAudit(kvs, 'SUP', { currentRevision: 1 })).map((e) => e.by)).toEqual(['ana']);
    // The retry succeeds and is the only entry for its revision.
    await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: configured((s) => (s.recognition.label = 'x')), actor: 'pere' });
    expect((await listAudit(kvs, 'SUP', { currentRevision: 2 })).map((e) => e.by)).toEqual(['pere', 'ana']);
  });

  it('keeps a bounded audit log', async () => {
    const kvs = new MemoryKeyValueStore();
    for (let i = 0; i < AUDIT_RETENTION + 5; i++) {
      await saveSettings({ kvs, clock }, { projectKey: 'SUP', input: configured((s) => (s.recognition.label = `l${i}`)), actor: 'ana' });
    }
    const keys = Object.keys(kvs.snapshot()).filter((k) => k.startsWith('settings-audit:SUP:'));
    expect(keys).toHaveLength(AUDIT_RETENTION);
    expect((await listAudit(kvs, 'SUP', { limit: 1 }))[0]?.changes[0]?.after).toBe(`l${AUDIT_RETENTION + 4}`);
  });
});
