// TEMPORARY — the one place the Calls view declares a shell type by hand (issue 4).
// The shell's `upcoming_calls(days)` returns occurrences enriched for display; its generated binding is
// not on main yet. After `git merge main`: import the type from ./bindings, delete this file.

/** One occurrence of a call in the next days, with what the Calls view shows about it. */
export type UpcomingCall = {
  call_id: string;
  title: string;
  /** Scheduled start and end (UTC instants). */
  starts_at: string;
  ends_at: string;
  /** The start as wall time in the call's own zone. */
  local_start: string;
  /** The call's IANA time zone. */
  time_zone: string;
  community_id: string | null;
  community_name: string | null;
  /** `#rrggbb`. */
  accent: string | null;
  join_link: string | null;
  reminders_enabled: boolean;
  /** The label of the phase the call is in, when it is in progress. */
  current_phase: string | null;
};
