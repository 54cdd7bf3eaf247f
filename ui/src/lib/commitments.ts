import type { CommitmentStatus } from './bindings/CommitmentStatus';
import { m, withName } from './i18n.svelte';

const status = (s: CommitmentStatus, name: () => string) => withName({ status: s }, name);

/** Every commitment status with its name in the user's language. */
export const STATUS_NAMES: ReadonlyArray<{ status: CommitmentStatus; readonly name: string }> = [
  status('open', m.status_open),
  status('done', m.status_done),
  status('partial', m.status_partial),
  status('not_done', m.status_not_done),
  status('dropped', m.status_dropped),
];
