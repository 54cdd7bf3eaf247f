import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SettingsView from './Settings.svelte';
import { fakeBackend } from '../test/backend';
import { settings } from '../test/fixtures';
import { loadPrefs } from '../lib/prefs';

afterEach(() => localStorage.clear());

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
      set_settings: () => Promise.reject({ code: 'invalid_input', message: 'A long break comes after 0 to 12 breaks (0 for never); this one is 13. Choose a number in that range.', field: 'long_break_every' }),
    });
    render(SettingsView);
    await userEvent.click(await screen.findByRole('button', { name: 'Save settings' }));
    const field = screen.getByRole('spinbutton', { name: 'Long break after every N focus phases' });
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(field).toHaveAccessibleDescription(
      'A long break comes after 0 to 12 breaks (0 for never); this one is 13. Choose a number in that range.',
    );
    expect(screen.queryByText('Settings saved.')).not.toBeInTheDocument();
  });

  it('saves start at login and the global shortcut with the shell’s settings', async () => {
    const backend = fakeBackend({ get_settings: () => settings(), set_settings: (args) => args.settings });
    render(SettingsView);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Start Stint at login' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Global start/pause shortcut' }), '  CommandOrControl+Alt+Space ');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(backend.argsOf('set_settings')).toEqual([
      { settings: { ...settings(), start_at_login: true, global_shortcut: 'CommandOrControl+Alt+Space' } },
    ]);
  });

  it('sends no shortcut when the box is emptied, and shows a refused one beside the box', async () => {
    const REFUSED_SHORTCUT =
      'Stint cannot use this shortcut: “Hyper” is not a modifier (use Ctrl, Alt, Shift, Super or CmdOrCtrl). Change it, or clear it for no shortcut.';

    const backend = fakeBackend({
      get_settings: () => settings({ global_shortcut: 'Ctrl+K' }),
      set_settings: (args) =>
        (args.settings as { global_shortcut: string | null }).global_shortcut === null
          ? args.settings
          : Promise.reject({ code: 'invalid_input', message: REFUSED_SHORTCUT, field: 'global_shortcut' }),
    });
    render(SettingsView);
    const box = await screen.findByRole('textbox', { name: 'Global start/pause shortcut' });
    await userEvent.clear(box);
    await userEvent.type(box, 'Hyper+');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
    expect(box).toHaveAccessibleDescription(REFUSED_SHORTCUT);
    await userEvent.clear(box);
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(backend.argsOf('set_settings')[1]).toEqual({ settings: settings() });
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
  });

  it('keeps the chime, ambience and accent of this desktop in local storage', async () => {
    const backend = fakeBackend({ get_settings: () => settings(), set_settings: (args) => args.settings });
    render(SettingsView);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Play a chime in Stint at each phase change' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Ambience' }), 'Brown noise (deep)');
    expect(screen.getByRole('slider', { name: 'Chime volume' })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: 'Ambience volume' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(loadPrefs()).toMatchObject({ chime: false, ambience: 'brown' });
    // Nothing of these goes to the shell, whose Settings does not have them.
    expect(Object.keys(backend.argsOf('set_settings')[0].settings as object)).not.toContain('ambience');
  });

  it('says what this desktop cannot do instead of offering a dead shortcut box, keeping the saved shortcut', async () => {
    const backend = fakeBackend({
      get_settings: () => settings({ global_shortcut: 'Ctrl+K' }),
      set_settings: (args) => args.settings,
      desktop_capabilities: () => ({
        global_shortcut: { available: false, note: 'This Wayland desktop does not let apps take a global shortcut.' },
        always_on_top: { available: false, note: 'This Wayland desktop does not let apps keep a window above the others.' },
      }),
    });
    render(SettingsView);
    expect(await screen.findByText('This Wayland desktop does not let apps take a global shortcut.')).toBeInTheDocument();
    expect(screen.getByText('This Wayland desktop does not let apps keep a window above the others.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Global start/pause shortcut' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(backend.argsOf('set_settings')).toEqual([{ settings: settings({ global_shortcut: 'Ctrl+K' }) }]);
  });

  it('offers the shortcut box and no note where the desktop allows both', async () => {
    fakeBackend({
      get_settings: () => settings(),
      desktop_capabilities: () => ({
        global_shortcut: { available: true, note: null },
        always_on_top: { available: true, note: null },
      }),
    });
    render(SettingsView);
    expect(await screen.findByRole('textbox', { name: 'Global start/pause shortcut' })).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });
});
