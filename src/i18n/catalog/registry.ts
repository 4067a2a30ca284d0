/**
 * The registry project page's texts (static/project-page) and its resolver's refusals.
 * Catalan is the default.
 */
import { translator, type Messages } from '../index';

const ca = {
  pageTitle: 'Integracions SetDIBA',
  resolver_forbidden: "Només els agents d'aquest projecte poden veure el registre d'integracions.",
  resolver_invalid_input: 'La consulta no és vàlida: {detail}',
  resolver_unavailable: 'Jira no respon ara mateix. Torneu-ho a provar en uns moments.',
  resolver_internal: "No s'ha pogut llegir el registre d'integracions. Torneu-ho a provar més tard.",
};

const es: Messages<typeof ca> = {
  pageTitle: 'Integraciones SetDIBA',
  resolver_forbidden: 'Solo los agentes de este proyecto pueden ver el registro de integraciones.',
  resolver_invalid_input: 'La consulta no es válida: {detail}',
  resolver_unavailable: 'Jira no responde en este momento. Vuelva a intentarlo en unos momentos.',
  resolver_internal: 'No se ha podido leer el registro de integraciones. Vuelva a intentarlo más tarde.',
};

const en: Messages<typeof ca> = {
  pageTitle: 'SetDIBA integrations',
  resolver_forbidden: "Only this project's agents can see the integrations registry.",
  resolver_invalid_input: 'The query is not valid: {detail}',
  resolver_unavailable: 'Jira is not answering right now. Try again in a moment.',
  resolver_internal: 'The integrations registry could not be read. Try again later.',
};

export const registryMessages = { ca, es, en };
export const tRegistry = translator(registryMessages);
