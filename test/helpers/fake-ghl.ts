import { http, HttpResponse } from 'msw';

export const BASE = 'https://services.leadconnectorhq.com';
export const CLIENT_ID = 'client-id-1';
export const CLIENT_SECRET = 'client-secret-SHHH-1';

/**
 * A minimal GHL for msw unit tests: single-use rotating refresh tokens (reuse → invalid_grant) and
 * `GET /contacts/:id` that only accepts live access tokens. Counts what it saw. The full simulator
 * (src/testing) covers the rest end to end.
 */
export function fakeGhl(options: { refreshToken?: string; expiresIn?: number; omitRefreshToken?: boolean } = {}) {
  const state = {
    liveRefreshToken: options.refreshToken ?? 'rt-0',
    liveAccessTokens: new Set<string>(),
    tokenRequests: 0,
    invalidGrants: 0,
    apiRequests: 0,
    unauthorized: 0,
    forms: [] as URLSearchParams[],
    authHeaders: [] as string[],
    generation: 0,
  };
  const issue = () => {
    state.generation += 1;
    const accessToken = `at-${state.generation}-${Math.random().toString(36).slice(2)}`;
    state.liveAccessTokens.add(accessToken);
    if (!options.omitRefreshToken) state.liveRefreshToken = `rt-${state.generation}-${Math.random().toString(36).slice(2)}`;
    return accessToken;
  };
  const handlers = [
    http.post(`${BASE}/oauth/token`, async ({ request }) => {
      state.tokenRequests += 1;
      const form = new URLSearchParams(await request.text());
      state.forms.push(form);
      if (form.get('client_secret') !== CLIENT_SECRET) return HttpResponse.json({ error: 'invalid_client' }, { status: 401 });
      if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') !== state.liveRefreshToken) {
        state.invalidGrants += 1;
        return HttpResponse.json({ error: 'invalid_grant', error_description: 'Invalid grant: refresh token is invalid' }, { status: 400 });
      }
      const accessToken = issue();
      return HttpResponse.json({
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: options.expiresIn ?? 86_399,
        ...(options.omitRefreshToken ? {} : { refresh_token: state.liveRefreshToken }),
        scope: 'contacts.readonly contacts.write',
        userType: 'Location',
        locationId: 'loc-1',
        userId: 'user-1',
      });
    }),
    http.get(`${BASE}/contacts/:id`, ({ request, params }) => {
      state.apiRequests += 1;
      const auth = request.headers.get('authorization') ?? '';
      state.authHeaders.push(auth);
      if (!state.liveAccessTokens.has(auth.replace(/^Bearer /, ''))) {
        state.unauthorized += 1;
        return HttpResponse.json({ statusCode: 401, message: 'Invalid JWT' }, { status: 401 });
      }
      return HttpResponse.json({ contact: { id: String(params['id']), email: 'a@example.com' } });
    }),
  ];
  return { state, handlers, issue };
}
