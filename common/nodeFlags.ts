/**
 * The flags the VS Code extension gives the language server's Node (client/src/extension.ts), and docs/lsp.md gives
 * other editors' commands: a young generation of at most 4 MiB a semi-space instead of V8's 16 MiB. While a large
 * workspace is read, every file's parse is short-lived garbage; with the larger space V8 lets it pile up, and the
 * server's peak RSS at 10,000 articles was 60–70 MiB higher (360–367 against 297–299 MiB), the open no faster and
 * the latencies the same (docs/benchmarks.md, "... and a smaller young generation"). The bench starts the server with
 * them too (bench/lsp.ts).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
