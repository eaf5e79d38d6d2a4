import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle, type ScryptCost } from '../../../../electron/core/transfer/bundle-format';
import { TransferParseError, type TransferRecord } from '../../../../electron/core/transfer/transfer-records';

// The lowest cost the reader accepts keeps these tests quick; one test uses the default cost.
const cost: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };
const PASS = 'correct horse battery staple';

const secrets: TransferRecord[] = [
  {
    key: 'db-password',
    value: 'p@ss "word"\nwith lines ✓ = # \\',
    line: 0,
    contentType: 'text/plain',
    tags: { env: 'prod', owner: 'team a' },
    enabled: false,
    notBefore: Date.UTC(2026, 0, 1),
    expiresOn: Date.UTC(2027, 0, 1),
    createdOn: Date.UTC(2025, 5, 1),
    updatedOn: Date.UTC(2025, 6, 1),
  },
  { key: 'big', value: 'z'.repeat(25_600), line: 0, tags: {} },
];

async function bundleError(run: () => Promise<unknown>): Promise<TransferParseError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof TransferParseError) return err;
    throw err;
  }
  throw new Error('expected a TransferParseError');
}

describe('the encrypted bundle', () => {
  it('round-trips values with content type, tags, dates and enabled state', async () => {
    const text = await writeBundle(secrets, PASS, { cost });
    expect(text.startsWith('kluis-bundle\n')).toBe(true);
    // Nothing of a value or name shows in the file.
    expect(text).not.toContain('db-password');
    expect(text).not.toContain('p@ss');
    const back = await readBundle(text, PASS);
    expect(back).toEqual(secrets);
  });

  it('uses scrypt at the default cost when none is given, and records it in the header', async () => {
    const text = await writeBundle(secrets.slice(0, 1), PASS);
    const header = JSON.parse(text.split('\n')[1] as string) as Record<string, unknown>;
    expect(header).toMatchObject({
      version: 1,
      kdf: 'scrypt',
      N: 2 ** 17,
      r: 8,
      p: 1,
      cipher: 'aes-256-gcm',
    });
    expect((await readBundle(text, PASS))[0]?.value).toBe(secrets[0]?.value);
  });

  it('says a wrong passphrase is wrong', async () => {
    const text = await writeBundle(secrets, PASS, { cost });
    const err = await bundleError(() => readBundle(text, 'Correct horse battery staple'));
    expect(err.code).toBe('wrong-passphrase');
  });

  it('says a cut file is incomplete', async () => {
    const text = await writeBundle(secrets, PASS, { cost });
    for (const keep of [text.length - 40, text.indexOf('\n', 13) + 5, 20]) {
      expect((await bundleError(() => readBundle(text.slice(0, keep), PASS))).code).toBe('bundle-truncated');
    }
  });

  it('says a changed body or header is tampered with', async () => {
    const text = await writeBundle(secrets, PASS, { cost });
    const [magic, header, body] = text.split('\n') as [string, string, string];
    // One base64 character of the ciphertext changed.
    const at = 100;
    const flipped = body.slice(0, at) + (body[at] === 'A' ? 'B' : 'A') + body.slice(at + 1);
    expect((await bundleError(() => readBundle(`${magic}\n${header}\n${flipped}\n`, PASS))).code).toBe(
      'bundle-tampered',
    );
    // The header is authenticated: even a change that keeps its meaning (a space added) fails.
    const respaced = header.replace('"version":1', '"version": 1');
    expect((await bundleError(() => readBundle(`${magic}\n${respaced}\n${body}\n`, PASS))).code).toBe(
      'bundle-tampered',
    );
    // Bytes added to the body.
    expect((await bundleError(() => readBundle(`${magic}\n${header}\n${body}AAAA\n`, PASS))).code).toBe(
      'bundle-tampered',
    );
  });

  it('refuses a newer version and a file that is no bundle', async () => {
    const text = await writeBundle(secrets, PASS, { cost });
    const newer = text.replace('"version":1', '"version":2');
    expect((await bundleError(() => readBundle(newer, PASS))).code).toBe('bundle-version');
    expect((await bundleError(() => readBundle('A=1\n', PASS))).code).toBe('not-a-bundle');
  });

  it('seals each bundle with a fresh salt and iv', async () => {
    const a = await writeBundle(secrets, PASS, { cost });
    const b = await writeBundle(secrets, PASS, { cost });
    expect(a.split('\n')[1]).not.toBe(b.split('\n')[1]);
    expect(a.split('\n')[2]).not.toBe(b.split('\n')[2]);
  });
});
