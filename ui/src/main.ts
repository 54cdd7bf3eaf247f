import { mount } from 'svelte';
import App from './App.svelte';
import { applyTheme, rememberedTheme } from './lib/theme';
import { applyAccent } from './lib/accent';
import { loadPrefs } from './lib/prefs';
import './app.css';
import { loadLocale } from './lib/i18n.svelte';

// Use the theme of the last run until the saved one arrives, so a dark desktop never flashes light.
applyTheme(rememberedTheme());
applyAccent(loadPrefs().accent);

// The first paint is in the user's language: the backend says which before the app mounts.
void loadLocale().then(() => mount(App, { target: document.getElementById('app')! }));
