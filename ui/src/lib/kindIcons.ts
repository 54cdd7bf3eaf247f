// Our own small line icons, one per phase kind, as SVG path data on a 16 × 16 grid (stroked, not filled).
import type { PhaseKind } from './bindings/PhaseKind';

const ring = (r: number) => `M8 ${8 - r}a${r} ${r} 0 1 0 0 ${2 * r}a${r} ${r} 0 1 0 0-${2 * r}z`;

export const KIND_ICONS: Readonly<Record<PhaseKind, readonly string[]>> = {
  focus: [ring(6), ring(2.5)], // a target
  break: ['M3 6.5h8v3.5a3 3 0 0 1-3 3H6a3 3 0 0 1-3-3z', 'M11 7.5h1a1.5 1.5 0 0 1 0 3h-1', 'M6 2.5v2', 'M8.5 2.5v2'], // a cup
  long_break: ['M13 9.5A5.5 5.5 0 1 1 6.5 3a4.5 4.5 0 0 0 6.5 6.5z'], // a moon
  welcome: ['M2 12.5h12', 'M4.5 12.5a3.5 3.5 0 0 1 7 0', 'M8 4v2', 'M3.2 6.7l1.2 1.2', 'M12.8 6.7l-1.2 1.2'], // a sunrise
  check_in: [ring(6), 'M5.5 8.2l1.8 1.8 3.2-3.6'], // a tick in a circle
  talk: ['M3 3h10a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H7.5L4.5 13.5V11H3a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z'], // a speech bubble
  discussion: [
    'M2.5 2.5h7a1 1 0 0 1 1 1v4a1 1 0 0 1-1 1H5.5l-2.5 2v-2h-.5a1 1 0 0 1-1-1v-4a1 1 0 0 1 1-1z',
    'M12.5 6h1a1 1 0 0 1 1 1v4a1 1 0 0 1-1 1H13v2l-2.5-2H7.5a1 1 0 0 1-1-1v-.5',
  ], // two bubbles
  review: ['M2.5 4l1 1 1.5-2', 'M2.5 8.5l1 1 1.5-2', 'M7 4.5h6.5', 'M7 9h6.5', 'M7 13h6.5', 'M3 13h1.5'], // a checklist
  close: ['M3.5 14.5V2', 'M3.5 2.5h8.5l-2 2.75 2 2.75H3.5'], // a finish flag
};
