import { defineRule } from '../rule-api/rule';
import type { Fix } from '../core/types';
import { instructionCommands } from '../knowledge/commands';
import { cachesLeft } from '../knowledge/package-caches';
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
        'layer: `apt-get update` and `apt-get install` without `rm -rf /var/lib/apt/lists/*` (or `apt-get dist-clean`), `apk add` without `--no-cache`, `pip install` ' +
        'without `--no-cache-dir`, `yum`/`dnf`/`microdnf install` without `clean all`, `zypper install` without `zypper clean`. ' +
        'A BuildKit cache mount on the cache directory counts as cleaning.',
      rationale:
        'The lists and archives are only needed while installing. Left in the layer they add tens of megabytes to every ' +
        'pull, and they describe packages the image does not contain, which confuses scanners and people reading ' +
        'the image. Deleting them in a later `RUN` does not help: the earlier layer still ships them. Build stages ' +
        'that are not part of the final image are not checked, since their layers are thrown away.',
      howToFix:
        'Clean up in the same `RUN` as the install: `apt-get update && apt-get install -y ... && rm -rf /var/lib/apt/lists/*`, ' +
        '`apk add --no-cache ...`, `pip install --no-cache-dir ...` (or `ENV PIP_NO_CACHE_DIR=1`), `dnf install -y ... && ' +
        'dnf clean all`, `zypper install -y ... && zypper clean --all`. With BuildKit you can instead keep the cache ' +
        'outside the image and reuse it between builds: `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`.',
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
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM python:3.12-alpine\nRUN apk add curl && pip install requests==2.32.3\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM python:3.12-alpine\nRUN apk add --no-cache curl && pip install --no-cache-dir requests==2.32.3\n' }],
    },
    aliases: {
      hadolint: ['DL3009', 'DL3019', 'DL3042', 'DL3032', 'DL3040', 'DL3036'],
      trivy: ['DS-0015', 'DS-0019', 'DS-0020', 'DS-0025'],
      kics: [
        'apt_get_install_lists_were_not_deleted', 'apk_add_using_local_cache_path', 'pip_install_keeping_cached_packages',
        'yum_clean_all_missing', 'missing_dnf_clean_all', 'missing_zypper_clean',
      ],
    },
  },
  dockerfile({ model, report, fix }) {
    const final = model.finalStage;
    if (!final) return;
    let pipNoCache = false;
    for (const stage of stageChain(final).reverse()) {
      for (const outer of stage.instructions) {
        const instr = outer.trigger ?? outer;
        if (!outer.trigger && (instr.keyword === 'ENV' || instr.keyword === 'ARG')) {
          if (instr.properties.some((p) => p.name === 'PIP_NO_CACHE_DIR' && p.value !== null)) pipNoCache = true;
        }
        if (instr.keyword !== 'RUN') continue;
        for (const { kind, install } of cachesLeft(instr, instructionCommands(model, outer), pipNoCache)) {
          const option = OPTION[kind];
          const edit = option ? insertAfterWord(model, outer, install.subcommand, option) : null;
          const fixes: Fix[] = option && edit ? [fix(`Add "${option}"`, [edit], 'safe')] : [];
          const sub = install.subcommand;
          const tool = /^python/.test(install.tool) ? `${install.tool} -m pip` : install.tool;
          report({ messageId: kind, data: { tool, sub: sub.value }, range: model.range(sub.start, sub.end), fixes });
        }
      }
    }
  },
});
