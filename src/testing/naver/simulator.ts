import type { ProviderErrorKind, ProviderErrorOptions, ProviderSimulator, SimEnv, SimRequest } from '../types';

/** Placeholder: the Naver wire protocol is filled in by the naver simulator work. */
export class NaverSimulator implements ProviderSimulator {
  readonly provider = 'naver' as const;

  operationOf(_request: SimRequest): string | undefined {
    return undefined;
  }

  handle(_request: SimRequest, _operation: string, _env: SimEnv): Response {
    return Response.json({ message: 'not implemented' }, { status: 501 });
  }

  errorResponse(_kind: ProviderErrorKind, _operation: string, _options?: ProviderErrorOptions): Response {
    return Response.json({ message: 'not implemented' }, { status: 501 });
  }

  reset(): void {}
}
