/**
 * Where to go after signing in or up: only a page of this site. The value is parsed the way the
 * browser will parse it (`new URL(value, origin)`), so tricks that pass a string check — a
 * backslash (`/\evil.example`), a tab or newline the parser drops (`/\t/evil.example`), a
 * scheme-relative `//evil.example` — resolve to another origin and fall back. The result is the
 * normalised path, so what is checked is exactly what is navigated to.
 */
export function safeCallback(value: string | null | undefined, origin: string, fallback = "/w"): string {
  if (!value) return fallback;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
