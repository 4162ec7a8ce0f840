import { baseName } from '../parse/shell';
import { stageChain, type DockerfileModel } from '../parse/dockerfile';
import type { ComposeModel, Service } from '../parse/compose';
import { scalarText } from '../parse/compose-values';
import { extendsChain } from './service-extends';

/**
 * Windows container images. Linux-only advice (a non-root `USER` as Linux knows it, the BuildKit
 * `# syntax=` frontend, `read_only`, `cap_drop`, `no-new-privileges`) does not apply to them.
 */

/** An image name with a Windows path segment or word: `mcr.microsoft.com/windows/nanoserver`, `golang:nanoserver-ltsc2022`, `node-windows`. */
export const WINDOWS_IMAGE = /(^|[/:_.-])(windows|nanoserver|servercore|windowsservercore)([/:_.-]|$)|windowsservercore|nanoserver/i;

const WINDOWS_SHELLS = new Set(['powershell', 'powershell.exe', 'pwsh', 'pwsh.exe', 'cmd', 'cmd.exe']);

/**
 * Whether a Dockerfile builds a Windows image. The base image of the final stage (followed through
 * the stages it builds on) decides when its name is known; when it comes from a variable, the
 * Windows habits decide: the backtick escape character, or a `SHELL` of cmd or PowerShell.
 */
export function isWindowsDockerfile(model: DockerfileModel): boolean {
  const final = model.finalStage;
  if (!final) return false;
  const chain = stageChain(final);
  const root = chain[chain.length - 1];
  if (root.image && root.unresolved.length === 0) return WINDOWS_IMAGE.test(root.image.text);
  if (model.escape === '`') return true;
  return chain.some((stage) =>
    stage.instructions.some((i) => {
      if (i.keyword !== 'SHELL') return false;
      const first = i.json?.[0]?.value ?? i.args[0]?.value;
      return first !== undefined && WINDOWS_SHELLS.has(baseName(first.replace(/\\/g, '/')).toLowerCase());
    }),
  );
}

/** Whether a Compose service runs a Windows image (by its `image:` name, along the extends chain). */
export function isWindowsService(model: ComposeModel, service: Service): boolean {
  return extendsChain(model, service).chain.some((s) => WINDOWS_IMAGE.test(scalarText(s.get('image')?.value) ?? ''));
}
