/**
 * What a native Catalan or Spanish speaker would correct (issue 13, "Language"), checked on the real
 * catalogue entries rendered the way the app renders them: counts 0/1/2, service names, days 1/2/11,
 * ISO dates and timestamps as the server passes them. docs/glossary.md is the rulebook.
 */
import { format, type Catalogue, type Lang } from '../../../src/i18n';
import { panelMessages, tPanel } from '../../../src/i18n/catalog/panel';
import { pipelineMessages, pipelineText } from '../../../src/i18n/catalog/pipeline';
import { sandboxMessages, sandboxText } from '../../../src/i18n/catalog/sandbox';
import { settingsPageMessages } from '../../../src/i18n/catalog/settings-page';
import { settingsMessages, settingsText } from '../../../src/i18n/catalog/settings';
import { templateMessages, tTemplate } from '../../../src/i18n/catalog/template';

const pipeline = (lang: Lang) => pipelineText(lang, { strict: true });
const settingsPage = (lang: Lang, key: keyof typeof settingsPageMessages.ca, params = {}) =>
  format(settingsPageMessages[lang][key], params, lang);

const CATALOGUES: Record<string, Catalogue<Record<string, string>>> = {
  panel: panelMessages,
  pipeline: pipelineMessages,
  sandbox: sandboxMessages,
  'settings-page': settingsPageMessages,
  settings: settingsMessages,
  template: templateMessages,
};

function* entries(lang: Lang): Generator<[string, string]> {
  for (const [name, catalogue] of Object.entries(CATALOGUES)) {
    for (const [key, text] of Object.entries(catalogue[lang])) yield [`${name} · ${key}`, text];
  }
}

describe('counts agree with their noun (ICU plurals)', () => {
  it.each([
    ['results.part.integrated', '1 integrat', '2 integrats', '1 integrado', '2 integrados'],
    ['results.part.already', '1 ja integrat', '2 ja integrats', '1 ya integrado', '2 ya integrados'],
    ['results.part.waiting', '1 pendent de confirmació', '2 pendents de confirmació', '1 pendiente de confirmación', '2 pendientes de confirmación'],
    ['results.part.rejected', '1 rebutjat', '2 rebutjats', '1 rechazado', '2 rechazados'],
    ['results.part.checklist', "1 pendent d'un agent", "2 pendents d'un agent", '1 pendiente de un agente', '2 pendientes de un agente'],
    ['results.part.muxPending', '1 pendent de la data de pas a producció', '2 pendents de la data de pas a producció', '1 pendiente de la fecha de paso a producción', '2 pendientes de la fecha de paso a producción'],
    ['results.part.blocked', '1 bloquejat pel certificat', '2 bloquejats pel certificat', '1 bloqueado por el certificado', '2 bloqueados por el certificado'],
  ])('%s: one and other in ca and es', (key, ca1, ca2, es1, es2) => {
    expect(pipeline('ca')(key, { n: 1 })).toBe(ca1);
    expect(pipeline('ca')(key, { n: 2 })).toBe(ca2);
    expect(pipeline('es')(key, { n: 1 })).toBe(es1);
    expect(pipeline('es')(key, { n: 2 })).toBe(es2);
  });

  it('a million takes the plural form and the language grouping (ICU says "many", which falls back to other)', () => {
    expect(pipeline('ca')('results.part.integrated', { n: 1_000_000 })).toBe('1.000.000 integrats');
    expect(pipeline('es')('results.part.integrated', { n: 1_000_000 })).toBe('1.000.000 integrados');
  });

  it('the summary line of every results comment', () => {
    const ca = pipeline('ca');
    const parts = [ca('results.part.checklist', { n: 1 }), ca('results.part.waiting', { n: 1 }), ca('results.part.rejected', { n: 7 })];
    expect(ca('results.summary', { total: 9, parts })).toBe(
      "9 ens en aquest tiquet: 1 pendent d'un agent, 1 pendent de confirmació i 7 rebutjats.",
    );
    const es = pipeline('es');
    expect(es('results.summary', { total: 1, parts: es('results.part.muxPending', { n: 1 }) })).toBe(
      '1 ente en esta solicitud: 1 pendiente de la fecha de paso a producción.',
    );
  });

  it('"1 files sense servei", "1 (0 públics)", "1 certificats més" and the panel counters', () => {
    expect(tPanel('ca', 'unassignedRows', { count: 1 })).toBe('1 fila sense servei: cal que algú la revisi.');
    expect(tPanel('ca', 'unassignedRows', { count: 2 })).toBe('2 files sense servei: cal que algú les revisi.');
    expect(tPanel('es', 'unassignedRows', { count: 1 })).toBe('1 fila sin servicio: alguien tiene que revisarla.');
    expect(tPanel('ca', 'commentsPosted', { count: 1, public: 0 })).toBe('1 (cap públic)');
    expect(tPanel('ca', 'commentsPosted', { count: 2, public: 1 })).toBe('2 (1 públic)');
    expect(tPanel('es', 'commentsPosted', { count: 3, public: 2 })).toBe('3 (2 públicos)');
    expect(settingsText('ca', 'note_chain_ignored', { ignored: 1 })).toBe(
      "El fitxer tenia 1 certificat més (el de l'emissor); s'ha desat només el del titular.",
    );
    expect(settingsText('es', 'note_chain_ignored', { ignored: 1 })).toBe(
      'El fichero tenía 1 certificado más (el del emisor); se ha guardado solo el del titular.',
    );
    expect(tPanel('ca', 'attachmentRows', { count: 1 })).toBe('1 fila');
    expect(tPanel('ca', 'countWait', { count: 1 })).toBe('1 pendent de confirmació');
    expect(tPanel('es', 'countReject', { count: 1 })).toBe('1 rechazada');
    expect(sandboxText('ca', 'live.queued', { count: 1 })).toBe('1 tasca a la cua');
    expect(tTemplate('es', 'cli.check.summary', { file: 'x.xlsx', entities: 1, valid: 1, invalid: 0, warnings: 1 })).toBe(
      'x.xlsx: 1 ente, 1 correcto, 0 con errores, 1 aviso.',
    );
  });

  it('one MUX ens is "l\'ens", several are "els N ens"', () => {
    // One ens is named, so the owner knows which one goes to production.
    expect(tPanel('ca', 'muxIntegrateIntro', { count: 1, env: 'PRO', ens: "0800230008 Ajuntament d'Aguilar de Segarra" })).toBe(
      "S'integrarà a PRO l'ens MUX 0800230008 Ajuntament d'Aguilar de Segarra amb el certificat CDA de SetDIBA.",
    );
    expect(tPanel('ca', 'muxIntegrateIntro', { count: 3, env: 'PRO', ens: '' })).toBe(
      "S'integraran a PRO els 3 ens MUX d'aquest tiquet amb el certificat CDA de SetDIBA.",
    );
  });

  it('"Adjunteu-lo" points at one file, "Adjunteu-los" at two', () => {
    expect(pipeline('ca')('unreadable.outro', { count: 1 })).toMatch(/^Adjunteu-lo de nou a aquest tiquet/);
    expect(pipeline('ca')('unreadable.outro', { count: 2 })).toMatch(/^Adjunteu-los de nou a aquest tiquet/);
    expect(pipeline('es')('unreadable.outro', { count: 2 })).toMatch(/^Adjúntelos de nuevo a esta solicitud/);
  });

  it('days left: 0 is "less than a day", 1 is "dia", 11 is "dies"', () => {
    const notice = (lang: Lang, days: number) => pipeline(lang)('certificate.expiringNotice', { date: '2027-03-01', days });
    expect(notice('ca', 0)).toContain("(d'aquí a menys d'un dia)");
    expect(notice('ca', 1)).toContain("(d'aquí a 1 dia)");
    expect(notice('ca', 11)).toContain("(d'aquí a 11 dies)");
    expect(notice('es', 1)).toContain('(dentro de 1 día)');
    expect(settingsText('ca', 'status_expiring', { days: 1 })).toBe("Caduca d'aquí a 1 dia: cal demanar-ne la renovació a SetDIBA.");
  });
});

describe('Catalan elides before a vowel sound; Spanish never does', () => {
  it.each([
    ['MUX', 'Descarrega el fitxer de MUX'],
    ['OVER', "Descarrega el fitxer d'OVER"],
    ['e-NOTUM', "Descarrega el fitxer d'e-NOTUM"],
    ['e-TAULER', "Descarrega el fitxer d'e-TAULER"],
  ])('download button for %s', (service, expected) => {
    expect(tPanel('ca', 'download', { service })).toBe(expected);
    expect(tPanel('es', 'download', { service })).toBe(`Descargar el fichero de ${service}`);
  });

  it('in every key that puts a service after "de"', () => {
    expect(settingsText('ca', 'downloadTemplate', { service: 'OVER' })).toBe("Descarrega la plantilla d'OVER");
    expect(settingsText('es', 'downloadTemplate', { service: 'e-NOTUM' })).toBe('Descargar la plantilla de e-NOTUM');
    expect(tPanel('ca', 'errorNoRowsForService', { service: 'e-NOTUM' })).toBe("Aquest tiquet no té cap fila d'e-NOTUM.");
    expect(tTemplate('ca', 'cli.template.written', { service: 'e-NOTUM', file: 't.xlsx' })).toBe(
      "Plantilla en blanc d'e-NOTUM desada a t.xlsx.",
    );
    expect(tPanel('ca', 'writeIntegrate', { count: 3, service: 'e-TAULER', env: 'PRO', serial: '0A' })).toBe(
      "Integrar 3 ens d'e-TAULER a PRO amb el certificat de número de sèrie 0A",
    );
  });

  it('before numbers: "d\'1", "d\'11", "de 2"', () => {
    expect(tPanel('ca', 'pageOf', { page: 2, pages: 11 })).toBe("Pàgina 2 d'11");
    expect(tPanel('ca', 'pageOf', { page: 1, pages: 2 })).toBe('Pàgina 1 de 2');
  });
});

describe('dates read as people write them', () => {
  it('"caduca l\'1 de març de 2027", never "caduca el 1" nor "1 de març 2027"', () => {
    const valid = (lang: Lang, date: string) => tPanel(lang, 'certValid', { serial: '0A', date });
    expect(valid('ca', '2027-03-01')).toBe("Certificat CDA vigent: número de sèrie 0A, caduca l'1 de març de 2027.");
    expect(valid('ca', '2027-03-02')).toBe('Certificat CDA vigent: número de sèrie 0A, caduca el 2 de març de 2027.');
    expect(valid('ca', '2026-04-11')).toBe("Certificat CDA vigent: número de sèrie 0A, caduca l'11 d'abril de 2026.");
    expect(valid('es', '2027-03-01')).toBe('Certificado CDA vigente: número de serie 0A, caduca el 1 de marzo de 2027.');
  });

  it('"a partir de l\'1", "a partir del 2"', () => {
    expect(tPanel('ca', 'muxDateNotReached', { date: '2027-03-01' })).toBe("Es podrà integrar a partir de l'1 de març de 2027.");
    expect(tPanel('ca', 'muxDateNotReached', { date: '2027-03-02' })).toBe('Es podrà integrar a partir del 2 de març de 2027.');
    expect(tPanel('es', 'muxDateNotReached', { date: '2027-03-01' })).toBe('Se podrá integrar a partir del 1 de marzo de 2027.');
  });

  it('a date the browser already wrote out takes its article too', () => {
    expect(tPanel('ca', 'certValid', { serial: '0A', date: '11 de març de 2027' })).toContain("caduca l'11 de març de 2027");
  });

  it('certificate in use "de l\'1 … a l\'11", es "del 1 … al 11"', () => {
    expect(settingsText('ca', 'inUse', { from: '2027-03-01', until: '2028-04-11' })).toBe(
      "En ús de l'1 de març de 2027 a l'11 d'abril de 2028",
    );
    expect(settingsText('es', 'inUse', { from: '2027-03-01', until: '2028-04-11' })).toBe(
      'En uso del 1 de marzo de 2027 al 11 de abril de 2028',
    );
  });

  it('the save conflict names the day and the hour in Madrid, never an ISO timestamp', () => {
    expect(settingsText('ca', 'conflictBody', { who: 'Laia Ferrer', when: '2026-03-01T10:22:33.123Z' })).toBe(
      "Laia Ferrer ha desat la configuració l'1 de març de 2026 a les 11:22. Torneu-la a carregar i repetiu els canvis.",
    );
    expect(settingsText('ca', 'conflictBody', { who: 'Laia Ferrer', when: '2026-03-01T00:05:00Z' })).toContain('a la 1:05.');
    expect(settingsText('es', 'conflictBody', { who: 'Laia Ferrer', when: '2026-03-01T10:22:33.123Z' })).toBe(
      'Laia Ferrer ha guardado la configuración el 1 de marzo de 2026 a las 11:22. Vuelva a cargarla y repita los cambios.',
    );
  });

  it('last saved: "Desat per … l\'1 de març de 2026 a les 11:22", never "el 1 de març 2026, 11:22"', () => {
    expect(settingsPage('ca', 'lastSaved', { who: 'Laia Ferrer', when: '2026-03-01T10:22:33Z' })).toBe(
      "Desat per Laia Ferrer l'1 de març de 2026 a les 11:22",
    );
    expect(settingsPage('es', 'lastSaved', { who: 'Laia Ferrer', when: '2026-03-01T00:05:00Z' })).toBe(
      'Guardado por Laia Ferrer el 1 de marzo de 2026 a la 1:05',
    );
  });

  it('dates in comments are long dates, not 2027-02-01', () => {
    expect(pipeline('ca')('mux.dateItem', { name: 'Ajuntament de Sabadell', codiEns: '0818780001', date: '2027-02-01' })).toBe(
      'Ajuntament de Sabadell (0818780001): 1 de febrer de 2027',
    );
    expect(pipeline('es')('detail.muxDate', { date: '2027-02-01' })).toBe('Fecha de paso a producción indicada: 1 de febrero de 2027.');
  });

  it('"des de la 1:05", "des de les 13:05"', () => {
    expect(tPanel('ca', 'runSince', { time: '2026-03-01T00:05:00Z' })).toBe('des de la 1:05');
    expect(tPanel('ca', 'runSince', { time: '13:05' })).toBe('des de les 13:05');
    expect(tPanel('es', 'runSince', { time: '2026-03-01T12:05:00Z' })).toBe('desde las 13:05');
  });
});

describe('one word per concept, one register, one apostrophe', () => {
  const caTexts = [...entries('ca')];
  const esTexts = [...entries('es')];

  it('Catalan writes the straight apostrophe only (the data and the headers use it)', () => {
    expect(caTexts.filter(([, text]) => text.includes('\u2019')).map(([key]) => key)).toEqual([]);
  });

  it('Catalan says "tiquet", never "sol·licitud" or "incidència" for the ticket', () => {
    // "tipus de sol·licitud" is JSM's field and "sol·licitant" the person: both stay.
    const wrong = caTexts.filter(([, text]) => /incidència|sol·licitud/i.test(text.replace(/tipus de sol·licitud/gi, '')));
    expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('Catalan says "ens", never "entitats"; "descarregar", never "baixar"', () => {
    expect(caTexts.filter(([, text]) => /\bentitats?\b/i.test(text)).map(([key]) => key)).toEqual([]);
    expect(caTexts.filter(([, text]) => /\bbaix(a|at|ar)\b/i.test(text)).map(([key]) => key)).toEqual([]);
    expect(tPanel('ca', 'downloaded', { fileName: 'SetDIBA-OVER-SUP-1.xlsx' })).toBe("S'ha descarregat SetDIBA-OVER-SUP-1.xlsx.");
  });

  it('Catalan messages use vós: no "pots", "prem", "puja només", "avisa l\'equip", "desis"', () => {
    const tu = /\b(pots|Prem|Puja només|avisa l'equip|desis|pugis|Espera que|torna-ho a provar d'aquí|Selecciona'ls|selecciona'ls?|Actualitza el)\b/;
    expect(caTexts.filter(([, text]) => tu.test(text)).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('Spanish says "solicitud", never "tique", "ticket" or "incidencia"', () => {
    expect(esTexts.filter(([, text]) => /\b(tiques?|tickets?|incidencias?)\b/i.test(text)).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('Spanish speaks as usted: no vosotros ("cargad") and no tú ("vuelve a intentarlo", "sube", "puedes")', () => {
    const familiar = /\b(cargad|subid|revisad|puedes|Vuelve a intentarlo|vuelve a intentarlo|Sube|sube un|Elige|Busca una|Pulsa|Selecciónalos|selecciónal[oa]s?|avisa al|guardes|subas|Espera a que|Actualiza el|Crea uno|cambia a)\b/;
    expect(esTexts.filter(([, text]) => familiar.test(text)).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});

describe('English names the public body "entity", never "body" nor the Catalan "ens"', () => {
  it('in the panel, every text an agent reads', () => {
    const wrong = Object.entries(panelMessages.en).filter(([, text]) => /\b(body|bodies|ens)\b/i.test(text.replace(/\{[^}]*\}/g, '')));
    expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});

describe('every catalogue entry is a valid ICU message that renders', () => {
  it.each(['ca', 'es', 'en'] as const)('%s: counts 0, 1 and 2 never leave a raw plural or a stray brace', (lang) => {
    for (const [key, text] of entries(lang)) {
      for (const n of [0, 1, 2]) {
        const params = new Proxy({}, { get: (_t, name) => (typeof name === 'string' && /^(n|count|total|days|ignored|public|valid|invalid|warnings|entities|page|pages)$/.test(name) ? n : 'X') });
        const out = format(text, params as Record<string, string | number>, lang);
        expect(`${key}: ${out}`).not.toMatch(/\{\w+, ?(plural|select)/);
        expect(out).not.toContain('\u2019');
      }
    }
  });
});
