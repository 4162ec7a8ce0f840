/**
 * Compose `security_opt` items that Docker reads as switches. Docker parses the value of
 * `no-new-privileges` with Go's strconv.ParseBool, and accepts `:` or `=` as separator.
 */

/** `no-new-privileges`, `no-new-privileges:true`, `no-new-privileges=false`...; null for other options. */
export function noNewPrivileges(option: string): 'on' | 'off' | 'unknown' | null {
  const text = option.replace(/\s+/g, '').toLowerCase();
  if (text === 'no-new-privileges') return 'on';
  const m = /^no-new-privileges[:=](.*)$/.exec(text);
  if (!m) return null;
  if (/^(1|t|true)$/.test(m[1])) return 'on';
  if (/^(0|f|false)$/.test(m[1])) return 'off';
  return 'unknown';
}

/** The same option switched on, keeping its separator and spacing: `no-new-privileges=false` -> `no-new-privileges=true`. */
export function noNewPrivilegesOn(option: string): string {
  return option.replace(/^(\s*no-new-privileges\s*[:=]\s*)\S*(\s*)$/i, '$1true$2');
}
