import type { CommitmentStatus } from './bindings/CommitmentStatus';

/** Every commitment status with its human name. */
export const STATUS_NAMES: ReadonlyArray<{ status: CommitmentStatus; name: string }> = [
  { status: 'open', name: 'Open' },
  { status: 'done', name: 'Done' },
  { status: 'partial', name: 'Partly done' },
  { status: 'not_done', name: 'Not done' },
  { status: 'dropped', name: 'Dropped' },
];
