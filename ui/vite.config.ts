import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';

// The Tauri shell loads ui/dist in production and http://localhost:5173 (its devUrl) under `tauri dev`.
export default defineConfig({
  plugins: [
    // The messages of ../locales/*.json (shared with the backend), compiled into src/lib/paraglide.
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      strategy: ['globalVariable', 'baseLocale'],
    }),
    svelte(),
    svelteTesting(),
  ],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    // WebKitGTK / WKWebView / WebView2 of the last few years.
    target: ['es2021', 'safari15'],
    sourcemap: false,
    // One chunk, loaded by a modern webview: no preload polyfill needed.
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.ts'],
    // Clock times in tests are checked against UTC.
    env: { TZ: 'UTC' },
    // A limit that only stops a hung test: typing through a whole form in jsdom takes seconds on a
    // busy 2-core machine. It measures nothing (speed is measured by benchmarks).
    testTimeout: 15_000,
  },
});
