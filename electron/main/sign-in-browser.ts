/**
 * Whether a sign-in page may be opened in the system browser: only https pages on the vault's sign-in host (the
 * authority), so a crafted address cannot make Kluis launch another program or site.
 */
export function isSignInPage(url: string, authorityHost: string): boolean {
  let page: URL;
  let authority: URL;
  try {
    page = new URL(url);
    authority = new URL(authorityHost);
  } catch {
    return false;
  }
  return (
    page.protocol === 'https:' &&
    authority.protocol === 'https:' &&
    !page.username &&
    !page.password &&
    page.host === authority.host
  );
}

/** Opens a sign-in page with `openExternal` (Electron's shell) after the check; false when refused. */
export async function openSignInPage(
  url: string,
  authorityHost: string,
  openExternal: (url: string) => Promise<void>,
): Promise<boolean> {
  if (!isSignInPage(url, authorityHost)) return false;
  await openExternal(url);
  return true;
}
