/** The operations of the NAVER RAG simulator, as `operationOf` names them. */
export type NaverOperation =
  | 'getDocumentStatus'
  | 'deleteDocument'
  | 'addDocument'
  | 'replaceDocument'
  | 'unsupportedRoute';

/** A request under `/api/v1/svc/{serviceId}`, with its path segments still encoded. */
export interface NaverRoute {
  operation: NaverOperation;
  /** The serviceId segment as sent (percent-encoded). */
  rawServiceId: string;
  /** The docId segment as sent (percent-encoded); absent for `POST /doc`. */
  rawDocId?: string;
}

const PREFIX = ['', 'api', 'v1', 'svc'];

/**
 * Matches a request to a NAVER route. Anything under `/api/v1/svc/` belongs to
 * NAVER (routes this simulator does not implement answer 404 in NAVER's shape);
 * anything else is another provider's. Segments are kept encoded here and decoded
 * exactly once by the caller, so `a%2Fb` is the one id `a/b`.
 */
export function matchNaverRoute(method: string, pathname: string): NaverRoute | undefined {
  const segments = pathname.split('/');
  if (segments.length < 5 || PREFIX.some((part, i) => segments[i] !== part)) return undefined;
  const [rawServiceId = '', resource, rawDocId, suffix, ...rest] = segments.slice(4);
  const unsupported: NaverRoute = { operation: 'unsupportedRoute', rawServiceId };
  if (rawServiceId === '' || resource !== 'doc' || rest.length > 0) return unsupported;

  if (rawDocId === undefined) return method === 'POST' ? { operation: 'addDocument', rawServiceId } : unsupported;
  if (rawDocId === '') return unsupported;
  if (suffix === 'status')
    return method === 'GET' ? { operation: 'getDocumentStatus', rawServiceId, rawDocId } : unsupported;
  if (suffix !== undefined) return unsupported;
  if (method === 'DELETE') return { operation: 'deleteDocument', rawServiceId, rawDocId };
  if (method === 'POST') return { operation: 'addDocument', rawServiceId, rawDocId };
  if (method === 'PUT') return { operation: 'replaceDocument', rawServiceId, rawDocId };
  return unsupported;
}

/** Decodes one path segment exactly once; undefined when it is not valid percent-encoding. */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
