import { DidChangeWatchedFilesNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import { baseName, CONFIG_FILE_NAMES, kindFromName, WATCHED_FILE_GLOBS } from '../shared/file-kinds';

/**
 * Which file changes matter to the server: configuration files, `.dockerignore` files, and files
 * named like Dockerfiles or Compose files (related files and the checklist's candidates). The
 * server keeps what it read from a disk until one of them changes, so it must hear of changes:
 * the VS Code client watches these names itself (`synchronize.fileEvents`, `WATCHED_FILE_GLOBS`); any
 * other client that can register watchers dynamically is asked to. With neither, nothing is kept.
 */

export function isWatchedName(pathOrUri: string): boolean {
  const name = baseName(pathOrUri);
  return CONFIG_FILE_NAMES.includes(name) || name === '.dockerignore' || kindFromName(pathOrUri.replace(/\\/g, '/')) !== null;
}

/** Whether the server can rely on change events; registers the watchers with a client that takes dynamic registration. */
export function watchFiles(connection: Connection, capabilities: ClientCapabilities, clientWatches: boolean): boolean {
  if (clientWatches) return true;
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration !== true) return false;
  void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILE_GLOBS.map((globPattern) => ({ globPattern })) }).catch(() => undefined);
  return true;
}
