import { describe, expect, it } from 'vitest';
import { wholeText } from './wholeText';

describe('wholeText', () => {
  it('replaces the element’s text node rather than editing it', () => {
    const element = document.createElement('div');
    element.textContent = '25:00';
    const before = element.firstChild;
    wholeText('24:59')(element);
    expect(element.textContent).toBe('24:59');
    expect(element.childNodes).toHaveLength(1);
    expect(element.firstChild).not.toBe(before);
  });
});
