/** Option parsing shared by the commands: node:util parseArgs plus the --lang and service checks. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseService, SERVICES, type Service } from '../domain/services';
import { DEFAULT_LANG, LANGS, type Lang } from '../i18n';
import { tTemplate } from '../i18n/catalog/template';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** --lang is read first so that every later usage error is already in the user's language. */
export function langFrom(args: readonly string[]): Lang {
  const index = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (index < 0) return DEFAULT_LANG;
  const arg = args[index]!;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  if (value !== undefined && (LANGS as readonly string[]).includes(value)) return value as Lang;
  throw new UsageError(tTemplate(DEFAULT_LANG, 'cli.error.unknownLang', { lang: value ?? '' }));
}

export function parseCommandArgs<T extends Options>(args: readonly string[], options: T, lang: Lang) {
  try {
    return parseArgs({ args: [...args], options: { ...options, lang: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error: unknown) {
    throw new UsageError(tTemplate(lang, 'cli.error.options', { detail: error instanceof Error ? error.message : String(error) }));
  }
}

export function serviceOption(text: string, lang: Lang): Service {
  const service = parseService(text);
  if (!service) throw new UsageError(tTemplate(lang, 'cli.error.unknownService', { service: text, known: SERVICES.join(', ') }));
  return service;
}
