import { keptByText } from '../core/kept';
import { parseCompose, type ComposeModel } from '../parse/compose';
import { parseDockerfile, type DockerfileModel } from '../parse/dockerfile';

/**
 * Models of the files that other files refer to (the Dockerfile a Compose service or a dev container
 * builds, the Compose files a dev container starts), kept across analyses by text. A folder of
 * Compose files that all build one Dockerfile, dev containers that all start one Compose file, and
 * every keystroke in such a file would otherwise parse the referred file again each time: a second
 * each for a megabyte-sized one. A model is read-only (its memos are computed from its text), so
 * analyses can share it.
 *
 * Bounded, per kind: the models of up to 16 short texts (at most 64 Ki characters each, a few
 * hundred kilobytes of model for a usual file), and of the last long one.
 */

/** The model of a Dockerfile that a Compose service or a dev container builds. */
export const relatedDockerfile: (text: string) => DockerfileModel = keptByText(parseDockerfile, 16);

/** The model of a Compose file that a dev container starts. */
export const relatedCompose: (text: string) => ComposeModel = keptByText(parseCompose, 16);
