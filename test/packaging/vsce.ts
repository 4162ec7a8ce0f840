import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * vsce's own packaging library (`@vscode/vsce/out/package`, the code behind `vsce package` and
 * `vsce ls`, which `ovsx publish` also packages with), used offline: it reads the manifest,
 * collects the files `.vscodeignore` lets through and runs every processor (README and CHANGELOG
 * link rewriting, icon and manifest validation) without writing a VSIX. vsce ships no type
 * declarations; these are the parts the packaging tests call.
 */

export interface VsceFile {
  /** Path inside the VSIX (`extension/...`, `extension.vsixmanifest`, `[Content_Types].xml`). */
  path: string;
  localPath?: string;
  contents?: Buffer | string;
}

export interface Manifest {
  name: string;
  version: string;
  publisher: string;
  license?: string;
  icon?: string;
  files?: string[];
  repository?: string | { url: string };
  [key: string]: unknown;
}

interface VscePackage {
  readManifest(cwd: string): Promise<Manifest>;
  collect(manifest: Manifest, options: { cwd: string; dependencies: boolean }): Promise<VsceFile[]>;
  ReadmeProcessor: new (manifest: Manifest, options: object) => { onFile(file: VsceFile): Promise<VsceFile> };
}

export const ROOT = join(__dirname, '../..');

const vsce = createRequire(__filename)('@vscode/vsce/out/package') as VscePackage;

/** The files of the VSIX, as `vsce package --no-dependencies` would write them (no dependencies: the bundles hold them). */
export async function vsixFiles(): Promise<{ manifest: Manifest; files: VsceFile[] }> {
  const manifest = await vsce.readManifest(ROOT);
  return { manifest, files: await vsce.collect(manifest, { cwd: ROOT, dependencies: false }) };
}

/** The text of a collected file (processed files carry their new contents, the others a local path). */
export function text(file: VsceFile): string {
  if (file.contents !== undefined) return file.contents.toString();
  return readFileSync(file.localPath!, 'utf8');
}

/** A README text as vsce packages it, for `manifest`. */
export async function packagedReadme(manifest: Manifest, markdown: string): Promise<string> {
  const processor = new vsce.ReadmeProcessor(manifest, {});
  return text(await processor.onFile({ path: 'extension/README.md', contents: Buffer.from(markdown) }));
}

/** Every image a Markdown text shows: `![alt](src)` and `<img src="...">`. */
export function imageSources(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push(m[1]);
  for (const m of markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) out.push(m[1]);
  return out;
}
