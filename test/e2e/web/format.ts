/** util.format's printf subset (%s %d %i %f %j %o %O %c %%), for mocha's reporter lines in the web worker. */
export function format(...args: unknown[]): string {
  const [first, ...rest] = args;
  const str = (v: unknown) => (typeof v === 'string' ? v : v instanceof Error ? (v.stack ?? v.message) : typeof v === 'object' && v !== null ? safeJson(v) : String(v));
  if (typeof first !== 'string') return args.map(str).join(' ');
  let i = 0;
  const out = first.replace(/%([sdifjoOc%])/g, (m, f: string) => {
    if (f === '%') return '%';
    if (i >= rest.length) return m;
    const v = rest[i++];
    switch (f) {
      case 'd':
      case 'i':
        return String(f === 'i' ? parseInt(String(v), 10) : Number(v));
      case 'f':
        return String(parseFloat(String(v)));
      case 'j':
      case 'o':
      case 'O':
        return safeJson(v);
      case 'c':
        return '';
      default:
        return str(v);
    }
  });
  return [out, ...rest.slice(i).map(str)].join(' ');
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
