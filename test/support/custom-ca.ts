import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { issueLeaf, type CaMaterial } from '../../electron/local-vault/tls';

/** TLS material for a server with its own CA: the server presents its leaf and the CA (a full chain). */
export interface OwnCaServerTls {
  ca: CaMaterial;
  /** For startLocalVault's `tls` (or the CLI's --tls-cert/--tls-key/--tls-ca): leaf then CA, PEM. */
  tls: { certPem: string; keyPem: string; caPem: string };
  leafPem: string;
}

/**
 * A ten-year CA without name constraints, like a company's own root (and like the local vault's CA before it got
 * name constraints): it can sign a certificate for any name.
 */
export function unconstrainedCa(commonName = 'Kluis test custom-cloud CA'): CaMaterial {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `0${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 3650 * 86_400_000);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

/** A new CA and a leaf for localhost/127.0.0.1 it signed, presented with the CA as a chain. */
export async function ownCaServerTls(commonName = 'Kluis test custom-cloud CA'): Promise<OwnCaServerTls> {
  const ca = unconstrainedCa(commonName);
  const leaf = await issueLeaf(ca);
  return {
    ca,
    tls: { certPem: `${leaf.certPem}${ca.certPem}`, keyPem: leaf.keyPem, caPem: ca.certPem },
    leafPem: leaf.certPem,
  };
}

/**
 * A leaf the same CA signs for another host name only (no 127.0.0.1, no localhost): a client that verifies host
 * names must refuse it at 127.0.0.1 even though it trusts the CA.
 */
export function wrongHostLeaf(ca: CaMaterial, hostname = 'not-this-host.kluis.test') {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `0${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: hostname }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: hostname }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  const leafPem = forge.pki.certificateToPem(cert);
  return { certPem: `${leafPem}${ca.certPem}`, keyPem, caPem: ca.certPem };
}
