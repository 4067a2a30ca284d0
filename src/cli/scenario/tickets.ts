/**
 * Which issue a step's `ticket` names: a key, `origin` (the request the last `raise` created), or a
 * service name (that service's ticket in the origin's family: the origin and every ticket linked to
 * it, found by the service label the app gives them). Read from the emulator's site: the scenario is
 * the observer here, not the app.
 */
import { parseService } from '../../domain/services';
import { serviceLabel } from '../../domain/plan/build-plan';
import type { Site } from '../../emulator';
import type { SiteIssue } from '../../emulator/site/model';
import { StepFailure } from './step-failure';

function family(site: Site, origin: SiteIssue): SiteIssue[] {
  const seen = new Map<string, SiteIssue>([[origin.id, origin]]);
  const queue = [origin];
  while (queue.length > 0) {
    const issue = queue.shift()!;
    for (const link of site.linksOf(issue)) {
      for (const id of [link.inwardIssueId, link.outwardIssueId]) {
        const other = site.issue(id);
        if (other && !seen.has(other.id)) {
          seen.set(other.id, other);
          queue.push(other);
        }
      }
    }
  }
  return [...seen.values()];
}

export function resolveTicket(site: Site, ticket: string, originKey: string | null): string {
  if (ticket === 'origin') {
    if (!originKey) throw new StepFailure('unknown_ticket', 'error.noOrigin', {});
    return originKey;
  }
  const service = parseService(ticket);
  if (service) {
    if (!originKey) throw new StepFailure('unknown_ticket', 'error.noOrigin', {});
    const origin = site.issue(originKey);
    const label = serviceLabel(service);
    const match = origin ? family(site, origin).find((issue) => issue.labels.includes(label)) : undefined;
    if (!match) throw new StepFailure('unknown_ticket', 'error.noServiceTicket', { origin: originKey, service });
    return match.key;
  }
  const issue = site.issue(ticket);
  if (!issue) throw new StepFailure('unknown_ticket', 'error.unknownTicket', { ticket });
  return issue.key;
}
