/**
 * The daily watch's Forge entry point (manifest scheduledTrigger setdiba-daily-watch → index.dailyWatch)
 * with only the platform replaced, as in test/integration/forge: requestJira goes to the local Jira
 * emulator as the app, @forge/kvs is in memory. A certificate about 29 days from its end: one renewal ticket,
 * assigned to the project lead, with one comment; a second invocation the same day writes nothing.
 */
jest.mock('@forge/api', () => jest.requireActual('../support/forge-platform').forgeApiMock({ fetch: true }));
jest.mock('@forge/kvs', () => jest.requireActual('../support/forge-platform').forgeKvsMock());
jest.mock('@forge/events', () => jest.requireActual('../support/forge-platform').forgeEventsMock());

// Imported after the mocks, so the app sees the stand-ins.
import { useEmulator } from '../support/forge-platform';
import { makeDemoCertificatePem } from '../../../src/cli/demo-certificate';
import { firstCertificateUpload } from '../../../src/domain/certificate';
import { defaultSettings } from '../../../src/domain/settings';
import { DEMO, startJiraEmulator, type JiraEmulator } from '../../../src/emulator';
import { dailyWatch } from '../../../src/index';

const DAY_MS = 86_400_000;
let emulator: JiraEmulator;

beforeAll(async () => {
  emulator = await startJiraEmulator({ seed: 'demo' });
  const settings = defaultSettings();
  // The demo certificate is valid from the day before it is made for 730 days: made 700 days ago, 29 days are left.
  const pem = await makeDemoCertificatePem(new Date(Date.now() - 700 * DAY_MS));
  settings.certificate = firstCertificateUpload(Buffer.from(pem), { accountId: DEMO.users.admin, at: new Date() });
  await useEmulator(emulator, settings);
});
afterAll(async () => emulator.stop());

const renewalTickets = () => [...emulator.site.issues.values()].filter((issue) => issue.summary === 'Renovar el certificat CDA de SetDIBA');

it('raises the renewal ticket once, for the project lead, and tells the 30-day threshold once', async () => {
  await expect(dailyWatch()).resolves.toEqual({ statusCode: 204 });
  await expect(dailyWatch()).resolves.toEqual({ statusCode: 204 });
  const tickets = renewalTickets();
  expect(tickets).toHaveLength(1);
  const project = emulator.site.project(DEMO.projectKey);
  expect(tickets[0]!.assigneeAccountId).toBe(project?.leadAccountId);
  expect(project?.leadAccountId).toBeTruthy();
  const comments = emulator.site.commentsOf(tickets[0]!);
  expect(comments).toHaveLength(1);
  expect(JSON.stringify(comments[0]!.body)).toMatch(/Queden (29|30) dies/);
});
