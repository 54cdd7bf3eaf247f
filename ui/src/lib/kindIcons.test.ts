import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import { PHASE_KINDS } from './phaseKinds';
import { KIND_ICONS } from './kindIcons';
import KindIcon from './components/KindIcon.svelte';

describe('phase kind icons', () => {
  it('give every kind an icon of its own', () => {
    const drawn = PHASE_KINDS.map((k) => KIND_ICONS[k.kind].join(' '));
    expect(drawn.every((d) => d.length > 0)).toBe(true);
    expect(new Set(drawn).size).toBe(PHASE_KINDS.length);
  });

  it('are decorative: hidden from assistive technology', () => {
    const { container } = render(KindIcon, { kind: 'break' });
    const svg = container.querySelector('svg')!;
    expect(svg).toHaveAttribute('aria-hidden', 'true');
    expect(svg.querySelectorAll('path')).toHaveLength(KIND_ICONS.break.length);
  });
});
