import type { Connection } from 'vscode-languageserver/node';
import {
  DEFAULT_LIMITS,
  DIAGNOSTIC_CODES,
  sanitizeLimits,
  type DiagnosticCode,
  type DiagnosticOptions,
  type Limits,
  type Severity,
} from './core';

/**
 * User settings (`corroborate.*`), fetched per workspace folder with
 * `workspace/configuration` and cached until `didChangeConfiguration`.
 * Clients without configuration support get the defaults. `severity`,
 * `unannotatedMentions`, `suggestedActors` and `suggestedClaims` are the core's
 * DiagnosticOptions, passed as they are.
 */
export interface Settings extends DiagnosticOptions {
  /** Registry override, relative to the workspace folder (empty: nearest entities.yaml). */
  registry: string;
  /** Severity per diagnostic code; 'off' hides the code. */
  severity: Partial<Record<DiagnosticCode, Severity | 'off'>>;
  /** Report registry names found in plain text (unannotated-mention hints). */
  unannotatedMentions: boolean;
  /** `corroborate.suggestions.actors`: suggested-actor hints, computed when a document is idle (suggestionHints.ts). */
  suggestedActors: boolean;
  /** `corroborate.suggestions.claims`: suggested-claim hints, computed when a document is idle (suggestionHints.ts). */
  suggestedClaims: boolean;
  /** `corroborate.limits.*`: the limits of the analysis (core/limits.ts), complete and clamped. */
  limits: Limits;
  /**
   * `corroborate.diagnostics.publish`, for push clients (no pull diagnostics: Neovim, Helix, Emacs): which
   * files get `publishDiagnostics`, every file of the workspace or only the open ones (diagnosticsManager.ts).
   */
  publish: 'all' | 'open';
}

export const DEFAULT_SETTINGS: Settings = {
  registry: '',
  severity: {},
  unannotatedMentions: true,
  suggestedActors: true,
  suggestedClaims: true,
  limits: { ...DEFAULT_LIMITS },
  // Open files only: a push client is sent no wave of every file's diagnostics after indexing (issue 13).
  publish: 'open',
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Accepts whatever the client sent and keeps only well-formed values. */
export function sanitize(raw: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, severity: {}, limits: { ...DEFAULT_LIMITS } };
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  s.limits = sanitizeLimits(r.limits);
  if (typeof r.registry === 'string') s.registry = r.registry.trim();
  if (typeof r.unannotatedMentions === 'boolean') s.unannotatedMentions = r.unannotatedMentions;
  const suggestions = r.suggestions as Record<string, unknown> | undefined;
  if (suggestions && typeof suggestions === 'object') {
    if (typeof suggestions.actors === 'boolean') s.suggestedActors = suggestions.actors;
    if (typeof suggestions.claims === 'boolean') s.suggestedClaims = suggestions.claims;
  }
  const diagnostics = r.diagnostics as Record<string, unknown> | undefined;
  if (diagnostics && typeof diagnostics === 'object') {
    if (typeof diagnostics.unannotatedMentions === 'boolean') s.unannotatedMentions = diagnostics.unannotatedMentions;
    // For clients that configure every hint under `diagnostics` (the VS Code settings are suggestions.*).
    if (typeof diagnostics.suggestedActors === 'boolean') s.suggestedActors = diagnostics.suggestedActors;
    if (typeof diagnostics.suggestedClaims === 'boolean') s.suggestedClaims = diagnostics.suggestedClaims;
    if (diagnostics.publish === 'all' || diagnostics.publish === 'open') s.publish = diagnostics.publish;
    const sev = diagnostics.severity as Record<string, unknown> | undefined;
    if (sev && typeof sev === 'object') {
      for (const [code, value] of Object.entries(sev)) {
        if (code in DIAGNOSTIC_CODES && typeof value === 'string' && SEVERITIES.has(value))
          s.severity[code as DiagnosticCode] = value as Severity | 'off';
      }
    }
  }
  return s;
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly supported: () => boolean,
  ) {}

  /** Settings for a workspace folder URI (or the global scope with ''). */
  get(folder: string): Promise<Settings> {
    if (!this.supported()) return Promise.resolve(DEFAULT_SETTINGS);
    let p = this.cache.get(folder);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration(folder ? { scopeUri: folder, section: 'corroborate' } : { section: 'corroborate' })
        .then(sanitize, () => DEFAULT_SETTINGS);
      this.cache.set(folder, p);
    }
    return p;
  }

  clear(): void {
    this.cache.clear();
  }
}
