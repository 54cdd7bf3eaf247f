// The words of the built-in formats, in the user's language: what each call is for and how it runs,
// and its source (short: the source's name and, where Stint chose a number, that sentence). Core
// stays language-free and names a built-in by its stable id; this table turns the id into words.
// A format that is not a built-in (or a built-in this table does not know) keeps its own attribution.
import { m } from './i18n.svelte';
import type { Format } from './bindings/Format';

type Words = { about: () => string; source: () => string };

const callKinds = () => m.format_builtin_source_call_kinds();
const focusmate = () => m.format_builtin_source_focusmate();

const BUILTINS: Record<string, Words> = {
  pomodoro: { about: () => m.format_builtin_pomodoro_about(), source: () => m.format_builtin_source_pomodoro() },
  'work-sprint': { about: () => m.format_builtin_work_sprint_about(), source: () => m.format_builtin_source_work_sprint() },
  'check-in': { about: () => m.format_builtin_check_in_about(), source: callKinds },
  'accountability-1': { about: () => m.format_builtin_accountability_1_about(), source: callKinds },
  'accountability-2': { about: () => m.format_builtin_accountability_2_about(), source: callKinds },
  'accountability-3': { about: () => m.format_builtin_accountability_3_about(), source: callKinds },
  'knowledge-led': { about: () => m.format_builtin_knowledge_led_about(), source: callKinds },
  'coordinated-action': { about: () => m.format_builtin_coordinated_action_about(), source: callKinds },
  mastermind: { about: () => m.format_builtin_mastermind_about(), source: callKinds },
  'turing-collaboration-cafe': {
    about: () => m.format_builtin_turing_collaboration_cafe_about(),
    source: () => m.format_builtin_source_turing_cafe(),
  },
  'turing-daily-coworking': {
    about: () => m.format_builtin_turing_daily_coworking_about(),
    source: () => m.format_builtin_source_turing_daily(),
  },
  'focusmate-25': { about: () => m.format_builtin_focusmate_25_about(), source: focusmate },
  'focusmate-50': { about: () => m.format_builtin_focusmate_50_about(), source: focusmate },
  'focusmate-75': { about: () => m.format_builtin_focusmate_75_about(), source: focusmate },
  'flow-club': { about: () => m.format_builtin_flow_club_about(), source: () => m.format_builtin_source_flow_club() },
  caveday: { about: () => m.format_builtin_caveday_about(), source: () => m.format_builtin_source_caveday() },
  'long-block': { about: () => m.format_builtin_long_block_about(), source: () => m.format_builtin_source_long_block() },
};

/** The ids this table has words for (the core's built-ins). */
export const BUILTIN_IDS = Object.keys(BUILTINS);

function wordsOf(f: Pick<Format, 'id' | 'origin'>): Words | undefined {
  return f.origin.type === 'builtin' ? BUILTINS[f.id] : undefined;
}

/** What the format is for and how it runs, in one or two sentences; `null` for formats without one. */
export function aboutOf(f: Pick<Format, 'id' | 'origin'>): string | null {
  return wordsOf(f)?.about() ?? null;
}

/** Where the format comes from: the built-in's words, or the attribution its author wrote. */
export function sourceOf(f: Pick<Format, 'id' | 'origin' | 'attribution'>): string | null {
  return wordsOf(f)?.source() ?? f.attribution ?? null;
}
