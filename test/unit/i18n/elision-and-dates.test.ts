/**
 * The two helpers behind the wording: Catalan elision (one rule for messages and official names) and
 * dates in Europe/Madrid. Cases from the language review; each is a sentence a reader would correct.
 */
import { elide, format, formatDate, formatTime, timeWithArticle } from '../../../src/i18n';
import { councilName, isOfficialName, MUNICIPALITIES } from '../../../src/domain/municipalities';

describe('elide()', () => {
  it.each([
    ['MUX', 'de MUX'],
    ['e-NOTUM', "d'e-NOTUM"],
    ['e-TAULER', "d'e-TAULER"],
    ['OVER', "d'OVER"],
    ['EACAT', "d'EACAT"],
    ['SMS', "d'SMS"],
    ['Abrera', "d'Abrera"],
    ['Huelva', 'de Huelva'],
    ['hora', "d'hora"],
    ['iode', 'de iode'],
  ])('ca de + %s', (value, expected) => expect(elide('ca', 'de', value)).toBe(expected));

  it.each([
    [1, "d'1"], [11, "d'11"], [11_000, "d'11.000"], [1_000_000, "d'1.000.000"],
    [2, 'de 2'], [10, 'de 10'], [111, 'de 111'], [1000, 'de 1.000'],
  ])('ca de + %d', (n, expected) => expect(format('{n_de}', { n }, 'ca')).toBe(expected));

  it('contracts the article: el/l\', del/de l\', al/a l\'', () => {
    expect(elide('ca', 'el', '1 de març')).toBe("l'1 de març");
    expect(elide('ca', 'el', '5 de març')).toBe('el 5 de març');
    expect(elide('ca', 'del', '11 de març')).toBe("de l'11 de març");
    expect(elide('ca', 'al', '12 de març')).toBe('al 12 de març');
    expect(elide('ca', 'al', '1 de març')).toBe("a l'1 de març");
  });

  it('Spanish contracts but never elides; English adds nothing', () => {
    expect(elide('es', 'de', 'OVER')).toBe('de OVER');
    expect(elide('es', 'del', '1 de marzo')).toBe('del 1 de marzo');
    expect(elide('en', 'de', 'OVER')).toBe('OVER');
  });
});

describe('formatDate() and times', () => {
  it.each([
    ['ca', '2027-03-01', '1 de març de 2027'],
    ['ca', '2026-04-11', "11 d'abril de 2026"],
    ['ca', '2026-08-23', "23 d'agost de 2026"],
    ['ca', '2026-10-01', "1 d'octubre de 2026"],
    ['es', '2027-03-01', '1 de marzo de 2027'],
    ['en', '2027-03-01', '1 March 2027'],
  ] as const)('%s long %s', (lang, iso, expected) => expect(formatDate(lang, iso)).toBe(expected));

  it('a bare date is a calendar day: it never shifts, whatever the machine\'s zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(formatDate('ca', '2027-03-01')).toBe('1 de març de 2027');
    } finally {
      process.env.TZ = saved;
    }
  });

  it('timestamps are shown in Madrid: the day can change, and so does the hour across DST', () => {
    expect(formatDate('ca', '2026-03-01T23:30:00Z')).toBe('2 de març de 2026');
    expect(format('{when_el} a {when_les}', { when: '2026-03-01T23:30:00Z' }, 'ca')).toBe('el 2 de març de 2026 a les 0:30');
    expect(timeWithArticle('ca', '2026-03-29T00:30:00Z')).toBe('la 1:30');
    expect(timeWithArticle('ca', '2026-03-29T01:30:00Z')).toBe('les 3:30');
    expect(timeWithArticle('es', '2026-03-01T00:05:00Z')).toBe('la 1:05');
    expect(timeWithArticle('es', '2026-03-01T12:05:00Z')).toBe('las 13:05');
    expect(formatTime('2026-03-01T12:05:00Z')).toBe('13:05');
  });

  it('short form for cells: 1/3/2027 13:05, no leading zeros', () => {
    expect(formatDate('ca', '2027-03-01T12:05:00Z', 'short')).toBe('1/3/2027 13:05');
    expect(formatDate('es', '2027-03-01', 'short')).toBe('1/3/2027');
  });

  it('text that is not a real date is left as it was', () => {
    expect(formatDate('ca', '2027-02-30')).toBe('2027-02-30');
    expect(formatDate('ca', 'demà')).toBe('demà');
  });

  it('lists end with the language\'s conjunction', () => {
    const services = ['MUX', 'e-NOTUM', 'e-TAULER', 'OVER'];
    expect(format('{s}', { s: services }, 'ca')).toBe('MUX, e-NOTUM, e-TAULER i OVER');
    expect(format('{s}', { s: services }, 'es')).toBe('MUX, e-NOTUM, e-TAULER y OVER');
    expect(format('{s_or}', { s: services }, 'es')).toBe('MUX, e-NOTUM, e-TAULER u OVER');
    expect(format('{s}', { s: ['Marta Puig', 'Iñaki Ortiz'] }, 'es')).toBe('Marta Puig e Iñaki Ortiz');
  });

  it('numbers are grouped as each language writes them', () => {
    expect(format('{n}', { n: 5000 }, 'ca')).toBe('5.000');
    expect(format('{n}', { n: 5000 }, 'es')).toBe('5000');
    expect(format('{n}', { n: 15000 }, 'es')).toBe('15.000');
  });

  it('a parameter the caller forgot stays visible; hostile text in a value is never parsed', () => {
    expect(format('Hola {name}', {}, 'ca')).toBe('Hola {name}');
    expect(format('Hola {name}', { name: "{x, plural, one {'}" }, 'ca')).toBe("Hola {x, plural, one {'}");
  });
});

describe('official names of the ajuntaments', () => {
  const abrera = MUNICIPALITIES.find((m) => m.name === 'Abrera')!;
  const bruc = MUNICIPALITIES.find((m) => m.name === 'El Bruc')!;

  it('"Ajuntament de Abrera" is flagged like any other wrong name; "Ajuntament d\'Abrera" is official', () => {
    expect(isOfficialName('Ajuntament de Abrera', abrera)).toBe(false);
    expect(isOfficialName("Ajuntament d'Abrera", abrera)).toBe(true);
    expect(isOfficialName('Abrera', abrera)).toBe(true);
    expect(isOfficialName('Ajuntament de El Bruc', bruc)).toBe(false);
    expect(isOfficialName('Ajuntament del Bruc', bruc)).toBe(true);
  });

  it('the name the fixtures and the sandbox write for each of the 311 is official', () => {
    expect(councilName(abrera)).toBe("Ajuntament d'Abrera");
    expect(councilName(bruc)).toBe('Ajuntament del Bruc');
    expect(MUNICIPALITIES.filter((m) => !isOfficialName(councilName(m), m)).map((m) => m.name)).toEqual([]);
  });
});
