// How each element got focus: by keyboard (Tab, arrows) or by pointer (a click). A button clicked with
// the mouse keeps focus, and Space on it would press it again; the window's shortcuts use this to let
// Space start or pause the session there, while a button reached with Tab still presses with Space.

export type Origin = 'keyboard' | 'pointer';

export class FocusOrigin {
  private last: Origin = 'keyboard';
  private readonly origins = new WeakMap<EventTarget, Origin>();

  /** Starts following the window's input; returns the stop. */
  install(win: Window): () => void {
    const pointer = () => (this.last = 'pointer');
    const keyboard = () => (this.last = 'keyboard');
    const focused = (e: FocusEvent) => {
      if (e.target) this.origins.set(e.target, this.last);
    };
    win.addEventListener('pointerdown', pointer, true);
    win.addEventListener('mousedown', pointer, true);
    win.addEventListener('keydown', keyboard, true);
    win.addEventListener('focusin', focused, true);
    return () => {
      win.removeEventListener('pointerdown', pointer, true);
      win.removeEventListener('mousedown', pointer, true);
      win.removeEventListener('keydown', keyboard, true);
      win.removeEventListener('focusin', focused, true);
    };
  }

  /** Whether `target` got focus from the keyboard (or programmatically after a key). */
  byKeyboard(target: EventTarget | null): boolean {
    return target !== null && this.origins.get(target) !== 'pointer';
  }
}
