// Settings → Language: one choice, saved at once, applied to the backend (set_settings) and to every
// word of the window (the backend's ui_locale), and back to English afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import MainWindow from '../../MainWindow.svelte';
import { fakeBackend } from '../../test/backend';
import { FakeSound } from '../../test/fakeSound';
import { format, settings } from '../../test/fixtures';
import type { Settings } from '../bindings/Settings';
import { formatClock } from '../time';
import { useLocale } from '../i18n.svelte';

afterEach(() => useLocale({ lang: 'en', tag: 'en' }));

describe('the language setting', () => {
  it('saves the choice and shows the whole window in it at once, dates and times included', async () => {
    let stored: Settings = settings();
    const backend = fakeBackend({
      startup_report: () => [],
      get_settings: () => stored,
      set_settings: (args) => (stored = args.settings as Settings),
      ui_locale: () => ({ lang: stored.language ?? 'en', tag: stored.language === 'de' ? 'de-DE' : 'en' }),
      list_formats: () => [format()],
      current_session: () => null,
    });
    render(MainWindow, { sound: new FakeSound() });
    const nav = screen.getByRole('navigation', { name: 'Views' });
    await userEvent.click(within(nav).getByRole('button', { name: 'Settings' }));

    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Language of Stint' }), 'Deutsch');

    expect(backend.argsOf('set_settings')).toEqual([{ settings: { ...settings(), language: 'de' } }]);
    const german = await screen.findByRole('navigation', { name: 'Ansichten' });
    expect(within(german).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual([
      'Jetzt', 'Termine', 'Formate', 'Verlauf', 'Einstellungen',
    ]);
    // Still on Settings, now in German, with the choice shown.
    expect(await screen.findByRole('heading', { name: 'Einstellungen' })).toBeInTheDocument();
    expect(await screen.findByRole('combobox', { name: 'Sprache von Stint' })).toHaveValue('de');
    expect(document.documentElement.lang).toBe('de-DE');
    expect(formatClock('2025-03-04T15:05:00Z', undefined, 'UTC')).toBe('15:05');
  });

  it('follows the system again when "Same as the system" is chosen', async () => {
    let stored: Settings = settings({ language: 'es' });
    const backend = fakeBackend({
      get_settings: () => stored,
      set_settings: (args) => (stored = args.settings as Settings),
      ui_locale: () => ({ lang: 'en', tag: 'en-GB' }),
    });
    useLocale({ lang: 'es', tag: 'es' });
    const { default: LanguageSetting } = await import('./LanguageSetting.svelte');
    render(LanguageSetting);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Idioma de Stint' }), 'system');
    expect(backend.argsOf('set_settings')).toEqual([{ settings: { ...settings(), language: null } }]);
  });
});
