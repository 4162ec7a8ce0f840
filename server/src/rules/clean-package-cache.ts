import { defineRule } from '../rule-api/rule';
import type { Fix } from '../core/types';
import { instructionCommands } from '../knowledge/commands';
import { cachesLeft, keepsAptArchives } from '../knowledge/package-caches';
import { insertAfterWord } from '../edit/dockerfile-edits';
import { stageChain } from '../parse/dockerfile';

/** The option that stops the cache, for the managers where adding it is all it takes. */
const OPTION: Partial<Record<string, string>> = { apk: '--no-cache', pip: '--no-cache-dir' };

export default defineRule({
  meta: {
    id: 'clean-package-cache',
    practice: 11,
    title: 'Leave no package manager cache in the image',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: a package cache left in a layer makes the image larger, not less safe.',
    targets: ['dockerfile'],
    fix: 'safe',
    docs: {
      summary:
        'A `RUN` of the final image installs packages and leaves the package manager\'s index or download cache in its ' +
        'layer: `apt-get update` and `apt-get install` without `rm -rf /var/lib/apt/lists/*` (or `apt-get dist-clean`), `apk add` or ' +
        '`apk update` without `--no-cache`, `pip install` without `--no-cache-dir` (or `PIP_NO_CACHE_DIR`), `yum`/`dnf`/`microdnf`/`tdnf` ' +
        '`install`, `in` or `upgrade` without `clean all`, `zypper install` without `zypper clean`, `yarn`/`yarn install`/`yarn add` ' +
        'without `yarn cache clean`, `pnpm install` without a cache mount on its store, and APT installs that keep their `.deb` ' +
        'files because an earlier step removed `/etc/apt/apt.conf.d/docker-clean`. A cleanup counts only when it comes after the ' +
        'last download of its cache in the same `RUN`; a BuildKit cache mount on the cache directory counts as cleaning.',
      rationale:
        'The lists and archives are only needed while installing. Left in the layer they add tens of megabytes to every ' +
        'pull (Yarn\'s cache often hundreds), and they describe packages the image does not contain, which confuses scanners and ' +
        'people reading the image. Deleting them in a later `RUN`, or earlier in the same one (`yum clean all && yum install ...`), ' +
        'does not help: the layer still ships what the last install downloaded. Build stages that are not part of the final ' +
        'image are not checked, since their layers are thrown away.',
      howToFix:
        'Clean up in the same `RUN`, after the install: `apt-get update && apt-get install -y ... && rm -rf /var/lib/apt/lists/*`, ' +
        '`apk add --no-cache ...`, `pip install --no-cache-dir ...` (or `ENV PIP_NO_CACHE_DIR=1`), `dnf install -y ... && ' +
        'dnf clean all`, `zypper install -y ... && zypper clean --all`, `yarn install && yarn cache clean`. With BuildKit you can ' +
        'instead keep the cache outside the image and reuse it between builds: `RUN --mount=type=cache,target=/root/.cache/pip pip ' +
        'install ...`, `--mount=type=cache,target=/pnpm/store` for pnpm, and `--mount=type=cache,target=/var/cache/apt` when ' +
        '`docker-clean` is removed to keep APT\'s downloads between builds.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#apt-get',
        'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
        'https://pip.pypa.io/en/stable/topics/caching/',
      ],
    },
    messages: {
      apt: '"{tool} {sub}" leaves the APT package lists in the layer; add "rm -rf /var/lib/apt/lists/*" to the same RUN',
      apk: '"apk {sub}" keeps the package index in the layer; use "apk add --no-cache"',
      pip: '"{tool} {sub}" keeps downloaded packages in pip\'s cache in the layer; add "--no-cache-dir"',
      yum: '"{tool} {sub}" leaves cached metadata and packages in the layer; add "{tool} clean all" to the same RUN',
      zypper: '"zypper {sub}" leaves cached metadata and packages in the layer; add "zypper clean --all" to the same RUN',
      aptArchives:
        '"{command}" keeps the downloaded .deb files in the layer, since line {line} removed docker-clean; mount a cache on /var/cache/apt or run "apt-get clean" in the same RUN',
      yarn: '"{command}" leaves Yarn\'s package cache in the layer; add "yarn cache clean" to the same RUN or mount a cache on it',
      pnpm: '"{command}" leaves the pnpm store in the layer; mount a cache on it (--mount=type=cache,target=/pnpm/store) or remove it in the same RUN',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM python:3.12-alpine\nRUN apk add curl && pip install requests==2.32.3\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM python:3.12-alpine\nRUN apk add --no-cache curl && pip install --no-cache-dir requests==2.32.3\n' }],
    },
    aliases: {
      hadolint: ['DL3009', 'DL3019', 'DL3042', 'DL3032', 'DL3040', 'DL3036', 'DL3060'],
      trivy: ['DS-0015', 'DS-0019', 'DS-0020', 'DS-0025'],
      semgrep: ['remove-package-cache', 'remove-package-lists', 'missing-apk-no-cache', 'missing-pip-no-cache-dir', 'missing-dnf-clean-all', 'missing-zypper-clean'],
      kics: [
        'apt_get_install_lists_were_not_deleted', 'apk_add_using_local_cache_path', 'pip_install_keeping_cached_packages',
        'yum_clean_all_missing', 'missing_dnf_clean_all', 'missing_zypper_clean',
      ],
    },
  },
  dockerfile({ model, report, fix }) {
    const final = model.finalStage;
    if (!final) return;
    const state = { pipNoCache: false, aptKeepsArchives: false };
    let archivesLine = 0;
    for (const stage of stageChain(final).reverse()) {
      for (const outer of stage.instructions) {
        const instr = outer.trigger ?? outer;
        if (!outer.trigger && (instr.keyword === 'ENV' || instr.keyword === 'ARG')) {
          if (instr.properties.some((p) => p.name === 'PIP_NO_CACHE_DIR' && p.value !== null)) state.pipNoCache = true;
        }
        if (instr.keyword !== 'RUN') continue;
        const cmds = instructionCommands(model, outer);
        for (const { kind, tool, sub, install } of cachesLeft(instr, cmds, state)) {
          const option = OPTION[kind];
          const edit = option && install ? insertAfterWord(model, outer, install.subcommand, option) : null;
          const fixes: Fix[] = option && edit ? [fix(`Add "${option}"`, [edit], 'safe')] : [];
          const command = sub.value === tool || sub.value.endsWith(`/${tool}`) ? tool : `${tool} ${sub.value}`;
          report({ messageId: kind, data: { tool, sub: sub.value, command, line: archivesLine }, range: model.range(sub.start, sub.end), fixes });
        }
        // Removing docker-clean affects the RUNs after this one (and the rest of this one, which BuildKit runs as a whole).
        const keep = cmds.find(keepsAptArchives);
        if (keep && !outer.trigger) {
          state.aptKeepsArchives = true;
          archivesLine = instr.range.start.line + 1;
        }
      }
    }
  },
});
