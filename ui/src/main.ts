import { mount } from 'svelte';
import App from './App.svelte';
import { applyTheme, rememberedTheme } from './lib/theme';
import { applyAccent } from './lib/accent';
import { loadPrefs } from './lib/prefs';
import './app.css';

// Use the theme of the last run until the saved one arrives, so a dark desktop never flashes light.
applyTheme(rememberedTheme());
applyAccent(loadPrefs().accent);

export default mount(App, { target: document.getElementById('app')! });
