export * from './deps';
export * from './errors';
export { authorizePortalCaller } from './authorize';
export { getRequestStatus } from './request-status';
export { downloadBlankTemplate } from './blank-template';
