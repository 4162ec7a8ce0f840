import type { LintConfig } from '../../server/src/core/types';

/**
 * How Bulkhead covers each KICS Dockerfile and Docker Compose query (../shared/corpus/kics).
 * `rules` (optionally narrowed to some message ids) must flag every positive sample on the expected
 * lines and stay silent on every negative sample; `differences` lists, per sample file, where and
 * why Bulkhead deliberately reports other lines. Queries Bulkhead does not cover say why.
 */

export interface Covered {
  rules: string[];
  messageIds?: string[];
  /** Only findings whose message matches (for a rule that reports several things in one message). */
  messagePattern?: RegExp;
  config?: LintConfig;
  /** Per sample file name: the lines Bulkhead reports instead of KICS's, and why. */
  differences?: Record<string, { lines: number[]; why: string }>;
}

export interface NotCovered {
  notCovered: string;
}

export type Mapping = Covered | NotCovered;

const HYGIENE = 'build hygiene or style, not one of the 20 security practices (see the KICS index: practice "none")';
const PINNING: LintConfig = { rules: { 'package-versions-pinned': 'warning' } };
const ITEM_BELOW_KEY = 'Bulkhead underlines the offending list item; KICS reports the key one line above it';

const SERVICE_KEY = 'a missing setting is reported once per service, on the service key, for every kind of limit it lacks';
const FINAL_STAGE = 'Bulkhead looks only at the final stage (and the stages it builds on): build stages are thrown away';
const WORD = 'Bulkhead underlines the offending word, which sits on a continuation line; KICS reports the first line of the RUN';

export const KICS_MAP: Record<string, Mapping> = {
  // ---- Docker Compose ----
  cgroup_not_default: { rules: ['no-cgroup-parent'] },
  container_capabilities_unrestricted: {
    rules: ['no-dangerous-capabilities', 'drop-all-capabilities'],
    differences: {
      'positive1.yaml': { lines: [4, 14], why: ITEM_BELOW_KEY },
      'positive2.yaml': { lines: [14, 15], why: `${ITEM_BELOW_KEY}; the cap_drop on line 15 lacks ALL, which drop-all-capabilities also reports` },
      'positive3.yaml': { lines: [14], why: ITEM_BELOW_KEY },
    },
  },
  container_traffic_not_bound_to_host_interface: {
    rules: ['bind-ports-to-localhost'],
    differences: Object.fromEntries(['positive1.yaml', 'positive2.yaml', 'positive3.yaml'].map((f) => [f, { lines: [12], why: ITEM_BELOW_KEY }])),
  },
  cpus_not_limited: {
    rules: ['require-resource-limits'],
    messagePattern: /\bCPU\b/,
    differences: {
      'positive1.yaml': { lines: [3], why: SERVICE_KEY },
      'positive3.yaml': { lines: [3], why: `${SERVICE_KEY}; the second service (line 7) does limit CPU through its own deploy key, which KICS misreads` },
      'positive4.yaml': { lines: [3], why: SERVICE_KEY },
      'positive5.yaml': { lines: [3], why: SERVICE_KEY },
    },
  },
  default_seccomp_profile_disabled: {
    rules: ['no-unconfined-security-profiles'],
    differences: {
      'positive1.yaml': { lines: [], why: '"label:seccomp:unconfined" is an SELinux label option that Docker rejects or ignores; seccomp stays on' },
    },
  },
  docker_socket_mounted_in_container: { rules: ['no-docker-socket-mount'] },
  healthcheck_not_set: {
    rules: ['require-healthcheck', 'no-disabled-healthcheck'],
    differences: {
      'positive1.yaml': { lines: [], why: 'the service builds from ./, whose Dockerfile (not part of the sample) may define a HEALTHCHECK: Bulkhead does not guess' },
    },
  },
  host_namespace_is_shared: { rules: ['no-host-namespaces'] },
  memory_not_limited: {
    rules: ['require-resource-limits'],
    messagePattern: /\bmemory\b/,
    differences: {
      'positive1.yaml': { lines: [3], why: SERVICE_KEY },
      'positive3.yaml': { lines: [3], why: `${SERVICE_KEY}; the second service (line 7) sets its own memory limit` },
      'positive4.yaml': { lines: [3], why: SERVICE_KEY },
      'positive5.yaml': { lines: [3], why: SERVICE_KEY },
    },
  },
  no_new_privileges_not_set: {
    rules: ['require-no-new-privileges'],
    differences: {
      'positive1.yaml': { lines: [13], why: 'Bulkhead underlines the "no-new-privileges:false" item itself, one line below the key KICS reports' },
      'positive2.yaml': { lines: [3], why: 'a missing setting is reported on the service key' },
    },
  },
  pids_limit_not_set: { rules: ['require-resource-limits'], messagePattern: /\bPIDs?\b|unlimited/ },
  privileged_containers_enabled: { rules: ['no-privileged'] },
  privileged_ports_mapped_in_container: {
    rules: ['no-privileged-host-ports'],
    differences: {
      'positive1.yaml': { lines: [6, 13], why: ITEM_BELOW_KEY },
      ...Object.fromEntries(
        ['positive2.yaml', 'positive4.yaml', 'positive5.yaml', 'positive7.yaml', 'positive8.yaml', 'positive10.yaml', 'positive11.yaml', 'positive12.yaml'].map((f) => [
          f,
          { lines: [], why: 'only the host side of a mapping needs privilege; here the port below 1024 is the container port (or the host port is chosen by Docker)' },
        ]),
      ),
      'positive3.yaml': { lines: [12], why: ITEM_BELOW_KEY },
      'positive6.yaml': { lines: [12], why: ITEM_BELOW_KEY },
      'positive9.yaml': { lines: [], why: 'host ports 80 and 443 are allowed by default (option allowedPorts): they are what web servers publish' },
    },
  },
  restart_policy_on_failure_not_set_to_5: {
    notCovered: 'the retry count of a restart policy is not a security property; Bulkhead instead flags a restart policy without a healthcheck (restart-needs-healthcheck), which hides crash loops',
  },
  security_opt_not_set: {
    rules: ['require-no-new-privileges'],
    differences: {
      'negative1.yaml': { lines: [4], why: 'having some security_opt is not enough: this service still lacks no-new-privileges (its apparmor:unconfined is reported by no-unconfined-security-profiles)' },
    },
  },
  shared_host_ipc_namespace: { rules: ['no-host-namespaces'] },
  shared_host_network_namespace: { rules: ['no-host-namespaces'] },
  shared_host_user_namespace: {
    rules: ['no-host-namespaces'],
    differences: { 'positive1.yaml': { lines: [7, 8, 9], why: 'one rule covers every host namespace: the network_mode and pid entries above are reported too' } },
  },
  shared_volumes_between_containers: {
    notCovered: 'services sharing a named volume is how Compose applications exchange data; Bulkhead flags the risky forms instead: volumes_from (no-shared-namespaces) and shared mount propagation (no-shared-mount-propagation)',
  },
  volume_has_sensitive_host_directory: {
    rules: ['no-sensitive-host-mounts'],
    differences: {
      'positive1.yaml': { lines: [], why: '"- /var/lib/backup/data" is an anonymous volume at a container path, not a host mount' },
      'positive2.yaml': { lines: [], why: 'a named volume bound to /var/lib/backup/data: application data under /var is not a sensitive host directory' },
      'positive3.yaml': { lines: [], why: 'a volume plugin mount point under /var/data: application data, not a sensitive host directory' },
      'positive4.yaml': { lines: [], why: '/etc/exercise is an application folder under /etc; Bulkhead flags /etc itself and the secrets under it' },
    },
  },
  volume_mounted_in_multiple_containers: { rules: ['no-shared-mount-propagation'] },

  // ---- Dockerfile ----
  add_instead_of_copy: { rules: ['prefer-copy-over-add'] },
  apk_add_using_local_cache_path: { rules: ['clean-package-cache'], messageIds: ['apk'] },
  apt_get_install_lists_were_not_deleted: {
    rules: ['clean-package-cache'],
    messageIds: ['apt'],
    differences: {
      'positive.dockerfile': { lines: [12], why: `${FINAL_STAGE}; lines 2, 5 and 8 are in earlier stages` },
      'positive2.dockerfile': { lines: [4], why: WORD },
    },
  },
  apt_get_install_pin_version_not_defined: {
    rules: ['package-versions-pinned'],
    messageIds: ['apt'],
    config: PINNING,
    differences: {
      'positive.dockerfile': { lines: [2, 3, 10, 11, 12, 13, 14], why: `each unpinned package is underlined where it is written (lines 10-14 of the RUN on line 9); on line 6, "python" is the value of -t, a release, not a package` },
      'positive2.dockerfile': { lines: [2, 3, 11, 12, 13, 14, 15], why: `each unpinned package is underlined where it is written (lines 11-15); on line 6, "python" is the value of -t, not a package` },
    },
  },
  apt_get_missing_flags_to_avoid_manual_input: { notCovered: HYGIENE },
  apt_get_not_avoiding_additional_packages: { rules: ['no-install-recommends'] },
  changing_default_shell_using_run_command: { notCovered: HYGIENE },
  chown_flag_exists: {
    notCovered: 'KICS flags every COPY --chown; giving the runtime user its own files is sometimes right and sometimes not, so Bulkhead leaves it to review (it flags world-writable modes and setuid bits instead)',
  },
  copy_from_references_current_from_alias: { rules: ['valid-stage-references'] },
  copy_with_more_than_two_arguments_not_ending_with_slash: { notCovered: HYGIENE },
  curl_or_wget_instead_of_add: { rules: ['no-add-remote'] },
  exposing_port_22: {
    rules: ['no-ssh-server'],
    differences: {
      'positive.dockerfile': { lines: [], why: 'EXPOSE 22 in an image that installs and starts no SSH server (this one runs nginx) documents a port, not an SSH server' },
    },
  },
  gem_install_without_version: { rules: ['package-versions-pinned'], messageIds: ['gem'], config: PINNING },
  healthcheck_instruction_missing: { rules: ['require-healthcheck'] },
  image_version_not_explicit: { rules: ['image-tag-pinned'] },
  image_version_using_latest: { rules: ['image-tag-pinned'] },
  last_user_is_root: { rules: ['non-root-user'] },
  maintainer_instruction_being_used: { rules: ['no-maintainer'] },
  missing_dnf_clean_all: { rules: ['clean-package-cache'], messageIds: ['yum'], differences: { 'positive.dockerfile': { lines: [5], why: WORD } } },
  missing_flag_from_dnf_install: { notCovered: HYGIENE },
  missing_user_instruction: {
    rules: ['non-root-user'],
    differences: {
      'negative.dockerfile': { lines: [9], why: 'the final stage (FROM scratch, line 9) has no USER: the USER in the first stage does not apply to it. KICS is satisfied by any USER in the file' },
    },
  },
  missing_version_specification_in_dnf_install: { rules: ['package-versions-pinned'], messageIds: ['yum'], config: PINNING },
  missing_zypper_clean: { rules: ['clean-package-cache'], messageIds: ['zypper'] },
  missing_zypper_non_interactive_switch: { notCovered: HYGIENE },
  multiple_cmd_instructions_listed: { notCovered: HYGIENE },
  multiple_entrypoint_instructions_listed: { notCovered: HYGIENE },
  multiple_run_add_copy_instructions_listed: { notCovered: HYGIENE },
  not_using_json_in_cmd_and_entrypoint_arguments: { notCovered: HYGIENE },
  npm_install_without_pinned_version: {
    rules: ['package-versions-pinned'],
    messageIds: ['npm'],
    config: PINNING,
    differences: { 'negative1.dockerfile': { lines: [3, 5], why: '"sax@latest" names a moving tag, not a version: Bulkhead counts it as unpinned' } },
  },
  pip_install_keeping_cached_packages: {
    rules: ['clean-package-cache'],
    messageIds: ['pip'],
    differences: { 'positive.dockerfile': { lines: [8, 9, 10, 11], why: `${FINAL_STAGE}; line 2 is in an earlier stage` } },
  },
  run_command_cd_instead_of_workdir: { notCovered: HYGIENE },
  run_using_apt: { notCovered: HYGIENE },
  run_using_sudo: { rules: ['no-sudo'] },
  run_using_wget_and_curl: { notCovered: HYGIENE },
  run_utilities_and_posix_commands: {
    notCovered: 'calling ps, top, vim or ssh in a build step is harmless in itself; what matters for practice 19 is an SSH server in the image, which no-ssh-server checks',
  },
  same_alias_in_different_froms: {
    rules: ['valid-stage-references'],
    differences: { 'positive.dockerfile': { lines: [7], why: 'Bulkhead underlines the second stage that reuses the name (line 7); KICS reports the first' } },
  },
  shell_running_a_pipe_without_pipefail_flag: { notCovered: HYGIENE },
  unix_ports_out_of_range: { notCovered: HYGIENE },
  unpinned_package_version_in_apk_add: { rules: ['package-versions-pinned'], messageIds: ['apk'], config: PINNING },
  unpinned_package_version_in_pip_install: { rules: ['package-versions-pinned'], messageIds: ['pip'], config: PINNING },
  update_instruction_alone: {
    rules: ['update-without-install'],
    differences: {
      ...Object.fromEntries(
        ['positive1.dockerfile', 'positive2.dockerfile', 'positive3.dockerfile', 'positive7.dockerfile'].map((f) => [f, { lines: [2], why: 'Bulkhead underlines the lone index update (line 2); KICS reports the later install' }]),
      ),
      'positive4.dockerfile': { lines: [], why: '"yum update" upgrades packages with the index it fetches in the same step: there is no stale index' },
      'positive5.dockerfile': { lines: [], why: '"dnf update" upgrades packages with the index it fetches in the same step: there is no stale index' },
      'positive6.dockerfile': { lines: [], why: 'pacman is not one of the package managers Bulkhead models' },
    },
  },
  using_platform_with_from: { notCovered: HYGIENE },
  using_unnamed_build_stages: { notCovered: 'COPY --from=<index> is valid and unambiguous; naming stages is style' },
  workdir_path_not_absolute: { notCovered: HYGIENE },
  yum_clean_all_missing: {
    rules: ['clean-package-cache'],
    messageIds: ['yum'],
    differences: {
      'positive.dockerfile': { lines: [], why: 'the sample lacks "&&": line 12 is one command, "yum clean all yum -y install ...", which installs nothing' },
      'negative.dockerfile': { lines: [13], why: 'the sample lacks "&&": line 13 installs packages named "yum", "clean" and "all", and never cleans' },
    },
  },
  yum_install_allows_manual_input: { notCovered: HYGIENE },
  yum_install_without_version: { rules: ['package-versions-pinned'], messageIds: ['yum'], config: PINNING },
  zypper_install_without_version: { rules: ['package-versions-pinned'], messageIds: ['zypper'], config: PINNING },
};
