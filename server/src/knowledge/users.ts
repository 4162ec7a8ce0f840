import { stageChain, type DfInstruction, type Stage } from '../parse/dockerfile';

/** `root`, `0`, `root:root`, `0:0`, `root:wheel`... */
export function isRootUser(spec: string): boolean {
  const user = spec.trim().split(':')[0];
  return user === 'root' || user === '0';
}

/** Windows base images have no `useradd`/root semantics; user rules skip them. */
export const WINDOWS_BASE = /(^|\/)(windows|nanoserver|servercore)([/:-]|$)|windowsservercore|nanoserver/i;

/** The last USER instruction that applies to a stage, following `FROM <earlier stage>` chains. */
export function lastUser(stage: Stage): DfInstruction | undefined {
  for (const s of stageChain(stage)) {
    const users = s.instructions.filter((i) => i.keyword === 'USER');
    if (users.length > 0) return users[users.length - 1];
  }
  return undefined;
}
