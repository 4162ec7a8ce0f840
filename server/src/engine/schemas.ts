import { FAIL_ON_LEVELS, MAX_CONFIG_FILE_SIZE, MAX_IGNORE_GLOBS } from './config-file';
import { defaultSeverityLabel, practiceLabel } from './docs';
import { DEFAULT_MAX_FILE_SIZE } from './run-rules';
import type { RuleMeta, RuleOptionSpec } from '../rule-api/rule';
import { PROFILES } from '../core/types';

/**
 * JSON Schemas generated from the rule registry: the `.bulkhead.yaml` file schema and the
 * `contributes.configuration` section of package.json. `npm run gen` writes both; a test fails
 * when either is stale.
 */

const SEVERITY_ENUM = ['off', 'hint', 'info', 'warning', 'error'];

function optionSchema(spec: RuleOptionSpec): Record<string, unknown> {
  const base = spec.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: spec.type };
  return { ...base, default: spec.default, description: spec.description };
}

export function ruleSettingSchema(meta: RuleMeta): Record<string, unknown> {
  const description = `${meta.title}. Practice ${practiceLabel(meta.practice)}. Default: ${defaultSeverityLabel(meta)}.`;
  const options = Object.entries(meta.options ?? {});
  const object: Record<string, unknown> = {
    type: 'object',
    properties: {
      severity: { enum: SEVERITY_ENUM },
      ...(options.length > 0 ? { options: { type: 'object', properties: Object.fromEntries(options.map(([k, s]) => [k, optionSchema(s)])), additionalProperties: false } } : {}),
    },
    additionalProperties: false,
  };
  return { description, oneOf: [{ enum: SEVERITY_ENUM }, object] };
}

function rulesObject(metas: readonly RuleMeta[]): Record<string, unknown> {
  return {
    type: 'object',
    description: 'Per-rule severity (off, hint, info, warning, error) or {severity, options}.',
    properties: Object.fromEntries(metas.map((m) => [m.id, ruleSettingSchema(m)])),
    additionalProperties: false,
  };
}

const PROFILE_DESCRIPTION =
  'How advice is shown. `default`: risks at their severity; advice (a hardening setting that is not present, a leaner image, a deprecated key) as hints, ' +
  'and the advice about one Compose service folded into one `harden-service` finding. `strict`: every rule at its own severity, one finding per setting.';

const REGISTRIES = {
  type: 'array',
  items: { type: 'string' },
  description: 'Registries images may come from, e.g. ["docker.io", "*.corp.example"]. Wildcards match one host label or more. Empty: no policy.',
};

export function configFileSchema(metas: readonly RuleMeta[]): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/bulkhead-security/bulkhead/blob/main/docs/bulkhead.schema.json',
    title: 'Bulkhead configuration (.bulkhead.yaml)',
    type: 'object',
    properties: {
      rules: rulesObject(metas),
      trustedRegistries: REGISTRIES,
      ignore: { type: 'array', items: { type: 'string' }, maxItems: MAX_IGNORE_GLOBS, description: 'Globs, relative to this file, of files not to analyse.' },
      failOn: { enum: [...FAIL_ON_LEVELS], description: 'The lowest severity that makes `bulkhead check` exit 1 (default: error).' },
      profile: { enum: [...PROFILES], description: `${PROFILE_DESCRIPTION} In the editor the \`bulkhead.profile\` setting wins.` },
      maxFileSize: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_CONFIG_FILE_SIZE,
        description: `Files with more characters than this are not analysed and get one \`file-too-large\` finding (default: ${DEFAULT_MAX_FILE_SIZE}). In the editor the \`bulkhead.maxFileSize\` setting wins when it is set.`,
      },
    },
    additionalProperties: false,
  };
}

export function settingsContribution(metas: readonly RuleMeta[]): Record<string, unknown> {
  return {
    title: 'Bulkhead',
    properties: {
      'bulkhead.enable': { type: 'boolean', default: true, description: 'Analyse Dockerfiles, Compose files and Dev Container configurations.' },
      'bulkhead.rules': {
        ...rulesObject(metas),
        default: {},
        scope: 'resource',
        markdownDescription: 'Per-rule severity (`off`, `hint`, `info`, `warning`, `error`) or `{severity, options}`. Wins over `.bulkhead.yaml` inside the editor.',
      },
      'bulkhead.profile': {
        type: 'string',
        enum: ['', ...PROFILES],
        enumItemLabels: ['(from .bulkhead.yaml)', ...PROFILES],
        default: '',
        scope: 'resource',
        markdownDescription: `${PROFILE_DESCRIPTION} Empty: the \`profile\` of \`.bulkhead.yaml\`, else \`default\`.`,
      },
      'bulkhead.trustedRegistries': { ...REGISTRIES, default: [], scope: 'resource' },
      'bulkhead.maxFileSize': {
        type: ['number', 'null'],
        default: null,
        minimum: 1,
        scope: 'resource',
        markdownDescription: `Files with more characters than this get one information diagnostic instead of analysis. Not set (the default): the \`maxFileSize\` of \`.bulkhead.yaml\`, else ${DEFAULT_MAX_FILE_SIZE}.`,
      },
      'bulkhead.trace.server': { type: 'string', enum: ['off', 'messages', 'verbose'], default: 'off', description: "Log the messages between VS Code and the Bulkhead language server (shown at the output channel's Trace log level); verbose also logs how long each analysis took, and when the server's code was loaded, answered initialize and computed its first diagnostics." },
    },
  };
}
