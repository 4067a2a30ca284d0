export * from './deps';
export * from './errors';
export * from './authorize';
export * from './panel-property';
export * from './panel-state';
export * from './actions';
export { buildPanelState, describeWrites, rowStatus, checklistStepId } from './views';
export { downloadResults, resultsTable } from './results-table';
