/**
 * Calendar subscriptions (issue 12): a calendar served over HTTP on 127.0.0.1 is subscribed to from
 * the Calls view and its event becomes a call; when the server then fails, "Refresh now" shows why
 * beside the subscription and the call stays.
 */
import assert from 'node:assert/strict';
import { browser } from '@wdio/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForAppReady } from '../support/app.ts';
import { goTo } from '../support/flows.ts';
import { allByRole, byRole } from '../support/roles.ts';

const CALENDAR = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//e2e//EN',
  'BEGIN:VEVENT',
  'UID:e2e-standup@example.org',
  'DTSTAMP:20250101T000000Z',
  'SUMMARY:E2E subscribed standup',
  'DTSTART;TZID=Europe/Berlin:20250303T090000',
  'DURATION:PT30M',
  'RRULE:FREQ=DAILY',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('calendar subscriptions', () => {
  let server: Server;
  let failing = false;
  let url = '';

  before(async () => {
    server = createServer((_request, response) => {
      if (failing) {
        response.writeHead(500, { 'Content-Type': 'text/plain' }).end('down');
      } else {
        response.writeHead(200, { 'Content-Type': 'text/calendar', ETag: '"v1"' }).end(CALENDAR);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/team.ics`;
    await waitForAppReady();
  });

  after(() => server?.close());

  it('subscribes to a calendar address and lists its event as a call', async () => {
    await goTo('Calls');
    const field = await byRole('textbox', 'Calendar address');
    await field.scrollIntoView();
    await field.setValue(url);
    await (await byRole('button', 'Subscribe')).click();
    const calls = await byRole('list', 'Scheduled calls', { timeoutMs: 15_000 });
    await browser.waitUntil(async () => (await calls.getText()).includes('E2E subscribed standup'), {
      timeout: 15_000,
      timeoutMsg: 'the subscribed event is not among the scheduled calls',
    });
    const subscriptions = await byRole('list', 'Calendar subscriptions');
    assert.match(await subscriptions.getText(), /1 call, last read/);
  });

  it('keeps the call when a refresh fails, and says why beside the subscription', async () => {
    failing = true;
    await (await byRole('button', `Refresh ${url} now`)).click();
    const subscriptions = await byRole('list', 'Calendar subscriptions');
    await browser.waitUntil(async () => (await subscriptions.getText()).includes('it answered 500'), {
      timeout: 15_000,
      timeoutMsg: 'the failed refresh is not shown beside the subscription',
    });
    assert.match(await subscriptions.getText(), /The calls from the last good refresh are kept/);
    const calls = await byRole('list', 'Scheduled calls');
    assert.ok((await calls.getText()).includes('E2E subscribed standup'), 'the call is still there');
    assert.equal((await allByRole('button', `Unsubscribe from ${url}`)).length, 1);
  });
});
