import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXTRA_STAGES } from '../../../src/core/config';
import type { PipelineStage } from '../../../src/core/pipeline';
import type { AzureTranslationIndexOptions } from '../../../src/providers/azure/index';
import { type RunningSimulator, startSimulator } from '../../../src/testing/index';
import { azureClient, docId, rejection, TRANSLATION } from './fixtures';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
});

describe.each(['2024-05-01', 'v1.1'] as const)('translation-level calls on %s', (apiVersion) => {
  it('getTranslation normalises status and summary', async () => {
    const client = azureClient(sim, { apiVersion });
    sim.azure.putDocuments(TRANSLATION, [
      { id: docId(1), status: 'Succeeded', characterCharged: 120 },
      { id: docId(2), status: 'Failed' },
      { id: docId(3), status: 'Running' },
    ]);
    const translation = await client.getTranslation();
    expect(translation).toMatchObject({
      provider: 'azure',
      id: TRANSLATION,
      status: 'processing',
      providerStatus: 'Running',
      terminal: false,
      summary: {
        total: 3,
        succeeded: 1,
        failed: 1,
        inProgress: 1,
        notStarted: 0,
        cancelled: 0,
        totalCharacterCharged: 120,
      },
    });
    expect(translation.createdAt).toBeInstanceOf(Date);
    expect(translation.updatedAt).toBeInstanceOf(Date);
    expect(sim.log.entries.map((entry) => [entry.method, entry.operation])).toEqual([['GET', 'getTranslationStatus']]);
  });

  it("a failed translation's own error reads as its failure (the inner error's code and message), once it has failed", async () => {
    const client = azureClient(sim, { apiVersion });
    sim.azure.putTranslation(TRANSLATION, {
      status: { statuses: ['NotStarted', 'ValidationFailed'] },
      error: {
        code: 'InvalidRequest',
        message: 'Cannot access source document location with the current permissions.',
        target: 'Operation',
        innerError: { code: 'InvalidDocumentAccessLevel', message: 'The source container cannot be read.' },
      },
    });
    const first = await client.getTranslation();
    expect(first).toMatchObject({ status: 'pending', providerStatus: 'NotStarted' });
    expect(first.failure).toBeUndefined();
    const failed = await client.getTranslation();
    expect(failed).toMatchObject({
      status: 'failed',
      providerStatus: 'ValidationFailed',
      terminal: true,
      failure: { code: 'InvalidDocumentAccessLevel', message: 'The source container cannot be read.' },
    });
  });

  it('cancelling a translation that is already cancelled, completed or failed rejects with validation (the spec: a bad request)', async () => {
    const client = azureClient(sim, { apiVersion });
    sim.azure.putDocuments(TRANSLATION, [{ id: docId(1), status: 'NotStarted' }]);
    await client.cancel();
    const again = await rejection(client.cancel());
    expect(again).toMatchObject({
      code: 'validation',
      httpStatus: 400,
      providerCode: 'InvalidRequest',
      retryable: false,
    });
    expect(sim.log.entries.map((entry) => entry.outcome)).toEqual([200, 400]);
  });

  it('cancel sends DELETE and resolves with the translation status after it', async () => {
    const client = azureClient(sim, { apiVersion });
    sim.azure.putDocuments(TRANSLATION, [
      { id: docId(1), status: 'NotStarted' },
      { id: docId(2), status: 'NotStarted' },
    ]);
    const cancelled = await client.cancel();
    expect(cancelled).toMatchObject({ status: 'cancelled', providerStatus: 'Cancelled', terminal: true });
    expect(cancelled.summary.cancelled).toBe(2);
    expect(sim.azure.getTranslation(TRANSLATION)?.cancelRequested).toBe(true);
    expect(sim.log.entries.map((entry) => entry.method)).toEqual(['DELETE']);
    const after = await client.getStatuses([docId(1), docId(2)]);
    expect(after.items.map((item) => item.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('translation-level calls: errors and options', () => {
  it('reject with not_found for an unknown translation', async () => {
    const client = azureClient(sim);
    sim.azure.removeTranslation(TRANSLATION);
    expect((await rejection(client.getTranslation())).code).toBe('not_found');
    expect((await rejection(client.cancel())).code).toBe('not_found');
  });

  it('retry throttling through the core policy', async () => {
    const client = azureClient(sim);
    sim.inject({ provider: 'azure', operation: 'cancelTranslation', fault: { type: 'error', kind: 'throttled' } });
    await expect(client.cancel()).resolves.toMatchObject({ id: TRANSLATION });
    expect(sim.log.count({ operation: 'cancelTranslation' })).toBe(2);
  });

  it("a cancel whose answer was lost: the retry meets Azure's 400, the translation reads cancelling, and cancel resolves", async () => {
    // Azure applies the first DELETE, then the connection drops before its answer arrives.
    const inner = createDefaultHttpClient();
    let deletes = 0;
    const httpClient: HttpClient = {
      async sendRequest(request) {
        const response = await inner.sendRequest(request);
        if (request.method === 'DELETE' && ++deletes === 1)
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return response;
      },
    };
    const client = azureClient(sim, { httpClient });
    sim.azure.putDocuments(TRANSLATION, [
      { id: docId(1), status: 'Running' },
      { id: docId(2), status: 'NotStarted' },
    ]);
    await expect(client.cancel()).resolves.toMatchObject({ status: 'cancelling', providerStatus: 'Cancelling' });
    expect(sim.log.entries.map((entry) => `${entry.method} ${entry.outcome}`)).toEqual([
      'DELETE 200',
      'DELETE 400',
      'GET 200',
    ]);
  });

  it("a retry that meets Azure's 400 for a translation not cancelled (the first attempt had no effect) still rejects", async () => {
    const client = azureClient(sim);
    sim.azure.putDocuments(TRANSLATION, [{ id: docId(1), status: 'Succeeded' }]);
    sim.inject({
      provider: 'azure',
      operation: 'cancelTranslation',
      fault: { type: 'error', kind: 'service_unavailable' },
    });
    expect(await rejection(client.cancel())).toMatchObject({ code: 'validation', httpStatus: 400 });
    expect(sim.log.entries.map((entry) => `${entry.method} ${entry.outcome}`)).toEqual([
      'DELETE 503',
      'DELETE 400',
      'GET 200',
    ]);
  });

  it('honour timeoutMs and signal, and validate options before sending', async () => {
    const client = azureClient(sim);
    sim.inject({ provider: 'azure', fault: { type: 'latency', ms: 5_000 } });
    expect((await rejection(client.getTranslation({ timeoutMs: 30 }))).code).toBe('timeout');
    expect((await rejection(client.cancel({ signal: AbortSignal.abort() }))).code).toBe('aborted');
    sim.log.clear();
    expect((await rejection(client.getTranslation({ timeoutMs: -5 }))).code).toBe('validation');
    expect(sim.log.entries).toHaveLength(0);
  });

  it('rejects a translation status of the wrong shape with invalid_response', async () => {
    const client = azureClient(sim);
    sim.inject({ provider: 'azure', fault: { type: 'wrong_shape', body: { id: TRANSLATION, status: 'Running' } } });
    expect((await rejection(client.getTranslation())).code).toBe('invalid_response');
  });
});

describe('the translation-level calls share the client pipeline', () => {
  it('sends getTranslation and cancel through the same stages as the document calls, retries included', async () => {
    const seen: string[] = [];
    const counting: PipelineStage = {
      name: 'counting',
      attempt(context, next) {
        seen.push(`${context.operation}#${context.attempt}`);
        return next(context);
      },
    };
    const client = azureClient(sim, { [EXTRA_STAGES]: [counting] } as Partial<AzureTranslationIndexOptions>);
    sim.azure.putDocuments(TRANSLATION, [{ id: docId(1), status: 'NotStarted' }]);
    sim.inject({ provider: 'azure', operation: 'getTranslationStatus', fault: { type: 'error', kind: 'throttled' } });
    await client.getTranslation();
    await client.getStatuses([docId(1)]);
    await client.cancel();
    expect(seen).toEqual([
      'getTranslationStatus#1',
      'getTranslationStatus#2',
      'getDocumentsStatus#1',
      'cancelTranslation#1',
    ]);
    expect(sim.log.entries).toHaveLength(seen.length);
  });
});
