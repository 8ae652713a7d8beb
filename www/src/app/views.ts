// The page's parts: the worker client and the views, each wired to what it
// asks of the app (rescore, save, open a stored workspace, …).
import { WorkerClient } from '../client';
import { download } from '../dom';
import { safeFileName, stem } from '../workspace';
import { ScorecardView } from '../views/scorecard';
import { TurnaroundView } from '../views/turnaround';
import { WorkspacesView } from '../views/workspaces';
import { ShareDialog } from '../views/share-dialog';
import { scenarioTag } from '../views/scenario';
import { state } from './state';
import { guard, scenarioChanged } from './shell';
import { compareSnapshot, loadCompare } from './loading';
import { exportCurrent, exportStored, importFile, openFromList, removeSnapshot, removeWorkspace, renameWorkspace, renderStorePanel, scheduleSave } from './persistence';

export const client = new WorkerClient();

export const scorecard: ScorecardView = new ScorecardView({
  rescore: (overrides) => guard(() => client.whatIf('main', { overrides })),
  exportCsv: (header, rows) => {
    const name = `${baseName()}${scenarioTag(scorecard.currentOverrides())}-thon.csv`;
    void guard(() => client.tableCsv([header, ...rows])).then((text) => text !== null && download(text, name, 'text/csv;charset=utf-8'));
  },
  chooseCompareFile: (file) => void loadCompare(file),
  clearCompare: () => {
    void client.close('compare');
    scorecard.setCompare(null);
    state.ws.compare = null;
    renderStorePanel();
    scheduleSave();
  },
  changed: () => {
    scenarioChanged();
    scheduleSave();
  },
  // A village's launch date lives with the turnaround settings (one store, saved as manifest.launch_dates).
  launchOf: (commune, village) => turnaround.launchOf(commune, village),
  setLaunch: (commune, village, iso) => turnaround.setLaunch(commune, village, iso),
  hasDossiers: (commune, village) => turnaround.hasBeforeAfter(commune, village),
});

export const turnaround: TurnaroundView = new TurnaroundView({
  recompute: (options) => guard(() => client.turnaround('main', options)),
  changed: () => scheduleSave(),
  knownUnits: () => (scorecard.currentReport()?.units ?? []).map((u): [string, string] => [u.commune, u.village]),
});
turnaround.onLaunchChange(() => scorecard.refreshDetail());

export const workspaces = new WorkspacesView({
  open: (id) => void openFromList(id),
  rename: (id, name) => void renameWorkspace(id, name),
  remove: (id) => void removeWorkspace(id),
  exportOne: (id) => void exportStored(id),
  importFile: (file) => void importFile(file),
  compareSnapshot: (i) => void compareSnapshot(i),
  removeSnapshot: (i) => removeSnapshot(i),
});

export const shareDialog = new ShareDialog({ exportThonso: () => void exportCurrent() });

/** The name exports are saved under: the demo's, the workspace's, or the file's. */
export function baseName(): string {
  const n = state.isDemo ? 'thonso-demo' : state.ws.manifest?.name || stem(state.fileName);
  return safeFileName(n);
}
