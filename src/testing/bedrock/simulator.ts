import type { ProviderErrorKind, ProviderErrorOptions, ProviderSimulator, SimEnv, SimRequest } from '../types';

/** Placeholder: the Bedrock wire protocol is filled in by the bedrock simulator work. */
export class BedrockSimulator implements ProviderSimulator {
  readonly provider = 'bedrock' as const;

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
