import { describe, expect, it } from 'vitest';
import {
  ApiError,
  createCall,
  createFormat,
  deleteCall,
  extendPhase,
  historySessions,
  joinCall,
  listFormats,
  noteCommitment,
  seriesCommitments,
  startSession,
  updateCall,
} from './api';
import { fakeBackend, rejectWith } from '../test/backend';
import { format } from '../test/fixtures';
import { call } from '../test/callFixtures';

describe('ApiError.from', () => {
  it('keeps the code, the sentence and the field of an ErrorPayload', () => {
    const sentence = 'A format needs a name. Type one and save again.';
    const e = ApiError.from({ code: 'invalid_input', message: sentence, field: 'name' });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('invalid_input');
    expect(e.field).toBe('name');
    expect(e.message).toBe(sentence);
  });

  it('treats a missing field as null', () => {
    const e = ApiError.from({ code: 'conflict', message: 'A session is already running. Stop it before starting another.' });
    expect(e.field).toBeNull();
    expect(e.message).toBe('A session is already running. Stop it before starting another.');
  });

  it('maps strings and other throwables to code unknown', () => {
    expect(ApiError.from('command start_session not found')).toMatchObject({ code: 'unknown', message: 'command start_session not found' });
    expect(ApiError.from(new TypeError('boom'))).toMatchObject({ code: 'unknown', message: 'boom' });
    expect(ApiError.from(42)).toMatchObject({ code: 'unknown', message: '42' });
  });
});

describe('command wrappers', () => {
  it('reject with an ApiError carrying the backend payload', async () => {
    const sentence = 'A phase lasts 5 s to 8 h; phase 2 lasts 3 s. Change its length and save again.';
    fakeBackend({ create_format: rejectWith('invalid_input', sentence, 'phases[1].seconds') });
    const error = await createFormat({ ...format(), repeat: null }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'phases[1].seconds', message: sentence });

  });

  it('send their arguments in camelCase, with the zone History counts days in', async () => {
    const backend = fakeBackend({
      list_formats: () => [format()],
      start_session: () => null,
      extend_phase: () => null,
      history_sessions: () => [],
    });
    await expect(listFormats(true)).resolves.toEqual([format()]);
    await startSession('pomodoro', ['Write the intro']);
    await extendPhase(300);
    await historySessions(20);
    await historySessions(20, 41);
    expect(backend.calls.map((c) => [c.cmd, c.args])).toEqual([
      ['list_formats', { includeArchived: true }],
      ['start_session', { formatId: 'pomodoro', commitments: ['Write the intro'] }],
      ['extend_phase', { seconds: 300 }],
      ['history_sessions', { beforeId: null, limit: 20, from: null, to: null, zone: 'UTC' }],
      ['history_sessions', { beforeId: 41, limit: 20, from: null, to: null, zone: 'UTC' }],
    ]);
  });

  it('send the calls commands their arguments in camelCase', async () => {
    const backend = fakeBackend({ create_call: () => null, update_call: () => null, delete_call: () => null, join_call: () => null, series_commitments: () => [], note_commitment: () => null });
    await createCall(call());
    await updateCall('tw/daily', call());
    await deleteCall('tw/daily');
    await joinCall('tw/daily', '2025-03-03T11:00:00Z');
    await seriesCommitments('series-1');
    await noteCommitment(3, null);
    expect(backend.calls.map((c) => [c.cmd, c.args])).toEqual([
      ['create_call', { call: call() }],
      ['update_call', { id: 'tw/daily', call: call() }],
      ['delete_call', { id: 'tw/daily' }],
      ['join_call', { callId: 'tw/daily', occurrenceStart: '2025-03-03T11:00:00Z', replaceRunning: false }],
      ['series_commitments', { seriesId: 'series-1' }],
      ['note_commitment', { id: 3, note: null }],
    ]);
  });
});
