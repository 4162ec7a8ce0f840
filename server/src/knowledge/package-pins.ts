import type { ShellWord } from '../parse/shell';
import { findOption } from './cli-options';
import { splitPackage, type PackageInstall, type PackageManager } from './packages';

/**
 * Whether the packages of an install name a version: `curl=8.5.0-1` (APT, apk, zypper),
 * `flask==3.0.0` (pip), `lodash@4.17.21` (npm), `rails:7.1.0` or `-v 7.1.0` (gem),
 * `httpd-2.4.57` (yum/dnf), `gopls@v0.16.0` (go), a tag or commit of a version-control URL. Local
 * files, other URLs and variables holding whole package lists are not packages to pin and are never reported.
 */

export type PinnedManager = Extract<PackageManager, 'apt' | 'apk' | 'pip' | 'npm' | 'gem' | 'yum' | 'zypper' | 'go'>;

const MANAGERS: ReadonlySet<PackageManager> = new Set(['apt', 'apk', 'pip', 'npm', 'gem', 'yum', 'zypper', 'go']);

/** Versions that move: npm dist-tags and Go's version queries. */
const MOVING = /^(latest|next|master|main|head|upgrade|patch)$/i;

/**
 * A package installed from a version-control URL: `git+https://host/repo.git@v1.2` (pip),
 * `github:user/repo#v1.2`, `git+https://host/repo.git#abc123` (npm). True when it names a tag or a
 * commit, false when it follows a branch (or names no ref at all), null when the word is not one.
 */
export function vcsPinned(word: string, manager: PackageManager): boolean | null {
  if (manager === 'pip') {
    const url = /(?:^|\s@\s*)((?:git|hg|svn|bzr)\+[a-z]+:\/\/\S+)$/i.exec(word)?.[1];
    if (!url) return null;
    // The ref follows the last `@` of the path (`git+ssh://git@host/...` has one in the user part).
    const path = /^[a-z+]+:\/\/[^/]*\/([^#]*)/i.exec(url)?.[1] ?? '';
    const at = path.lastIndexOf('@');
    return at >= 0 && isFixedRef(path.slice(at + 1));
  }
  if (manager === 'npm' || manager === 'yarn' || manager === 'pnpm') {
    if (!/^(git\+|git:\/\/|git@|github:|gitlab:|bitbucket:)/i.test(word)) return null;
    const hash = word.indexOf('#');
    return hash >= 0 && isFixedRef(word.slice(hash + 1));
  }
  return null;
}

/** A tag or a commit, not a branch: `v1.2.3`, `1.2.0`, `3f2a9c1`; `main`, `develop` and `semver:` ranges move. */
function isFixedRef(ref: string): boolean {
  const r = ref.replace(/^(tag|commit)[:=]/i, '').trim();
  if (r === '' || MOVING.test(r) || /^(develop|dev|trunk|stable|release|semver:)/i.test(r)) return false;
  // No overlap between the dotted numbers and the suffix, so a long `1.1.1...` cannot backtrack.
  return r.length <= 128 && (/^v?\d+(?:\.\d+)*(?:[-+][\w.]+)?$/i.test(r) || /^[0-9a-f]{7,40}$/i.test(r));
}

/** Paths, archives, URLs and whole-word variables: things that are not a package name. */
function notAPackage(word: string, manager: PackageManager): boolean {
  if (word === '' || word === '.' || /^(\.{1,2}\/|\/|~)/.test(word)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^(git\+|git@|file:|github:|gitlab:|bitbucket:)/i.test(word)) return true;
  if (/\.(deb|rpm|apk|whl|tar\.gz|tgz|tar\.bz2|zip|gem)$/i.test(word)) return true;
  if (/^\$(\w+|\{[^}]*\})$/.test(word) || word.includes('*')) return true;
  if (manager === 'pip' && word.includes(' @ ')) return true;
  if (manager === 'yum' && word.startsWith('@')) return true;
  // Go: a local package (`./cmd/x`) or a standard-library path (no dot in the first element).
  return manager === 'go' && !word.split('/')[0].includes('.');
}

/** True when the operand names a version its manager will honour as a pin. */
function pinnedWord(word: string, manager: PinnedManager): boolean {
  switch (manager) {
    case 'apt':
      return word.includes('=');
    case 'apk':
      return /^[^=<>~]+[=<>~]/.test(word.replace(/@[\w.-]+/, ''));
    case 'pip': {
      const v = splitPackage(word, 'pip').version ?? '';
      // `>=1` alone is a floor, not a pin; `==`, `~=`, `=` and an upper bound are.
      return /==|~=|^=|</.test(v);
    }
    case 'npm': {
      const v = splitPackage(word, 'npm').version;
      return v !== null && v.length > 1 && !MOVING.test(v.slice(1));
    }
    case 'gem':
      return splitPackage(word, 'gem').version !== null;
    case 'yum':
    case 'zypper':
      return /[<>=]/.test(word) || /-(\$|\d[^-]*[.:~])/.test(word);
    case 'go': {
      const at = word.lastIndexOf('@');
      return at > 0 && !MOVING.test(word.slice(at + 1));
    }
  }
}

/** The package operands of an install that name no version; empty for managers not covered. */
export function unpinnedPackages(install: PackageInstall): ShellWord[] {
  const manager = install.manager;
  if (!MANAGERS.has(manager)) return [];
  const m = manager as PinnedManager;
  // A constraints file decides every version (`pip install -c constraints.txt ...`).
  if (m === 'pip' && findOption(install.options, '-c', '--constraint')) return [];
  const gemVersion = m === 'gem' ? findOption(install.options, '-v', '--version') : undefined;
  // Version-control URLs pin with a tag or a commit (`@v1.2`, `#abc1234`), not with a branch.
  const vcs = install.words.filter((w) => vcsPinned(w.value, manager) === false);
  const words = install.words.filter((w) => !notAPackage(w.value, manager));
  // `gem install grpc -v 1.2` pins the gem named before the option (or the first when the option comes first).
  const byOption = gemVersion ? ([...words].reverse().find((w) => w.start < gemVersion.word.start) ?? words[0]) : undefined;
  return [...words.filter((w) => w !== byOption && !pinnedWord(w.value, m)), ...vcs].sort((a, b) => a.start - b.start);
}
