import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SettingsView from './Settings.svelte';
import { fakeBackend } from '../test/backend';
import { settings } from '../test/fixtures';

describe('Settings view', () => {
  it('saves the edited settings, keeping fields it does not show', async () => {
    const stored = { ...settings(), notify_actions: true };
    const backend = fakeBackend({ get_settings: () => stored, set_settings: (args) => args.settings });
    render(SettingsView);
    const focus = await screen.findByRole('spinbutton', { name: 'Focus minutes' });
    expect(focus).toHaveValue(25);
    await userEvent.clear(focus);
    await userEvent.type(focus, '50');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Start the next phase automatically' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Keep wall-clock time' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'Dark');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(backend.argsOf('set_settings')).toEqual([
      { settings: { ...stored, focus_minutes: 50, auto_start_next: false, sleep_policy: 'wall_clock', theme: 'dark' } },
    ]);
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('shows a refused value’s message beside its field', async () => {
    fakeBackend({
      get_settings: () => settings(),
      set_settings: () => Promise.reject({ code: 'invalid_input', message: 'long_break_every: must be at most 12', field: 'long_break_every' }),
    });
    render(SettingsView);
    await userEvent.click(await screen.findByRole('button', { name: 'Save settings' }));
    const field = screen.getByRole('spinbutton', { name: 'Long break after every N focus phases' });
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(field).toHaveAccessibleDescription('must be at most 12');
    expect(screen.queryByText('Settings saved.')).not.toBeInTheDocument();
  });
});
