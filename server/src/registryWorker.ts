/**
 * Parses registries (entities.yaml) off the server's main thread: a large
 * registry takes a YAML parser longer than a request may wait (~150 ms for
 * 66 KB). Started by offThread.ts; answers each message with the parsed
 * registry as plain data (the line index is rebuilt on the main thread).
 */

import { parentPort } from 'node:worker_threads';
import { parseRegistryBytes, toPlainRegistry, type RegistryOptions } from './core';

export interface ParseRequest {
  id: number;
  uri: string;
  bytes: Uint8Array;
  options: RegistryOptions;
}

export type ParseResponse =
  { id: number; registry: ReturnType<typeof toPlainRegistry> } | { id: number; error: string };

parentPort?.on('message', (request: ParseRequest) => {
  let response: ParseResponse;
  try {
    response = {
      id: request.id,
      registry: toPlainRegistry(parseRegistryBytes(request.uri, request.bytes, request.options)),
    };
  } catch (e) {
    response = { id: request.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(response);
});
