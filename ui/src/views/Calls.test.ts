import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Calls from './Calls.svelte';
import MainWindow from '../MainWindow.svelte';
import { fakeBackend, rejectWith, type Handler } from '../test/backend';
import { call, community, packImport, storedCall, upcoming } from '../test/callFixtures';
import { format, sessionView, settings } from '../test/fixtures';
import { FakeSound } from '../test/fakeSound';
import { formatClock } from '../lib/time';

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
        upcoming(ny, { call_id: 'ny', title: 'Alliance call', time_zone: 'America/New_York', community_name: 'Alliance', accent: '#006400' }),
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
    expect(b.argsOf('join_call')).toEqual([{ callId: 'tw/daily', occurrenceStart: start }]);
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

  it('shows why a join was refused', async () => {
    backend({ upcoming_calls: () => [upcoming(inMinutes(-1))], join_call: rejectWith('conflict', 'another session is running') });
    render(Calls);
    await userEvent.click(await screen.findByRole('button', { name: 'Join Daily coworking' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not join Daily coworking: another session is running');
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
    expect(screen.getByText('Every week at 11:00 (Europe/London)')).toBeInTheDocument();
    await userEvent.click(box);
    expect(b.argsOf('set_call_reminders')).toEqual([{ id: 'tw/daily', enabled: false }]);
    await expect.poll(() => (box as HTMLInputElement).checked).toBe(false);
    await userEvent.click(box);
    expect(b.argsOf('set_call_reminders')[1]).toEqual({ id: 'tw/daily', enabled: true });
    await expect.poll(() => (box as HTMLInputElement).checked).toBe(true);
  });

  it('shows the stored choice again when the change is refused', async () => {
    backend({ set_call_reminders: rejectWith('storage', 'disk full') });
    render(Calls);
    const box = await screen.findByRole('checkbox', { name: 'Reminders for Collaboration Cafe' });
    await userEvent.click(box);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not change the reminders: disk full');
    expect(box).toBeChecked();
  });
});
