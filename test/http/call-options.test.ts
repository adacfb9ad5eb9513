import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { GHLValidationError } from '../../src/errors.js';
import { validateCallOptions } from '../../src/http/call-options.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { BASE } from '../helpers/fake-ghl.js';
import { countRequests, server } from '../msw.js';

function pitClient() {
  return new GHLClient({ locationId: 'loc-1', tokenStore: new MemoryTokenStore({ 'loc-1': { accessToken: 'pit-abcdefgh' } }), env: {} });
}

describe('validateCallOptions', () => {
  it('accepts nothing, an AbortSignal and an integer timeout of at least 1 ms', () => {
    expect(validateCallOptions(undefined)).toEqual({});
    const signal = new AbortController().signal;
    expect(validateCallOptions({ signal, timeoutMs: 1 })).toEqual({ signal, timeoutMs: 1 });
  });

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ timeoutMs: 1.5 }, 'timeoutMs'],
    [{ timeoutMs: '100' }, 'timeoutMs'],
    [{ signal: 'yes' }, 'signal'],
    [{ signal: { aborted: false } }, 'signal'],
    ['fast', '(options)'],
    [null, '(options)'],
  ])('rejects %o, naming %s', (call, path) => {
    const error = (() => {
      try {
        validateCallOptions(call);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((i) => i.path)).toEqual([path]);
  });
});

describe('call options on a real call: a GHLValidationError, and nothing is sent', () => {
  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ signal: 'yes' }, 'signal'],
  ])('%o', async (call, path) => {
    server.use(http.get(`${BASE}/contacts/:id`, () => HttpResponse.json({ contact: { id: 'c1' } })));
    const sent = countRequests();
    const error = await pitClient()
      .contacts.get('c1', call as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues[0]?.path).toBe(path);
    expect(sent.count).toBe(0);
  });
});
