// Entry point: the page starts here. The app lives in ./app: state.ts (one
// typed store), shell.ts (layout, tabs, messages), loading.ts (open a file or
// the demo, progress, cancel), persistence.ts (the workspace store), share.ts
// (share links and the shared report), views.ts (the worker client and the
// views). Every number on the page comes from the wasm core in the worker.
import './style.css';
import { onLangChange } from './i18n';
import { state, viewFromHash } from './app/state';
import { renderAll, renderFooter, selectView } from './app/shell';
import { setupDragAndDrop } from './app/loading';
import { startApp } from './app/persistence';
import { shareTextFromHash, showShare } from './app/share';

const share = state.share;

function registerServiceWorker(): void {
  if (import.meta.env.MODE === 'single' || !import.meta.env.PROD) return;
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('./sw.js', { scope: './', updateViaCache: 'none' }).catch((e) => console.warn('service worker not registered', e));
  void navigator.serviceWorker.ready.then(() => {
    state.offlineReady = true;
    renderFooter();
  });
}

window.addEventListener('hashchange', () => {
  const text = shareTextFromHash();
  if (text) {
    if (state.mode !== 'share' || text !== share.text) void showShare(text);
    return;
  }
  if (state.mode !== 'app') return;
  const v = viewFromHash();
  if (v && v !== state.view) selectView(v, false);
});

onLangChange(() => renderAll());
setupDragAndDrop();
registerServiceWorker();
const startText = shareTextFromHash();
if (startText) void showShare(startText);
else void startApp();
