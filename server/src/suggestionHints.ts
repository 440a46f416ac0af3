/**
 * Suggestion hints (`suggested-actor`, `suggested-claim`) of the open
 * documents, computed off the keystroke path: a document's hints are
 * computed once it has been idle for IDLE_MS after its last change (or after
 * a change elsewhere that may change them, such as the registry), and kept
 * per document version. The diagnostics manager adds the hints of the
 * current version to a document's diagnostics; a change in between cancels
 * the pending computation (its timer is reset) and hides the old hints
 * (their version is past). When hints are ready and differ from what the
 * client was last shown, `onReady` asks for the document's diagnostics to be
 * sent again (a refresh for pull clients, a republication for push
 * clients). Closed files get no hints.
 *
 * The computation is the core's `allSuggestionHintsSteps` (`suggestionHints`
 * and `claimHints` with the actor suggester run once: a few milliseconds per
 * 5 KB, docs/suggestions.md, 5–15 ms a step at 10,000 articles), one step per
 * turn of the background work (timeSlice.ts `backgroundTurn`), so that a
 * keystroke waits for one step at most; it is dropped between two steps if the
 * document changed (the change scheduled it again). The suggester's weights
 * and its dictionary of the workspace's known names are prepared in slices
 * after an indexing pass (indexing.ts `primeSuggestions`); a document opened
 * before that ends loads them on its first computation, at the earliest
 * IDLE_MS after it opened: never before the answers to `initialize` and the
 * first diagnostics.
 *
 * Generic over the kind of hint: a new kind joins `allSuggestionHints`.
 */
import type { Diagnostic, LanguageService } from './core';
import type { Settings } from './settings';
import { backgroundTurn } from './timeSlice';

/** How long a document must go unchanged before its suggestions are computed (ms). */
export const IDLE_MS = 500;

interface Cached {
  version: number;
  hints: Diagnostic[];
}

export class SuggestionHints {
  private readonly cache = new Map<string, Cached>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Bumped by every schedule and forget: a computation started under an older ticket is dropped. */
  private readonly tickets = new Map<string, number>();
  private disposed = false;

  constructor(
    private readonly service: LanguageService,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
    private readonly versionOf: (uri: string) => number | null,
    private readonly onReady: (uri: string) => void,
    private readonly background: (what: string, work: Promise<unknown>) => void,
    /**
     * Whether an indexing pass runs, or the suggester is prepared after one: hints are not computed then (the names
     * known in the workspace are not all read, and the first computation, with the suggester's weights to load and
     * its dictionary to build, is one long step that would stall the pass or the keystrokes after it). The end of
     * the preparation schedules every open document again (indexing.ts `primeSuggestions`).
     */
    private readonly indexing: () => boolean = () => false,
  ) {}

  /** The hints of `uri` computed for its current text; none if the document is closed or changed since. */
  current(uri: string): Diagnostic[] {
    const cached = this.cache.get(uri);
    const version = this.versionOf(uri);
    return cached && version !== null && cached.version === version ? cached.hints : [];
  }

  /** The hints of these files may have changed: the open ones are computed again once idle. */
  schedule(uris: Iterable<string>): void {
    if (this.disposed) return;
    for (const uri of uris) {
      if (this.versionOf(uri) === null) continue;
      const ticket = (this.tickets.get(uri) ?? 0) + 1;
      this.tickets.set(uri, ticket);
      clearTimeout(this.timers.get(uri));
      this.timers.set(
        uri,
        setTimeout(() => {
          this.timers.delete(uri);
          this.background(`suggesting actors and claims in ${uri}`, this.compute(uri, ticket));
        }, IDLE_MS),
      );
    }
  }

  /** A document was closed: its hints and pending computation go. */
  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.tickets.set(uri, (this.tickets.get(uri) ?? 0) + 1);
    this.cache.delete(uri);
  }

  private async compute(uri: string, ticket: number): Promise<void> {
    const settings = await this.settingsFor(uri);
    const version = this.versionOf(uri);
    const stale = (): boolean =>
      this.disposed || this.tickets.get(uri) !== ticket || this.versionOf(uri) !== version || this.indexing();
    if (version === null) return;
    // A step at a time, each in a turn of the background work, so that a keystroke never waits for all of it; dropped
    // if the document changed in between (the change scheduled it again).
    const steps = this.service.allSuggestionHintsSteps(uri, settings);
    let step: IteratorResult<void, Diagnostic[]>;
    do {
      await backgroundTurn();
      if (stale()) return;
      step = steps.next();
    } while (!step.done);
    const hints = step.value;
    const shown = this.current(uri);
    this.cache.set(uri, { version, hints });
    if (JSON.stringify(shown) !== JSON.stringify(hints)) this.onReady(uri);
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
