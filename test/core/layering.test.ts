import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Linter, type Rule } from 'eslint';

/**
 * The import rule of eslint.config.mjs (docs/architecture.md, "Layers"):
 * checked here on small made-up modules, so that a change to the rule that
 * stops it from refusing anything fails a test, not only a review.
 */
describe('the layering lint rule', () => {
  const root = join(__dirname, '..', '..', '..');
  let layering: Rule.RuleModule;
  before(async () => {
    // The config is an ES module; a dynamic import keeps it one (tsc leaves `import()` as it is for node16).
    ({ layering } = (await import(join(root, 'eslint.config.mjs'))) as { layering: Rule.RuleModule });
  });

  function problems(file: string, code: string): string[] {
    const linter = new Linter({ configType: 'flat', cwd: root });
    const config = [
      {
        files: ['**/*.ts'],
        plugins: { corroborate: { rules: { layering } } },
        rules: { 'corroborate/layering': 'error' as const },
      },
    ];
    return linter.verify(code, config, { filename: join(root, file) }).map((m) => m.message);
  }

  it('lets a core layer import its own layer, lower layers and common/ constants', () => {
    assert.deepEqual(
      problems(
        'server/src/core/features/hover.ts',
        "import { x } from '../workspace/workspace'; import { y } from './markdown'; import { z } from '../base/text';",
      ),
      [],
    );
    assert.deepEqual(
      problems(
        'server/src/core/model/registry.ts',
        "import { ACTOR_KINDS } from '../../../../common/actors'; import { parseYaml } from '../syntax/yaml';",
      ),
      [],
    );
    assert.deepEqual(problems('server/src/core/index.ts', "export { hover } from './features/hover';"), []);
  });

  it('refuses an import of a higher layer, naming both layers', () => {
    const [message, ...rest] = problems(
      'server/src/core/syntax/parser.ts',
      "import { WorkspaceIndex } from '../workspace/workspace';",
    );
    assert.equal(rest.length, 0);
    assert.match(message!, /syntax imports workspace/);
    assert.equal(
      problems('server/src/core/base/text.ts', "import type { Registry } from '../model/registry';").length,
      1,
    );
    assert.equal(
      problems('server/src/core/workspace/workspace.ts', "export { hover } from '../features/hover';").length,
      1,
    );
    assert.equal(
      problems(
        'server/src/core/features/diagnostics/diagnostics.ts',
        "import { createLanguageService } from '../../index';",
      ).length,
      1,
    );
  });

  it('keeps the core out of the server, the client and the protocol', () => {
    assert.equal(problems('server/src/core/model/source.ts', "import { Settings } from '../../settings';").length, 1);
    assert.equal(
      problems('server/src/core/features/tree.ts', "import { TreeChildrenRequest } from '../../../../common/protocol';")
        .length,
      1,
    );
  });

  it('lets the rest of the server reach the core only through its entry point', () => {
    assert.deepEqual(problems('server/src/settings.ts', "import { DEFAULT_LIMITS } from './core';"), []);
    assert.deepEqual(problems('server/src/cli/main.ts', "import { WorkspaceIndex } from '../core';"), []);
    assert.equal(problems('server/src/settings.ts', "import { DEFAULT_LIMITS } from './core/base/limits';").length, 1);
  });

  it('lets the client share only common/ with the server', () => {
    assert.deepEqual(
      problems(
        'client/src/commands.ts',
        "import { slugify } from '../../common/actors'; import { AnnotateRequest } from '../../common/protocol';",
      ),
      [],
    );
    assert.equal(
      problems('client/src/commands.ts', "import { slugify } from '../../server/src/core//../../common/actors';")
        .length,
      1,
    );
    assert.equal(problems('common/protocol.ts', "import { WorkspaceIndex } from '../server/src/core';").length, 1);
  });

  it('keeps the importer pure: its own modules, common/ constants and the core entry point only', () => {
    assert.deepEqual(
      problems(
        'server/src/import/html.ts',
        "import { slugify } from '../../../common/actors'; import { blocksOf } from './blocks'; import { SEED_SUFFIX } from '../core';",
      ),
      [],
    );
    const [message] = problems('server/src/import/seed.ts', "import { reindex } from '../indexing';");
    assert.match(message!, /importer .* is pure/);
    assert.equal(
      problems('server/src/import/seed.ts', "import { AnnotateRequest } from '../../../common/protocol';").length,
      1,
    );
    assert.equal(problems('server/src/import/seed.ts', "import { parseText } from '../core/syntax/parser';").length, 1);
    assert.deepEqual(problems('server/src/cli/import.ts', "import { importArticle } from '../import';"), []);
  });
});
