import ky, { type KyInstance } from 'ky';
import type { RequestContext } from '../../spec/adapter';
import { DocumentIndexError } from '../../spec/errors';
import { naverRequestId } from './errors';
import type { ResolvedNaverOptions } from './options';

/** One answer, read once: status, headers and the body parsed as JSON (undefined when empty). */
export interface NaverAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  /** False when the body was not empty and not JSON. */
  readable: boolean;
}

/** Sends one request (with `body` as JSON, when given) and reads its answer whatever its status. */
export type NaverSend = (
  method: 'GET' | 'DELETE' | 'POST' | 'PUT',
  url: string,
  context: RequestContext,
  body?: unknown,
) => Promise<NaverAnswer>;

/**
 * ky with its own retry off (`retry: 0`, the core is the one retry layer) and
 * HTTP errors returned rather than thrown, so the answer is classified by the
 * adapter and ky's `HTTPError` (which holds the request and its `Authorization`
 * header) never exists. `timeoutMs` bounds each attempt. Every request carries
 * the two headers every example of the reference pages sends, GET and DELETE
 * included: `Authorization: Bearer {apiKey}` and `Content-Type: application/json`;
 * it names docindex (and the application) in its User-Agent, and is reported to
 * the attempt's observer when it has one.
 */
export function createNaverSend(options: ResolvedNaverOptions): NaverSend {
  const http: KyInstance = ky.create({
    retry: 0,
    timeout: options.timeoutMs,
    throwHttpErrors: false,
    // Not followed: a 303 would turn a DELETE into a GET whose 200 read as a delete done, and a redirect to another
    // host would be answered by whatever is there (the Azure transport leaves redirects out for the same reason).
    redirect: 'manual',
    headers: {
      authorization: `Bearer ${options.apiKey}`,
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': options.userAgent,
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return async (method, url, context, json) => {
    const { observer } = context;
    observer?.requestSent(method, url);
    // ky's `json` sends the body with `content-type: application/json`, as NAVER's examples do.
    const response = await http(
      url,
      json === undefined ? { method, signal: context.signal } : { method, signal: context.signal, json },
    );
    observer?.responseReceived(response.status, naverRequestId(response.headers));
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new DocumentIndexError(
        'invalid_response',
        `NAVER RAG answered HTTP ${response.status}, a redirect (not followed): is the base URL right?`,
        { httpStatus: response.status, requestId: naverRequestId(response.headers), retryable: false },
      );
    }
    const text = await response.text();
    let body: unknown;
    let readable = true;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        readable = false;
      }
    }
    return { status: response.status, headers: response.headers, body, readable };
  };
}
