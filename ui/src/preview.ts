// Design preview for the dev server only (`npm run dev`, then /preview.html): the real App over a
// mocked backend with the test fixtures, so views can be looked at in a plain browser.
// `?session=running|paused|none`, `?theme=light|dark`, `?calls=none` (the Calls view empty), `#mini` for the
// mini timer. Not part of the build.
import { mount } from 'svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import { applyTheme } from './lib/theme';
import { commitment, focus, format, overview, rest, sessionView, settings, summaryRow } from './test/fixtures';
import { community, series, seriesCommitment, storedCall, upcoming } from './test/callFixtures';
import './app.css';

const params = new URLSearchParams(location.search);
const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
const phases = [focus('Write the proposal'), rest('Stretch'), focus('Pomodoro 2'), rest(), focus('Pomodoro 3')];
const live = () =>
  params.get('session') === 'paused'
    ? sessionView({ phases, endsAt: null, paused: true, remainingMs: 754_000 })
    : sessionView({
        phases,
        endsAt: Date.now() + 1_067_000,
        commitments: [commitment(), commitment({ id: 2, text: 'Reply to Ana about the budget', status: 'done' })],
      });
const session = params.get('session') === 'none' ? null : params.get('session') ? live() : null;
const mine = format({ id: 'mine', origin: { type: 'custom' }, name: 'Deep work', attribution: null, repeat: null, phases: [focus('Deep', 5400), rest('Walk', 900)] });
const cafe = format({
  id: 'cafe',
  name: 'Collaboration Cafe',
  attribution: 'The Turing Way',
  repeat: null,
  phases: [
    { label: 'Welcome', kind: 'welcome', seconds: 600, prompt: null },
    { label: 'Check-in', kind: 'check_in', seconds: 600, prompt: 'Share your goal' },
    focus('Coworking', 3000),
    { label: 'Close', kind: 'close', seconds: 600, prompt: null },
  ],
});

const noCalls = params.get('calls') === 'none';
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const alliance = { id: 'al', name: 'First Friday Alliance', accent: '#0e7490' };
const occurrences = noCalls
  ? []
  : [
      upcoming(at(-12), { current_phase: 'Pomodoro 1' }),
      upcoming(at(60 * 3), { call_id: 'al/friday', title: 'First Friday call', time_zone: 'America/New_York', community: alliance }),
      upcoming(at(60 * 24), {}),
      upcoming(at(60 * 24 * 2 + 240), { call_id: 'tw/cafe', title: 'Collaboration Cafe' }),
    ];

const handlers: Record<string, () => unknown> = {
  startup_report: () => [],
  get_settings: () => settings({ theme }),
  set_settings: () => settings({ theme }),
  list_formats: () => [format(), cafe, ...(params.get('own') === 'none' ? [] : [mine])],
  current_session: () => session,
  history_overview: () => overview(),
  history_sessions: () => (params.get('history') === 'empty' ? [] : [summaryRow(1), summaryRow(2), summaryRow(3)]),
  about: () => ({ version: '0.1.0', data_dir: '/home/you/.local/share/org.stint.app', db_path: '/home/you/.local/share/org.stint.app/stint.db' }),
  toggle_mini_timer: () => null,
  start_session: live,
  pause_session: () => sessionView({ phases, endsAt: null, paused: true, remainingMs: 754_000 }),
  resume_session: live,
  upcoming_calls: () => occurrences,
  list_calls: () => (noCalls ? [] : [storedCall(), storedCall({ id: 'al/friday', title: 'First Friday call', community_id: 'al', time_zone: 'America/New_York' }, false)]),
  list_communities: () => (noCalls ? [] : [community(), community({ ...alliance, version: '3.0.1', links: { website: 'https://example.org', code_of_conduct: null, notes: null } })]),
  list_series: () => (noCalls ? [] : [series()]),
  series_commitments: () => [seriesCommitment(1, 'Draft chapter 2', { status: 'partial', note: 'Half written' }), seriesCommitment(2, 'Send the invoices')],
};
mockIPC((cmd) => handlers[cmd]?.() ?? null, { shouldMockEvents: true });
applyTheme(theme);
mount(App, { target: document.getElementById('app')! });
