/**
 * A signed update, end to end (run by scripts/update-e2e.sh, never by the ordinary suite: it needs
 * Stint N installed from its .deb and N+1 served on the loopback). The installed Stint N checks
 * STINT_UPDATE_URL, whose manifest the spec switches between three files of the served folder:
 * a downgrade (refused by version), a tampered package (refused by its signature), and the real
 * N+1 — which N installs (dpkg, through sudo) and restarts into, the user's format still there.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { browser } from '@wdio/globals';
import { currentEnvironment } from '../support/environment.ts';
import { appPid, waitForAppReady } from '../support/app.ts';
import { isAlive, pollUntil } from '../support/processes.ts';
import { allByRole, byRole, namesByRole } from '../support/roles.ts';
import { createFormat, goTo } from '../support/flows.ts';

const served = process.env.STINT_UPDATE_SERVED ?? '';
const oldVersion = process.env.STINT_UPDATE_FROM ?? '';
const newVersion = process.env.STINT_UPDATE_TO ?? '';
const FORMAT = 'Kept across the update';

/** Serves `manifest` (a file of the served folder) as latest.json. */
const serve = (manifest: string) => copyFileSync(join(served, manifest), join(served, 'latest.json'));

/** The version of the installed package, as dpkg knows it. */
const installedVersion = () =>
  execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'stint'], { encoding: 'utf8' }).trim();

/** Stint processes on this spec's data directory, other than `except` (read from /proc). */
function stintsOnDataDir(except: number): number[] {
  const mark = `STINT_DATA_DIR=${currentEnvironment().dataDir}\0`;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== except)
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/exe`) === '/usr/bin/stint' && readFileSync(`/proc/${pid}/environ`, 'utf8').includes(mark);
      } catch {
        return false; // gone, or not ours to read
      }
    })
    .map(Number);
}

/** Whether Now offers the format made before the update. */
async function formatIsOffered(): Promise<void> {
  await goTo('Now');
  const combobox = await byRole('combobox', 'Format');
  await browser.waitUntil(async () => (await namesByRole('option', combobox)).some((name) => name.includes(FORMAT)), {
    timeout: 15_000,
    timeoutMsg: `the format "${FORMAT}" is not offered on Now`,
  });
}

/** Waits for Settings to name the running version. */
async function runningVersionIs(version: string): Promise<void> {
  await goTo('Settings');
  await browser.$(`p*=This is Stint ${version}.`).waitForExist({ timeout: 15_000 });
}

/** The text of the alert that matches `pattern`, waiting for it (an alert's name is not its text). */
async function alertSaying(pattern: RegExp, timeout: number): Promise<string> {
  let texts: string[] = [];
  await browser.waitUntil(async () => {
    texts = await Promise.all((await allByRole('alert')).map((alert) => alert.getText()));
    return texts.some((text) => pattern.test(text));
  }, { timeout, timeoutMsg: `no alert matching ${pattern}; alerts: ${JSON.stringify(texts)}` });
  return texts.find((text) => pattern.test(text))!;
}

async function checkNow(): Promise<void> {
  await goTo('Settings');
  await (await byRole('button', 'Check now')).click();
}

describe('an update of the installed .deb', () => {
  before(async () => {
    assert.ok(served && oldVersion && newVersion, 'run this spec through scripts/update-e2e.sh');
    await waitForAppReady();
    assert.equal(installedVersion(), oldVersion);
    await createFormat(FORMAT, [{ label: 'Work', kind: /^focus$/i, seconds: 300 }]);
    await formatIsOffered();
    await runningVersionIs(oldVersion);
  });

  it('refuses an older version, saying so, and keeps running', async () => {
    serve('downgrade.json');
    await checkNow();
    const alert = await alertSaying(/older than this Stint/, 30_000);
    assert.match(alert, /refused and nothing was installed\.$/);
    assert.equal(installedVersion(), oldVersion);
  });

  it('finds the new version, shows what is new, and refuses a package whose signature does not match', async () => {
    serve('tampered.json');
    const pid = appPid();
    await checkNow();
    await byRole('region', `What is new in Stint ${newVersion}`, { timeoutMs: 30_000 });
    await (await byRole('button', 'Install and restart')).click();
    const alert = await alertSaying(/not signed by Stint's developers/, 60_000);
    assert.match(alert, /was not installed and this version keeps running/);
    assert.equal(installedVersion(), oldVersion);
    assert.ok(isAlive(pid), 'the running Stint is untouched');
  });

  it('installs the signed new version when the user says so and restarts into it, the data intact', async () => {
    serve('update.json');
    const before = appPid();
    await checkNow();
    await byRole('region', `What is new in Stint ${newVersion}`, { timeoutMs: 30_000 });
    await (await byRole('button', 'Install and restart')).click();

    await pollUntil(() => installedVersion() === newVersion, `the package is still ${installedVersion()}`, 120_000);
    await pollUntil(() => !isAlive(before), 'Stint N did not exit to restart', 30_000);
    let restarted: number[] = [];
    await pollUntil(() => (restarted = stintsOnDataDir(before)).length === 1, 'no restarted Stint runs /usr/bin/stint on the data dir', 30_000);
    // The restarted Stint is not under WebDriver: end it, and open N+1 again under a new session.
    process.kill(restarted[0], 'SIGTERM');
    await pollUntil(() => !isAlive(restarted[0]), 'the restarted Stint did not end on SIGTERM', 15_000);
    try {
      await browser.reloadSession();
    } catch {
      // the old session's app is gone; the new session is what matters
    }
    await waitForAppReady();
    await runningVersionIs(newVersion);
    await formatIsOffered();
  });
});
