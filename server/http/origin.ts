const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery check for cookie-authenticated requests (the rule of Go's
 * `http.CrossOriginProtection`): a state-changing request is refused when the browser says it
 * came from another origin. Browsers send `Sec-Fetch-Site` (trusted first) or at least `Origin`
 * on every POST; a request with neither is not from a browser and carries no victim's cookie
 * by accident. Another port of the same host is another origin ("same-site" is not enough).
 *
 * `allowedOrigins` are the app's public origins (NEXTAUTH_URL) besides the request's own host,
 * for deployments behind a proxy that rewrites `Host`.
 */
export function isCrossOrigin(request: Request, allowedOrigins: readonly string[] = []): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return true; // "null" (sandboxed frames, file://) or garbage
  }
  const host = request.headers.get("host") ?? new URL(request.url).host;
  if (originUrl.host === host) return false;
  return !allowedOrigins.some((allowed) => sameOrigin(allowed, originUrl));
}

function sameOrigin(allowed: string, origin: URL): boolean {
  try {
    return new URL(allowed).origin === origin.origin;
  } catch {
    return false;
  }
}
