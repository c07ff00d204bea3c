import type { KendraClient, KendraClientConfig } from '@aws-sdk/client-kendra';
import type { ClientOptions } from '../../core/config';
import { CLIENT_OPTIONS, refuseMisspelt, requireObject, requireString } from '../../core/validate';
import { AWS_OPTIONS } from '../aws/config';

/** AWS credentials as the Kendra client takes them: static keys or a provider function. */
export type KendraCredentials = NonNullable<KendraClientConfig['credentials']>;

/** Options of {@link createKendraIndex}. */
export interface KendraIndexOptions extends ClientOptions {
  /** The index to read from: 36 characters, `[a-zA-Z0-9][a-zA-Z0-9-]*`. */
  indexId: string;
  /** AWS region, e.g. `us-east-1` (default: the SDK's, from `AWS_REGION` or the AWS config). */
  region?: string | undefined;
  /** AWS credentials (default: the SDK's default provider chain). */
  credentials?: KendraCredentials | undefined;
  /** Where requests go instead of `https://kendra.{region}.amazonaws.com`: a simulator, a proxy (http or https URL). */
  endpoint?: string | undefined;
  /**
   * Your own `KendraClient`, used as given; `region`, `credentials` and `endpoint`
   * then belong on that client and are refused here. Its own retry strategy runs
   * underneath ours, so attempts multiply (its `maxAttempts` times `retry.maxAttempts`):
   * create it with `maxAttempts: 1` to keep `retry` the only retry layer.
   */
  client?: KendraClient | undefined;
  /**
   * The IAM role Kendra reads S3 documents with (BatchPutDocument's `RoleArn`):
   * needed by `putDocuments` for documents given by `s3Uri`.
   */
  roleArn?: string | undefined;
}

/** Kendra's `IndexId`: exactly 36 characters. */
const INDEX_ID = { length: 36, pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]*$/, patternText: '[a-zA-Z0-9][a-zA-Z0-9-]*' };

/**
 * BatchPutDocumentRequest.RoleArn: shape `RoleArn`, length 0-1284, this pattern
 * (Smithy model kendra-2019-02-03, test/fixtures/official/aws/kendra.json); an
 * empty one would name no role, so at least 1 here.
 */
const ROLE_ARN = {
  max: 1284,
  // `u`: `.{0,1023}` counts code points, as the model's ECMA 262 pattern does with it.
  pattern: /^arn:[a-z0-9-.]{1,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[^/].{0,1023}$/u,
  patternText: 'an IAM role ARN (arn:aws:iam::123456789012:role/...)',
};

/** The names of `KendraIndexOptions` (for `refuseMisspelt`; a type test keeps them complete). */
export const KENDRA_OPTIONS = [...CLIENT_OPTIONS, ...AWS_OPTIONS, 'indexId', 'roleArn'] as const;

/**
 * Checks Kendra's own options before anything is created or sent (the AWS client
 * options are checked by `resolveAwsClient`, the shared ones by the core); throws
 * a `validation` error naming the field.
 */
export function validateKendraOptions(value: unknown): KendraIndexOptions & Record<string, unknown> {
  const options = requireObject(value, 'options');
  refuseMisspelt(options, KENDRA_OPTIONS, '');
  requireString(options.indexId, 'indexId', INDEX_ID);
  if (options.roleArn !== undefined) requireString(options.roleArn, 'roleArn', ROLE_ARN);
  return options as KendraIndexOptions & Record<string, unknown>;
}
