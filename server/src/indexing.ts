/**
 * Indexing the workspace folders from disk: a full pass (at start, and when
 * the folders, the limits or the client ask for it), with progress and
 * cancellation by a newer pass; the registry and limits settings
 * (`corroborate.registry`, `corroborate.limits.*`); and preparing hover cards
 * after a pass. Not here: keeping the index current afterwards
 * (openDocuments.ts, diskSync.ts).
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { loadFolders, readIfExists } from './loader';
import { putDocument } from './openDocuments';
import { beginPass } from './registriesFirst';
import { DEFAULT_SETTINGS } from './settings';
import type { ServerState } from './state';
import { backgroundTurn, runInSlices, SLICE_MS } from './timeSlice';

/** Drops everything but the open documents and reads the workspace folders again; a newer pass cancels this one. */
export async function reindex(state: ServerState): Promise<void> {
  const { connection, index } = state;
  const mine = ++state.generation;
  // Indexing from now on: a status request answered before the first await must say so.
  state.indexing = { done: 0, total: 0 };
  state.preparingSuggestions = true;
  state.disk.newPass();
  state.texts.clear();
  // Keep open documents; everything else is read again.
  index.clear();
  index.setFolders(state.folders);
  const setting = applyRegistrySetting(state);
  // Diagnostics of the open files wait for the registries governing them, not for the whole pass.
  beginPass(state, setting);
  await setting;
  if (mine !== state.generation) return;
  for (const [uri, doc] of state.open.entries()) putDocument(state, uri, doc.getText(), false);
  const reporter = state.clientCapabilities.window?.workDoneProgress
    ? await connection.window.createWorkDoneProgress()
    : undefined;
  reporter?.begin('Corroborate', 0, 'Indexing sources…', true);
  state.indexing = { done: 0, total: 0 };
  state.announce();
  const started = Date.now();
  state.perf.phaseStart('indexing');
  const complete = await readFolders(state, mine, reporter);
  reporter?.done();
  state.perf.phaseEnd('indexing');
  if (mine !== state.generation) return;
  // Until the next pass, sources are read one at a time, on this thread (diskSync.ts).
  state.sourcePool.release();
  state.indexing = undefined;
  // In the background from now on: it runs on libuv's threads, a batch per background turn.
  state.texts.schedule(index.sourceUris());
  const s = index.stats();
  connection.console.info(
    `corroborate: indexed ${s.sources} sources and ${s.registries} registries in ${Date.now() - started} ms${complete ? '' : ' (cancelled)'}; ${state.sourcePool.preparedOffThread} analysed on worker threads so far`,
  );
  // Before every file's diagnostics are asked for again (and, for a push client, published): see primeClaimViews.
  await primeClaimViews(state, mine);
  if (mine !== state.generation) return;
  state.invalidateAll();
  state.announce();
  state.background('preparing hovers and the claims matrix', prepare(state, mine));
  state.background('preparing suggestions', primeSuggestions(state, mine));
}

/** After a pass, while idle: every actor's hover card, then (for a client with a matrix view) the claims matrix. */
async function prepare(state: ServerState, mine: number): Promise<void> {
  await primeHovers(state, mine);
  if (!state.prepareMatrix || mine !== state.generation) return;
  const cancelled = {
    get isCancellationRequested() {
      return mine !== state.generation;
    },
  };
  const superseded = new Error('a newer indexing pass began');
  try {
    const started = Date.now();
    const json = await runInSlices(state.service.claimsMatrixJsonSteps(), cancelled, () => superseded);
    state.connection.console.info(
      `corroborate: prepared the claims matrix (${json.length.toLocaleString('en-US')} characters) in ${Date.now() - started} ms`,
    );
  } catch (e) {
    // A newer pass prepares its own.
    if (e !== superseded) throw e;
  }
}

/**
 * Reads the sources and registries below the workspace folders into the index (loader.ts),
 * reporting progress; true unless pass `mine` was cancelled, by a newer pass or the client.
 */
function readFolders(
  state: ServerState,
  mine: number,
  reporter: WorkDoneProgressServerReporter | undefined,
): Promise<boolean> {
  const { disk, index } = state;
  const cancelled = {
    get isCancellationRequested() {
      return mine !== state.generation || reporter?.token.isCancellationRequested === true;
    },
  };
  return loadFolders(
    state.folders.map((f) => URI.parse(f).fsPath),
    {
      registry: async (uri, bytes) => {
        if (disk.stale(uri)) return;
        // Off the main thread: a large registry would stall every request while it is parsed.
        const registry = await state.registryParser.parse(uri, bytes, index.registryOptions());
        if (!disk.stale(uri) && mine === state.generation) index.adoptRegistry(registry);
      },
      source: (uri, bytes) => {
        if (!disk.stale(uri)) index.loadSourceBytes(uri, bytes);
      },
      prepare: (paths, uris) => state.sourcePool.prepare(paths, uris, index.getLimits()),
      // A file changed on disk since it was read is read again by diskSync.ts.
      prepared: (uri, prepared) => disk.stale(uri) || index.loadPrepared(prepared),
      isOpen: (uri) => state.open.has(uri) || disk.stale(uri),
      unreadable: (p, reason) => state.connection.console.warn(`corroborate: cannot read ${p}: ${reason}`),
      progress: (done, total) => {
        state.indexing = { done, total };
        reporter?.report(
          total === 0 ? 100 : Math.round((done / total) * 100),
          `Indexing ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} sources`,
        );
        state.announce();
      },
    },
    cancelled,
  );
}

/**
 * Builds the index's claim views after indexing, in slices of one view or more, so that no diagnostic of the wave
 * that follows (or a keystroke's) builds those of a key of thousands of claims at once.
 */
async function primeClaimViews(state: ServerState, mine: number): Promise<void> {
  const views = state.index.claimViewsToPrime();
  await primeInSlices(state, mine, (stop) => state.index.primeClaimViews(views, stop));
}

/**
 * Reads the workspace's annotated names for the suggestion hints after indexing, then loads the suggester's
 * classifier and builds its dictionary, in slices, so that the first hints of an open document do none of it at
 * once (they wait for it: `ServerState.preparingSuggestions`). Not if both hints are off.
 */
async function primeSuggestions(state: ServerState, mine: number): Promise<void> {
  try {
    const s = state.settings ? await state.settings.get(state.folders[0] ?? '') : DEFAULT_SETTINGS;
    if (!s.suggestedActors && !s.suggestedClaims) return;
    const uris = state.index.sourceUris().values();
    await primeInSlices(state, mine, (stop) => state.service.primeKnownNames(uris, stop));
    // Then the suggester's classifier and dictionary, which the first hints would otherwise build in one step each.
    const open = state.open.uris();
    await primeInSlices(state, mine, (stop) => state.service.primeSuggester(open, stop));
  } finally {
    // The hints held meanwhile come now (a newer pass holds them again, and releases them itself).
    if (mine === state.generation) {
      state.preparingSuggestions = false;
      state.suggestions?.schedule(state.open.uris());
    }
  }
}

/** Prepares every actor's hover card after indexing, in slices, so that no first hover walks the workspace. */
async function primeHovers(state: ServerState, mine: number): Promise<void> {
  const actors = state.index.actorIds()[Symbol.iterator]();
  await primeInSlices(state, mine, (stop) => state.service.primeActorCards(actors, stop));
}

/**
 * Runs `step` (which works until `stop()` says so, and returns true once everything is done) in slices of at most
 * SLICE_MS, each in a turn of the background work (backgroundTurn); gives up once pass `mine` is no longer the current one.
 */
async function primeInSlices(state: ServerState, mine: number, step: (stop: () => boolean) => boolean): Promise<void> {
  for (;;) {
    await backgroundTurn();
    if (mine !== state.generation) return;
    const started = performance.now();
    if (step(() => performance.now() - started > SLICE_MS)) return;
  }
}

/** Applies `corroborate.registry` and `corroborate.limits.*`, read from the first workspace folder's settings. */
export async function applyRegistrySetting(state: ServerState): Promise<void> {
  const { index } = state;
  const s = state.settings ? await state.settings.get(state.folders[0] ?? '') : DEFAULT_SETTINGS;
  // corroborate.limits.* (from the first folder, like the registry): a change is applied by reading everything again.
  if (index.setLimits(s.limits)) void reindex(state);
  if (!s.registry || state.folders.length === 0) {
    index.setRegistryOverride(undefined);
    return;
  }
  const uri = URI.file(path.resolve(URI.parse(state.folders[0]!).fsPath, s.registry)).toString();
  const fsPath = URI.parse(uri).fsPath;
  const bytes = await readIfExists(fsPath, (reason) =>
    state.connection.console.warn(`corroborate: cannot read the registry ${fsPath}: ${reason}`),
  );
  if (bytes) index.setRegistryBytes(uri, bytes);
  index.setRegistryOverride(uri);
}
