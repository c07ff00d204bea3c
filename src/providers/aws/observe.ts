import type { RequestContext } from '../../spec/adapter';

/** The part of an SDK command this needs: its own middleware stack. */
interface Command {
  readonly middlewareStack: { add(middleware: never, options: never): void };
}

/** What the SDK hands a deserialize-step middleware: its HttpRequest, and the raw HttpResponse back. */
interface SdkRequest {
  method?: string;
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
  query?: Record<string, string | ReadonlyArray<string> | null | undefined>;
}
interface SdkResponse {
  statusCode?: number;
  headers?: Record<string, string | undefined>;
}
type Handler = (args: { request: unknown }) => Promise<{ response: unknown }>;

/**
 * In the deserialize step at low priority, this middleware is the innermost one:
 * it sees each request as it goes on the wire (signed, after the SDK's own
 * retry middleware, so once per HTTP request) and the raw response as it comes back.
 */
const PLACEMENT = { name: 'docindexExchangeObserver', step: 'deserialize', priority: 'low', override: true };

/**
 * `command`, told to report each HTTP exchange to the attempt's observer when
 * there is one. The middleware goes on this command's own stack, never on the
 * client's: a caller's own client is used as given, and without an observer
 * nothing is added at all.
 */
export function observed<C extends Command>(command: C, context: RequestContext): C {
  const { observer } = context;
  if (!observer) return command;
  const middleware =
    (next: Handler): Handler =>
    async (args) => {
      const request = args.request as SdkRequest;
      observer.requestSent(request.method ?? 'POST', urlOf(request));
      const result = await next(args);
      const response = result.response as SdkResponse;
      if (typeof response?.statusCode === 'number') {
        observer.responseReceived(response.statusCode, awsRequestId(response.headers ?? {}));
      }
      return result;
    };
  // The stack's types are tied to each service's input and output types; this middleware reads neither.
  command.middlewareStack.add(middleware as never, PLACEMENT as never);
  return command;
}

/** The request id AWS sends, under the names the SDK itself reads it from. */
function awsRequestId(headers: Record<string, string | undefined>): string | undefined {
  return headers['x-amzn-requestid'] ?? headers['x-amzn-request-id'] ?? headers['x-amz-request-id'];
}

/** The request's URL (without user info, which the SDK never sends in the URL). */
function urlOf(request: SdkRequest): string {
  const port = request.port === undefined ? '' : `:${request.port}`;
  const query = Object.entries(request.query ?? {}).flatMap(([name, value]) => {
    if (value === null || value === undefined) return [encodeURIComponent(name)];
    const values = typeof value === 'string' ? [value] : value;
    return values.map((one) => `${encodeURIComponent(name)}=${encodeURIComponent(one)}`);
  });
  const search = query.length === 0 ? '' : `?${query.join('&')}`;
  return `${request.protocol ?? 'https:'}//${request.hostname ?? ''}${port}${request.path ?? '/'}${search}`;
}
