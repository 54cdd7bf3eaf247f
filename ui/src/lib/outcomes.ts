// How a recorded phase ended, in words. The outcomes themselves come from the backend (a session's
// detail lists the choices); an outcome this UI has no words for yet still reads sensibly.
import type { PhaseOutcome } from './bindings/PhaseOutcome';
import { m } from './i18n.svelte';

const NAMES: Partial<Record<PhaseOutcome, { name: () => string; counted: (i: { count: number }) => string }>> = {
  completed: { name: m.outcome_completed, counted: m.outcome_count_completed },
  skipped: { name: m.outcome_skipped, counted: m.outcome_count_skipped },
  stopped: { name: m.outcome_stopped, counted: m.outcome_count_stopped },
  slept: { name: m.outcome_slept, counted: m.outcome_count_slept },
  not_running: { name: m.outcome_not_running, counted: m.outcome_count_not_running },
};

/** "left_early" → "Left early": the words for an outcome added after this UI was written. */
function fromName(outcome: string): string {
  const words = outcome.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The outcome as a label: "Completed", "Skipped", "Stopped early", "Slept through". */
export function outcomeName(outcome: PhaseOutcome): string {
  return NAMES[outcome]?.name() ?? fromName(outcome);
}

/** The outcome after a count of phases: "4 done", "1 skipped", "2 slept through". */
export function outcomeCount(outcome: PhaseOutcome, phases: number): string {
  return NAMES[outcome]?.counted({ count: phases }) ?? `${phases} ${fromName(outcome).toLowerCase()}`;
}
