import { request } from 'node:https';

/**
 * Posts a device code to the provider's verification page, as the user would in a browser, straight at the provider
 * (never through the app's proxy). Resolves with the page's HTTP status.
 */
export function enterDeviceCode(verificationUri: string, userCode: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(verificationUri, {
      method: 'POST',
      ca,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(new URLSearchParams({ user_code: userCode }).toString());
  });
}
