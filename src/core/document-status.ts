import { isTerminal } from './status';
import type { DocumentStatus } from './types';

/**
 * A `DocumentStatus` with `terminal` derived from `status`, so that the two can
 * never disagree whichever adapter built it.
 */
export function documentStatus(fields: Omit<DocumentStatus, 'terminal'>): DocumentStatus {
  return { ...fields, terminal: isTerminal(fields.status) };
}
