import type { Range } from '../core/types';
import type { DevcontainerContext } from '../rule-api/rule';
import { addProperty, jsonString, replaceNode } from '../edit/json-edits';
import { createdUser } from './add-user';
import { devcontainerImages } from '../knowledge/image-uses';
import { devcontainerSource, readDevcontainerDockerfile, readDevcontainerService } from '../knowledge/devcontainer-build';
import { imageUser, nonRootUserOf } from '../knowledge/devcontainer-users';
import { runOptions } from '../knowledge/docker-run';
import { isRootUser, lastUser } from '../knowledge/users';
import { scalarText } from '../parse/compose-values';
import { stringProperty } from '../parse/devcontainer-values';
import { stageChain } from '../parse/dockerfile';
import { parseImageRef } from '../parse/image-ref';

/**
 * The `non-root-user` check of a dev container, and its fix: set `remoteUser` to the image's
 * non-root user. Who the tools run as: `remoteUser`, else `containerUser` (or `--user` in
 * `runArgs`), else what the image says (its Dev Containers metadata, the Dockerfile's last USER,
 * the Compose service's `user`). Only a user known to be root is reported.
 */

type Ids = 'devcontainerRoot' | 'devcontainerDefaultRoot';

interface Default {
  root: boolean;
  /** Why it is root, for the message. */
  why: string;
  /** The image's non-root user, for the fix. */
  nonRootUser: string | null;
  range: Range;
}

/** Who the container runs as when the configuration names no user; null when unknown. */
function defaultUser(ctx: DevcontainerContext<Ids>): Default | null {
  const { model } = ctx;
  const image = devcontainerImages(model)[0];
  if (image) {
    const u = imageUser(image.ref);
    if (u.kind === 'unknown') return null;
    return { root: u.kind === 'root', why: `image "${image.ref.text}" has no non-root user configured`, nonRootUser: nonRootUserOf(image.ref), range: image.range };
  }
  const source = devcontainerSource(model, ctx.uri);
  const built = readDevcontainerDockerfile(source, ctx.related);
  if (built) {
    const { dockerfile, stage, ref } = built;
    const created = createdUser(dockerfile, stage);
    const user = lastUser(stage);
    if (user) {
      const arg = user.args[0];
      const resolved = arg ? dockerfile.resolve(arg.value, user) : null;
      if (!resolved || resolved.unresolved.length > 0) return null;
      const root = isRootUser(resolved.value);
      return { root, why: `its Dockerfile "${ref.written}" ends with "USER ${resolved.value}"`, nonRootUser: created, range: ref.range };
    }
    const base = stageChain(stage).at(-1)!;
    if (!base.image || base.unresolved.length > 0) return null;
    const u = imageUser(base.image);
    if (u.kind === 'unknown') return null;
    const why = `its Dockerfile "${ref.written}" sets no USER and builds on "${base.image.text}"`;
    return { root: u.kind === 'root', why, nonRootUser: created ?? nonRootUserOf(base.image), range: ref.range };
  }
  const found = readDevcontainerService(source, ctx.related);
  if (found) {
    const { service } = found;
    const user = scalarText(service.get('user')?.value);
    if (user !== null && !user.includes('$')) return { root: isRootUser(user), why: `service "${service.name}" sets "user: ${user}"`, nonRootUser: null, range: found.ref.range };
    const imageText = service.get('build') ? null : scalarText(service.get('image')?.value);
    if (imageText === null || imageText.includes('$')) return null;
    const ref = parseImageRef(imageText.trim());
    const u = imageUser(ref);
    if (u.kind === 'unknown') return null;
    return { root: u.kind === 'root', why: `service "${service.name}" runs image "${ref.text}", which has no non-root user configured`, nonRootUser: nonRootUserOf(ref), range: found.ref.range };
  }
  return null;
}

export function devcontainerUserCheck(ctx: DevcontainerContext<Ids>): void {
  const { model, report, fix } = ctx;
  const remote = stringProperty(model, 'remoteUser');
  const container = stringProperty(model, 'containerUser');
  const runUser = runOptions(model).filter((o) => o.name === '--user' && o.value !== null).at(-1);
  const known = (v: string | undefined) => v !== undefined && v.trim() !== '' && !v.includes('$');
  let fallback: Default | null | undefined;
  const base = () => (fallback === undefined ? (fallback = defaultUser(ctx)) : fallback);

  for (const [key, setting] of [['remoteUser', remote], ['containerUser', container]] as const) {
    if (!setting || !known(setting.value) || !isRootUser(setting.value)) continue;
    const target = base()?.nonRootUser ?? null;
    const fixes = target ? [fix(`Set ${key} to "${target}", the image's non-root user`, [replaceNode(model, setting.property.value!, jsonString(target))])] : [];
    const what = key === 'remoteUser' ? "its tools, terminals and lifecycle commands" : 'every process';
    report({ messageId: 'devcontainerRoot', data: { what, setting: `"${key}": "${setting.value}"` }, range: setting.property.range, fixes });
  }
  if (runUser && known(runUser.value!) && isRootUser(runUser.value!)) {
    const setting = model.text.slice(runUser.start, runUser.end).replace(/^"|"$/g, '');
    report({ messageId: 'devcontainerRoot', data: { what: 'every process', setting }, range: model.range(runUser.start, runUser.end) });
  }
  if (remote || container || runUser) return;
  const d = base();
  if (!d?.root) return;
  const fixes = d.nonRootUser && model.root ? [fix(`Set remoteUser to "${d.nonRootUser}", the image's non-root user`, [addProperty(model, model.root, 'remoteUser', jsonString(d.nonRootUser))])] : [];
  report({ messageId: 'devcontainerDefaultRoot', data: { why: d.why }, range: d.range, fixes });
}
