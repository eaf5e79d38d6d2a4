/** The same policy as the renderer's meta tag, sent as a header too so it also covers responses without the tag. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  // Trusted Types: no string may reach an HTML or script sink (innerHTML, eval, script.src, …). React, Fluent and
  // the built bundle use none, so the whole e2e suite runs under it; an injected string cannot become markup.
  "require-trusted-types-for 'script'",
].join('; ');

/**
 * Dev only (electron-vite dev server): Vite's React refresh preamble is an inline script and HMR talks over a
 * websocket. Never used for a built app.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'none'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
