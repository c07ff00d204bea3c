/**
 * The model checker itself (`smithy.ts`): each length trait it enforces on lists,
 * maps and blobs, at the shape and at the member, catches a value that breaks it
 * and lets a valid one through, on the real Bedrock shapes where the models use
 * them and on a small model of our own for what they do not (maps, a blob member
 * with its own length). Strings keep their length and pattern checks.
 */
import { describe, expect, it } from 'vitest';
import { checkAwsRequest } from './aws-wire';
import { bedrockModel, kendraModel, type SmithyFixture, type SmithyShape } from './fixtures';
import { checkShape } from './smithy';

const attribute = (i: number) => ({ key: `k${i}`, value: { type: 'STRING', stringValue: 'v' } });
const attributes = (count: number) => Array.from({ length: count }, (_, i) => attribute(i));
const strings = (count: number) => Array.from({ length: count }, (_, i) => `s${i}`);
/** Base64 of `bytes` bytes. */
const base64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');

describe('list lengths', () => {
  it('the models carry the traits these tests rely on', () => {
    const members = (name: string) => (bedrockModel.shapes[name] as SmithyShape).members ?? {};
    expect(members('DocumentMetadata').inlineAttributes?.length).toEqual({ min: 1, max: 50 });
    expect(bedrockModel.shapes.MetadataAttributes?.length).toBeUndefined();
    expect(members('MetadataAttributeValue').stringListValue?.length).toEqual({ min: 1, max: 10 });
    expect(bedrockModel.shapes.StringListValue?.length).toBeUndefined();
    expect(bedrockModel.shapes.KnowledgeBaseDocuments?.length).toEqual({ min: 1, max: 10 });
    expect(kendraModel.shapes.DocumentList?.length).toEqual({ min: 1, max: 10 });
  });

  it.each([
    ['DocumentMetadata', 'inlineAttributes', 50, 'IN_LINE_ATTRIBUTE', attributes],
    ['MetadataAttributeValue', 'stringListValue', 10, 'STRING_LIST', strings],
  ] as const)('member-level: %s.%s takes 1-%i entries', (shape, member, max, type, entries) => {
    const value = (list: unknown[]) => ({ type, [member]: list });
    for (const count of [1, max]) expect(checkShape(bedrockModel, shape, value(entries(count)))).toEqual([]);
    expect(checkShape(bedrockModel, shape, value(entries(max + 1)))).toEqual([
      { at: `body.${member}`, problem: `more than ${max} entries` },
    ]);
    expect(checkShape(bedrockModel, shape, value([]))).toEqual([
      { at: `body.${member}`, problem: 'fewer than 1 entries' },
    ]);
  });

  it('shape-level: KnowledgeBaseDocuments (1-10), also where no member sets a length', () => {
    const document = { content: { dataSourceType: 'S3', s3: { s3Location: { uri: 's3://b/k' } } } };
    const request = (count: number) => ({ documents: Array.from({ length: count }, () => document) });
    for (const count of [1, 10]) {
      expect(checkAwsRequest(bedrockModel, 'IngestKnowledgeBaseDocuments', request(count))).toEqual([]);
    }
    expect(checkAwsRequest(bedrockModel, 'IngestKnowledgeBaseDocuments', request(11))).toEqual([
      { at: 'body.documents', problem: 'more than 10 entries' },
    ]);
    expect(checkAwsRequest(bedrockModel, 'IngestKnowledgeBaseDocuments', request(0))).toEqual([
      { at: 'body.documents', problem: 'fewer than 1 entries' },
    ]);
  });

  it('deep in a whole request: 51 attributes, or 11 strings, of one document are found where they are', () => {
    const request = (inlineAttributes: unknown[]) => ({
      documents: [
        {
          content: {
            dataSourceType: 'CUSTOM',
            custom: {
              customDocumentIdentifier: { id: 'a' },
              sourceType: 'IN_LINE',
              inlineContent: { type: 'TEXT', textContent: { data: 'x' } },
            },
          },
          metadata: { type: 'IN_LINE_ATTRIBUTE', inlineAttributes },
        },
      ],
    });
    const list = (count: number) => ({ key: 'l', value: { type: 'STRING_LIST', stringListValue: strings(count) } });
    expect(
      checkAwsRequest(bedrockModel, 'IngestKnowledgeBaseDocuments', request([...attributes(49), list(10)])),
    ).toEqual([]);
    expect(checkAwsRequest(bedrockModel, 'IngestKnowledgeBaseDocuments', request(attributes(51)))).toEqual([
      { at: 'body.documents[0].metadata.inlineAttributes', problem: 'more than 50 entries' },
    ]);
    expect(checkAwsRequest(bedrockModel, 'IngestKnowledgeBaseDocuments', request([attribute(0), list(11)]))).toEqual([
      { at: 'body.documents[0].metadata.inlineAttributes[1].value.stringListValue', problem: 'more than 10 entries' },
    ]);
  });
});

describe('blob lengths (bytes, decoded)', () => {
  it('shape-level: ByteContentBlob takes 1-5,242,880 bytes', () => {
    expect(bedrockModel.shapes.ByteContentBlob?.length).toEqual({ min: 1, max: 5_242_880 });
    for (const bytes of [1, 2, 3, 4, 5_242_880]) {
      expect([bytes, checkShape(bedrockModel, 'ByteContentBlob', base64(bytes))]).toEqual([bytes, []]);
    }
    expect(checkShape(bedrockModel, 'ByteContentBlob', '')).toEqual([{ at: 'body', problem: 'fewer than 1 bytes' }]);
    // 5,242,881 bytes are 6,990,508 base64 characters: counted as bytes, not characters.
    expect(checkShape(bedrockModel, 'ByteContentBlob', base64(5_242_881))).toEqual([
      { at: 'body', problem: 'more than 5242880 bytes' },
    ]);
  });

  it('through the member that targets it: ByteContentDoc.data', () => {
    const doc = (data: string) => ({ mimeType: 'application/pdf', data });
    expect(checkShape(bedrockModel, 'ByteContentDoc', doc('JVBERg=='))).toEqual([]);
    expect(checkShape(bedrockModel, 'ByteContentDoc', doc(''))).toEqual([
      { at: 'body.data', problem: 'fewer than 1 bytes' },
    ]);
    expect(checkShape(bedrockModel, 'ByteContentDoc', doc('not base64!'))).toEqual([
      { at: 'body.data', problem: 'expected base64 text' },
    ]);
  });

  it('a blob without a length trait (Kendra Blob) takes any base64, empty included', () => {
    expect(kendraModel.shapes.Blob?.length).toBeUndefined();
    for (const value of ['', 'AQID', base64(6_000_000)]) expect(checkShape(kendraModel, 'Blob', value)).toEqual([]);
  });
});

describe('strings keep their checks', () => {
  it('member-level pattern (ByteContentDoc.mimeType) and shape-level length (Data)', () => {
    expect(checkShape(bedrockModel, 'ByteContentDoc', { mimeType: 'pdf', data: 'AQ==' })).toEqual([
      { at: 'body.mimeType', problem: 'does not match the pattern [a-z]{1,20}/.{1,20}' },
    ]);
    expect(checkShape(bedrockModel, 'TextContentDoc', { data: '' })).toEqual([
      { at: 'body.data', problem: 'fewer than 1 characters' },
    ]);
  });
});

/** A model of our own, for traits the two AWS fixtures do not use: maps, and lengths on members of each kind. */
const synthetic: SmithyFixture = {
  service: { protocol: 'restJson1' },
  operations: {},
  errors: {},
  enums: {},
  constraints: {},
  prelude: ['smithy.api#String'],
  stoppedAt: {},
  shapes: {
    Holder: {
      type: 'structure',
      members: {
        tags: { target: 'Tags' },
        narrowTags: { target: 'Tags', length: { max: 1 } },
        payload: { target: 'Payload', length: { min: 2, max: 3 } },
        names: { target: 'Names', length: { max: 2 } },
        label: { target: 'smithy.api#String', length: { min: 2 } },
      },
    },
    Tags: { type: 'map', length: { min: 1, max: 3 }, key: { target: 'TagKey' }, value: { target: 'TagValue' } },
    TagKey: { type: 'string', length: { min: 1, max: 4 }, pattern: '^[a-z]+$' },
    TagValue: { type: 'string', length: { max: 5 } },
    Payload: { type: 'blob' },
    Names: { type: 'list', member: { target: 'smithy.api#String' } },
  } as Record<string, SmithyShape>,
};
const holder = (value: Record<string, unknown>) => checkShape(synthetic, 'Holder', value);

describe('maps, and member-level lengths of each kind (a model of our own)', () => {
  it('a map: shape-level length in entries, its keys and values held to their shapes', () => {
    expect(holder({ tags: { a: 'x', bc: 'yy', def: 'zzz' } })).toEqual([]);
    expect(holder({ tags: {} })).toEqual([{ at: 'body.tags', problem: 'fewer than 1 entries' }]);
    expect(holder({ tags: { a: '1', b: '2', c: '3', d: '4' } })).toEqual([
      { at: 'body.tags', problem: 'more than 3 entries' },
    ]);
    expect(holder({ tags: { Bad: 'x', longer: 'x', ok: 'toolong' } })).toEqual([
      { at: 'body.tags{Bad}', problem: 'does not match the pattern ^[a-z]+$' },
      { at: 'body.tags{longer}', problem: 'more than 4 characters' },
      { at: 'body.tags.ok', problem: 'more than 5 characters' },
    ]);
    expect(holder({ tags: ['a'] })).toEqual([{ at: 'body.tags', problem: 'expected a map (a JSON object)' }]);
    expect(holder({ tags: { a: null } })).toEqual([{ at: 'body.tags.a', problem: 'null in a map (no sparse trait)' }]);
  });

  it('a map member with its own length, besides the shape-level one', () => {
    expect(holder({ narrowTags: { a: 'x' } })).toEqual([]);
    expect(holder({ narrowTags: { a: 'x', b: 'y' } })).toEqual([
      { at: 'body.narrowTags', problem: 'more than 1 entries' },
    ]);
    expect(holder({ narrowTags: {} })).toEqual([{ at: 'body.narrowTags', problem: 'fewer than 1 entries' }]);
  });

  it('a blob member with its own length, in bytes', () => {
    for (const bytes of [2, 3]) expect(holder({ payload: base64(bytes) })).toEqual([]);
    expect(holder({ payload: base64(1) })).toEqual([{ at: 'body.payload', problem: 'fewer than 2 bytes' }]);
    // Four base64 characters, three bytes: within 2-3 bytes though longer than 3 characters.
    expect(base64(3)).toHaveLength(4);
    expect(holder({ payload: base64(4) })).toEqual([{ at: 'body.payload', problem: 'more than 3 bytes' }]);
  });

  it('a list member with its own length, and a string member with its own (unchanged)', () => {
    expect(holder({ names: ['a', 'b'], label: 'ab' })).toEqual([]);
    expect(holder({ names: ['a', 'b', 'c'], label: 'a' })).toEqual([
      { at: 'body.names', problem: 'more than 2 entries' },
      { at: 'body.label', problem: 'fewer than 2 characters' },
    ]);
  });

  it('a value of the wrong type is reported once, not measured', () => {
    expect(holder({ names: 'ab', payload: ['x'] })).toEqual([
      { at: 'body.names', problem: 'expected a list' },
      { at: 'body.payload', problem: 'expected base64 text' },
    ]);
  });
});
