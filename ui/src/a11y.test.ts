// Every view, rendered with mock data, passes axe-core with no serious or critical violations.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import MainWindow from './MainWindow.svelte';
import { fakeBackend, rejectWith, type Handler } from './test/backend';
import { seriousViolations } from './test/axe';
import { FakeSound } from './test/fakeSound';
import { commitment, focus, format, overview, period, sessionDetail, sessionView, settings, summaryRow } from './test/fixtures';
import { community, pendingImport, series, seriesCommitment, storedCall, upcoming } from './test/callFixtures';

const mine = format({ id: 'mine', origin: { type: 'custom' }, name: 'Deep work', attribution: null, repeat: null, phases: [focus('Deep', 5400)] });

function backend(over: Record<string, Handler> = {}) {
  return fakeBackend({
    startup_report: () => [],
    get_settings: () => settings(),
    list_formats: () => [format(), mine],
    current_session: () => null,
    history_overview: () => overview(),
    history_period: () => period(),
    session_detail: () => sessionDetail(),
    history_sessions: () => [summaryRow(1), summaryRow(2, { status: 'active' })],
    about: () => ({ version: '0.1.0', data_dir: '/data', db_path: '/data/stint.db' }),
    upcoming_calls: () => [],
    list_calls: () => [],
    list_communities: () => [],
    list_series: () => [],
    series_commitments: () => [],
    list_subscriptions: () => [],
    ...over,
  });
}

const openMain = () => render(MainWindow, { sound: new FakeSound() });
const goTo = async (name: string) =>
  userEvent.click(within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', { name }));

beforeAll(() => {
  document.documentElement.lang = 'en';
  document.title = 'Stint';
});
afterEach(() => {
  window.location.hash = '';
});

// axe-core walks every node of a whole view in jsdom: the largest views take several seconds on a
// 2-core machine, more under load. The limit only stops a hung run; it measures nothing.
describe('accessibility (axe-core)', { timeout: 30_000 }, () => {
  it('the check itself catches a nameless control', async () => {
    const button = document.body.appendChild(document.createElement('button'));
    expect((await seriousViolations()).join()).toContain('button-name');
    button.remove();
  });

  it('Now, with no session', async () => {
    backend();
    openMain();
    await screen.findByRole('button', { name: 'Start' });
    expect(await seriousViolations()).toEqual([]);
  });

  it('Now, with a session running', async () => {
    backend({
      current_session: () =>
        sessionView({ endsAt: Date.now() + 60_000, commitments: [commitment(), commitment({ id: 2, text: 'Reply to Ana', status: 'done' })] }),
    });
    openMain();
    await screen.findByRole('timer', { name: 'Time remaining' });
    await screen.findByRole('list', { name: 'Commitments' });
    expect(await seriousViolations()).toEqual([]);
  });

  it('Formats, with the editor open', async () => {
    backend();
    openMain();
    await goTo('Formats');
    await screen.findByText('Deep work');
    expect(await seriousViolations()).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Edit Deep work' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add phase' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Repeat the phases in rounds' }));
    expect(await seriousViolations()).toEqual([]);
  });

  it('Formats, with no format of your own', async () => {
    backend({ list_formats: () => [format()] });
    openMain();
    await goTo('Formats');
    await screen.findByText(/no formats of your own yet/);
    expect(await seriousViolations()).toEqual([]);
  });

  it('Now, when the session has ended: the summary, the resolve step, the carry-over', async () => {
    const open = commitment({ id: 3, text: 'Reply to Ana' });
    backend({
      current_session: () => sessionView({ done: true, endsAt: null, commitments: [commitment({ status: 'partial' }), open], resolveAtEnd: true }),
      session_detail: () => sessionDetail({ left_over: [{ text: 'Reply to Ana', carried_from: 3 }] }),
    });
    openMain();
    await screen.findByRole('heading', { name: 'How did it go?' });
    await screen.findByRole('group', { name: 'Carry over to the next session' });
    await userEvent.click(screen.getByText('Phases planned and run'));
    expect(await seriousViolations()).toEqual([]);
  });

  it('History: the week with sessions, and the year’s heat map', async () => {
    backend();
    openMain();
    await goTo('History');
    await screen.findByRole('list', { name: 'Sessions' });
    expect(await seriousViolations()).toEqual([]);
    await userEvent.click(screen.getByRole('radio', { name: 'Year' }));
    await screen.findByRole('table', { name: 'Focus per month' });
    expect(await seriousViolations()).toEqual([]);
  });

  it('History: a session’s detail and its correction', async () => {
    backend();
    openMain();
    await goTo('History');
    await userEvent.click((await screen.findAllByRole('button', { name: /^Details of/ }))[0]);
    await screen.findByRole('dialog');
    expect(await seriousViolations()).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Correct the record' }));
    expect(await seriousViolations()).toEqual([]);
  });

  it('History, empty', async () => {
    backend({ history_sessions: () => [], history_period: () => period({ first_day: null }) });
    openMain();
    await goTo('History');
    await screen.findByText('No sessions yet.');
    expect(await seriousViolations()).toEqual([]);
  });

  it('a community pack waiting for confirmation, with an update’s changes', async () => {
    backend({
      pending_pack_imports: () => [
        pendingImport({
          relation: 'newer',
          version: '1.3.0',
          warning: 'This pack jumps from version 1.2.0 to 13.0.0, more than 10 major versions at once.',
          installed: { name: 'Turing Way-like', version: '1.2.0', source: { kind: 'link', name: 'tw.stint.json' }, content_id: null, updated_at: '2025-03-01T10:00:00Z' },
          changes: [
            { kind: 'changed', call_id: 'cafe', title: 'Collaboration Cafe', join_link_changed: true, join_link_before: 'https://meet.example.org/cafe', join_link_after: 'https://meet.example.org/new', room_changed: false, room_before: null, room_after: null, fields: ['title'] },
          ],
        }),
      ],
    });
    openMain();
    await screen.findByRole('dialog', { name: 'Update Turing Way-like?' });
    expect(await seriousViolations()).toEqual([]);
  });

  it('Calls, empty, and a refused calendar address beside its field', async () => {
    backend({
      add_subscription: rejectWith('invalid_input', 'This is not a valid web address; check it and try again.', 'url'),
    });
    openMain();
    await goTo('Calls');
    await screen.findByText('No community packs yet.');
    expect(await seriousViolations()).toEqual([]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Calendar address' }), 'https://');
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    await screen.findByText('This is not a valid web address; check it and try again.');
    expect(await seriousViolations()).toEqual([]);
  });

  it('Calls, with occurrences, communities, series and the forms open', async () => {
    const soon = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
    backend({
      upcoming_calls: () => [
        upcoming(soon(-7), { current_phase: 'Pomodoro 1' }),
        upcoming(soon(60 * 24), { call_id: 'ny', title: 'Alliance call', time_zone: 'America/New_York', community: { id: 'al', name: 'Alliance', accent: null } }),
      ],
      list_calls: () => [storedCall(), storedCall({ id: 'x', title: 'Mine', community_id: null, reminder_minutes: null }, false)],
      list_communities: () => [community(), community({ id: 'al', name: 'Alliance', accent: null, links: { website: null, code_of_conduct: null, notes: 'https://n.example' } })],
      list_series: () => [series()],
      series_commitments: () => [seriesCommitment(1, 'Draft chapter 2', { status: 'partial', note: 'half' }), seriesCommitment(2, 'Send invoices')],
      open_pack_file: () => pendingImport(),
    });
    openMain();
    await goTo('Calls');
    await screen.findByText('In progress: Pomodoro 1');
    await screen.findByRole('list', { name: 'Commitments of Spring goals' });
    expect(await seriousViolations()).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Import community pack…' }));
    await screen.findByText(/is open for review/);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Alliance' }));
    await userEvent.click(screen.getByRole('button', { name: 'New accountability series' }));
    await userEvent.click(screen.getByRole('button', { name: 'Start the next series after Spring goals' }));
    expect(await seriousViolations()).toEqual([]);
  });

  it('Settings', async () => {
    backend();
    openMain();
    await goTo('Settings');
    await screen.findByRole('textbox', { name: 'Global start/pause shortcut' });
    expect(await seriousViolations()).toEqual([]);
  });

  it('the keyboard shortcuts overlay and the About box', async () => {
    backend();
    openMain();
    await userEvent.keyboard('?');
    screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(await seriousViolations()).toEqual([]);
    await userEvent.keyboard('{Escape}');
    await userEvent.click(screen.getByRole('button', { name: 'About Stint' }));
    await screen.findByText('/data/stint.db');
    expect(await seriousViolations()).toEqual([]);
  });

  it('the mini timer, running and idle', async () => {
    window.location.hash = '#mini';
    backend({ current_session: () => sessionView({ endsAt: Date.now() + 60_000 }) });
    const { unmount } = render(App);
    await screen.findByRole('timer', { name: 'Time remaining' });
    expect(await seriousViolations()).toEqual([]);
    unmount();
    backend({ current_session: () => null });
    render(App);
    await screen.findByText(/No session running/);
    expect(await seriousViolations()).toEqual([]);
  });
});
