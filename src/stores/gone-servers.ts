import { connect } from 'node:net';

/**
 * Tokens of a GHL server on this machine (the simulator, `ghl-sdk/testing`) are kept in the JSON
 * token file under `<key>@http://127.0.0.1:<port>`, and every simulator run listens on a new port.
 * Once that server is gone its tokens can never be used again, so its entries are dropped instead
 * of piling up. Only loopback servers are checked: a refused connection there is certain and
 * instant, while a remote server that does not answer may just be unreachable for now.
 */

const LOOPBACK_ISSUER = /@(https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+)$/;
const PROBE_TIMEOUT_MS = 500;

/** The loopback server a token-file key belongs to, or undefined for any other key. */
export function loopbackIssuerOf(fileKey: string): string | undefined {
  return LOOPBACK_ISSUER.exec(fileKey)?.[1];
}

/** True only when nothing listens at the issuer's port any more (the connection is refused). */
export function serverIsGone(issuer: string): Promise<boolean> {
  const url = new URL(issuer);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) });
    const done = (gone: boolean): void => {
      socket.destroy();
      resolve(gone);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('connect', () => done(false));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}
