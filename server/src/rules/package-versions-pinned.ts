import { defineRule } from '../rule-api/rule';
import { instructionCommands } from '../knowledge/commands';
import { unpinnedPackages, vcsPinned, type PinnedManager } from '../knowledge/package-pins';
import { packageInstall, splitPackage } from '../knowledge/packages';

export default defineRule({
  meta: {
    id: 'package-versions-pinned',
    practice: 13,
    title: 'Pin the versions of installed packages',
    severity: 'warning',
    kind: 'risk',
    severityReason:
      'Off by default: unpinned packages make builds drift, but pinning every package is a policy choice with its own maintenance cost.',
    targets: ['dockerfile'],
    enabledByDefault: false,
    docs: {
      summary:
        'A package is installed without a version: `apt-get install curl`, `apk add curl`, `pip install flask`, ' +
        '`npm install -g typescript`, `gem install bundler`, `dnf install httpd`, `zypper install nginx`, ' +
        '`go install example.com/tool@latest`, or from a version-control URL without a tag or commit (`pip install ' +
        'git+https://github.com/org/repo.git`, `npm install github:org/repo#main`). Local files, other URLs, requirement and ' +
        'constraint files, the build options after `gem install x --`, and a bare ' +
        '`npm install`/`npm ci` (which follow the lock file) are not flagged. This rule is off by default.',
      rationale:
        'An unpinned install takes whatever version the repository offers on the day of the build, so two builds of ' +
        'the same Dockerfile can contain different code, a rebuild can silently pull a compromised or broken ' +
        'release, and you cannot tell from the Dockerfile what an image contains. Pinning makes changes to the ' +
        'software in the image explicit and reviewable. It has a cost, which is why the rule is opt-in: distribution ' +
        'archives (Debian, Ubuntu, Alpine) drop old package versions when they publish fixes, so a pinned ' +
        '`apt-get install curl=8.5.0-2` starts failing after the next security update until someone bumps it, and ' +
        'many teams prefer to take distribution updates automatically and pin the base image instead.',
      howToFix:
        'Name the version: `curl=8.5.0-2+deb13u1` (APT), `curl=8.9.1-r2` (apk), `flask==3.0.3` (pip), ' +
        '`typescript@5.5.4` (npm), `bundler:2.5.16` or `gem install bundler -v 2.5.16`, `httpd-2.4.62` (dnf/yum), ' +
        '`nginx=1.26.2` (zypper), `golang.org/x/tools/gopls@v0.16.2` (go). For language packages prefer a lock or ' +
        'requirements file with hashes (`pip install --require-hashes -r requirements.txt`, `npm ci`). Let a bot such ' +
        'as Renovate or Dependabot propose the bumps so pins do not go stale.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#apt-get',
        'https://pip.pypa.io/en/stable/topics/repeatable-installs/',
        'https://docs.npmjs.com/cli/commands/npm-ci',
      ],
    },
    messages: {
      apt: '"{word}" is installed from APT without a version; pin it as "{name}=<version>"',
      apk: '"{word}" is installed from apk without a version; pin it as "{name}=<version>"',
      pip: '"{word}" is installed from pip without a fixed version; pin it as "{name}==<version>"',
      npm: '"{word}" is installed from npm without a fixed version; pin it as "{name}@<version>"',
      gem: '"{word}" is installed as a gem without a version; pin it as "{name}:<version>" or add "-v <version>"',
      yum: '"{word}" is installed without a version; pin it as "{name}-<version>"',
      zypper: '"{word}" is installed from zypper without a version; pin it as "{name}=<version>"',
      go: '"{word}" is installed with go install without a fixed version; pin it as "{name}@<version>"',
      vcs: '"{word}" is installed from a repository branch, which moves; name a tag or a commit instead',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n' }],
    },
    aliases: {
      hadolint: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041', 'DL3062'],
      kics: [
        'apt_get_install_pin_version_not_defined', 'unpinned_package_version_in_apk_add', 'unpinned_package_version_in_pip_install',
        'npm_install_without_pinned_version', 'gem_install_without_version', 'yum_install_without_version',
        'zypper_install_without_version', 'missing_version_specification_in_dnf_install',
      ],
    },
  },
  dockerfile({ model, report }) {
    for (const outer of model.instructions) {
      if ((outer.trigger ?? outer).keyword !== 'RUN') continue;
      for (const cmd of instructionCommands(model, outer)) {
        const install = packageInstall(cmd);
        if (!install) continue;
        for (const w of unpinnedPackages(install)) {
          const manager = install.manager as PinnedManager;
          if (vcsPinned(w.value, manager) === false) {
            report({ messageId: 'vcs', data: { word: w.value }, range: model.range(w.start, w.end) });
            continue;
          }
          const name = manager === 'go' ? w.value.replace(/@[^]*$/, '') : splitPackage(w.value, manager).name;
          report({ messageId: manager, data: { word: w.value, name }, range: model.range(w.start, w.end) });
        }
      }
    }
  },
});
