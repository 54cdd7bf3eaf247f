// Builders of the Calls view's backend payloads (snake_case, ISO instants), as the shell sends them.
import type { Call } from '../lib/bindings/Call';
import type { Community } from '../lib/bindings/Community';
import type { PackImport } from '../lib/bindings/PackImport';
import type { PackPreview } from '../lib/bindings/PackPreview';
import type { PendingPackImport } from '../lib/bindings/PendingPackImport';
import type { Series } from '../lib/bindings/Series';
import type { StoredCall } from '../lib/bindings/StoredCall';
import type { UpcomingOccurrence } from '../lib/bindings/UpcomingOccurrence';
import { commitment } from './fixtures';

export function call(over: Partial<Call> = {}): Call {
  return {
    id: 'tw/daily',
    title: 'Daily coworking',
    community_id: 'tw',
    format_id: 'tw/daily',
    first_start: '2025-03-03T11:00:00',
    time_zone: 'Europe/London',
    duration_minutes: 60,
    recurrence: { frequency: 'weekly', interval: 1, weekdays: [], monthly_weekdays: [], until: null, count: null, exceptions: [] },
    join_link: 'https://meet.example.org/daily',
    notes_link: null,
    reminder_minutes: 10,
    skip_on_days_of: [],
    ...over,
  };
}

export function storedCall(over: Partial<Call> = {}, remindersEnabled = true): StoredCall {
  const c = call(over);
  return {
    call: c,
    origin: c.community_id ? { type: 'community', id: c.community_id } : { type: 'personal' },
    reminders_enabled: remindersEnabled,
  };
}

/** An occurrence starting at `startsAt` (ISO), lasting an hour. */
export function upcoming(startsAt: string, over: Partial<UpcomingOccurrence> = {}): UpcomingOccurrence {
  const endsAt = new Date(Date.parse(startsAt) + 3_600_000).toISOString();
  const now = Date.now();
  return {
    call_id: 'tw/daily',
    title: 'Daily coworking',
    origin: { type: 'community', id: 'tw' },
    community: { id: 'tw', name: 'Turing Way-like', accent: '#7b2d8e' },
    format_id: 'tw/daily',
    starts_at: startsAt,
    ends_at: endsAt,
    local_start: startsAt.slice(0, 19),
    time_zone: 'Europe/London',
    join_link: 'https://meet.example.org/daily',
    notes_link: null,
    reminders_enabled: true,
    reminder_minutes: 10,
    in_progress: Date.parse(startsAt) <= now && now < Date.parse(endsAt),
    current_phase: null,
    joined: false,
    ...over,
  };
}

export function community(over: Partial<Community> = {}): Community {
  return {
    id: 'tw',
    name: 'Turing Way-like',
    version: '1.2.0',
    accent: '#7b2d8e',
    links: { website: 'https://example.org', code_of_conduct: 'https://example.org/coc', notes: null },
    logo_type: null,
    logo: null,
    imported_at: '2025-03-01T10:00:00Z',
    updated_at: '2025-03-01T10:00:00Z',
    source: { kind: 'file', name: 'tw.stint.json' },
    content_id: 'a'.repeat(64),
    ...over,
  };
}

/** A pack waiting for confirmation: Turing Way-like 1.2.0, new, from a link, with two calls. */
export function pendingImport(over: Partial<PackPreview> = {}, id = 1): PendingPackImport {
  return {
    id,
    preview: {
      community_id: 'tw',
      name: 'Turing Way-like',
      version: '1.2.0',
      source: { kind: 'link', name: 'tw.stint.json' },
      content_id: '0123456789abcdef'.repeat(4),
      installed: null,
      relation: 'new',
      choices: ['install'],
      separate_id: null,
      warning: null,
      formats: ['Collaboration Cafe'],
      calls: [
        call({ id: 'cafe', title: 'Collaboration Cafe', join_link: 'https://meet.example.org/cafe' }),
        call({ id: 'daily', title: 'Daily coworking', join_link: 'https://meet.example.org/daily' }),
      ],
      rooms: {},
      changes: [],
      ...over,
    },
  };
}

export function packImport(over: Partial<PackImport> = {}): PackImport {
  return {
    community_id: 'tw',
    name: 'Turing Way-like',
    action: 'installed',
    version: '1.2.0',
    installed_version: null,
    formats: ['tw/cafe', 'tw/daily'],
    calls: ['tw/cafe', 'tw/daily'],
    ...over,
  };
}

/** A series meeting Mon/Wed/Fri of the week of 3 March 2025 at 18:00 Europe/London. */
export function series(over: Partial<Series> = {}): Series {
  const id = over.id ?? 'series-1';
  const title = over.title ?? 'Spring goals';
  const dates = ['2025-03-03', '2025-03-05', '2025-03-07'];
  return {
    id,
    title,
    community_id: null,
    calls: dates.map((date, i) =>
      call({
        id: `${id}-${i + 1}`,
        title: `${title} (${i + 1}/3)`,
        community_id: null,
        format_id: `accountability-${i + 1}`,
        first_start: `${date}T18:00:00`,
        duration_minutes: 30,
        recurrence: { ...call().recurrence, frequency: 'once' },
        join_link: null,
      }),
    ),
    previous_series_id: null,
    ...over,
  };
}

export const seriesCommitment = (id: number, text: string, over: Parameters<typeof commitment>[0] = {}) =>
  commitment({ id, text, session_id: null, ...over });
