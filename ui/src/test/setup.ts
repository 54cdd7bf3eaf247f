import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';

// Unmount first, let the components' async unlisten calls run against the mocks, then clear them.
afterEach(async () => {
  cleanup();
  for (let i = 0; i < 10; i++) await Promise.resolve();
  clearMocks();
});
