import type { SampleRequest, SandboxUser } from '../../runtime/types';
import { html, type Html } from '../html';
import type { Translate } from './layout';
import type { SandboxMessageKey } from '../../../i18n/catalog/sandbox';

export interface RaiseView {
  user: SandboxUser | null;
  samples: readonly SampleRequest[];
  /** Why samples are missing, when they are. */
  samplesMissing: string | null;
  /** Why nothing can be raised at all (no emulator), when so. */
  unavailable: string | null;
  message: { kind: 'success' | 'error'; text: Html } | null;
}

function sampleLabel(id: string, t: Translate): string {
  const key = `sample.${id}` as SandboxMessageKey;
  const text = t(key);
  return text === key ? id : text;
}

export function raiseBody(view: RaiseView, t: Translate): Html {
  const message = view.message
    ? html`<div class="notice ${view.message.kind}" role="${view.message.kind === 'error' ? 'alert' : 'status'}" data-raise-result="${
        view.message.kind
      }">${view.message.text}</div>`
    : html``;
  if (view.unavailable) {
    return html`<h1>${t('raise.title')}</h1>${message}<p class="notice error">${t('raise.unavailable', { reason: view.unavailable })}</p>`;
  }
  if (!view.user || view.user.role !== 'customer') {
    return html`<h1>${t('raise.title')}</h1>${message}<p class="notice" data-not-customer>${t('raise.notCustomer', {
      user: view.user?.displayName ?? '—',
    })}</p>`;
  }
  const samples = view.samples.map(
    (sample) => html`<option value="${sample.id}">${sampleLabel(sample.id, t)}</option>`,
  );
  return html`<h1>${t('raise.title')}</h1>
  ${message}
  <p>${t('raise.intro')}</p>
  ${view.samplesMissing ? html`<p class="notice">${t('raise.noSamples', { reason: view.samplesMissing })}</p>` : ''}
  <form class="raise" method="post" action="/raise" enctype="multipart/form-data">
    <div class="field"><label for="raise-sample">${t('raise.sample')}</label>
      <select id="raise-sample" name="sample"><option value="">${t('raise.sampleNone')}</option>${samples}</select></div>
    <div class="field"><label for="raise-file">${t('raise.upload')}</label>
      <input id="raise-file" name="file" type="file" accept=".xlsx,.xlsm,.xls,.ods,.csv"></div>
    <div class="field"><label for="raise-summary">${t('raise.summary')}</label>
      <input id="raise-summary" name="summary" type="text" maxlength="255"></div>
    <div class="field"><label for="raise-description">${t('raise.description')}</label>
      <textarea id="raise-description" name="description" rows="4"></textarea></div>
    <button class="button primary" type="submit">${t('raise.submit')}</button>
  </form>`;
}
