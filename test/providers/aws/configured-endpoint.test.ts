/**
 * Without an `endpoint` option the AWS SDK reads `AWS_ENDPOINT_URL_<SERVICE>`, then
 * `AWS_ENDPOINT_URL`, by itself. A bad one used to fail every request (as
 * `internal`, from the SDK's `TypeError: Invalid URL`, or `ftp://` as `network`
 * after three attempts); the factories now check it as they check `endpoint`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBedrockIndex } from '../../../src/providers/bedrock/index';
import { createKendraIndex } from '../../../src/providers/kendra/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { factoryRefusal } from '../shared/factory-refusal';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'sekret-DO-NOT-LEAK-123' };
const KENDRA_INDEX = '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab';
const KB = 'KB00000001';
const DS = 'DS00000001';
const REGION = 'us-east-1';
const ID = 'doc-1';
/** Not a URL at all. */
const NOT_A_URL = 'notaurl';

const providers = [
  {
    name: 'kendra',
    variable: 'AWS_ENDPOINT_URL_KENDRA',
    create: (extra: { endpoint?: string } = {}) =>
      createKendraIndex({ indexId: KENDRA_INDEX, region: REGION, credentials: CREDENTIALS, ...extra }),
  },
  {
    name: 'bedrock',
    variable: 'AWS_ENDPOINT_URL_BEDROCK_AGENT',
    create: (extra: { endpoint?: string } = {}) =>
      createBedrockIndex({
        knowledgeBaseId: KB,
        dataSourceId: DS,
        region: REGION,
        credentials: CREDENTIALS,
        ...extra,
      }),
  },
] as const;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
afterEach(() => {
  vi.unstubAllEnvs();
  sim.reset();
});

/** ID, indexed, in both services of the simulator. */
function seedIndexed(): void {
  sim.kendra.putDocument(KENDRA_INDEX, { id: ID, status: 'INDEXED' });
  sim.bedrock.putDocument(KB, DS, { id: ID, status: 'INDEXED' });
}

describe.each(providers)('$name: the endpoint variables the AWS SDK reads', ({ name: provider, variable, create }) => {
  beforeEach(() => {
    // Clear what the machine may have set, so only the stubs below count (afterEach undoes every stub).
    vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined);
    vi.stubEnv(variable, undefined);
    vi.stubEnv('AWS_ENDPOINT_URL', undefined);
  });

  it.each([
    [variable, NOT_A_URL],
    [variable, 'ftp://127.0.0.1:21'],
    ['AWS_ENDPOINT_URL', NOT_A_URL],
    ['AWS_ENDPOINT_URL', 'http://user:secret-in-url@127.0.0.1:1'],
  ])('a bad %s (%s) is a validation error naming it, at the factory', (name, value) => {
    vi.stubEnv(name, value);
    const error = factoryRefusal(() => create(), provider, [value, 'secret-in-url', CREDENTIALS.secretAccessKey]);
    expect(error.field).toBe(name);
  });

  it("the service's variable wins over AWS_ENDPOINT_URL, as in the SDK, and is where requests go", async () => {
    seedIndexed();
    vi.stubEnv(variable, sim.url);
    vi.stubEnv('AWS_ENDPOINT_URL', NOT_A_URL);
    const batch = await create().getStatuses([ID]);
    expect(batch.errors).toEqual([]);
    expect(batch.items.map((item) => item.status)).toEqual(['succeeded']);
    expect(sim.log.entries.length).toBeGreaterThan(0);
  });

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true: the SDK ignores the variables, and so does the check', () => {
    vi.stubEnv(variable, NOT_A_URL);
    vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'true');
    expect(() => create()).not.toThrow();
  });

  it('an endpoint option is used instead of the variables, so they are not checked', async () => {
    seedIndexed();
    vi.stubEnv(variable, NOT_A_URL);
    const batch = await create({ endpoint: sim.url }).getStatuses([ID]);
    expect(batch.items.map((item) => item.status)).toEqual(['succeeded']);
  });
});
