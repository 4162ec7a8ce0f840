import { describe, expect, it } from 'vitest';
import { findForge, forgeFromRemote, parseGitConfig } from '../../server/src/engine/checklist-forge';
import { fileLink, forgeCommitUrl, forgeFileUrl, normalisePath } from '../../server/src/shared/checklist-links';
import type { Forge } from '../../server/src/shared/checklist-report';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const OTHER = 'fedcba9876543210fedcba9876543210fedcba98';

describe('forgeFromRemote', () => {
  it.each([
    ['https://github.com/acme/shop.git', 'github', 'https://github.com/acme/shop'],
    ['https://github.com/acme/shop', 'github', 'https://github.com/acme/shop'],
    ['https://x-access-token:ghp_secret@github.com/acme/shop.git', 'github', 'https://github.com/acme/shop'],
    ['git@github.com:acme/shop.git', 'github', 'https://github.com/acme/shop'],
    ['ssh://git@github.com/acme/shop.git', 'github', 'https://github.com/acme/shop'],
    ['ssh://git@ssh.github.com:443/acme/shop.git', 'github', 'https://github.com/acme/shop'],
    ['git@github.corp.example:platform/shop.git', 'github', 'https://github.corp.example/platform/shop'],
    ['https://gitlab.com/acme/backend/shop.git', 'gitlab', 'https://gitlab.com/acme/backend/shop'],
    ['git@gitlab.com:acme/backend/shop.git', 'gitlab', 'https://gitlab.com/acme/backend/shop'],
    ['ssh://git@gitlab.example.com:2222/acme/shop.git', 'gitlab', 'https://gitlab.example.com/acme/shop'],
    ['https://alice@bitbucket.org/acme/shop.git', 'bitbucket', 'https://bitbucket.org/acme/shop'],
    ['git@bitbucket.org:acme/shop.git', 'bitbucket', 'https://bitbucket.org/acme/shop'],
  ])('%s', (url, host, web) => {
    expect(forgeFromRemote(url)).toEqual({ host, web });
  });

  it.each(['https://git.example.org/acme/shop.git', '/srv/git/shop.git', 'C:/repos/shop', 'file:///srv/git/shop.git', 'git@github.com:acme.git', 'https://github.com/acme/shop/extra', 'git@github.com:../../etc.git', ''])(
    'unknown or odd: %s',
    (url) => {
      expect(forgeFromRemote(url)).toBeNull();
    },
  );
});

describe('parseGitConfig', () => {
  it('reads remotes and branch remotes, case-insensitively, ignoring comments', () => {
    const text = '[core]\n\tbare = false\n; a comment\n[remote "origin"]\n\turl = git@github.com:acme/shop.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[Remote "upstream"]\n\tURL = "https://gitlab.com/acme/shop.git"\n[branch "main"]\n\tremote = upstream\n';
    const { remotes, branchRemote } = parseGitConfig(text);
    expect([...remotes]).toEqual([
      ['origin', 'git@github.com:acme/shop.git'],
      ['upstream', 'https://gitlab.com/acme/shop.git'],
    ]);
    expect(branchRemote.get('main')).toBe('upstream');
  });
});

describe('findForge', () => {
  const read = (files: Record<string, string>) => (p: string) => files[p];
  const CONFIG = '[remote "origin"]\n\turl = git@github.com:acme/shop.git\n';

  it('a checkout: HEAD names a branch with a loose ref; files under a subdirectory get a prefix', () => {
    const files = { '/repo/.git/HEAD': 'ref: refs/heads/main\n', '/repo/.git/refs/heads/main': `${SHA}\n`, '/repo/.git/config': CONFIG };
    expect(findForge('/repo', read(files))).toEqual({ root: '/repo', forge: { host: 'github', web: 'https://github.com/acme/shop', commit: SHA, prefix: '' } });
    expect(findForge('/repo/services/api', read(files))?.forge.prefix).toBe('services/api/');
  });

  it('packed refs, a detached HEAD, and the branch remote over origin', () => {
    const packed = { '/r/.git/HEAD': 'ref: refs/heads/feature/x\n', '/r/.git/packed-refs': `# pack-refs with: peeled\n${OTHER} refs/heads/main\n${SHA} refs/heads/feature/x\n`, '/r/.git/config': CONFIG };
    expect(findForge('/r', read(packed))?.forge.commit).toBe(SHA);
    expect(findForge('/r', read({ ...packed, '/r/.git/HEAD': `${OTHER}\n` }))?.forge.commit).toBe(OTHER);
    const upstream = `${CONFIG}[remote "upstream"]\n\turl = https://gitlab.com/acme/shop.git\n[branch "feature/x"]\n\tremote = upstream\n`;
    expect(findForge('/r', read({ ...packed, '/r/.git/config': upstream }))?.forge).toMatchObject({ host: 'gitlab', web: 'https://gitlab.com/acme/shop' });
  });

  it('a worktree: .git is a file pointing at the git directory, refs and config in its commondir', () => {
    const files = {
      '/work/wt/.git': 'gitdir: /work/main/.git/worktrees/wt\n',
      '/work/main/.git/worktrees/wt/HEAD': 'ref: refs/heads/wt\n',
      '/work/main/.git/worktrees/wt/commondir': '../..\n',
      '/work/main/.git/refs/heads/wt': `${SHA}\n`,
      '/work/main/.git/config': CONFIG,
    };
    expect(findForge('/work/wt', read(files))).toEqual({ root: '/work/wt', forge: { host: 'github', web: 'https://github.com/acme/shop', commit: SHA, prefix: '' } });
  });

  it('no checkout, no remote, an unknown forge or an unborn branch: null', () => {
    expect(findForge('/repo', read({}))).toBeNull();
    const base = { '/repo/.git/HEAD': 'ref: refs/heads/main\n', '/repo/.git/refs/heads/main': `${SHA}\n` };
    expect(findForge('/repo', read(base))).toBeNull();
    expect(findForge('/repo', read({ ...base, '/repo/.git/config': '[remote "origin"]\n\turl = https://git.example.org/a/b.git\n' }))).toBeNull();
    expect(findForge('/repo', read({ '/repo/.git/HEAD': 'ref: refs/heads/main\n', '/repo/.git/config': CONFIG }))).toBeNull();
  });
});

describe('links', () => {
  const github: Forge = { host: 'github', web: 'https://github.com/acme/shop', commit: SHA, prefix: 'deploy/' };

  it('point at the file at the commit on each forge, with its line anchor', () => {
    expect(forgeFileUrl(github, 'my app/compose.yaml', 7)).toBe(`https://github.com/acme/shop/blob/${SHA}/deploy/my%20app/compose.yaml#L7`);
    expect(forgeFileUrl({ ...github, host: 'gitlab', web: 'https://gitlab.com/g/s/r' }, 'Dockerfile', 2)).toBe(`https://gitlab.com/g/s/r/-/blob/${SHA}/deploy/Dockerfile#L2`);
    expect(forgeFileUrl({ ...github, host: 'bitbucket', web: 'https://bitbucket.org/a/r', prefix: '' }, 'Dockerfile', 2)).toBe(`https://bitbucket.org/a/r/src/${SHA}/Dockerfile#lines-2`);
    expect(forgeCommitUrl(github)).toBe(`https://github.com/acme/shop/commit/${SHA}`);
  });

  it('fall back to relative paths outside the repository or without a forge', () => {
    expect(fileLink('../../outside/Dockerfile', 3, github)).toBe('../../outside/Dockerfile#L3');
    expect(fileLink('../compose.yaml', 3, github)).toBe(`https://github.com/acme/shop/blob/${SHA}/compose.yaml#L3`);
    expect(fileLink('a b/Dockerfile', 1)).toBe('a%20b/Dockerfile#L1');
    expect(normalisePath('a/./b/../c')).toBe('a/c');
    expect(normalisePath('/etc/passwd')).toBeNull();
  });
});
