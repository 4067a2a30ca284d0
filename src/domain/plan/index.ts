export * from './types';
export * from './build-plan';
export * from './recognition';
export * from './ticket-service';
export * from './certificate-status';
export * from './decisions';
export * from './mux-dates';
