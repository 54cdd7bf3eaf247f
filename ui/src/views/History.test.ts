import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import History from './History.svelte';
import { fakeBackend } from '../test/backend';
import { overview, summaryRow } from '../test/fixtures';

const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => summaryRow(from + i));

describe('History view', () => {
  it('shows streaks, commitments kept and focus per day as a chart with a table', async () => {
    fakeBackend({ history_overview: () => overview(), history_sessions: () => [] });
    render(History);
    expect(await screen.findByText('Current streak')).toBeInTheDocument();
    expect(screen.getByText('3 days')).toBeInTheDocument();
    expect(screen.getByText('12 days')).toBeInTheDocument();
    expect(screen.getByText('8 of 12')).toBeInTheDocument();
    expect(screen.getByText('80 % of those resolved')).toBeInTheDocument();
    const totals = screen.getByRole('table', { name: 'By format' });
    expect(within(totals).getByRole('rowheader', { name: 'Collaboration Cafe' })).toBeInTheDocument();
    expect(within(totals).getAllByRole('row')[1]).toHaveTextContent('Pomodoro3012 h 30 min');

    const chart = screen.getByRole('figure', { name: 'Focus time per day, last 30 days' });
    expect(chart.querySelectorAll('rect')).toHaveLength(30);
    const table = within(chart).getByRole('table', { name: 'Focus time per day' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(31);
    expect(rows[30]).toHaveTextContent('25 min');
    expect(screen.getByText('No sessions yet.')).toBeInTheDocument();
  });

  it('lists sessions and pages with Load more', async () => {
    const backend = fakeBackend({
      history_overview: () => overview(),
      history_sessions: (args) => (args.beforeId === null ? page(1, 20) : page(21, 3)),
    });
    render(History);
    const list = await screen.findByRole('list', { name: 'Sessions' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    expect(within(list).getByText('Session 1')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await expect.poll(() => within(list).getAllByRole('listitem').length).toBe(23);
    expect(backend.argsOf('history_sessions')).toEqual([
      { beforeId: null, limit: 20 },
      { beforeId: 20, limit: 20 },
    ]);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('deletes a session only after confirmation', async () => {
    let rows = page(1, 2);
    const backend = fakeBackend({
      history_overview: () => overview(),
      history_sessions: () => rows,
      delete_session: (args) => {
        rows = rows.filter((r) => r.id !== args.id);
        return null;
      },
    });
    render(History);
    await screen.findByText('Session 2');
    await userEvent.click(screen.getByRole('button', { name: /^Delete Session 2/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Keep' }));
    expect(backend.argsOf('delete_session')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: /^Delete Session 2/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(backend.argsOf('delete_session')).toEqual([{ id: 2 }]);
    await expect.poll(() => screen.queryByText('Session 2')).toBeNull();
    expect(screen.getByText('Session 1')).toBeInTheDocument();
  });

  it('exports to the path chosen in the save dialog', async () => {
    const backend = fakeBackend({
      history_overview: () => overview(),
      history_sessions: () => [],
      'plugin:dialog|save': () => '/home/me/stint.csv',
      export_history: () => ['/home/me/stint-sessions.csv', '/home/me/stint-commitments.csv'],
    });
    render(History);
    await userEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect(backend.argsOf('export_history')).toEqual([{ kind: 'csv', path: '/home/me/stint.csv' }]);
    expect(await screen.findByText('Exported to /home/me/stint-sessions.csv, /home/me/stint-commitments.csv.')).toBeInTheDocument();
  });

  it('does not export when the save dialog is cancelled', async () => {
    const backend = fakeBackend({
      history_overview: () => overview(),
      history_sessions: () => [],
      'plugin:dialog|save': () => null,
      export_history: () => [],
    });
    render(History);
    await userEvent.click(await screen.findByRole('button', { name: 'Export JSON' }));
    await expect.poll(() => backend.argsOf('plugin:dialog|save').length).toBe(1);
    expect(backend.argsOf('export_history')).toEqual([]);
  });

  it('tells a new user where sessions come from, with a way there', async () => {
    fakeBackend({ history_overview: () => overview(), history_sessions: () => [] });
    const onGoToNow = vi.fn();
    render(History, { onGoToNow });
    expect(await screen.findByText(/Start one from Now/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start a session' }));
    expect(onGoToNow).toHaveBeenCalledOnce();
  });
});
