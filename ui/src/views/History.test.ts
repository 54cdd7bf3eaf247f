import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import History from './History.svelte';
import { fakeBackend, rejectWith } from '../test/backend';
import { period, sessionDetail, summaryRow } from '../test/fixtures';

const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => summaryRow(from + i));
/** Thursday 6 March 2025, 12:00 UTC: the view opens on the week of 3–9 March. */
const NOW = Date.parse('2025-03-06T12:00:00Z');
const open = (props: Record<string, unknown> = {}) => render(History, { now: () => NOW, weekStartsOn: 1, ...props });

describe('History view', () => {
  it('shows the week with labelled days, honest times, time per kind and per format', async () => {
    const backend = fakeBackend({ history_period: () => period(), history_sessions: () => [] });
    open();
    expect(await screen.findByText('Current streak')).toBeInTheDocument();
    expect(backend.argsOf('history_period')).toEqual([{ from: '2025-03-03', to: '2025-03-09', zone: expect.any(String) }]);
    expect(screen.getByText('3 days')).toBeInTheDocument();
    expect(screen.getByText('8 of 12')).toBeInTheDocument();
    expect(screen.getByText('Focus', { selector: 'dt' }).nextElementSibling).toHaveTextContent('2 h 45 min'); // 9920 s, never rounded up

    const chart = screen.getByRole('figure', { name: 'Focus per day' });
    const rows = within(within(chart).getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(8);
    // 20 seconds of focus is shown as such, not as "0 min" beside its bar.
    expect(rows[4]).toHaveTextContent(/Thursday.*20 s/);
    expect(chart).toHaveTextContent(/Thu 6|6 Thu/); // each bar is labelled with its day

    const kinds = screen.getByRole('table', { name: 'By kind of phase' });
    expect(within(kinds).getAllByRole('row')[1]).toHaveTextContent('Focus2 h 45 min89%');
    const formats = screen.getByRole('table', { name: 'By format' });
    expect(within(formats).getByRole('rowheader', { name: 'Collaboration Cafe' })).toBeInTheDocument();
    expect(screen.getByText('No session started in this week.')).toBeInTheDocument();
  });

  it('steps to the previous week, to a day with its hours, and to the year’s heat map', async () => {
    const backend = fakeBackend({
      history_period: (args) =>
        args.from === args.to
          ? period({
              from: args.from as string,
              to: args.to as string,
              focus_per_day: [{ date: args.from as string, focus_seconds: 1800 }],
              focus_per_hour: Array.from({ length: 24 }, (_, h) => ({
                starts_at: `${args.from}T${String(h).padStart(2, '0')}:00:00Z`,
                focus_seconds: h === 9 ? 1800 : 0,
              })),
            })
          : period({ from: args.from as string, to: args.to as string }),
      history_sessions: () => [],
    });
    open();
    await screen.findByText('Current streak');
    expect(screen.getByRole('button', { name: 'Next week' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Previous week' }));
    expect(backend.argsOf('history_period')[1]).toMatchObject({ from: '2025-02-24', to: '2025-03-02' });
    expect(backend.argsOf('history_sessions')[1]).toMatchObject({ from: '2025-02-24', to: '2025-03-02' });

    await userEvent.click(screen.getByRole('radio', { name: 'Day' }));
    expect(backend.argsOf('history_period')[2]).toMatchObject({ from: '2025-03-02', to: '2025-03-02' });
    expect(await screen.findByRole('figure', { name: /^Focus per hour/ })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Today' }));
    expect(backend.argsOf('history_period')[3]).toMatchObject({ from: '2025-03-06', to: '2025-03-06' });

    await userEvent.click(screen.getByRole('radio', { name: 'Year' }));
    const year = backend.argsOf('history_period')[4];
    expect(year).toMatchObject({ to: '2025-03-09' });
    expect(await screen.findByRole('figure', { name: /^Focus per day, the last/ })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Focus per month' })).toBeInTheDocument();
  });

  it('lists the period’s sessions and pages with Load more', async () => {
    const backend = fakeBackend({
      history_period: () => period(),
      history_sessions: (args) => (args.beforeId === null ? page(1, 20) : page(21, 3)),
    });
    open();
    const list = await screen.findByRole('list', { name: 'Sessions' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await expect.poll(() => within(list).getAllByRole('listitem').length).toBe(23);
    expect(backend.argsOf('history_sessions').map((a) => [a.beforeId, a.limit, a.from, a.to])).toEqual([
      [null, 20, '2025-03-03', '2025-03-09'],
      [20, 20, '2025-03-03', '2025-03-09'],
    ]);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('deletes a session only after confirmation', async () => {
    let rows = page(1, 2);
    const backend = fakeBackend({
      history_period: () => period(),
      history_sessions: () => rows,
      delete_session: (args) => {
        rows = rows.filter((r) => r.id !== args.id);
        return null;
      },
    });
    open();
    await screen.findByText('Session 2');
    await userEvent.click(screen.getByRole('button', { name: /^Delete Session 2/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Keep' }));
    expect(backend.argsOf('delete_session')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: /^Delete Session 2/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(backend.argsOf('delete_session')).toEqual([{ id: 2 }]);
    await expect.poll(() => screen.queryByText('Session 2')).toBeNull();
  });

  it('shows a session’s detail and corrects a mis-tracked phase, with errors beside their field', async () => {
    const detail = sessionDetail({ session: summaryRow(7, { format_name: 'Pomodoro' }) });
    const corrected = sessionDetail({ session: summaryRow(7, { format_name: 'Pomodoro', title: 'Thesis' }), notes: 'Dozed off.' });
    let refuse = true;
    const backend = fakeBackend({
      history_period: () => period(),
      history_sessions: () => [summaryRow(7, { format_name: 'Pomodoro' })],
      session_detail: () => detail,
      edit_session: (args) =>
        refuse
          ? ((refuse = false),
            rejectWith('invalid_input', 'phases[0].actual_seconds: Phase 1 lasted 25 min from its start to its end, so it cannot have run longer.', 'phases[0].actual_seconds')(args))
          : corrected,
    });
    open();
    await userEvent.click(await screen.findByRole('button', { name: /^Details of Pomodoro/ }));
    const dialog = screen.getByRole('dialog', { name: 'Session: Pomodoro' });
    const phases = within(dialog).getByRole('table', { name: 'Phases' });
    expect(within(phases).getAllByRole('row')[2]).toHaveTextContent(/Break.*25 min.*40 s.*Skipped/);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Correct the record' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Thesis');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Notes' }), 'Dozed off.');
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Outcome of phase 1' }), 'Slept through');
    const minutes = within(dialog).getByRole('spinbutton', { name: 'Minutes run in phase 1' });
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '30');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(minutes).toHaveAccessibleDescription(/cannot have run longer/);
    const sent = backend.argsOf('edit_session')[0] as { id: number; edit: { title: string; notes: string; phases: unknown[] } };
    expect(sent.id).toBe(7);
    expect(sent.edit.title).toBe('Thesis');
    expect(sent.edit.phases[0]).toEqual({ index: 0, outcome: 'slept', actual_seconds: 1800 });

    await userEvent.clear(minutes);
    await userEvent.type(minutes, '20');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('dialog', { name: 'Session: Thesis' })).toHaveTextContent('Dozed off.');
    expect(screen.getByText('The session’s record is corrected.')).toBeInTheDocument();
  });

  it('exports with the zone the days are counted in', async () => {
    const backend = fakeBackend({
      history_period: () => period(),
      history_sessions: () => [],
      export_history: () => ['/home/me/sessions.csv', '/home/me/time_per_day.csv'],
    });
    open();
    await userEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect(backend.argsOf('export_history')).toEqual([{ kind: 'csv', zone: expect.any(String) }]);
    expect(await screen.findByText('Exported to /home/me/sessions.csv, /home/me/time_per_day.csv.')).toBeInTheDocument();
  });

  it('does not export when the save dialog is cancelled', async () => {
    const backend = fakeBackend({
      history_period: () => period(),
      history_sessions: () => [],
      export_history: () => null,
    });
    open();
    await userEvent.click(await screen.findByRole('button', { name: 'Export JSON' }));
    await expect.poll(() => backend.argsOf('export_history').length).toBe(1);
    expect(screen.queryByText(/^Exported/)).not.toBeInTheDocument();
  });

  it('tells a new user where sessions come from, with a way there', async () => {
    fakeBackend({ history_period: () => period({ first_day: null }), history_sessions: () => [] });
    const onGoToNow = vi.fn();
    open({ onGoToNow });
    expect(await screen.findByText(/Start one from Now/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start a session' }));
    expect(onGoToNow).toHaveBeenCalledOnce();
  });
});
