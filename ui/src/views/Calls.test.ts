import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Calls from './Calls.svelte';
import MainWindow from '../MainWindow.svelte';
import { fakeBackend, rejectWith, type Handler } from '../test/backend';
import { call, community, pendingImport, series, seriesCommitment, storedCall, upcoming } from '../test/callFixtures';
import { format, sessionView, settings } from '../test/fixtures';
import type { Commitment } from '../lib/bindings/Commitment';
import type { Series } from '../lib/bindings/Series';
import { FakeSound } from '../test/fakeSound';
import { formatClock } from '../lib/time';
import { useLocale } from '../lib/i18n.svelte';

const cafe = storedCall({
  id: 'tw/cafe',
  title: 'Collaboration Cafe',
  format_id: 'tw/cafe',
  first_start: '2025-03-05T15:00:00',
  duration_minutes: 120,
  recurrence: { ...call().recurrence, frequency: 'monthly', monthly_weekdays: [{ nth: 1, weekday: 'wed' }, { nth: 3, weekday: 'wed' }] },
});

function backend(over: Record<string, Handler> = {}) {
  return fakeBackend({
    upcoming_calls: () => [],
    list_calls: () => [storedCall(), cafe],
    list_communities: () => [community()],
    list_series: () => [],
    series_commitments: () => [],
    list_subscriptions: () => [],
    ...over,
  });
}

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

describe('Calls view: upcoming occurrences', () => {
  it('groups occurrences by local day, in local time with the call zone beside it', async () => {
    // Tests run in UTC; the calls keep New York and London time.
    const ny = '2025-03-04T16:00:00.000Z';
    const backendCalls = backend({
      upcoming_calls: () => [
        upcoming(ny, { call_id: 'ny', title: 'Alliance call', time_zone: 'America/New_York', community: { id: 'al', name: 'Alliance', accent: '#006400' } }),
        upcoming('2025-03-04T23:30:00.000Z', { title: 'Late coworking', time_zone: 'UTC' }),
        upcoming('2025-03-05T11:00:00.000Z'),
      ],
    });
    render(Calls);
    const first = await screen.findByRole('list', { name: 'Tuesday, March 4' });
    expect(within(first).getAllByRole('listitem')).toHaveLength(2);
    expect(within(first).getAllByRole('listitem')[0]).toHaveTextContent(
      `${formatClock(ny)} (${formatClock(ny, undefined, 'America/New_York')} America/New_York)`,
    );
    expect(within(first).getAllByRole('listitem')[0]).toHaveTextContent('Alliance');
    // A call in the user's own zone shows local time only.
    expect(within(first).getAllByRole('listitem')[1].querySelector('time')).toHaveTextContent(
      new RegExp(`^${formatClock('2025-03-04T23:30:00Z')} – `),
    );
    const second = screen.getByRole('list', { name: 'Wednesday, March 5' });
    expect(within(second).getByRole('button', { name: 'Join Daily coworking' })).toBeInTheDocument();
    // A London call in March reads the same on a UTC clock: one time, in the locale's style, no brackets.
    expect(within(second).getByRole('listitem').querySelector('time')).toHaveTextContent(/^11:00 AM – /);
    expect(within(second).getByRole('listitem')).not.toHaveTextContent('Europe/London');
    expect(backendCalls.argsOf('upcoming_calls')).toEqual([{ days: 14 }]);
  });

  it('marks an occurrence in progress with its current phase', async () => {
    backend({
      upcoming_calls: () => [upcoming(inMinutes(-7), { current_phase: 'Pomodoro 1' }), upcoming(inMinutes(24 * 60), { title: 'Tomorrow call' })],
    });
    render(Calls);
    expect(await screen.findByText('In progress: Pomodoro 1')).toBeInTheDocument();
    expect(screen.getAllByText(/^In progress/)).toHaveLength(1);
    expect(screen.getByRole('heading', { name: 'Today' })).toBeInTheDocument();
  });

  it('joins an occurrence with its call id and scheduled start, and hands over the session', async () => {
    const start = inMinutes(-1);
    const b = backend({ upcoming_calls: () => [upcoming(start)], join_call: () => sessionView() });
    const onJoined = vi.fn();
    render(Calls, { onJoined });
    await userEvent.click(await screen.findByRole('button', { name: 'Join Daily coworking' }));
    expect(b.argsOf('join_call')).toEqual([{ callId: 'tw/daily', occurrenceStart: start, replaceRunning: false }]);
    await expect.poll(() => onJoined.mock.calls.length).toBe(1);
    expect(onJoined.mock.calls[0][0]).toMatchObject({ id: 7 });
  });

  it('switches to Now with the joined session in the main window', async () => {
    backend({
      startup_report: () => [],
      get_settings: () => settings(),
      list_formats: () => [format()],
      current_session: () => null,
      upcoming_calls: () => [upcoming(inMinutes(-1), { current_phase: 'Pomodoro 1' })],
      join_call: () => sessionView({ endsAt: Date.now() + 60_000 }),
    });
    render(MainWindow, { sound: new FakeSound() });
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(within(nav).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Now', 'Calls', 'Formats', 'History', 'Settings']);
    await userEvent.click(within(nav).getByRole('button', { name: 'Calls' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Join Daily coworking' }));
    expect(await screen.findByRole('timer', { name: 'Time remaining' })).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: 'Now' })).toHaveAttribute('aria-current', 'page');
  });

  it('shows why a join was refused, and offers to stop the running session first', async () => {
    const b = backend({
      upcoming_calls: () => [upcoming(inMinutes(-1))],
      join_call: (args) => (args.replaceRunning ? sessionView() : Promise.reject({ code: 'conflict', message: 'A session is already running. Stop it first.', field: null })),
    });
    const onJoined = vi.fn();
    render(Calls, { onJoined });
    await userEvent.click(await screen.findByRole('button', { name: 'Join Daily coworking' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Stint could not join Daily coworking. A session is already running. Stop it first.');
    expect(onJoined).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Stop the running session and join Daily coworking' }));
    expect(b.argsOf('join_call').map((a) => a.replaceRunning)).toEqual([false, true]);
    await expect.poll(() => onJoined.mock.calls.length).toBe(1);
    expect(screen.queryByRole('button', { name: /^Stop the running session/ })).not.toBeInTheDocument();
  });

  it('does not offer to stop the running session for other refusals', async () => {
    backend({ upcoming_calls: () => [upcoming(inMinutes(-1))], join_call: rejectWith('invalid_input', 'This occurrence has ended. Join a later one.', 'occurrence_start') });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Join Daily coworking' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Stint could not join Daily coworking. This occurrence has ended. Join a later one.');
    expect(screen.queryByRole('button', { name: /^Stop the running session/ })).not.toBeInTheDocument();
  });

  it('marks the occurrence whose session is running', async () => {
    backend({ upcoming_calls: () => [upcoming(inMinutes(-1), { joined: true, current_phase: 'Welcome' })] });
    render(Calls);
    expect(await screen.findByText('Joined')).toBeInTheDocument();
  });
});

describe('Calls view: reminders', () => {
  it('turns a call reminders off and on', async () => {
    let enabled = true;
    const b = backend({
      list_calls: () => [storedCall({}, enabled), cafe],
      set_call_reminders: (args) => {
        enabled = args.enabled as boolean;
        return storedCall({}, enabled);
      },
    });
    render(Calls);
    const box = await screen.findByRole('checkbox', { name: 'Reminders for Daily coworking' });
    expect(box).toBeChecked();
    expect(box).toHaveAccessibleDescription('Reminders, 10 min before');
    expect(screen.getByText('Every week at 11:00 AM (Europe/London)')).toBeInTheDocument();
    await userEvent.click(box);
    expect(b.argsOf('set_call_reminders')).toEqual([{ id: 'tw/daily', enabled: false }]);
    await expect.poll(() => (box as HTMLInputElement).checked).toBe(false);
    await userEvent.click(box);
    expect(b.argsOf('set_call_reminders')[1]).toEqual({ id: 'tw/daily', enabled: true });
    await expect.poll(() => (box as HTMLInputElement).checked).toBe(true);
  });

  it('shows the stored choice again when the change is refused', async () => {
    backend({ set_call_reminders: rejectWith('storage', 'The disk is full. Free some space and try again.') });
    render(Calls);
    const box = await screen.findByRole('checkbox', { name: 'Reminders for Collaboration Cafe' });
    await userEvent.click(box);
    expect(await screen.findByRole('alert')).toHaveTextContent('Stint could not change the reminders. The disk is full. Free some space and try again.');
    expect(box).toBeChecked();
  });
});

describe('Calls view: your own calls', () => {
  it('deletes a call of your own after confirmation; pack calls have no Delete', async () => {
    let mine = [storedCall({ id: 'ics-1', title: 'Writing hour', community_id: null })];
    const b = backend({
      list_calls: () => [storedCall(), ...mine],
      delete_call: () => {
        mine = [];
        return null;
      },
    });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete Writing hour' }));
    expect(screen.queryByRole('button', { name: 'Delete Daily coworking' })).not.toBeInTheDocument();
    await userEvent.click(within(screen.getByRole('group', { name: 'Confirm deleting Writing hour' })).getByRole('button', { name: 'Keep' }));
    expect(b.argsOf('delete_call')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Delete Writing hour' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(b.argsOf('delete_call')).toEqual([{ id: 'ics-1' }]);
    await expect.poll(() => screen.queryByText('Writing hour')).toBeNull();
  });
});

describe('Calls view: community packs', () => {
  it('opens the pack chosen in the backend’s file dialog for review, installing nothing itself', async () => {
    const b = backend({ open_pack_file: () => pendingImport() });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Import community pack…' }));
    expect(await screen.findByText('Turing Way-like 1.2.0 is open for review. Install it from the dialog.')).toBeInTheDocument();
    // The backend opens the file dialog itself: the page sends no path, and opens no dialog.
    expect(b.argsOf('open_pack_file')).toEqual([{}]);
    expect(b.argsOf('plugin:dialog|open')).toEqual([]);
    expect(b.argsOf('confirm_pack_import')).toEqual([]);
  });

  it('shows a malformed pack error, naming the JSON path, as an alert', async () => {
    backend({
      open_pack_file: rejectWith('invalid_input', 'calls[0].time_zone: "Mars/Olympus" is not an IANA time zone', 'calls[0].time_zone'),
    });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Import community pack…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Stint could not import the pack. calls[0].time_zone: "Mars/Olympus" is not an IANA time zone',
    );
  });

  it('says nothing when the file dialog is cancelled', async () => {
    const b = backend({ open_pack_file: () => null });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Import community pack…' }));
    await expect.poll(() => b.argsOf('open_pack_file').length).toBe(1);
    expect(screen.queryByText(/open for review/)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers no way to type a file path: files come only from the dialog the backend opens', async () => {
    backend();
    render(Calls);
    await screen.findByRole('button', { name: 'Import community pack…' });
    expect(screen.queryByRole('textbox', { name: 'Pack file path' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import from path' })).not.toBeInTheDocument();
  });

  it('reloads when a pack was installed, and shows a notice from the shell in the banner', async () => {
    let installed: ReturnType<typeof community>[] = [];
    const b = backend({
      startup_report: () => [],
      get_settings: () => settings(),
      list_formats: () => [format()],
      current_session: () => null,
      list_communities: () => installed,
    });
    render(MainWindow, { sound: new FakeSound() });
    await userEvent.click(within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', { name: 'Calls' }));
    await screen.findByText('No community packs yet.');
    installed = [community()];
    await b.emitEvent('packs-changed', null);
    await b.emitEvent('notice', { message: 'Installed Turing Way-like 1.2.0.', error: false });
    expect(await screen.findByRole('list', { name: 'Communities' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Installed Turing Way-like 1.2.0.');
  });

  it('shows a community’s badge only on the calls of its pack', async () => {
    const own = { ...storedCall({ id: 'mine', title: 'My own call', community_id: 'tw' }), origin: { type: 'personal' as const } };
    backend({ list_calls: () => [own, cafe] });
    render(Calls);
    const list = await screen.findByRole('list', { name: 'Scheduled calls' });
    const [mine, fromPack] = within(list).getAllByRole('listitem');
    expect(mine).toHaveTextContent('My own call');
    expect(mine).not.toHaveTextContent('Turing Way-like');
    expect(fromPack).toHaveTextContent('Turing Way-like');
  });

  it('lists communities with version and links opened by the backend', async () => {
    const b = backend({ open_link: () => null });
    render(Calls);
    const list = await screen.findByRole('list', { name: 'Communities' });
    const item = within(list).getByRole('listitem');
    expect(within(item).getByRole('heading', { name: 'Turing Way-like' })).toBeInTheDocument();
    expect(item).toHaveTextContent('version 1.2.0');
    expect(item).toHaveTextContent('From the file tw.stint.json');
    await userEvent.click(within(item).getByRole('button', { name: 'Turing Way-like code of conduct' }));
    await userEvent.click(within(item).getByRole('button', { name: 'Turing Way-like website' }));
    expect(within(item).queryByRole('button', { name: 'Turing Way-like notes' })).not.toBeInTheDocument();
    expect(b.argsOf('open_link')).toEqual([{ url: 'https://example.org/coc' }, { url: 'https://example.org' }]);
  });

  it('removes a community only after confirmation, saying that history stays', async () => {
    let installed = [community()];
    const b = backend({
      list_communities: () => installed,
      remove_community: () => {
        installed = [];
        return null;
      },
    });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Turing Way-like' }));
    const confirm = screen.getByRole('group', { name: 'Confirm removing Turing Way-like' });
    expect(confirm).toHaveTextContent('your history (sessions, focus time, commitments) stays');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Keep' }));
    expect(b.argsOf('remove_community')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Turing Way-like' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(b.argsOf('remove_community')).toEqual([{ id: 'tw' }]);
    expect(await screen.findByText('Stint removed Turing Way-like. Your history stays.')).toBeInTheDocument();
    expect(await screen.findByText('No community packs yet.')).toBeInTheDocument();
  });

  it('explains packs and offers the import when there is nothing yet', async () => {
    backend({ list_calls: () => [], list_communities: () => [] });
    render(Calls);
    expect(await screen.findByText('No community packs yet.')).toBeInTheDocument();
    expect(screen.getByText(/adds the community’s call formats, its schedule and its join links/)).toBeInTheDocument();
    expect(screen.getByText(/No calls in the next 14 days/)).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Import community pack…' })).toHaveLength(1);
    expect(screen.queryByRole('list', { name: 'Scheduled calls' })).not.toBeInTheDocument();
  });
});

describe('Calls view: calendar files', () => {
  it('imports an .ics file and lists what it ignored', async () => {
    const b = backend({
      import_ics: () => ({ calls: [call({ id: 'x' })], ignored: ['ATTENDEE', 'VTODO'], skipped: ['line 40: no DTSTART'] }),
    });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Import calendar (.ics)…' }));
    expect(await screen.findByText('Stint imported one call from the calendar.')).toBeInTheDocument();
    expect(b.argsOf('import_ics')).toEqual([{}]);
    const ignored = screen.getByRole('list', { name: 'Ignored properties' });
    expect(within(ignored).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['ATTENDEE', 'VTODO']);
    expect(within(screen.getByRole('list', { name: 'Events skipped' })).getByText('line 40: no DTSTART')).toBeInTheDocument();
  });

  it('shows a malformed calendar error naming the line', async () => {
    backend({ import_ics: rejectWith('invalid_input', 'line 12: DTSTART is not a date', 'line 12') });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Import calendar (.ics)…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Stint could not import the calendar. line 12: DTSTART is not a date');
  });

  it('exports to the file the backend save dialog chose, and names it', async () => {
    const b = backend({ export_ics: () => '/home/me/stint-calls (2).ics' });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Export calendar (.ics)…' }));
    expect(await screen.findByText('Stint exported your calls to /home/me/stint-calls (2).ics.')).toBeInTheDocument();
    expect(b.argsOf('export_ics')).toEqual([{}]);
  });
});

describe('Calls view: accountability series', () => {
  /** A fake backend keeping one series' commitments, as the store does. */
  function seriesBackend(over: Record<string, Handler> = {}) {
    let list: Series[] = [series()];
    let kept: Commitment[] = [];
    const update = (id: unknown, change: Partial<Commitment>) => {
      kept = kept.map((c) => (c.id === id ? { ...c, ...change } : c));
      return kept.find((c) => c.id === id);
    };
    return backend({
      list_series: () => list,
      series_commitments: (args) => (args.seriesId === 'series-1' ? kept : []),
      add_series_commitment: (args) => {
        const c = seriesCommitment(kept.length + 1, args.text as string);
        kept = [...kept, c];
        return c;
      },
      note_commitment: (args) => update(args.id, { note: args.note as string | null }),
      resolve_commitment: (args) => update(args.id, { status: args.status as Commitment['status'], note: args.note as string | null }),
      start_next_series: () => {
        const next = series({ id: 'series-2', previous_series_id: 'series-1' });
        list = [...list, next];
        return next;
      },
      ...over,
    });
  }

  it('sets commitments in call 1, notes progress in call 2, resolves them in call 3', async () => {
    const b = seriesBackend();
    render(Calls);
    const card = await screen.findByRole('listitem', { name: 'Spring goals' });
    const steps = within(card).getByRole('list', { name: 'Calls of Spring goals' });
    expect(within(steps).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Call 1: set commitments Mon, Mar 3, 6:00 PM (Europe/London)',
      'Call 2: progress on each Wed, Mar 5, 6:00 PM (Europe/London)',
      'Call 3: how did it go Fri, Mar 7, 6:00 PM (Europe/London)',
    ]);
    expect(within(card).getByText(/No commitments yet/)).toBeInTheDocument();

    await userEvent.type(within(card).getByRole('textbox', { name: 'New commitment for Spring goals' }), 'Draft chapter 2');
    await userEvent.click(within(card).getByRole('button', { name: 'Add commitment to Spring goals' }));
    await userEvent.type(within(card).getByRole('textbox', { name: 'New commitment for Spring goals' }), 'Send <b>invoices</b>{Enter}');
    expect(b.argsOf('add_series_commitment')).toEqual([
      { seriesId: 'series-1', text: 'Draft chapter 2' },
      { seriesId: 'series-1', text: 'Send <b>invoices</b>' },
    ]);
    const list = await within(card).findByRole('list', { name: 'Commitments of Spring goals' });
    // User text is text, never HTML.
    expect(within(list).getByText('Send <b>invoices</b>')).toBeInTheDocument();
    expect(list.querySelector('b')).toBeNull();

    await userEvent.type(within(list).getByRole('textbox', { name: 'Progress note for Draft chapter 2' }), 'half written');
    await userEvent.click(within(list).getByRole('button', { name: 'Save note for Draft chapter 2' }));
    expect(b.argsOf('note_commitment')).toEqual([{ id: 1, note: 'half written' }]);
    expect(await within(card).findByText('Stint saved the note for “Draft chapter 2”.')).toBeInTheDocument();

    const outcome = within(list).getByRole('group', { name: 'Outcome of Draft chapter 2' });
    await userEvent.click(within(outcome).getByRole('radio', { name: 'Partly done' }));
    expect(b.argsOf('resolve_commitment')).toEqual([{ id: 1, status: 'partial', note: 'half written' }]);
    await expect.poll(() => within(list).getAllByRole('listitem')[0].dataset.status).toBe('partial');
    await userEvent.click(within(within(list).getByRole('group', { name: 'Outcome of Send <b>invoices</b>' })).getByRole('radio', { name: 'Done' }));
    expect(b.argsOf('resolve_commitment')[1]).toEqual({ id: 2, status: 'done', note: null });
  });

  it('keeps the stored outcome when a resolution is refused', async () => {
    seriesBackend({
      series_commitments: () => [seriesCommitment(1, 'Draft chapter 2', { status: 'partial' })],
      resolve_commitment: rejectWith('storage', 'The disk is full. Free some space and try again.'),
    });
    render(Calls);
    const outcome = await screen.findByRole('group', { name: 'Outcome of Draft chapter 2' });
    expect(within(outcome).getByRole('radio', { name: 'Partly done' })).toBeChecked();
    await userEvent.click(within(outcome).getByRole('radio', { name: 'Done' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Stint could not record the outcome. The disk is full. Free some space and try again.');
    expect(within(outcome).getByRole('radio', { name: 'Partly done' })).toBeChecked();
    expect(within(outcome).getByRole('radio', { name: 'Done' })).not.toBeChecked();
  });

  it('starts the next series the week after, carrying over what is left', async () => {
    const b = seriesBackend({
      series_commitments: (args) =>
        args.seriesId === 'series-1'
          ? [seriesCommitment(1, 'Draft chapter 2', { status: 'partial' }), seriesCommitment(2, 'Send invoices', { status: 'done' })]
          : [seriesCommitment(3, 'Draft chapter 2', { carried_from: 1 })],
    });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Start the next series after Spring goals' }));
    const form = screen.getByRole('group', { name: 'Next series after Spring goals' });
    expect(within(form).getByRole('textbox', { name: 'Series title' })).toHaveValue('Spring goals');
    await userEvent.click(within(form).getByRole('button', { name: 'Start the next series' }));
    expect(b.argsOf('start_next_series')).toEqual([
      {
        seriesId: 'series-1',
        draft: {
          title: 'Spring goals',
          community_id: null,
          pattern: { type: 'days_of_week', week_of: '2025-03-10', days: ['mon', 'wed', 'fri'] },
          time: '18:00:00',
          time_zone: 'Europe/London',
          duration_minutes: 30,
          join_link: null,
          notes_link: null,
          reminder_minutes: 10,
        },
      },
    ]);
    expect(await screen.findByText('Stint started Spring goals: one commitment is carried over.')).toBeInTheDocument();
    const cards = await screen.findAllByRole('listitem', { name: 'Spring goals' });
    expect(cards).toHaveLength(2);
    expect(within(cards[0]).getByText('Continued in Spring goals.')).toBeInTheDocument();
    expect(within(cards[0]).queryByRole('button', { name: /^Start the next series/ })).not.toBeInTheDocument();
    expect(within(cards[1]).getByText(/Follows Spring goals/)).toBeInTheDocument();
    expect(await within(cards[1]).findByText('carried over')).toBeInTheDocument();
  });

  it('creates a new series, showing a field error beside the field it names', async () => {
    let attempts = 0;
    const b = seriesBackend({
      create_series: (args) => {
        attempts += 1;
        if (attempts === 1)
          return Promise.reject({
            code: 'invalid_input',
            message: 'A series meets on three different days. Choose three days.',
            field: 'pattern.days',
          });
        return { ...series({ id: 'series-9' }), title: (args.draft as { title: string }).title };
      },
    });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'New accountability series' }));
    const form = screen.getByRole('group', { name: 'New accountability series' });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Series title' }), 'Thesis sprint');
    await userEvent.clear(within(form).getByRole('combobox', { name: 'Time zone' }));
    await userEvent.type(within(form).getByRole('combobox', { name: 'Time zone' }), 'Europe/Berlin');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Friday' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Create series' }));
    const days = within(form).getByRole('group', { name: 'Meeting days (pick three)' });
    expect(days).toHaveAccessibleDescription('A series meets on three different days. Choose three days.');

    expect(b.argsOf('create_series')[0]).toMatchObject({
      draft: { title: 'Thesis sprint', time_zone: 'Europe/Berlin', pattern: { type: 'days_of_week', days: ['mon', 'wed'] } },
    });

    await userEvent.click(within(form).getByRole('radio', { name: 'One day a week, three weeks running' }));
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Weekday' }), 'thu');
    await userEvent.click(within(form).getByRole('button', { name: 'Create series' }));
    expect(b.argsOf('create_series')[1]).toMatchObject({ draft: { pattern: { type: 'weekly', weekday: 'thu' } } });
    expect(await screen.findByText('Stint created Thesis sprint with three calls: Mon, Mar 3, Wed, Mar 5, and Fri, Mar 7.')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'New accountability series' })).not.toBeInTheDocument();
  });
});

describe('Calls view in German', () => {
  afterEach(() => useLocale({ lang: 'en', tag: 'en' }));

  it('speaks German: labels, schedules, plurals and the locale’s 24 hours', async () => {
    useLocale({ lang: 'de', tag: 'de-DE' });
    backend({
      upcoming_calls: () => [upcoming(inMinutes(-5), { current_phase: 'Fokus' })],
      list_subscriptions: () => [
        { id: 1, url: 'https://a.example.org/one.ics', added_at: '2025-03-01T09:00:00Z', refreshed_at: '2025-03-01T09:00:05Z', error: null, calls: 1, skipped: [] },
        { id: 2, url: 'https://b.example.org/three.ics', added_at: '2025-03-01T09:00:00Z', refreshed_at: '2025-03-01T09:00:05Z', error: null, calls: 3, skipped: ['x', 'y'] },
      ],
    });
    render(Calls);
    expect(await screen.findByRole('heading', { name: 'Termine' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Die nächsten 14 Tage' })).toBeInTheDocument();
    const today = screen.getByRole('list', { name: 'Heute' });
    expect(within(today).getByRole('button', { name: 'An Daily coworking teilnehmen' })).toBeInTheDocument();
    expect(within(today).getByText('Läuft gerade: Fokus')).toBeInTheDocument();
    // A call's schedule and its reminder switch, in German with the time in 24 hours.
    expect(screen.getByText('Jede Woche um 11:00 (Europe/London)')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Erinnerungen für Collaboration Cafe' })).toBeInTheDocument();
    // Plurals: one Termin, three Termine; two skipped events.
    const subscriptions = await screen.findByRole('list', { name: 'Kalender-Abos' });
    const [one, three] = within(subscriptions).getAllByRole('listitem').filter((li) => li.classList.contains('card'));
    expect(one).toHaveTextContent(/1 Termin, zuletzt gelesen: /);
    expect(three).toHaveTextContent(/3 Termine, zuletzt gelesen: /);
    expect(within(three).getByText('2 Ereignisse übersprungen')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Community-Paket importieren…' })).toBeInTheDocument();
  });

  it('says there are no calls in the next 14 days, in German', async () => {
    useLocale({ lang: 'de', tag: 'de-DE' });
    backend({ list_communities: () => [] });
    render(Calls);
    expect(await screen.findByText(/^Keine Termine in den nächsten 14 Tagen\. Importiere unten das Paket deiner Community/)).toBeInTheDocument();
  });
});
