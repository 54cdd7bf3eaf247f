/**
 * The footprint benchmark (DESIGN.md, "Budgets"): the release app under Xvfb with software
 * rendering, measured for its whole process tree (stint, WebKitWebProcess, WebKitNetworkProcess).
 *
 * First the minute right after a session is started from the keyboard, as a user starts one: the app
 * launched directly (no WebDriver attached), its main window given the focus and Space pressed
 * through XTEST; measured from the key press, with no settle time, so a burst of repaints at the
 * start counts.
 * Then, driven through WebDriver (tauri-driver) the way the e2e tests drive it, five situations —
 * idle with the window visible; the same, signed in to a Matrix account and joined to a live room
 * whose host does nothing (footprint/liveRoom.ts: a real Synapse, up during both idle cases so that
 * they differ by the room alone; the app leaves the room and signs out afterwards); a 25-minute focus
 * phase running with the window visible; the same with the window hidden; and the same with the mini
 * timer open (the main window still hidden, as for a host who shares their screen) — each after a
 * settle time. The WebDriver session stays attached while measuring, which costs the app a little
 * (those numbers are an upper bound). The live room's added wakeups are printed below the table.
 *
 * It measures and prints; it asserts nothing. Run it through scripts/footprint.sh.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { remote } from 'webdriverio';
import { _setGlobal, browser } from '@wdio/globals';
import { DRIVER_PORT, setUpEnvironment, tearDownEnvironment } from '../support/environment.ts';
import { appBinary } from '../support/paths.ts';
import { appPid, waitForAppReady } from '../support/app.ts';
import { startSession } from '../support/flows.ts';
import { byRole } from '../support/roles.ts';
import { pollUntil, startProcess, stopProcess } from '../support/processes.ts';
import { measureTree, type TreeCost } from './measure.ts';
import { startIdleRoom, type IdleRoom } from './liveRoom.ts';

const SETTLE_SECONDS = Number(process.env.STINT_FOOTPRINT_SETTLE ?? 8);
const MEASURE_SECONDS = Number(process.env.STINT_FOOTPRINT_SECONDS ?? 60);
/** How many of each process's most wakeful threads to list (0: none). */
const THREADS_SHOWN = Number(process.env.STINT_FOOTPRINT_THREADS ?? 0);
const X11_WINDOW = fileURLToPath(new URL('./x11_window.py', import.meta.url));
/** The main window's title (tauri.conf.json). */
const MAIN_WINDOW_TITLE = 'Stint';

/** Maps or unmaps the app's top-level windows (all of them, or the one with `title`). */
function x11Window(action: 'hide' | 'show', appPid: number, title?: string): void {
  execFileSync('/usr/bin/python3', [X11_WINDOW, action, String(appPid), ...(title ? [title] : [])]);
}

/** The titles of the app's top-level windows. */
function windowTitles(appPid: number): string[] {
  return JSON.parse(execFileSync('/usr/bin/python3', [X11_WINDOW, 'titles', String(appPid)], { encoding: 'utf8' }));
}

/** Focuses the main window and presses `keysym` in it, as a user at the keyboard does. */
function pressKey(appPid: number, keysym: string): void {
  execFileSync('/usr/bin/python3', [X11_WINDOW, 'key', String(appPid), MAIN_WINDOW_TITLE, keysym]);
}

interface Budget {
  wakeupsPerMinute: number;
  cpuSecondsPerMinute: number;
  pssMegabytes: number;
}

interface Situation {
  name: string;
  budget: Budget;
  /** Brings the app into the situation. */
  enter: (appPid: number) => Promise<void>;
  /** Takes the app out of it again after measuring, when the next situation must not inherit it. */
  leave?: () => Promise<void>;
}

/** The first minute of a running, visible session is held to the same budget as every later one. */
const RUNNING_VISIBLE: Budget = { wakeupsPerMinute: 1000, cpuSecondsPerMinute: 0.6, pssMegabytes: 245 };

const KEYBOARD_START: Situation = {
  name: 'first minute, keyboard start',
  budget: RUNNING_VISIBLE,
  enter: async () => {},
};

/**
 * Launches the app on its own data dir with no WebDriver, waits until its page has settled, presses
 * Space in the focused main window and measures the minute from the key press.
 */
async function measureKeyboardStart(application: string, runDir: string): Promise<TreeCost> {
  const dataDir = join(runDir, 'keyboard-start-data');
  mkdirSync(dataDir, { recursive: true });
  const app = startProcess(application, [], {
    env: { ...process.env, STINT_DATA_DIR: dataDir },
    logFile: join(runDir, 'keyboard-start.log'),
  });
  try {
    const pid = app.pid!;
    await pollUntil(() => windowTitles(pid).includes(MAIN_WINDOW_TITLE), 'the main window did not appear', 30_000);
    await sleep(SETTLE_SECONDS * 1000);
    pressKey(pid, 'space');
    console.error(`measuring "${KEYBOARD_START.name}" for ${MEASURE_SECONDS} s (no WebDriver)…`);
    const cost = await measureTree(pid, MEASURE_SECONDS);
    const titles = windowTitles(pid);
    if (!titles.some((t) => t.endsWith(` — ${MAIN_WINDOW_TITLE}`))) {
      throw new Error(`Space did not start a session: the windows are titled ${JSON.stringify(titles)}`);
    }
    return cost;
  } finally {
    await stopProcess(app);
  }
}

const IDLE: Situation = {
  name: 'idle, window visible',
  budget: { wakeupsPerMinute: 60, cpuSecondsPerMinute: 0.05, pssMegabytes: 245 },
  enter: async () => {},
};

/** What a joined live room whose host is idle may add to the idle app's wakeups per minute (issue 10). */
const LIVE_ROOM_WAKEUPS_GOAL = 4;
const LIVE_ROOM_NAME = 'idle, window visible, live room';
/** The room service's thread (src-tauri/src/room/service.rs), as /proc names it. */
const ROOM_THREAD = 'stint-room';

/** Idle with the window visible, signed in and joined to `room`; measured right after the plain idle case. */
function idleInLiveRoom(room: IdleRoom): Situation {
  return {
    name: LIVE_ROOM_NAME,
    budget: { ...IDLE.budget, wakeupsPerMinute: IDLE.budget.wakeupsPerMinute + LIVE_ROOM_WAKEUPS_GOAL },
    enter: () => room.join(),
    leave: () => room.leave(),
  };
}

/** The situations after the idle ones, in the order they are measured. */
const situations: Situation[] = [
  {
    name: 'phase running, window visible',
    budget: RUNNING_VISIBLE,
    enter: async () => startSession('Pomodoro'),
  },
  {
    name: 'phase running, window hidden',
    budget: { wakeupsPerMinute: 60, cpuSecondsPerMinute: 0.05, pssMegabytes: 245 },
    enter: async (appPid) => x11Window('hide', appPid),
  },
  {
    name: 'phase running, mini timer open',
    budget: RUNNING_VISIBLE,
    enter: async (appPid) => {
      // "Mini timer" in the main window's header opens it; the main window goes back into hiding.
      x11Window('show', appPid, MAIN_WINDOW_TITLE);
      await (await byRole('button', 'Mini timer')).click();
      await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, {
        timeout: 10_000,
        timeoutMsg: 'the mini timer did not open',
      });
      x11Window('hide', appPid, MAIN_WINDOW_TITLE);
    },
  },
];

/** Each window's page visibility, e.g. "main hidden, mini visible". */
async function pageVisibility(browser: WebdriverIO.Browser): Promise<string> {
  const current = await browser.getWindowHandle();
  const states: string[] = [];
  for (const handle of await browser.getWindowHandles()) {
    await browser.switchToWindow(handle);
    states.push(String(await browser.execute(() => `${location.hash === '#mini' ? 'mini' : 'main'} ${document.visibilityState}`)));
  }
  await browser.switchToWindow(current);
  return states.sort().join(', ');
}

async function main(): Promise<void> {
  const application = appBinary();
  const { runDir } = await setUpEnvironment({ name: 'footprint', notificationDaemon: true });
  const results: { situation: Situation; cost: TreeCost; visibility: string }[] = [];
  let room: IdleRoom;
  try {
    const cost = await measureKeyboardStart(application, runDir);
    results.push({ situation: KEYBOARD_START, cost, visibility: 'main visible, focused' });
    // Up before the idle cases, so that both are measured beside the same idle homeserver.
    room = await startIdleRoom();
  } catch (error) {
    await tearDownEnvironment();
    throw error;
  }
  const browser = await remote({
    hostname: '127.0.0.1',
    port: DRIVER_PORT,
    logLevel: 'error',
    capabilities: {
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application },
    } as WebdriverIO.Capabilities,
  });
  // The UI helpers use the testrunner's global `browser`; here there is no testrunner.
  _setGlobal('browser', browser, false);

  try {
    await waitForAppReady();
    const pid = appPid();
    for (const situation of [IDLE, idleInLiveRoom(room), ...situations]) {
      await situation.enter(pid);
      await sleep(SETTLE_SECONDS * 1000);
      const visibility = await pageVisibility(browser);
      console.error(`measuring "${situation.name}" for ${MEASURE_SECONDS} s (${visibility})…`);
      results.push({ situation, cost: await measureTree(pid, MEASURE_SECONDS), visibility });
      await situation.leave?.();
    }
  } finally {
    await browser.deleteSession().catch(() => {});
    await tearDownEnvironment();
    room.stop();
  }
  printReport(application, results);
}

function printReport(application: string, results: { situation: Situation; cost: TreeCost; visibility: string }[]): void {
  const row = (cells: string[], widths: number[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const widths = [31, 16, 18, 16, 30];
  console.log(`\nStint footprint — ${application}`);
  console.log(`release binary: ${(statSync(application).size / 1024 / 1024).toFixed(1)} MB (budget ≤ 15 MB)`);
  console.log(`settle ${SETTLE_SECONDS} s, then ${MEASURE_SECONDS} s measured; rates per minute; ` +
    `LIBGL_ALWAYS_SOFTWARE=${process.env.LIBGL_ALWAYS_SOFTWARE ?? ''}\n`);
  console.log(row(['situation', 'wakeups/min', 'CPU s/min', 'PSS MB', 'pages'], widths));
  for (const { situation, cost, visibility } of results) {
    console.log(row([
      situation.name,
      `${Math.round(cost.wakeupsPerMinute)} (≤${situation.budget.wakeupsPerMinute})`,
      `${cost.cpuSecondsPerMinute.toFixed(3)} (≤${situation.budget.cpuSecondsPerMinute})`,
      `${Math.round(cost.pssMegabytes)} (≤${situation.budget.pssMegabytes})`,
      visibility,
    ], widths));
    for (const p of cost.processes) {
      console.log(row([
        `  ${p.name} (${p.pid})`,
        String(Math.round(p.wakeupsPerMinute)),
        p.cpuSecondsPerMinute.toFixed(3),
        String(Math.round(p.pssMegabytes)),
        '',
      ], widths));
      for (const thread of p.threads.slice(0, THREADS_SHOWN)) {
        console.log(row([`      ${thread.name} (${thread.tid})`, String(Math.round(thread.wakeupsPerMinute)), '', '', ''], widths));
      }
    }
  }
  printLiveRoomDifference(results);
}

/**
 * The live room's cost: the joined idle case less the plain idle one, for the whole tree and for each
 * process, and the wakeups of the room service's own thread (`stint-room`, which does all of the
 * room's network work), which the rest of the app's noise does not blur.
 */
function printLiveRoomDifference(results: { situation: Situation; cost: TreeCost }[]): void {
  const idle = results.find((r) => r.situation === IDLE)?.cost;
  const joined = results.find((r) => r.situation.name === LIVE_ROOM_NAME)?.cost;
  if (!idle || !joined) return;
  const signed = (n: number) => {
    const rounded = Math.round(n);
    return `${rounded < 0 ? '−' : '+'}${Math.abs(rounded)}`;
  };
  const byName = (cost: TreeCost, name: string) =>
    cost.processes.filter((p) => p.name === name).reduce((total, p) => total + p.wakeupsPerMinute, 0);
  const roomThread = (cost: TreeCost) => Math.round(cost.processes
    .flatMap((p) => p.threads.filter((t) => t.name === ROOM_THREAD))
    .reduce((total, t) => total + t.wakeupsPerMinute, 0));
  const names = [...new Set(joined.processes.map((p) => p.name))];
  const perProcess = names.map((name) => `${name} ${signed(byName(joined, name) - byName(idle, name))}`).join(', ');
  console.log(`\nlive room: ${signed(joined.wakeupsPerMinute - idle.wakeupsPerMinute)} wakeups/min (goal ≤ ${LIVE_ROOM_WAKEUPS_GOAL})`);
  console.log(`  by process: ${perProcess}`);
  console.log(`  the room service's thread (${ROOM_THREAD}): ${roomThread(idle)} wakeups/min idle, ${roomThread(joined)} joined`);
}

main().catch((error) => {
  console.error(`footprint: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
