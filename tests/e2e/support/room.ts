/**
 * What a user does with a live room in the app's window, through roles and accessible names: sign in
 * to a Matrix account in Settings → Live rooms, read the live room panel's status sentence. Shared by
 * the live room's spec and the footprint benchmark's joined-room case, which act on the same window.
 */
import { browser } from '@wdio/globals';
import { goTo } from './flows.ts';
import type { Homeserver } from './matrix.ts';
import { allByRole, byRole } from './roles.ts';

/** Signs `user` in to `server` with `password` in Settings, waits until it took, and goes back to Now. */
export async function signInToRoom(server: Homeserver, user: string, password: string): Promise<void> {
  await goTo('Settings');
  await (await byRole('textbox', 'Homeserver')).setValue(server.baseUrl);
  await (await byRole('textbox', 'User name')).setValue(user);
  await (await browser.$('input[type="password"]')).setValue(password);
  await (await byRole('button', 'Sign in')).click();
  await byRole('button', 'Sign out', { timeoutMs: 15_000 });
  await goTo('Now');
}

/**
 * The live room panel's status sentence, once it matches `pattern`. "Connected." comes with the
 * room's first /sync answer, well under a second on a quiet machine; the wait allows for a loaded
 * one, and for the reconnection's backoff after the homeserver's restart.
 */
export async function roomSays(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const panel = await byRole('region', 'Live room');
  let texts: string[] = [];
  await browser.waitUntil(async () => {
    texts = await Promise.all((await allByRole('status', undefined, panel)).map((e) => e.getText()));
    return texts.some((t) => pattern.test(t));
  }, { timeout: timeoutMs, interval: 100 }).catch(async () => {
    throw new Error(`the live room panel never said ${pattern}; it says: ${(await panel.getText()).replace(/\s+/g, ' ')}`);
  });
}
