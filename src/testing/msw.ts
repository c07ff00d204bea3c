import { HttpResponse, http, type RequestHandler } from 'msw';
import { RESET, type Simulator } from './simulator';

/** Options of {@link createSimulatorHandlers}. */
export interface SimulatorHandlerOptions {
  /**
   * Which requests the handlers may answer, by origin (`https://example.com`) or
   * URL prefix. By default: the providers' real hosts (Kendra and Bedrock agent in
   * any AWS region, `*.cognitiveservices.azure.com`, the NAVER RAG gateway) and any
   * loopback origin.
   */
  baseUrls?: readonly string[];
}

const PROVIDER_HOSTS = [
  /^kendra\.[a-z0-9-]+\.amazonaws\.com$/,
  /^bedrock-agent\.[a-z0-9-]+\.amazonaws\.com$/,
  /\.cognitiveservices\.azure\.com$/,
  /^kr-pub-gateway\.rag\.naverncp\.com$/,
  /^(127\.0\.0\.1|localhost|\[::1\])$/,
];

/**
 * The simulator as msw request handlers, for in-process tests:
 * `setupServer(...createSimulatorHandlers(simulator))`. Requests no provider claims
 * fall through to the next handler (or msw's unhandled-request policy).
 */
export function createSimulatorHandlers(simulator: Simulator, options: SimulatorHandlerOptions = {}): RequestHandler[] {
  const matches = (url: URL): boolean =>
    options.baseUrls
      ? options.baseUrls.some((base) => url.href.startsWith(base))
      : PROVIDER_HOSTS.some((host) => host.test(url.hostname));

  return [
    http.all(
      ({ request }) => matches(new URL(request.url)),
      async ({ request }) => {
        const reply = await simulator.handle(request, request.signal);
        if (reply === RESET) return HttpResponse.error();
        return reply;
      },
    ),
  ];
}
