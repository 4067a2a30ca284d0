/**
 * The scenario's clock: real time shifted by an offset, so a scenario can start on a given day and jump
 * ahead (`clock` steps) while time still flows inside a step (leases, retries and timestamps keep their
 * order). Every part of the simulated world reads it: the app, the emulator and the reference backend.
 */
import { calendarDayInMadrid } from '../../domain/plan/mux-dates';
import type { Clock } from '../../ports/clock';

const DAY_MS = 86_400_000;

/**
 * What runs once for every Europe/Madrid day a `clock` step crosses: by default the app's daily watch
 * (issue 15, src/cli/scenario/daily-watch.ts); `noDailyWatch` for runs that want the days to pass quietly.
 */
export type DailyWatch = (day: string) => Promise<void>;

export const noDailyWatch: DailyWatch = async () => undefined;

/** Mid-morning in Barcelona (09:00 UTC is 10:00 or 11:00 there), well inside the day either way. */
export function startOfScenarioDay(day: string): Date {
  return new Date(`${day}T09:00:00.000Z`);
}

/** The days after `from`'s day up to and including `to`'s day, in Europe/Madrid. */
export function daysCrossed(from: Date, to: Date): string[] {
  const last = calendarDayInMadrid(to);
  const days: string[] = [];
  let day = calendarDayInMadrid(from);
  // Step through noon UTC of each calendar day: never lands on a DST-shifted midnight.
  let cursor = new Date(`${day}T12:00:00.000Z`).getTime();
  while (day < last) {
    cursor += DAY_MS;
    day = calendarDayInMadrid(new Date(cursor));
    days.push(day);
  }
  return days;
}

export class ScenarioClock implements Clock {
  private offsetMs = 0;

  constructor(start: Date | null = null) {
    if (start) this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  today(): string {
    return calendarDayInMadrid(this.now());
  }

  /** Moves forward to `to` (never back) and answers the Madrid days crossed. */
  advanceTo(to: Date): string[] {
    const from = this.now();
    if (to.getTime() <= from.getTime()) return [];
    this.offsetMs += to.getTime() - from.getTime();
    return daysCrossed(from, to);
  }
}
