import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Formats from './Formats.svelte';
import { fakeBackend } from '../test/backend';
import { focus, format, rest } from '../test/fixtures';
import type { FormatDraft } from '../lib/bindings/FormatDraft';
import { useLocale } from '../lib/i18n.svelte';

afterEach(() => useLocale({ lang: 'en', tag: 'en' }));

const mine = format({ id: 'mine-1', origin: { type: 'custom' }, name: 'Deep work', attribution: null, repeat: null, phases: [focus('Deep', 5400)] });

async function openEditor() {
  await userEvent.click(await screen.findByRole('button', { name: 'New format' }));
  return screen.getByRole('textbox', { name: 'Format name' });
}

describe('Formats view', () => {
  it('lists built-ins with what each is for, and custom formats', async () => {
    fakeBackend({ list_formats: () => [format(), mine] });
    render(Formats);
    await screen.findByText('Pomodoro');
    const builtins = screen.getByRole('region', { name: 'Built-in formats' });
    expect(within(builtins).getByText('Pomodoro')).toBeInTheDocument();
    expect(within(builtins).getByText(/^Work alone in timed blocks, with a short break after each/)).toBeInTheDocument();
    expect(within(builtins).queryByText(/Francesco Cirillo \(|Call kind/)).toBeNull();
    const own = screen.getByRole('region', { name: 'Your formats' });
    expect(within(own).getByText('Deep work')).toBeInTheDocument();
    expect(within(own).getByText('Deep 1 h 30 min')).toBeInTheDocument();
    expect(within(own).queryByRole('group')).toBeNull();
  });

  it('keeps the source behind a Source disclosure, closed until asked', async () => {
    const cafe = format({ id: 'turing-collaboration-cafe', name: 'Collaboration Cafe', attribution: 'The Turing Way, Community Handbook: Community Coworking Calls.', repeat: null });
    const copied = format({ id: 'mine-2', origin: { type: 'custom' }, name: 'My cafe', attribution: 'Copied from the Turing Way.' });
    fakeBackend({ list_formats: () => [format(), cafe, copied] });
    render(Formats);
    const toggle = await screen.findByText('Source', { selector: '[aria-label="Source of Pomodoro"]' });
    const source = 'The pomodoro technique by Francesco Cirillo, as described in The Turing Way. Stint chose 15 minutes for the long break.';
    expect(screen.getByText(source)).not.toBeVisible();
    // A native <summary>: focusable and toggled by Enter or Space in the webview (jsdom only does clicks).
    expect(toggle.tagName).toBe('SUMMARY');
    await userEvent.click(toggle);
    expect(screen.getByText(source)).toBeVisible();
    expect(screen.getByText('A two-hour community call with three blocks of work, breaks to talk, and an open discussion at the end.')).toBeInTheDocument();
    // A custom format has no description; its own attribution stays behind the disclosure.
    expect(screen.getByText('Source', { selector: '[aria-label="Source of My cafe"]' })).toBeInTheDocument();
    expect(screen.getByText('Copied from the Turing Way.')).not.toBeVisible();
  });

  it('speaks the built-ins’ words in the user’s language', async () => {
    useLocale({ lang: 'de', tag: 'de' });
    fakeBackend({ list_formats: () => [format()] });
    render(Formats);
    expect(await screen.findByText(/^Allein in festen Blöcken arbeiten/)).toBeInTheDocument();
    expect(screen.getByText('Quelle', { selector: '[aria-label="Quelle von Pomodoro"]' })).toBeInTheDocument();
    expect(screen.getByText(/^Die Pomodoro-Technik von Francesco Cirillo/)).toBeInTheDocument();
  });

  it('duplicates and archives through the backend, then reloads', async () => {
    const backend = fakeBackend({
      list_formats: () => [format(), mine],
      duplicate_format: () => mine,
      archive_format: () => ({ ...mine, archived: true }),
    });
    render(Formats);
    await userEvent.click(await screen.findByRole('button', { name: 'Duplicate Pomodoro' }));
    await userEvent.click(screen.getByRole('button', { name: 'Archive Deep work' }));
    expect(backend.argsOf('duplicate_format')).toEqual([{ id: 'pomodoro' }]);
    expect(backend.argsOf('archive_format')).toEqual([{ id: 'mine-1', archived: true }]);
    await expect.poll(() => backend.argsOf('list_formats').length).toBe(3);
  });

  it('builds a draft from the phase fields and creates the format', async () => {
    const backend = fakeBackend({ list_formats: () => [], create_format: () => mine });
    render(Formats);
    await userEvent.type(await openEditor(), 'Sprint');
    await userEvent.clear(screen.getByRole('textbox', { name: 'Phase 1 label' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Phase 1 label' }), 'Work');
    await userEvent.clear(screen.getByRole('spinbutton', { name: 'Phase 1 minutes' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Phase 1 minutes' }), '50');
    await userEvent.click(screen.getByRole('button', { name: 'Add phase' }));
    await userEvent.clear(screen.getByRole('textbox', { name: 'Phase 2 label' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Phase 2 label' }), 'Share');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Phase 2 kind' }), 'Check-in');
    await userEvent.clear(screen.getByRole('spinbutton', { name: 'Phase 2 minutes' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Phase 2 minutes' }), '4');
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Phase 2 seconds' }), '30');
    await userEvent.type(screen.getByRole('textbox', { name: 'Phase 2 prompt' }), 'Share one win');
    await userEvent.click(screen.getByRole('button', { name: 'Move phase 2 up' }));
    expect(screen.getByRole('button', { name: 'Move phase 1 up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move phase 1 down' })).toHaveFocus();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Ask for commitments at the start' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save format' }));

    const [{ draft }] = backend.argsOf('create_format') as [{ draft: FormatDraft }];
    expect(draft).toEqual({
      name: 'Sprint',
      attribution: null,
      phases: [
        { label: 'Share', kind: 'check_in', seconds: 270, prompt: 'Share one win' },
        { label: 'Work', kind: 'focus', seconds: 3000, prompt: null },
      ],
      commitments: { ask_at_start: true, resolve_at_end: false },
      repeat: null,
    });
    expect(await screen.findByRole('button', { name: 'New format' })).toBeInTheDocument();
  });

  it('shows the core’s validation message beside the field it names', async () => {
    fakeBackend({
      list_formats: () => [],
      create_format: () =>
        Promise.reject({ code: 'invalid_input', message: 'A phase lasts 5 s to 8 h; phase 2 lasts 3 s. Change its length and save again.', field: 'phases[1].seconds' }),
    });
    render(Formats);
    await userEvent.type(await openEditor(), 'Tiny');
    await userEvent.click(screen.getByRole('button', { name: 'Add phase' }));
    await userEvent.clear(screen.getByRole('spinbutton', { name: 'Phase 2 minutes' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Phase 2 minutes' }), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save format' }));

    const minutes = screen.getByRole('spinbutton', { name: 'Phase 2 minutes' });
    await expect.poll(() => minutes.getAttribute('aria-invalid')).toBe('true');
    expect(minutes).toHaveAccessibleDescription('A phase lasts 5 s to 8 h; phase 2 lasts 3 s. Change its length and save again.');
    expect(screen.getByRole('spinbutton', { name: 'Phase 2 seconds' })).toHaveAccessibleDescription('A phase lasts 5 s to 8 h; phase 2 lasts 3 s. Change its length and save again.');
    expect(screen.getByRole('spinbutton', { name: 'Phase 1 minutes' })).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('textbox', { name: 'Format name' })).not.toHaveAttribute('aria-invalid');
    expect(minutes).toHaveFocus();
    // The message sits inside phase 2's fieldset.
    const phase2 = screen.getByRole('group', { name: 'Phase 2' });
    expect(within(phase2).getByText('A phase lasts 5 s to 8 h; phase 2 lasts 3 s. Change its length and save again.')).toBeInTheDocument();
  });

  it('shows an error without a known field at the top of the form', async () => {
    fakeBackend({ list_formats: () => [], create_format: () => Promise.reject({ code: 'storage', message: 'Stint could not read or write its data, so nothing changed. Try again; if it repeats, restart Stint and see its log. Detail: disk full.', field: null }) });
    render(Formats);
    await openEditor();
    await userEvent.click(screen.getByRole('button', { name: 'Save format' }));
    expect(await screen.findByText('Stint could not read or write its data, so nothing changed. Try again; if it repeats, restart Stint and see its log. Detail: disk full.')).toBeInTheDocument();
  });

  it('edits a custom format with update_format and removes phases', async () => {
    const two = { ...mine, phases: [focus('Deep', 5400), rest('Stretch', 600)] };
    const backend = fakeBackend({ list_formats: () => [two], update_format: () => two });
    render(Formats);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Deep work' }));
    expect(screen.getByRole('textbox', { name: 'Format name' })).toHaveValue('Deep work');
    expect(screen.getByRole('spinbutton', { name: 'Phase 1 minutes' })).toHaveValue(90);
    await userEvent.click(screen.getByRole('button', { name: 'Remove phase 1' }));
    expect(screen.getByRole('textbox', { name: 'Phase 1 label' })).toHaveValue('Stretch');
    expect(screen.getByRole('button', { name: 'Remove phase 1' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Save format' }));
    const [args] = backend.argsOf('update_format') as [{ id: string; draft: FormatDraft }];
    expect(args.id).toBe('mine-1');
    expect(args.draft.phases).toEqual([rest('Stretch', 600)]);
  });

  it('makes a repeating format with a long-break cadence', async () => {
    const backend = fakeBackend({ list_formats: () => [], create_format: () => mine });
    render(Formats);
    await userEvent.type(await openEditor(), 'My pomodoro');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Repeat the phases in rounds' }));
    await userEvent.clear(screen.getByRole('spinbutton', { name: 'Long break every N rounds (0 = never)' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Long break every N rounds (0 = never)' }), '3');
    expect(screen.getByRole('spinbutton', { name: 'Long break minutes' })).toHaveValue(15);
    await userEvent.click(screen.getByRole('button', { name: 'Save format' }));
    const [{ draft }] = backend.argsOf('create_format') as [{ draft: FormatDraft }];
    expect(draft.repeat).toEqual({
      rounds: null,
      long_break_every: 3,
      long_break: { label: 'Long break', kind: 'long_break', seconds: 900, prompt: null },
    });
  });
});
