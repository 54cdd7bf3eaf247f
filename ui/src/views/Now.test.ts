import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Now from './Now.svelte';
import { fakeBackend } from '../test/backend';
import { commitment, format, phaseDetail, sessionDetail, sessionView } from '../test/fixtures';
import type { SessionView } from '../lib/bindings/SessionView';

const checkIn = format({
  id: 'check-in',
  name: 'Check-in',
  attribution: null,
  repeat: null,
  commitments: { ask_at_start: true, resolve_at_end: true },
});

/** A running session whose current phase ends `ms` from now. */
const running = (ms = 90_000, over: Parameters<typeof sessionView>[0] = {}) =>
  sessionView({ endsAt: Date.now() + ms, ...over });

describe('Now view', () => {
  it('starts a session of the chosen format and shows its phase', async () => {
    const backend = fakeBackend({
      list_formats: () => [format(), checkIn],
      current_session: () => null,
      start_session: () => running(25 * 60_000),
    });
    render(Now);
    const picker = await screen.findByRole('combobox', { name: 'Format' });
    await screen.findByRole('option', { name: 'Pomodoro' });
    expect(picker).toHaveValue('pomodoro');
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));

    expect(backend.argsOf('start_session')).toEqual([{ formatId: 'pomodoro', commitments: [] }]);
    expect(await screen.findByRole('timer', { name: 'Time remaining' })).toHaveTextContent('25:00');
    expect(screen.getByRole('heading', { name: 'Pomodoro 1' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
  });

  it('asks for commitments first when the format says so', async () => {
    const backend = fakeBackend({
      list_formats: () => [format(), checkIn],
      current_session: () => null,
      start_session: () => running(),
    });
    render(Now);
    await screen.findByRole('option', { name: 'Check-in' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'check-in');
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(backend.argsOf('start_session')).toEqual([]);

    const box = screen.getByRole('textbox', { name: 'New commitment' });
    expect(box).toHaveFocus();
    await userEvent.type(box, 'Send the invoice{Enter}');
    expect(within(screen.getByRole('list', { name: 'Planned commitments' })).getByText('Send the invoice')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(backend.argsOf('start_session')).toEqual([{ formatId: 'check-in', commitments: ['Send the invoice'] }]);
  });

  it('marks the current step of the agenda with aria-current="step"', async () => {
    fakeBackend({ list_formats: () => [format()], current_session: () => running(60_000, { phaseIndex: 1 }) });
    render(Now);
    const agenda = await screen.findByRole('list', { name: 'Agenda' });
    const items = within(agenda).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items.map((i) => i.getAttribute('aria-current'))).toEqual([null, 'step', null]);
    expect(items[1]).toHaveTextContent('Break');
    expect(items[1].querySelector('time')).toHaveAttribute('datetime', '2025-03-03T10:25:00.000Z');
  });

  it('pauses and resumes through the backend, the button following the snapshot', async () => {
    const paused: SessionView = sessionView({ endsAt: null, paused: true, remainingMs: 42_000 });
    const backend = fakeBackend({
      list_formats: () => [format()],
      current_session: () => running(),
      pause_session: () => paused,
      resume_session: () => running(42_000),
    });
    render(Now);
    await userEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    const resume = await screen.findByRole('button', { name: 'Resume' });
    expect(screen.getByRole('timer')).toHaveTextContent('00:42');
    expect(resume).toHaveFocus();
    await userEvent.click(resume);
    await screen.findByRole('button', { name: 'Pause' });
    expect(backend.calls.map((c) => c.cmd)).toEqual(
      expect.arrayContaining(['pause_session', 'resume_session']),
    );
  });

  it('skips, adds five minutes and stops', async () => {
    const backend = fakeBackend({
      list_formats: () => [format()],
      current_session: () => running(),
      skip_phase: () => running(300_000, { phaseIndex: 1 }),
      extend_phase: () => running(600_000, { phaseIndex: 1 }),
      stop_session: () => sessionView({ phaseIndex: 1, endsAt: null, done: true }),
      session_detail: () =>
        sessionDetail({
          phases: [phaseDetail(0), phaseDetail(1, { outcome: 'stopped', actual_seconds: 40 })],
          outcome_counts: [
            { outcome: 'completed', phases: 1 },
            { outcome: 'stopped', phases: 1 },
          ],
        }),
    });
    render(Now);
    await userEvent.click(await screen.findByRole('button', { name: 'Skip' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add 5 minutes' }));
    expect(backend.argsOf('extend_phase')).toEqual([{ seconds: 300 }]);
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByRole('heading', { name: 'Session stopped' })).toBeInTheDocument();
    expect(await screen.findByText('1 done · 1 stopped early')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pause' })).not.toBeInTheDocument();
  });

  it('follows session-changed events', async () => {
    const backend = fakeBackend({ list_formats: () => [format()], current_session: () => running() });
    render(Now);
    await screen.findByRole('heading', { name: 'Pomodoro 1' });
    await backend.emitEvent('session-changed', running(300_000, { phaseIndex: 1 }));
    expect(await screen.findByRole('heading', { name: 'Break' })).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent('05:00');
  });

  it('adds a commitment and ticks it off', async () => {
    const added = commitment({ id: 3, text: 'Draft the README' });
    const backend = fakeBackend({
      list_formats: () => [format()],
      current_session: () => running(),
      add_commitment: () => added,
      resolve_commitment: () => ({ ...added, status: 'done' }),
      reopen_commitment: () => added,
    });
    render(Now);
    await userEvent.type(await screen.findByRole('textbox', { name: 'New commitment' }), 'Draft the README');
    await userEvent.click(screen.getByRole('button', { name: 'Add commitment' }));
    expect(backend.argsOf('add_commitment')).toEqual([{ sessionId: 7, text: 'Draft the README' }]);

    const list = await screen.findByRole('list', { name: 'Commitments' });
    const box = within(list).getByRole<HTMLInputElement>('checkbox', { name: 'Draft the README' });
    expect(box).not.toBeChecked();
    expect(screen.getByRole('textbox', { name: 'New commitment' })).toHaveValue('');
    await userEvent.click(box);
    expect(backend.argsOf('resolve_commitment')).toEqual([{ id: 3, status: 'done', note: null }]);
    await expect.poll(() => box.checked).toBe(true);
    await userEvent.click(box);
    expect(backend.argsOf('reopen_commitment')).toEqual([{ id: 3 }]);

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Outcome of Draft the README' }), 'partial');
    expect(backend.argsOf('resolve_commitment')[1]).toEqual({ id: 3, status: 'partial', note: null });
  });

  it('shows the core’s message when a commitment is refused', async () => {
    fakeBackend({
      list_formats: () => [format()],
      current_session: () => running(),
      add_commitment: () => Promise.reject({ code: 'invalid_input', message: 'A commitment needs some text. Write what you mean to do, or remove it.', field: 'text' }),
    });
    render(Now);
    await userEvent.click(await screen.findByRole('button', { name: 'Add commitment' }));
    const box = screen.getByRole('textbox', { name: 'New commitment' });
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
    expect(box).toHaveAccessibleDescription('A commitment needs some text. Write what you mean to do, or remove it.');
  });

  it('offers to resolve open commitments when the session ends', async () => {
    const open = commitment({ id: 5, text: 'Fix the build' });
    const backend = fakeBackend({
      list_formats: () => [format()],
      current_session: () => running(60_000, { commitments: [open], resolveAtEnd: true }),
      resolve_commitment: () => ({ ...open, status: 'not_done' }),
      session_detail: () => sessionDetail(),
    });
    render(Now);
    await screen.findByRole('heading', { name: 'Pomodoro 1' });
    expect(screen.queryByRole('heading', { name: 'How did it go?' })).not.toBeInTheDocument();

    await backend.emitEvent('session-changed', null);
    await screen.findByRole('heading', { name: 'How did it go?' });
    await userEvent.click(within(screen.getByRole('group', { name: 'Fix the build' })).getByRole('button', { name: 'Not done' }));
    expect(backend.argsOf('resolve_commitment')).toEqual([{ id: 5, status: 'not_done', note: null }]);
    await expect.poll(() => screen.queryByRole('heading', { name: 'How did it go?' })).toBeNull();
  });

  it('puts a checkbox back when the core refuses the change', async () => {
    const open = commitment({ id: 4, text: 'Call the bank' });
    fakeBackend({
      list_formats: () => [format()],
      current_session: () => running(60_000, { commitments: [open] }),
      resolve_commitment: () => Promise.reject({ code: 'storage', message: 'Stint could not read or write its data, so nothing changed. Try again; if it repeats, restart Stint and see its log. Detail: disk full.', field: null }),
    });
    render(Now);
    const box = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Call the bank' });
    await userEvent.click(box);
    expect(await screen.findByText('Stint could not read or write its data, so nothing changed. Try again; if it repeats, restart Stint and see its log. Detail: disk full.')).toBeInTheDocument();
    expect(box).not.toBeChecked();
  });

  it('keeps the commitments step open when starting fails', async () => {
    fakeBackend({
      list_formats: () => [checkIn],
      current_session: () => null,
      start_session: () => Promise.reject({ code: 'conflict', message: 'a session is already running', field: null }),
    });
    render(Now);
    await userEvent.click(await screen.findByRole('button', { name: 'Start' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'New commitment' }), 'Plan the week{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(await screen.findByText('a session is already running')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Planned commitments' })).toHaveTextContent('Plan the week');
  });

  it('sums up an ended session and carries what is left into the next one', async () => {
    const done = commitment({ id: 1, text: 'Write the intro', status: 'done' });
    const partly = commitment({ id: 2, text: 'Fix the build', status: 'partial' });
    const open = commitment({ id: 3, text: 'Reply to Ana' });
    const ended = sessionView({ done: true, endsAt: null, commitments: [done, partly, open], resolveAtEnd: true });
    const backend = fakeBackend({
      list_formats: () => [format()],
      current_session: () => ended,
      session_detail: () =>
        sessionDetail({
          commitments: [done, partly, open],
          left_over: [
            { text: 'Fix the build', carried_from: 2 },
            { text: 'Reply to Ana', carried_from: 3 },
          ],
        }),
      start_session: () => running(),
    });
    render(Now);
    expect(await screen.findByRole('heading', { name: 'Session complete' })).toBeInTheDocument();
    expect(await screen.findByText('50 min')).toBeInTheDocument();
    expect(screen.getByText('2 done · 1 skipped')).toBeInTheDocument();
    expect(screen.getByText('1 of 3 done')).toBeInTheDocument();
    // The resolve step comes right after the summary, before anything else to read or start.
    const resolve = screen.getByRole('heading', { name: 'How did it go?' });
    expect(resolve.compareDocumentPosition(screen.getByRole('heading', { name: 'Start another session' }))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(within(screen.getByRole('group', { name: 'Reply to Ana' })).getByRole('button', { name: 'Done' })).toBeInTheDocument();
    const outcomes = screen.getByRole('list', { name: 'Commitments' });
    expect(within(outcomes).getByText('Partly done')).toBeInTheDocument();

    const carry = screen.getByRole('group', { name: 'Carry over to the next session' });
    await userEvent.click(within(carry).getByRole('checkbox', { name: 'Reply to Ana' }));
    expect(screen.getByText('One commitment is carried over into the next session.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(backend.argsOf('start_session')).toEqual([{ formatId: 'pomodoro', commitments: ['Fix the build'] }]);
  });
});
