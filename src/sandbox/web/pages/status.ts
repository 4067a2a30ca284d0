import type { ActivitySnapshot } from '../../runtime/activity';
import type { PartStatus } from '../../runtime/types';
import type { WatchAction } from '../../../usecases/daily-watch';
import { html, type Html } from '../html';
import type { Translate } from './layout';

/** Which building blocks the sandbox could wire in: the sandbox grows as the app does. */
export function statusBody(
  parts: readonly PartStatus[],
  snapshot: ActivitySnapshot,
  t: Translate,
  watch: { today: string; actions: readonly WatchAction[] } | null = null,
): Html {
  const recent =
    snapshot.recent.length === 0
      ? html`<p class="muted">${t('status.noRecent')}</p>`
      : html`<ul>${snapshot.recent.map(
          (run) => html`<li><a href="/browse/${run.issueKey}">${run.issueKey}</a> — ${t(`status.outcome.${run.outcome}`)}${
            run.message ? html`: <span class="muted">${run.message}</span>` : ''
          }</li>`,
        )}</ul>`;
  return html`<h1>${t('status.title')}</h1>
  <table class="parts">
    <thead><tr><th scope="col">${t('status.part')}</th><th scope="col">${t('status.state')}</th><th scope="col">${t('status.detail')}</th></tr></thead>
    <tbody>${parts.map(
      (part) => html`<tr data-part="${part.name}" data-ok="${part.ok ? 'true' : 'false'}"><td>${part.name}</td><td><span class="lozenge" data-color="${
        part.ok ? 'green' : 'yellow'
      }">${part.ok ? t('status.ok') : t('status.missing')}</span></td><td>${part.detail}</td></tr>`,
    )}</tbody>
  </table>
  <form method="post" action="/sandbox/next-day"><button class="button primary" type="submit" data-next-day>${t('status.nextDay')}</button>
    <span class="muted">${t('status.nextDayHelp')}</span></form>
  ${watch ? watchResult(watch, t) : ''}
  <h2>${t('status.recent')}</h2>
  <div id="recent-runs" data-live>${recent}</div>`;
}

/** What the last "next day" did: one line per task, each linking to its ticket. */
function watchResult(watch: { today: string; actions: readonly WatchAction[] }, t: Translate): Html {
  if (watch.actions.length === 0) return html`<p id="watch-result">${t('status.watchNothing', { day: watch.today })}</p>`;
  return html`<div id="watch-result"><p>${t('status.watchToday', { day: watch.today })}</p><ul>${watch.actions.map(
    (a) => html`<li data-watch-task="${a.task}"><a href="/browse/${a.issueKey}">${a.issueKey}</a> — ${taskText(a, t)}</li>`,
  )}</ul></div>`;
}

/**
 * What one task did, in words: the watch reports task ids ("mux-due") and a detail (the ens, a reminder's
 * number, the days left), which are the use case's vocabulary, not a person's.
 */
function taskText(action: WatchAction, t: Translate): string {
  const detail = action.detail ?? '';
  switch (action.task) {
    case 'missing-date': {
      const [count, ...list] = detail.split(': ');
      return t('status.task.missing-date', { count: count ?? '', list: list.join(': ') });
    }
    case 'certificate':
      return t('status.task.certificate', { days: Number(detail) || 0 });
    default:
      return t(`status.task.${action.task}`, { list: detail });
  }
}
