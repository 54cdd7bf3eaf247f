import { mount } from 'svelte';
import App from './App.svelte';
import { applyTheme } from './lib/theme';
import './app.css';

// Follow the system until the saved theme arrives, so a dark desktop never flashes light.
applyTheme('system');

export default mount(App, { target: document.getElementById('app')! });
