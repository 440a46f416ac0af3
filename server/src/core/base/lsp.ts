/**
 * Conversions from the core's plain results to LSP data. The core answers
 * feature requests with `vscode-languageserver-types` shapes (plain data and
 * constructors only — no connection), so the server hands them over as-is.
 */

import * as lsp from 'vscode-languageserver-types';
import type { Diagnostic, Severity } from './types';

export const LSP_SEVERITY: Record<Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  information: lsp.DiagnosticSeverity.Information,
  hint: lsp.DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'corroborate';

export function toLspDiagnostic(d: Diagnostic, severity: Severity = d.severity): lsp.Diagnostic {
  const out: lsp.Diagnostic = {
    range: d.range,
    severity: LSP_SEVERITY[severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  }
  if (d.code === 'duplicate-passage' || d.code === 'unannotated-mention') out.tags = [lsp.DiagnosticTag.Unnecessary];
  if (d.data) out.data = d.data;
  return out;
}
