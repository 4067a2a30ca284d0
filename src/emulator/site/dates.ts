/** Jira's timestamp format: ISO 8601 with milliseconds and a `+0000` offset (the site runs in UTC). */
export function jiraDate(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}
