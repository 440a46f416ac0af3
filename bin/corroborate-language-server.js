#!/usr/bin/env node
'use strict';
// The Corroborate language server. Speaks LSP over stdio by default, so that
// any editor can start it as `corroborate-language-server` (or with --stdio);
// --node-ipc and --socket=<port> are accepted too.
const transports = ['--stdio', '--node-ipc'];
if (!process.argv.some((a) => transports.includes(a) || a.startsWith('--socket=') || a.startsWith('--pipe=')))
  process.argv.push('--stdio');
require('../dist/server.js').startServer(require('../dist/server.js').createDefaultConnection());
