/**
 * Packs and links that cannot hurt (issue 12): a `stint://import` link, handed to the running Stint by
 * a second launch (as the desktop does), shows what the pack installs — its community, calls and join
 * links — and installs nothing until the user confirms; Cancel installs nothing; an update that changes
 * a join link shows the change, and the database keeps the old link until the user confirms; a link
 * Stint is started with (before its window is ready) is held and shown.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { browser } from '@wdio/globals';
import { currentEnvironment } from '../support/environment.ts';
import { secondLaunch, waitForAppReady } from '../support/app.ts';
import { query } from '../support/db.ts';
import { appBinary } from '../support/paths.ts';
import { samplePack } from '../support/packs.ts';
import { pollUntil } from '../support/processes.ts';
import { byRole, waitForNoRole } from '../support/roles.ts';

const COMMUNITY = 'Turing Way-like community';
const NEW_DAILY_LINK = 'https://meet.example.org/daily-coworking-new-room';

describe('a stint://import link', () => {
  const { dataDir } = currentEnvironment();
  const packFile = join(dirname(dataDir), 'turing-way-like.stint.json');

  /** Writes the sample pack (changed by `edit`) where the link points. */
  function writePack(edit: (pack: Record<string, any>) => void = () => {}): void {
    const pack = JSON.parse(readFileSync(samplePack('turing-way-like.stint.json'), 'utf8'));
    edit(pack);
    writeFileSync(packFile, JSON.stringify(pack, null, 2));
  }

  /** Starts `stint stint://import?path=…` as the desktop would, and waits for it to hand over and exit. */
  async function openLink(): Promise<void> {
    const link = `stint://import?path=${encodeURIComponent(packFile)}`;
    assert.equal(await secondLaunch([link]), 0, 'the second launch hands the link over and exits');
  }

  const communities = () => query(dataDir, 'SELECT id, version FROM communities');
  const dailyLink = () =>
    query(dataDir, "SELECT json_extract(call, '$.join_link') AS link FROM calls WHERE id = 'turing-way-like/daily-coworking'")[0]
      ?.link;

  before(async () => {
    await waitForAppReady();
  });

  it('shows the pack with its calls and join links, and Cancel installs nothing', async () => {
    writePack();
    await openLink();
    const dialog = await byRole('dialog', `Install ${COMMUNITY}?`);
    const text = await dialog.getText();
    assert.match(text, /a stint:\/\/ link to the file turing-way-like\.stint\.json/);
    assert.match(text, /https:\/\/meet\.example\.org\/collaboration-cafe/);
    assert.match(text, /https:\/\/meet\.example\.org\/daily-coworking/);
    // Shown for a while, and still nothing installed.
    await browser.pause(1_000);
    assert.deepEqual(communities(), [], 'nothing is installed before the user confirms');

    await (await byRole('button', 'Cancel', { within: dialog })).click();
    await waitForNoRole('dialog', `Install ${COMMUNITY}?`);
    assert.deepEqual(communities(), [], 'Cancel installs nothing');
  });

  it('installs only when the user confirms', async () => {
    await openLink();
    const dialog = await byRole('dialog', `Install ${COMMUNITY}?`);
    assert.deepEqual(communities(), []);
    await (await byRole('button', 'Install', { within: dialog })).click();
    await waitForNoRole('dialog', `Install ${COMMUNITY}?`);
    await pollUntil(() => communities().length === 1, 'the confirmed pack is not in the database');
    assert.deepEqual(communities(), [{ id: 'turing-way-like', version: '1.0.0' }]);
  });

  it('shows an update that changes a join link, and keeps the old link until confirmed', async () => {
    writePack((pack) => {
      pack.version = '1.1.0';
      pack.calls[1].join_link = NEW_DAILY_LINK;
    });
    await openLink();
    const dialog = await byRole('dialog', `Update ${COMMUNITY}?`);
    const changes = await byRole('list', 'What changes', { within: dialog });
    const first = await changes.$('li');
    const change = await first.getText();
    assert.match(change, /^Join link changed: Daily coworking/);
    assert.ok(change.includes('https://meet.example.org/daily-coworking') && change.includes(NEW_DAILY_LINK), change);
    assert.equal(dailyLink(), 'https://meet.example.org/daily-coworking', 'the old link stays until confirmed');

    await (await byRole('button', 'Update to 1.1.0', { within: dialog })).click();
    await waitForNoRole('dialog', `Update ${COMMUNITY}?`);
    await pollUntil(() => dailyLink() === NEW_DAILY_LINK, 'the confirmed update did not change the join link');
    assert.deepEqual(communities(), [{ id: 'turing-way-like', version: '1.1.0' }]);
  });

  it('holds a link Stint was started with until the window shows it', async () => {
    writePack((pack) => {
      pack.version = '1.2.0';
    });
    // A cold start through the link: the link is handled while Stint starts, before its window is ready.
    await browser.reloadSession({
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: appBinary(), args: [`stint://import?path=${encodeURIComponent(packFile)}`] },
    } as WebdriverIO.Capabilities);
    await waitForAppReady();
    const dialog = await byRole('dialog', `Update ${COMMUNITY}?`);
    assert.match(await dialog.getText(), /1\.2\.0 \(installed: 1\.1\.0\)/);
    assert.deepEqual(communities(), [{ id: 'turing-way-like', version: '1.1.0' }]);
    await (await byRole('button', 'Cancel', { within: dialog })).click();
    await waitForNoRole('dialog', `Update ${COMMUNITY}?`);
    assert.deepEqual(communities(), [{ id: 'turing-way-like', version: '1.1.0' }]);
  });
});
