import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { errorId, errorSlot, fieldMessages } from './fieldErrors';

const slots = new Set(['name', 'phases', 'phases[1]', 'phases[1].seconds', 'repeat']);
const invalid = (field: string) => new ApiError('invalid_input', 'A format needs a name. Type one and save again.', field);

describe('errorSlot', () => {
  it('places an error at the field it names', () => {
    expect(errorSlot(invalid('phases[1].seconds'), slots)).toBe('phases[1].seconds');
    expect(errorSlot(invalid('draft.name'), slots)).toBe('name');
  });

  it('falls back to the nearest shown parent, then to the form', () => {
    expect(errorSlot(invalid('phases[1].prompt'), slots)).toBe('phases[1]');
    expect(errorSlot(invalid('phases[4].label'), slots)).toBe('phases');
    expect(errorSlot(invalid('repeat.long_break.seconds'), slots)).toBe('repeat');
    expect(errorSlot(invalid('colour'), slots)).toBe('form');
    expect(errorSlot(new ApiError('storage', 'disk full'), slots)).toBe('form');
  });
});

describe('fieldMessages', () => {
  it('gives the sentence at the one slot it belongs to, the field or the form', () => {
    expect(fieldMessages(invalid('name'), slots)('name')).toBe('A format needs a name. Type one and save again.');

    expect(fieldMessages(invalid('name'), slots)('phases')).toBeNull();
    expect(fieldMessages(new ApiError('storage', 'disk full'), slots)('form')).toBe('disk full');
    expect(fieldMessages(null, slots)('name')).toBeNull();
  });
});

describe('errorId', () => {
  it('makes a DOM id from a field path', () => {
    expect(errorId('format', 'phases[1].seconds')).toBe('format-error-phases-1-seconds');
  });
});
