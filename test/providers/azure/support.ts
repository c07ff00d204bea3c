/** Stand-ins for the Azure client's transport and Entra credential, shared by its tests. */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';

/** The one document `recordingHttpClient` lists. */
export const DOC = '00000000-0000-4000-8000-000000000001';

/** An httpClient that records every request and answers a one-document list (DOC, Succeeded). */
export function recordingHttpClient() {
  const requests: PipelineRequest[] = [];
  const httpClient: HttpClient = {
    async sendRequest(request) {
      requests.push(request);
      const body = { value: [{ id: DOC, status: 'Succeeded' }] };
      return { request, status: 200, headers: createHttpHeaders(), bodyAsText: JSON.stringify(body) };
    },
  };
  return { httpClient, requests };
}

/**
 * A TokenCredential that records the scopes it was asked for and hands out, for the
 * n-th call, `token(n)` (`entra-token-n` unless given), valid for `lifetimeMs`.
 */
export function recordingCredential({
  lifetimeMs = 3_600_000,
  token = (n: number) => `entra-token-${n}`,
}: {
  lifetimeMs?: number;
  token?: (n: number) => string;
} = {}) {
  const calls: Array<{ scopes: string | string[] }> = [];
  const credential: TokenCredential = {
    async getToken(scopes): Promise<AccessToken> {
      calls.push({ scopes });
      return { token: token(calls.length), expiresOnTimestamp: Date.now() + lifetimeMs };
    },
  };
  return { credential, calls };
}
