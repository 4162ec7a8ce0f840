import { kept } from '../core/kept';
import { parseDockerfile, type DockerfileModel } from '../parse/dockerfile';

/**
 * Models of the Dockerfiles that other files build (a Compose service's `build:`, a dev container's
 * `build.dockerfile`), kept across analyses by text. A folder of Compose files that all build one
 * Dockerfile, and every keystroke in a Compose file that builds one, would otherwise parse it again
 * each time: a second each for a megabyte-sized Dockerfile. A model is read-only (its memos are
 * computed from its text), so analyses can share it.
 *
 * Bounded: the models of up to 16 short texts (at most 64 Ki characters each, a few hundred
 * kilobytes of model for a usual Dockerfile), and of the last long one.
 */

const SHORT = 64 * 1024;
const short = new Map<string, DockerfileModel>();
let long: { text: string; model: DockerfileModel } | null = null;

export function relatedDockerfile(text: string): DockerfileModel {
  if (text.length <= SHORT) return kept(short, text, 16, parseDockerfile);
  if (long?.text !== text) long = { text, model: parseDockerfile(text) };
  return long.model;
}
