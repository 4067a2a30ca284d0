/**
 * The four AOC services SetDIBA integrates its ens with, in the order the app handles them
 * (the original ticket of a split keeps the first one in this order).
 */
export const SERVICES = ['MUX', 'e-NOTUM', 'e-TAULER', 'OVER'] as const;
export type Service = (typeof SERVICES)[number];

/** Label suffix per service: `setdiba-<slug>` on every service ticket. */
export const SERVICE_SLUG: Readonly<Record<Service, string>> = {
  MUX: 'mux',
  'e-NOTUM': 'e-notum',
  'e-TAULER': 'e-tauler',
  OVER: 'over',
};

/**
 * Built-in aliases. SetDIBA writes EACAT when it means OVER (see docs/domain.md), so EACAT is an
 * alias of OVER rather than a service of its own.
 */
const BUILT_IN_ALIASES: Readonly<Record<Service, readonly string[]>> = {
  MUX: ['MUX', 'REGISTRE UNIFICAT'],
  'e-NOTUM': ['e-NOTUM', 'ENOTUM', 'NOTUM'],
  'e-TAULER': ['e-TAULER', 'ETAULER', 'TAULER'],
  OVER: ['OVER', 'EACAT', 'e-ACAT'],
};

/** Case, spaces, hyphens and accents do not distinguish two spellings of a service. */
export function serviceKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[\s\-_.]+/g, '');
}

export type ExtraAliases = Partial<Record<Service, readonly string[]>>;

/** The canonical service a written value names, or null when it names none. */
export function parseService(text: string | null | undefined, extra: ExtraAliases = {}): Service | null {
  if (text == null) return null;
  const key = serviceKey(text);
  if (key === '') return null;
  for (const service of SERVICES) {
    const aliases = [...BUILT_IN_ALIASES[service], ...(extra[service] ?? [])];
    if (aliases.some((alias) => serviceKey(alias) === key)) return service;
  }
  return null;
}

/**
 * Services named anywhere in free text (a summary such as "Alta e-NOTUM i EACAT"), in SERVICES order.
 * Words are compared whole so that "OVERALL" does not mean OVER.
 */
export function findServicesInText(text: string | null | undefined, extra: ExtraAliases = {}): Service[] {
  if (!text) return [];
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9-]+/)
    .filter((w) => w !== '');
  const found = new Set<Service>();
  // Two-word aliases ("Registre unificat") are matched on adjacent word pairs as well.
  const candidates = [...words, ...words.slice(1).map((w, i) => `${words[i]} ${w}`)];
  for (const candidate of candidates) {
    const service = parseService(candidate, extra);
    if (service) found.add(service);
  }
  return SERVICES.filter((s) => found.has(s));
}
