/** Tiny fetch wrappers for talking to the simulator the way an SDK would (real HTTP over loopback). */

export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON body. `any`: tests inspect arbitrary GHL bodies, and assertions stay readable. */
  body: any;
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** A GHL API caller bound to one token: `Authorization`, `Version: 2021-07-28`, JSON bodies. */
export function apiClient(baseUrl: string, accessToken: string | undefined, headers: Record<string, string> = { version: '2021-07-28' }) {
  return async (method: string, path: string, body?: unknown): Promise<Reply> =>
    reply(
      await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...headers,
          ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
}

/** `POST /oauth/token`, form-encoded like GHL requires. */
export async function tokenRequest(baseUrl: string, fields: Record<string, string>): Promise<Reply> {
  return reply(await fetch(`${baseUrl}/oauth/token`, { method: 'POST', body: new URLSearchParams(fields) }));
}

/** A refresh grant with the simulator's own client credentials. */
export function refresh(sim: { url: string; clientId: string; clientSecret: string }, refreshToken: string): Promise<Reply> {
  return tokenRequest(sim.url, { client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken });
}
