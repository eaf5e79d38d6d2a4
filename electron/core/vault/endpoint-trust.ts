import { X509Certificate } from 'node:crypto';
import { isIP, type Socket } from 'node:net';
import { connect, type DetailedPeerCertificate } from 'node:tls';
import type { CertificateInfo, EndpointCertificates, PinnedCertificate, VaultConfig } from '../../contract';
import { failure } from '../errors/kluis-failure';
import { environmentProxy, openTunnel, type ProxyTarget } from './proxy-tunnel';

/** A presented certificate with its PEM, which only main keeps (the renderer gets CertificateInfo). */
export interface PresentedCertificate extends CertificateInfo {
  pem: string;
}

export interface PresentedChain {
  origin: string;
  /** Leaf first, then its issuers as far as the server sent them. */
  chain: PresentedCertificate[];
  trustedBySystem: boolean;
  verificationError?: string;
}

const INSPECT_TIMEOUT_MS = 10_000;

/** https://Host:443/ -> https://host ; https://h:8443 -> https://h:8443. Throws for anything not https. */
export function originOf(url: string): string {
  const u = new URL(url);
  if (u.protocol !== 'https:') throw failure('invalid-input', 'Only https endpoints can be checked.');
  return u.origin;
}

/** The endpoints of a vault whose certificate may be pinned: its own origin and, for cloud 'custom', its sign-in host. */
export function pinnableOrigins(vault: Pick<VaultConfig, 'url' | 'kind' | 'auth'>): string[] {
  if (vault.kind !== 'azure' || vault.auth.cloud !== 'custom') return [];
  const origins = [originOf(vault.url)];
  if (vault.auth.authorityHost) {
    const authority = originOf(vault.auth.authorityHost);
    if (!origins.includes(authority)) origins.push(authority);
  }
  return origins;
}

/** Refuses an origin that is not one of the vault's pinnable endpoints, with what to do instead. */
export function checkPinnable(vault: VaultConfig, origin: string): string {
  const wanted = originOf(origin);
  const allowed = pinnableOrigins(vault);
  if (allowed.length === 0) {
    throw failure(
      'invalid-input',
      'Certificates can be pinned only for vaults on a custom cloud. Azure’s own endpoints are checked against your system’s trusted certificates.',
      { field: 'origin' },
    );
  }
  if (!allowed.includes(wanted)) {
    throw failure(
      'invalid-input',
      `${wanted} is not one of this vault's endpoints (${allowed.join(', ')}).`,
      { field: 'origin' },
    );
  }
  return wanted;
}

/** The PEMs pinned for one origin of a vault (none: that endpoint uses the system's trust store). */
export function pinnedPemsFor(vault: Pick<VaultConfig, 'pinnedCertificates'>, origin: string): string[] {
  return (vault.pinnedCertificates ?? []).filter((p) => p.origin === origin).map((p) => p.pem);
}

/**
 * TLS options that trust exactly these pinned certificates for one endpoint: Node's default CAs are replaced, host
 * name verification stays on, and a pinned certificate counts as a trust anchor even when it is not a root (the
 * user pinned that exact certificate; OpenSSL's partial-chain flag, Node's allowPartialTrustChain).
 */
export function pinnedTls(pems: string[]): { ca: string[]; allowPartialTrustChain: true } {
  return { ca: pems, allowPartialTrustChain: true };
}

/** Describes one DER certificate the way the Certificates section shows it. */
export function describeCertificate(der: Buffer): PresentedCertificate {
  const cert = new X509Certificate(der);
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    fingerprint256: cert.fingerprint256.toUpperCase(),
    validFrom: Date.parse(cert.validFrom),
    validTo: Date.parse(cert.validTo),
    isCa: cert.ca,
    selfSigned: cert.checkIssued(cert) && cert.verify(cert.publicKey),
    pem: cert.toString(),
  };
}

/** X509Certificate names are one attribute per line ("CN=a\nO=b"); shown as "CN=a, O=b". */
const oneLine = (name: string): string =>
  name
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ');

/** Walks Node's peer certificate links (leaf first) until a self-issued one or a repeat. */
export function chainOf(peer: DetailedPeerCertificate): PresentedCertificate[] {
  const chain: PresentedCertificate[] = [];
  const seen = new Set<string>();
  for (let c: DetailedPeerCertificate | undefined = peer; c?.raw && chain.length < 10;) {
    const described = describeCertificate(c.raw);
    if (seen.has(described.fingerprint256)) break;
    seen.add(described.fingerprint256);
    chain.push(described);
    c = c.issuerCertificate && c.issuerCertificate !== c ? c.issuerCertificate : undefined;
  }
  return chain;
}

/**
 * Connects to the endpoint with TLS and reads the chain it presents. To see an untrusted server's chain the
 * handshake must complete without trusting it (rejectUnauthorized: false), so this socket is never used for
 * anything else: not one byte of application data is written (no request, token or credential), and it is
 * destroyed as soon as the handshake ends. Whether the system trust store accepts the chain is reported as Node's
 * own verdict for this host name.
 */
export async function fetchPresentedChain(
  origin: string,
  options: { timeoutMs?: number; ca?: string[]; proxy?: ProxyTarget } = {},
): Promise<PresentedChain> {
  const url = new URL(originOf(origin));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : 443;
  // Behind a proxy the handshake runs through its CONNECT tunnel, as the vault's own requests do.
  let tunnel: Socket | undefined;
  if (options.proxy) {
    try {
      tunnel = await openTunnel(options.proxy, host, port);
    } catch (err) {
      throw failure(
        'network',
        `Kluis could not reach ${url.host} through the proxy ${options.proxy.host.replace(/^https?:\/\//, '')}:${String(options.proxy.port)} (${(err as Error).message}). Check the proxy settings.`,
        { host: url.host },
      );
    }
  }
  return new Promise((resolve, reject) => {
    const socket = connect({
      ...(tunnel ? { socket: tunnel } : {}),
      host,
      port,
      // SNI takes host names only, never IP addresses.
      ...(isIP(host) ? {} : { servername: host }),
      ...(options.ca ? pinnedTls(options.ca) : {}),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        failure(
          'network',
          `${url.host} did not finish a TLS handshake within ${Math.round((options.timeoutMs ?? INSPECT_TIMEOUT_MS) / 1000)} s.`,
          {
            host: url.host,
          },
        ),
      );
    }, options.timeoutMs ?? INSPECT_TIMEOUT_MS);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      try {
        const chain = chainOf(socket.getPeerCertificate(true));
        const error = socket.authorizationError;
        resolve({
          origin: url.origin,
          chain,
          trustedBySystem: socket.authorized,
          ...(error ? { verificationError: errorCode(error) } : {}),
        });
      } catch (err) {
        reject(err);
      } finally {
        socket.destroy();
      }
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        failure(
          'network',
          `Kluis could not open a TLS connection to ${url.host} (${err.code ?? err.message}). Check the address and your network.`,
          { host: url.host, ...(err.code ? { code: err.code } : {}) },
        ),
      );
    });
  });
}

/** Node reports the verification failure as an Error whose `code` (or message) names OpenSSL's reason. */
function errorCode(error: Error | string): string {
  if (typeof error === 'string') return error;
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? error.message;
}

/** Whether the chain the endpoint presents verifies (with host name) against exactly these pinned PEMs. */
export async function trustedByPins(origin: string, pems: string[], proxy?: ProxyTarget): Promise<boolean> {
  if (pems.length === 0) return false;
  const presented = await fetchPresentedChain(origin, { ca: pems, ...(proxy ? { proxy } : {}) });
  return presented.trustedBySystem;
}

/** What the renderer sees: the chain without PEMs, plus whether a pin of this vault already accepts it. */
export async function inspectEndpoint(
  vault: VaultConfig,
  origin: string,
  proxy?: ProxyTarget,
): Promise<EndpointCertificates> {
  const wanted = checkPinnable(vault, origin);
  const presented = await fetchPresentedChain(wanted, proxy ? { proxy } : {});
  const pins = pinnedPemsFor(vault, wanted);
  return {
    origin: presented.origin,
    chain: presented.chain.map(({ pem: _pem, ...info }) => info),
    trustedBySystem: presented.trustedBySystem,
    ...(presented.verificationError ? { verificationError: presented.verificationError } : {}),
    trustedByPin: pins.length > 0 ? await trustedByPins(wanted, pins, proxy) : false,
  };
}

/**
 * The pin for a certificate the user confirmed by fingerprint: the chain is fetched again and only the certificate
 * with exactly that fingerprint is kept. A chain that changed since the user looked is refused.
 */
export async function pinFor(
  vault: VaultConfig,
  origin: string,
  fingerprint256: string,
  proxy?: ProxyTarget,
): Promise<PinnedCertificate> {
  const wanted = checkPinnable(vault, origin);
  const presented = await fetchPresentedChain(wanted, proxy ? { proxy } : {});
  const match = presented.chain.find((c) => c.fingerprint256 === fingerprint256.toUpperCase());
  if (!match) {
    throw failure(
      'conflict',
      `${new URL(wanted).host} no longer presents the certificate you confirmed (${shortFingerprint(fingerprint256)}). Its certificate may have changed: check it again and confirm the fingerprint with your administrator before pinning.`,
      { field: 'fingerprint256', host: new URL(wanted).host },
    );
  }
  // Pinned alone, the certificate must let the endpoint verify, host name included (a certificate for another name
  // is refused here rather than stored as a pin that can never work).
  const check = await fetchPresentedChain(wanted, { ca: [match.pem], ...(proxy ? { proxy } : {}) });
  if (!check.trustedBySystem) {
    throw failure(
      'tls',
      `Trusting only this certificate does not let Kluis verify ${new URL(wanted).host} (${check.verificationError ?? 'verification failed'}). The server's certificate may not be for this address, or may have expired.`,
      { host: new URL(wanted).host, ...(check.verificationError ? { code: check.verificationError } : {}) },
    );
  }
  return {
    origin: wanted,
    fingerprint256: match.fingerprint256,
    subject: match.subject,
    validTo: match.validTo,
    pem: match.pem,
  };
}

export const shortFingerprint = (f: string): string => `${f.slice(0, 11)}…${f.slice(-5)}`;

/**
 * The proxy an endpoint is reached through, as the vault's own requests are: the one main resolved for it (the OS
 * proxy), else HTTPS_PROXY unless NO_PROXY names the host; undefined for a direct connection.
 */
export async function proxyForEndpoint(
  origin: string,
  resolve?: (url: string) => Promise<ProxyTarget | undefined>,
): Promise<ProxyTarget | undefined> {
  const url = new URL(originOf(origin));
  return (resolve ? await resolve(url.href) : undefined) ?? environmentProxy(url.hostname);
}
