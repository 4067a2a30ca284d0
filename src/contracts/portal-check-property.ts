/**
 * The issue property the portal's checker stores on a request when it is created (`view.submit`). Kept
 * apart from contracts/portal.ts so that the checker's bundle does not load zod for one string.
 */
export const CHECK_PROPERTY = 'setdiba.check';
