/**
 * Light and dark follow the desktop. With the theme setting at "System" (the default) the app takes the
 * desktop's preference from the XDG desktop portal when it starts, and again whenever the desktop
 * switches, without a restart (src-tauri/src/color_scheme.rs → GTK → the webview's
 * prefers-color-scheme → data-theme on the page's root).
 */
import { browser } from '@wdio/globals';
import { currentEnvironment } from '../support/environment.ts';
import { relaunchApp, waitForAppReady } from '../support/app.ts';
import { ColorScheme, DesktopPortal } from '../support/portal.ts';

interface PageTheme {
  /** What the page's `prefers-color-scheme: dark` query answers. */
  prefersDark: boolean;
  /** The theme the UI painted (ui/src/lib/theme.ts). */
  painted: string | undefined;
}

function pageTheme(): Promise<PageTheme> {
  return browser.execute(() => ({
    prefersDark: window.matchMedia('(prefers-color-scheme: dark)').matches,
    painted: document.documentElement.dataset.theme,
  }));
}

async function waitForTheme(theme: 'light' | 'dark'): Promise<void> {
  const expected: PageTheme = { prefersDark: theme === 'dark', painted: theme };
  let seen: PageTheme | undefined;
  const shows = async () => {
    seen = await pageTheme();
    return seen.prefersDark === expected.prefersDark && seen.painted === expected.painted;
  };
  try {
    await browser.waitUntil(shows, { timeout: 10_000 });
  } catch {
    throw new Error(`expected the ${theme} theme, the page shows ${JSON.stringify(seen)}`);
  }
}

describe('the system theme', () => {
  let portal: DesktopPortal | undefined;

  after(async () => {
    await portal?.stop();
  });

  // Xvfb has no desktop; a real xdg-desktop-portal, where installed, answers "no preference".
  it('is light when no desktop states a preference', async () => {
    await waitForAppReady();
    await waitForTheme('light');
  });

  it('starts dark when the desktop prefers dark', async () => {
    portal = await DesktopPortal.start(ColorScheme.Dark, currentEnvironment().runDir);
    await relaunchApp(); // the app asks the portal as it starts
    await waitForTheme('dark');
  });

  it('turns light when the desktop switches to light, without a restart', async () => {
    portal!.setColorScheme(ColorScheme.Light);
    await waitForTheme('light');
  });

  it('turns dark again when the desktop switches back', async () => {
    portal!.setColorScheme(ColorScheme.Dark);
    await waitForTheme('dark');
  });

  it('leaves the choice to GTK again when the desktop states no preference', async () => {
    portal!.setColorScheme(ColorScheme.NoPreference);
    await waitForTheme('light');
  });
});
