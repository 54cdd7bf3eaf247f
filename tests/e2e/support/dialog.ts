/**
 * The app's file dialogs under test. A native GTK dialog cannot be driven over WebDriver, so the app
 * is started with STINT_TEST_DIALOG_PATH (environment.ts): every dialog then answers that path at
 * once. An import reads the file put there; an export writes there, or beside it under a free name.
 */
import { copyFileSync } from 'node:fs';
import { currentEnvironment } from './environment.ts';

/** The next file dialog answers with a copy of `file`. */
export function answerFileDialogWith(file: string): void {
  copyFileSync(file, currentEnvironment().dialogPath);
}
