// The supervisors' notifications in the header: the button's label, and which pushed changes mean the list changed.

import type { LiveChange } from '../live';

/** The live topic a new notification is pushed with. */
export const NOTIFIED = 'automation.supervisor_notified';

export function noticesLabel(open: number): string {
  return open === 0 ? 'No notifications' : `${open} notification${open === 1 ? '' : 's'}`;
}

export function changesNotices(change: LiveChange): boolean {
  return change.type === NOTIFIED;
}
