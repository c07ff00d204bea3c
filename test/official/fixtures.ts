/**
 * The vendored official material (`test/fixtures/official/`), read once per test
 * file. Typed only as far as the tests read it: the files are generated or copied
 * from the providers' own material and described in each folder's README.md.
 */
import { readFileSync } from 'node:fs';

function load<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/official/${path}`, import.meta.url), 'utf8')) as T;
}

/** A Smithy fixture (`aws/*.json`, made by `scripts/official-fixtures/extract-aws.ts`). */
export interface SmithyFixture {
  service: { protocol: string };
  operations: Record<string, SmithyOperation>;
  errors: Record<string, SmithyError>;
  enums: Record<string, string[]>;
  shapes: Record<string, SmithyShape>;
  constraints: Record<string, SmithyShape | null>;
  prelude: string[];
  stoppedAt: Record<string, unknown>;
}

export interface SmithyMember {
  target: string;
  required?: boolean;
  length?: { min?: number; max?: number };
  pattern?: string;
  httpLabel?: boolean;
  idempotencyToken?: boolean;
}

export interface SmithyStructure {
  shape?: string;
  members: Record<string, SmithyMember>;
  required?: string[];
}

export interface SmithyOperation {
  http?: { method: string; uri: string; code: number };
  xAmzTarget?: string;
  input: SmithyStructure;
  output: SmithyStructure;
  errors: string[];
}

export interface SmithyError {
  fault: 'client' | 'server';
  httpError: number;
  members: Record<string, SmithyMember>;
  operations: string[];
}

export interface SmithyShape {
  type: string;
  members?: Record<string, SmithyMember>;
  member?: { target: string };
  required?: string[];
  length?: { min?: number; max?: number };
  pattern?: string;
  timestampFormat?: string;
  range?: { min?: number; max?: number };
}

export const kendraModel = load<SmithyFixture>('aws/kendra.json');
export const bedrockModel = load<SmithyFixture>('aws/bedrock-agent.json');

/** An OpenAPI 2.0 fixture (`azure/*.json`, made by `scripts/official-fixtures/extract-azure.ts`). */
export interface OpenApiFixture {
  apiVersion: string;
  operations: Record<string, OpenApiOperation>;
  schemas: Record<string, OpenApiSchema>;
  examples: Record<string, OpenApiExample>;
}

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'body';
  required?: boolean;
  type?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  collectionFormat?: string;
}

export interface OpenApiResponse {
  schema?: string;
  headers?: Record<string, unknown>;
  inlineExamples?: Record<string, { parsed: unknown }>;
}

export interface OpenApiOperation {
  method: string;
  path: string;
  url: string;
  parameters: OpenApiParameter[];
  responses: Record<string, OpenApiResponse>;
  'x-ms-pageable'?: { nextLinkName: string };
  examples?: string[];
}

export interface OpenApiSchema {
  type?: string;
  format?: string;
  enum?: string[];
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  $ref?: string;
  minimum?: number;
  maximum?: number;
  readOnly?: boolean;
}

export interface OpenApiExample {
  operations: string[];
  content: {
    parameters: Record<string, unknown>;
    responses: Record<string, { headers?: Record<string, string>; body?: unknown }>;
  };
  checks: Record<string, { responses: Record<string, Array<{ at: string; problem: string }>> }>;
}

export const azure20240501 = load<OpenApiFixture>('azure/2024-05-01.json');
export const azureV11 = load<OpenApiFixture>('azure/v1.1.json');

/** What Microsoft's generated clients send (`azure/client-evidence.json`). */
export const azureClientEvidence = load<{
  getDocumentsStatus: { queryNames: string[]; dollarPrefixedNamesSent: boolean };
  nextLink: { propertyRead: string; apiVersionAddedWhenMissing: string };
}>('azure/client-evidence.json');

/** A NAVER reference page as JSON (`naver/*.json`, copied by hand from the pages). */
export interface NaverPage {
  request: { method: string; path: string; headers?: string };
  response: {
    envelope: 'code-message-data' | 'status-result';
    fields: Array<{ name: string; type: string; values?: string[]; keys?: string[] }>;
  } | null;
  examples: {
    request: { method: string; url: string; headers: Record<string, string> };
    response: { httpStatus: number | null; body: Record<string, unknown> } | null;
  } | null;
}

export const naverStatusPage = load<NaverPage>('naver/get-index-status.json');
export const naverDeletePage = load<NaverPage>('naver/delete-document.json');
export const naverCountPage = load<NaverPage>('naver/document-count.json');

/** One response of an example file of an Azure fixture; throws when the fixture has none (a refresh lost it). */
export function exampleResponse(
  fixture: OpenApiFixture,
  file: string,
  status = '200',
): { headers?: Record<string, string>; body?: unknown } {
  const response = fixture.examples[file]?.content.responses[status];
  if (!response) throw new Error(`${fixture.apiVersion}: no example ${file} with a ${status} response`);
  return response;
}
