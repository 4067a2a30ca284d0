/**
 * How both apps start: ask the host for the user's theme and for the invocation context together, then
 * render the app in the user's Jira language into the page's `#root` (see static/build.mjs).
 */
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { toLang, type Lang } from '../../src/i18n';
import { enableTheme, getUiContext } from './bridge';
import './base.css';

export async function mountApp(render: (lang: Lang) => ReactNode): Promise<void> {
  const [context] = await Promise.all([getUiContext(), enableTheme()]);
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(render(toLang(context.locale)));
}
