/**
 * Minimal glob matching for config values (`trustedRegistries`, ignore paths, image patterns):
 * `*` matches within one path segment, `**` across segments, `?` one character. No braces, no
 * character classes: every other character is literal, so user input can never build a costly
 * regular expression.
 */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          src += '(?:[^]*/)?';
        } else {
          src += '[^]*';
        }
      } else {
        src += '[^/]*';
      }
    } else if (c === '?') {
      src += '[^/]';
    } else {
      src += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  re = new RegExp(`^${src}$`);
  if (cache.size > 500) cache.clear();
  cache.set(glob, re);
  return re;
}

export function matchesGlob(text: string, glob: string): boolean {
  return globToRegExp(glob).test(text);
}

export function matchesAny(text: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(text, g));
}
