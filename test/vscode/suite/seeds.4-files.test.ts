import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { activeApi, diagnostics, waitFor, wsUri } from './helpers';

/**
 * Files created, changed and deleted on disk (not through an editor) reach
 * the server through VS Code's file watcher, and change the diagnostics of
 * other files that are not open either.
 */
describe('files changed on disk (a copy of seeds/)', () => {
  const file = (): string => wsUri('zz-extra.seed.md').fsPath;
  const target = wsUri('001-transatlantic-rift.seed.md');
  const source = (value: string): string =>
    `---\nid: "extra-source"\ntitle: "An extra source"\n---\n[The 2025 summit took place in ${value}]{.claim #summit by=outlet key=nato.summit-2025.location value="${value}"}.\n`;
  const hagueConflict = () =>
    diagnostics(target, 'conflicting-claim').find((d) =>
      d.message.startsWith('nato.summit-2025.location = "The Hague"'),
    );
  const hagueCorroborated = () =>
    diagnostics(target, 'corroborated-claim').find((d) =>
      d.relatedInformation?.some((r) => r.location.uri.path.endsWith('/zz-extra.seed.md')),
    );

  after(() => fs.rmSync(file(), { force: true }));

  it("a new file with a conflicting value appears in another file's conflict", async () => {
    const api = await activeApi();
    const before = await waitFor(hagueConflict, 'the The Hague/Brussels conflict in 001');
    assert.match(before.message, /conflicts with 1 other source: "Brussels" in rutte-strategy$/);
    fs.writeFileSync(file(), source('Madrid'));
    const after = await waitFor(
      () => hagueConflict()?.message.includes('extra-source') && hagueConflict(),
      'the conflict in 001 to mention extra-source',
    );
    assert.match(
      after.message,
      /conflicts with 2 other sources: "Brussels" in rutte-strategy; "Madrid" in extra-source$/,
    );
    assert.ok(after.relatedInformation?.some((r) => r.location.uri.path.endsWith('/zz-extra.seed.md')));
    await waitFor(() => api.status()?.sources === 6, 'the status to count 6 sources');
  });

  it('changing it on disk to the same value turns the conflict into a corroboration', async () => {
    fs.writeFileSync(file(), source('The Hague'));
    await waitFor(
      () => hagueConflict() && !hagueConflict()!.message.includes('extra-source'),
      'the conflict in 001 to forget extra-source',
    );
    const corroborated = await waitFor(hagueCorroborated, 'a corroboration of 001 by extra-source');
    assert.match(corroborated.message, /corroborated by 1 other source: extra-source/);
  });

  it("deleting it removes it from the other file's diagnostics", async () => {
    const api = await activeApi();
    fs.rmSync(file());
    await waitFor(() => !hagueCorroborated(), 'the corroboration by extra-source to disappear');
    assert.match(hagueConflict()!.message, /conflicts with 1 other source: "Brussels" in rutte-strategy$/);
    assert.ok(diagnostics(target).every((d) => !d.message.includes('extra-source')));
    await waitFor(() => api.status()?.sources === 5, 'the status to count 5 sources again');
  });
});
