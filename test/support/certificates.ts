import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/** A self-signed certificate and its PKCS#8 key (PEM), as an app registration's certificate credential. */
export function selfSignedCertificate(validForMs = 86_400_000): { certificatePem: string; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - Math.abs(validForMs) - 60_000);
  cert.validity.notAfter = new Date(Date.now() + validForMs);
  cert.setSubject([{ name: 'commonName', value: 'kluis-test-app' }]);
  cert.setIssuer([{ name: 'commonName', value: 'kluis-test-app' }]);
  cert.sign(forgeKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), keyPem };
}
