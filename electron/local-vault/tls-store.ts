import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalVaultStoreError } from './errors';
import { open, seal } from './persistence/cipher';
import { writeFileAtomicSync } from './persistence/files';
import { caStillValid, generateCaAndLeaf, issueLeaf, leafStillValid, type TlsMaterial } from './tls';

const FILE = 'tls.kvt';
const AAD = 'tls';

/**
 * With a data directory, the generated CA and leaf are kept there (encrypted with the store key) so
 * clients that trusted the CA once keep trusting it across restarts. A leaf that no longer covers
 * the requested host names, or is near expiry, is reissued from the same CA. The CA itself is replaced (and
 * clients must trust the new one) when it has no name constraints (made before they were added), when its
 * constraints do not cover the requested host names, or when it nears its end.
 */
export async function loadOrCreateTls(
  dataDir: string,
  key: Buffer,
  hostnames: readonly string[],
): Promise<TlsMaterial> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, FILE);
  if (existsSync(path)) {
    let stored: { caCertPem: string; caKeyPem: string; certPem: string; keyPem: string };
    try {
      stored = JSON.parse(open(key, readFileSync(path), AAD).toString('utf8')) as typeof stored;
    } catch {
      throw new LocalVaultStoreError(
        `cannot decrypt ${FILE}: the encryption key is not the one this vault store was created with ` +
          `(or ${FILE} is damaged: deleting it makes a new CA, which clients must then trust)`,
      );
    }
    const ca = { certPem: stored.caCertPem, keyPem: stored.caKeyPem };
    if (!caStillValid(ca.certPem, hostnames)) {
      const fresh = await generateCaAndLeaf(hostnames);
      save(dataDir, key, fresh.ca, fresh.leaf);
      return fresh.leaf;
    }
    if (leafStillValid(stored.certPem, hostnames)) {
      return { certPem: stored.certPem, keyPem: stored.keyPem, caPem: ca.certPem };
    }
    const leaf = await issueLeaf(ca, hostnames);
    save(dataDir, key, ca, leaf);
    return leaf;
  }
  const { ca, leaf } = await generateCaAndLeaf(hostnames);
  save(dataDir, key, ca, leaf);
  return leaf;
}

function save(dir: string, key: Buffer, ca: { certPem: string; keyPem: string }, leaf: TlsMaterial): void {
  const plain = JSON.stringify({
    caCertPem: ca.certPem,
    caKeyPem: ca.keyPem,
    certPem: leaf.certPem,
    keyPem: leaf.keyPem,
  });
  writeFileAtomicSync(dir, FILE, seal(key, Buffer.from(plain, 'utf8'), AAD));
}
