import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor } from './shortcuts';

const press = (key: string, target: EventTarget | null = document.body, mods: Partial<KeyboardEvent> = {}) =>
  shortcutFor({ key, target, ctrlKey: false, metaKey: false, altKey: false, isComposing: false, ...mods });

describe('shortcutFor', () => {
  it('maps the documented keys', () => {
    expect(press(' ')).toBe('toggle');
    expect(press('s')).toBe('skip');
    expect(press('S')).toBe('skip');
    expect(press('+')).toBe('extend');
    expect(press('=')).toBe('extend');
    expect(press('n')).toBe('newCommitment');
    expect(press('?')).toBe('help');
    expect(press('x')).toBeNull();
    expect(SHORTCUTS.map((s) => s.action)).toEqual(['toggle', 'skip', 'extend', 'newCommitment', 'help']);
  });

  it('ignores keys typed into inputs, textareas, selects and editable text', () => {
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    for (const el of [document.createElement('input'), document.createElement('textarea'), document.createElement('select'), editable]) {
      expect(press('s', el)).toBeNull();
      expect(press(' ', el)).toBeNull();
    }
  });

  it('leaves Space to a focused button, and keys with Ctrl, Alt or Meta to the system', () => {
    expect(press(' ', document.createElement('button'))).toBeNull();
    expect(press('s', document.createElement('button'))).toBe('skip');
    expect(press('=', document.body, { ctrlKey: true })).toBeNull();
    expect(press('n', document.body, { metaKey: true })).toBeNull();
    expect(press('s', document.body, { altKey: true })).toBeNull();
  });
});
