// The examples of docs/interop.md, rendered from what `corroborate export` writes now
// (dist/cli.js: run `npm run build` first). Each example is a fenced block after a line
//   <!-- example: <export arguments> | <file written, or stdout> | lines <a>-<b> -->
// and holds those lines of that file (the clone's path shown as /path/to/corroborate).
// `node scripts/interop-examples.mjs` rewrites the blocks; with --check it only says whether
// the doc is what it would write (exit 1 if not): test/cli/interopDoc.test.ts runs that, so
// the doc cannot go stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MARKER = /^<!-- example: (.+?) \| (\S+) \| lines (\d+)-(\d+) -->\n```(\w*)\n(?:(?!```)[\s\S])*?```$/gm;

/** Lines `from`-`to` (1-based) of the file `corroborate export <args> [-o tmp]` writes (`stdout`: what it prints). */
function example(args, file, from, to) {
  const out = mkdtempSync(join(tmpdir(), 'corroborate-doc-'));
  try {
    const argv = [join(root, 'bin', 'corroborate.js'), 'export', ...args.split(' ')];
    if (file !== 'stdout') argv.push('-o', out);
    const stdout = execFileSync(process.execPath, argv, { cwd: root, encoding: 'utf8' });
    const text = (file === 'stdout' ? stdout : readFileSync(join(out, file), 'utf8'))
      .replace(/^\uFEFF/, '')
      .replaceAll(pathToFileURL(root).href, 'file:///path/to/corroborate');
    return text
      .split(/\r?\n/)
      .slice(from - 1, to)
      .join('\n');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const file = join(root, 'docs', 'interop.md');
const before = readFileSync(file, 'utf8');
let count = 0;
const after = before.replace(MARKER, (_m, args, name, from, to, lang) => {
  count++;
  const head = `<!-- example: ${args} | ${name} | lines ${from}-${to} -->`;
  return `${head}\n\`\`\`${lang}\n${example(args, name, Number(from), Number(to))}\n\`\`\``;
});
if (process.argv.includes('--check')) {
  if (before !== after) {
    const a = before.split('\n');
    const b = after.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    console.error(
      `docs/interop.md is stale from line ${i + 1}:\n  doc:    ${a[i]}\n  export: ${b[i]}\nrun: node scripts/interop-examples.mjs`,
    );
    process.exit(1);
  }
  console.log(`docs/interop.md: ${count} examples, all as the export writes them`);
} else {
  writeFileSync(file, after);
  console.log(`docs/interop.md: ${count} examples ${before === after ? 'unchanged' : 'rewritten'}`);
}
