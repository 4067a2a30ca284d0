import axe from 'axe-core';

/** Serious and critical axe violations in a rendered container, as readable strings. */
export async function seriousViolations(container: Element): Promise<string[]> {
  // jsdom has no canvas and no layout, so the rules that measure rendered text (colour contrast, icon
  // ligatures in accessible names) cannot run here; the browser tests (test/e2e) run them in Chromium.
  const results = await axe.run(container, {
    resultTypes: ['violations'],
    rules: { 'color-contrast': { enabled: false }, 'label-content-name-mismatch': { enabled: false } },
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}
