/**
 * The mini timer: "Mini timer" in the main window's header opens it as a second window (index.html#mini)
 * that asks to stay above other windows, and whose Pause pauses the session — in the main window and
 * in the database's session_events.
 */
import { browser } from '@wdio/globals';
import { currentEnvironment } from '../support/environment.ts';
import { waitForAppReady } from '../support/app.ts';
import { createFormat, startSession } from '../support/flows.ts';
import { query } from '../support/db.ts';
import { pollUntil } from '../support/processes.ts';
import { byRole } from '../support/roles.ts';
import { WmStateRequests } from '../support/wmState.ts';

const FORMAT = 'E2E mini';
/** The mini window's title (src-tauri/src/mini.rs). */
const MINI_WINDOW_TITLE = 'Stint mini timer';

/** The mini timer's landmark: its <main>, labelled "Mini timer". */
const miniTimer = () => byRole('main', 'Mini timer');

describe('the mini timer', () => {
  const { dataDir } = currentEnvironment();
  let mainHandle = '';
  let wmStateRequests: WmStateRequests | undefined;

  before(async () => {
    await waitForAppReady();
    // One long phase: the session stays in it for the whole spec.
    await createFormat(FORMAT, [{ label: 'Long focus', kind: /^focus$/i, seconds: 600 }]);
    await startSession(FORMAT);
    mainHandle = await browser.getWindowHandle();
  });

  after(async () => {
    await wmStateRequests?.stop();
  });

  it('opens as a second window with the countdown, Pause and Skip', async () => {
    wmStateRequests = await WmStateRequests.listen(); // before the window exists: it asks as it appears
    await (await byRole('button', 'Mini timer')).click();
    await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, {
      timeout: 10_000,
      timeoutMsg: 'no second window after pressing "Mini timer"',
    });
    const mini = (await browser.getWindowHandles()).find((handle) => handle !== mainHandle)!;
    await browser.switchToWindow(mini);
    const region = await miniTimer();
    await byRole('timer', 'Time remaining', { within: region });
    await byRole('button', 'Pause', { within: region });
    await byRole('button', 'Skip', { within: region });
  });

  it('asks the window manager to keep it above other windows (_NET_WM_STATE_ABOVE)', async () => {
    // Xvfb runs no window manager, so nothing applies the request: the request itself is checked.
    await wmStateRequests!.waitForAdded(MINI_WINDOW_TITLE, '_NET_WM_STATE_ABOVE');
  });

  it('pauses the session from the mini window', async () => {
    await (await byRole('button', 'Pause', { within: await miniTimer() })).click();
    await byRole('button', 'Resume', { within: await miniTimer() });
    await browser.switchToWindow(mainHandle);
    await byRole('button', 'Resume');
    await pollUntil(
      () => query(dataDir, "SELECT kind FROM session_events WHERE kind = 'pause'").length === 1,
      'no pause row in session_events',
    );
  });
});
