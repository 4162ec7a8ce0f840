/**
 * Minimal glob matching for config values (`trustedRegistries`, ignore paths, image patterns):
 * `*` matches within one path segment, `**` across segments, `?` one character. No braces, no
 * character classes: every other character is literal.
 *
 * Globs come from files in the workspace (`.bulkhead.yaml`, settings), so they are matched by
 * simulating all positions of the pattern at once, never by a backtracking regular expression:
 * the time is at most (text length) x (pattern length), whatever the pattern (`*a*a*a*a*b` included).
 */

const enum T {
  Literal,
  /** `?`: one character other than `/`. */
  One,
  /** `*`: any run of characters other than `/`. */
  Star,
  /** `**` not followed by `/`: any run of characters. */
  Any,
  /** `**` followed by `/`: nothing, or any run of characters ending with `/`. */
  Dirs,
}

type Token = { t: T.Literal; c: string } | { t: T.One | T.Star | T.Any | T.Dirs };

const cache = new Map<string, Token[]>();

function compile(glob: string, anyStar: boolean): Token[] {
  const key = (anyStar ? '1' : '0') + glob;
  let tokens = cache.get(key);
  if (tokens) return tokens;
  tokens = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && anyStar) {
      tokens.push({ t: T.Any });
    } else if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          tokens.push({ t: T.Dirs });
        } else tokens.push({ t: T.Any });
      } else tokens.push({ t: T.Star });
    } else if (c === '?' && !anyStar) {
      tokens.push({ t: T.One });
    } else {
      tokens.push({ t: T.Literal, c });
    }
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, tokens);
  return tokens;
}

/** Whether the whole text matches the tokens: a set of pattern positions advanced one character at a time. */
function run(text: string, tokens: readonly Token[]): boolean {
  const m = tokens.length;
  let cur = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  // Closes a state set under the tokens that may match nothing (every wildcard).
  const close = (set: Uint8Array) => {
    for (let i = 0; i < m; i++) if (set[i] && tokens[i].t !== T.Literal && tokens[i].t !== T.One) set[i + 1] = 1;
  };
  cur[0] = 1;
  close(cur);
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    next.fill(0);
    let any = false;
    for (let i = 0; i < m; i++) {
      if (!cur[i]) continue;
      const tok = tokens[i];
      switch (tok.t) {
        case T.Literal:
          if (tok.c === c) next[i + 1] = 1;
          break;
        case T.One:
          if (c !== '/') next[i + 1] = 1;
          break;
        case T.Star:
          if (c !== '/') next[i] = 1;
          break;
        case T.Any:
          next[i] = 1;
          break;
        case T.Dirs:
          next[i] = 1;
          if (c === '/') next[i + 1] = 1;
          break;
      }
    }
    close(next);
    for (let i = 0; i <= m && !any; i++) any = next[i] === 1;
    if (!any) return false;
    [cur, next] = [next, cur];
  }
  return cur[m] === 1;
}

export function matchesGlob(text: string, glob: string): boolean {
  return run(text, compile(glob, false));
}

export function matchesAny(text: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(text, g));
}

/** Shell-style `*` wildcards (any run of characters, `/` included); every other character is literal. Linear like `matchesGlob`. */
export function matchesWildcard(text: string, pattern: string): boolean {
  return run(text, compile(pattern, true));
}
