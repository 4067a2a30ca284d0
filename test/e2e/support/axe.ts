import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * Runs axe-core inside a page or an app frame and returns the serious and critical violations, in a
 * shape that makes a failing assertion readable.
 */
export async function seriousViolations(target: Page | Frame, context?: string): Promise<AxeViolation[]> {
  await target.evaluate(AXE_SOURCE);
  const violations = await target.evaluate(async (selector) => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
    const result = await axe.run(selector ?? (globalThis as unknown as { document: unknown }).document, {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  }, context ?? null);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
