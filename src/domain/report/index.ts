export * from './adf';
export * from './types';
export * from './results-comment';
export * from './corrections-comment';
export * from './checklist';
export * from './notices';
export * from './row-label';
export * from './results-fit';
