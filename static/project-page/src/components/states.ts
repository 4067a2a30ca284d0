import type { RegistryState } from '../../../../src/contracts/registry';

/**
 * Every state and its lozenge. Typed against the contract but not imported from it: the contract's
 * values would bring zod into the page's bundle.
 */
export const STATE_LOOK: Record<RegistryState, 'success' | 'default' | 'inprogress' | 'moved' | 'new' | 'removed'> = {
  integrated: 'success',
  already_integrated: 'default',
  in_progress: 'inprogress',
  waiting_confirmation: 'moved',
  waiting_production_date: 'new',
  blocked: 'removed',
};

export const STATES = Object.keys(STATE_LOOK) as RegistryState[];
