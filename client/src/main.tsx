import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import './styles.css';
import { App } from './App';
import { applyDeviceDisplay } from './lib/display';

// Text size and contrast before the first paint: a large-text page never starts small.
applyDeviceDisplay();
const root = document.getElementById('root');
// A French page starts in French, not in English for a moment (its words load on demand).
if (root) void i18nReady.then(() => createRoot(root).render(<App />));
