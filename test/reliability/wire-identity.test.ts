/**
 * docindex names itself on the wire, for every adapter as its simulator logged
 * the request headers: `docindex/<version>` in the User-Agent (through each
 * SDK's own mechanism), the application's `userAgent` after it; Azure requests
 * carry a fresh `x-ms-client-request-id`, and `AZURE_LOG_LEVEL` turns on the
 * Azure pipeline's log, key redacted, as in every Azure SDK client.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KendraClient } from '@aws-sdk/client-kendra';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/core/version';
import { createKendraIndex } from '../../src/providers/kendra/index';
import type { RunningSimulator } from '../../src/testing/index';
import { FAST_RETRY, idsOf, simulatorPerFile, TARGETS, thrown } from './support';

let sim: RunningSimulator;
simulatorPerFile((started) => {
  sim = started;
});

const DOCINDEX = `docindex/${VERSION}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(TARGETS)('on the wire: $name', ({ target }) => {
  const { provider } = target;
  const seedDone = (count: number) =>
    target.seed(
      sim,
      idsOf(target, count).map((id) => ({ id, statuses: [target.rawDone] })),
    );
  const headersSent = () => sim.log.filter({ provider }).map((entry) => entry.headers);

  it('names docindex and its version in the User-Agent of every request', async () => {
    await target.createClient(sim, { retry: FAST_RETRY }).getStatuses(seedDone(target.batchLimit + 1));
    const sent = headersSent();
    expect(sent.length).toBeGreaterThan(1);
    for (const headers of sent) {
      expect(headers['user-agent']?.split(' ')).toContain(DOCINDEX);
      if (provider === 'kendra' || provider === 'bedrock') {
        // The SDK's own customUserAgent also reaches x-amz-user-agent, after the SDK's token.
        expect(headers['x-amz-user-agent']).toMatch(new RegExp(`^aws-sdk-js/\\S+ ${DOCINDEX}$`));
      }
      if (provider === 'azure') expect(headers['user-agent']).toMatch(new RegExp(`^${DOCINDEX} core-rest-pipeline/`));
      if (provider === 'naver') expect(headers['user-agent']).toBe(DOCINDEX);
    }
    // Azure's is worked out by core-rest-pipeline for the first request and kept: every request carries the same.
    expect(new Set(sent.map((headers) => headers['user-agent'])).size).toBe(1);
  });

  it("appends the application's userAgent after docindex's", async () => {
    await target.createClient(sim, { retry: FAST_RETRY, userAgent: 'my-app/2.1' }).getStatuses(seedDone(1));
    const [headers] = headersSent();
    const tokens = headers?.['user-agent']?.split(' ') ?? [];
    expect(tokens.indexOf('my-app/2.1')).toBe(tokens.indexOf(DOCINDEX) + 1);
    if (provider === 'kendra' || provider === 'bedrock') {
      expect(headers?.['x-amz-user-agent']).toMatch(new RegExp(`${DOCINDEX} my-app/2.1$`));
    }
  });

  it('refuses a userAgent a header cannot carry, before anything is sent', () => {
    const error = thrown(() => target.createClient(sim, { userAgent: 'my-app/1\r\nX-Injected: 1' }));
    expect(error).toMatchObject({ code: 'validation', field: 'userAgent', provider });
    expect(sim.log.count()).toBe(0);
  });

  it.runIf(provider === 'azure')(
    'sends a fresh x-ms-client-request-id with every request, retries included',
    async () => {
      const refs = seedDone(target.batchLimit + 1);
      sim.inject({
        provider,
        operation: target.operations.status,
        fault: { type: 'error', kind: 'throttled' },
        times: 1,
      });
      await target.createClient(sim, { retry: FAST_RETRY }).getStatuses(refs);
      const ids = headersSent().map((headers) => headers['x-ms-client-request-id']);
      expect(ids).toHaveLength(3);
      for (const id of ids) expect(id).toMatch(UUID);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );
});

it('a Kendra client you pass keeps its own user agent: userAgent beside it is refused', () => {
  const client = new KendraClient({ region: 'us-east-1' });
  const error = thrown(() =>
    createKendraIndex({ indexId: '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab', client, userAgent: 'my-app/1' }),
  );
  expect(error).toMatchObject({ code: 'validation', field: 'userAgent' });
  client.destroy();
});

it('AZURE_LOG_LEVEL turns on the Azure log of each request and response, the key redacted', async () => {
  const key = 'fixture-KEY-5f0c2a9e7d1b4c3a8e6f';
  const fixture = fileURLToPath(new URL('./fixtures/azure-log-level.ts', import.meta.url));
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, AZURE_LOG_LEVEL: 'info', FIXTURE_AZURE_KEY: key },
  });
  expect(stdout.trim()).toBe('["succeeded"]');
  expect(stderr).toMatch(/azure:core-rest-pipeline:info Request: \{/);
  expect(stderr).toMatch(/Response status code: 200/);
  expect(stderr).toMatch(/"ocp-apim-subscription-key": "REDACTED"/i);
  expect(stderr).toContain(`"user-agent": "${DOCINDEX} core-rest-pipeline/`);
  expect(stderr).toMatch(/"x-ms-client-request-id": "[0-9a-f-]{36}"/);
  // The ids support asks for are shown, as are the query parameters docindex sends.
  expect(stderr).toMatch(/"x-requestid": "[0-9a-f-]{36}"/);
  expect(stderr).toMatch(/api-version=2024-05-01&ids=00000000-0000-4000-8000-000000000001"/);
  expect(stderr).not.toContain(key);
}, 30_000);
