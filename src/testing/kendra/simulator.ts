import type { ProviderErrorKind, ProviderErrorOptions, ProviderSimulator, SimEnv, SimRequest } from '../types';

/** Placeholder: the Kendra wire protocol is filled in by the kendra simulator work. */
export class KendraSimulator implements ProviderSimulator {
  readonly provider = 'kendra' as const;

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
