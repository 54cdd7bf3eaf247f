// How a recorded phase ended, in words. The outcomes themselves come from the backend (a session's
// detail lists the choices); an outcome this UI has no words for yet still reads sensibly.
import type { PhaseOutcome } from './bindings/PhaseOutcome';

const NAMES: Partial<Record<PhaseOutcome, { name: string; counted: string }>> = {
  completed: { name: 'Completed', counted: 'done' },
  skipped: { name: 'Skipped', counted: 'skipped' },
  stopped: { name: 'Stopped early', counted: 'stopped early' },
  slept: { name: 'Slept through', counted: 'slept through' },
  not_running: { name: 'Stint was not running', counted: 'while Stint was not running' },
};

/** "left_early" → "Left early": the words for an outcome added after this UI was written. */
function fromName(outcome: string): string {
  const words = outcome.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The outcome as a label: "Completed", "Skipped", "Stopped early", "Slept through". */
export function outcomeName(outcome: PhaseOutcome): string {
  return NAMES[outcome]?.name ?? fromName(outcome);
}

/** The outcome after a count of phases: "4 done", "1 skipped", "2 slept through". */
export function outcomeCount(outcome: PhaseOutcome, phases: number): string {
  return `${phases} ${NAMES[outcome]?.counted ?? fromName(outcome).toLowerCase()}`;
}
