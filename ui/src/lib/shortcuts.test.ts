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

  it('ignores keys typed into text fields and editable text', () => {
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    const number = Object.assign(document.createElement('input'), { type: 'number' });
    for (const el of [document.createElement('input'), number, document.createElement('textarea'), editable]) {
      expect(press('s', el)).toBeNull();
      expect(press(' ', el)).toBeNull();
    }
  });

  it('works whatever other control has focus: a tab, a button, a checkbox, the format picker', () => {
    const tab = document.createElement('button');
    tab.setAttribute('aria-current', 'page');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    for (const el of [tab, document.createElement('button'), checkbox, document.createElement('select')]) {
      expect(press('s', el)).toBe('skip');
      expect(press('n', el)).toBe('newCommitment');
      expect(press(' ', el)).toBe('toggle'); // clicked with the mouse: Space is the shortcut
    }
  });

  it('leaves Space to a control reached with the keyboard, unless pressing it would do nothing', () => {
    const shortcut = (el: HTMLElement) => shortcutFor({ key: ' ', target: el, ctrlKey: false, metaKey: false, altKey: false, isComposing: false }, true);
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    for (const el of [document.createElement('button'), checkbox, document.createElement('select'), document.createElement('summary')]) {
      expect(shortcut(el)).toBeNull();
    }
    const selectedTab = document.createElement('button');
    selectedTab.setAttribute('aria-current', 'page');
    expect(shortcut(selectedTab)).toBe('toggle');
    expect(shortcut(document.body)).toBe('toggle');
  });

  it('leaves keys with Ctrl, Alt or Meta to the system', () => {
    expect(press('=', document.body, { ctrlKey: true })).toBeNull();
    expect(press('n', document.body, { metaKey: true })).toBeNull();
    expect(press('s', document.body, { altKey: true })).toBeNull();
  });
});
