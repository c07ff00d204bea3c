import { describe, expect, it } from 'vitest';
import { createRequestPipeline, type PipelineStage, type RetryEvent } from '../../src/core/pipeline';
import { DocumentIndexError, isDocumentIndexError } from '../../src/index';

const FAST = { maxAttempts: 3, minDelayMs: 1, maxDelayMs: 2 };
const classifyError = (error: unknown) => new DocumentIndexError('network', 'down', { cause: error });

describe('createRequestPipeline', () => {
  it('runs every attempt through the stages, outermost first, with the attempt context', async () => {
    const order: string[] = [];
    const stage = (name: string): PipelineStage => ({
      name,
      async attempt(context, next) {
        order.push(`${name}>${context.operation}#${context.attempt}`);
        try {
          return await next(context);
        } finally {
          order.push(`<${name}`);
        }
      },
    });
    const pipeline = createRequestPipeline({
      provider: 'memory',
      classifyError,
      retry: FAST,
      stages: [stage('outer'), stage('inner')],
    });
    let attempts = 0;
    const result = await pipeline.send({ operation: 'Read', documents: 3 }, undefined, async (context) => {
      attempts++;
      order.push(`send#${context.attempt}`);
      expect(context).toMatchObject({ operation: 'Read', attempt: attempts });
      if (attempts === 1) throw new Error('socket hang up');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(order).toEqual([
      'outer>Read#1',
      'inner>Read#1',
      'send#1',
      '<inner',
      '<outer',
      'outer>Read#2',
      'inner>Read#2',
      'send#2',
      '<inner',
      '<outer',
    ]);
  });

  it('keeps one idempotency token for every attempt of a request, a new one per request', async () => {
    const pipeline = createRequestPipeline({ provider: 'memory', classifyError, retry: FAST });
    const tokens: string[] = [];
    const flaky = async (context: { chunkToken: string; attempt: number }) => {
      tokens.push(context.chunkToken);
      if (context.attempt < 3) throw new Error('reset');
      return context.chunkToken;
    };
    const first = await pipeline.send({ operation: 'Put', documents: 1 }, undefined, flaky);
    const second = await pipeline.send({ operation: 'Put', documents: 1 }, undefined, flaky);
    expect(tokens.slice(0, 3)).toEqual([first, first, first]);
    expect(tokens.slice(3)).toEqual([second, second, second]);
    expect(first).not.toBe(second);
  });

  it('tells the stages before each retry sleep, with the error and the delay', async () => {
    const events: RetryEvent[] = [];
    const pipeline = createRequestPipeline({
      provider: 'memory',
      classifyError,
      retry: FAST,
      stages: [{ name: 'listener', retry: (event) => events.push(event) }],
    });
    const error = await pipeline
      .send({ operation: 'Read', documents: 2 }, undefined, async () => {
        throw new Error('reset');
      })
      .catch((e: unknown) => e);
    expect(isDocumentIndexError(error) && error.code).toBe('network');
    expect(events.map((event) => [event.provider, event.operation, event.documents, event.attempt])).toEqual([
      ['memory', 'Read', 2, 1],
      ['memory', 'Read', 2, 2],
    ]);
    for (const event of events) {
      expect(event.error.code).toBe('network');
      expect(event.delayMs).toBeGreaterThanOrEqual(FAST.minDelayMs);
    }
  });

  it('names its provider on every error, its own and the adapter classifier’s', async () => {
    const pipeline = createRequestPipeline({ provider: 'memory', classifyError, retry: { ...FAST, maxAttempts: 1 } });
    const own = await pipeline
      .send({ operation: 'Read', documents: 1 }, undefined, async () => {
        throw new DocumentIndexError('forbidden', 'no');
      })
      .catch((e: unknown) => e);
    const classified = await pipeline
      .send({ operation: 'Read', documents: 1 }, undefined, async () => {
        throw new TypeError('fetch failed');
      })
      .catch((e: unknown) => e);
    expect(own).toMatchObject({ code: 'forbidden', provider: 'memory' });
    expect(classified).toMatchObject({ code: 'network', provider: 'memory' });
  });

  it('a stage that throws fails the attempt like the wire would, and the retry policy applies', async () => {
    let sends = 0;
    let calls = 0;
    const refusing: PipelineStage = {
      name: 'refusing',
      attempt(context, next) {
        calls++;
        if (context.attempt === 1) throw new DocumentIndexError('throttled', 'slow down');
        return next(context);
      },
    };
    const pipeline = createRequestPipeline({ provider: 'memory', classifyError, retry: FAST, stages: [refusing] });
    await expect(
      pipeline.send({ operation: 'Read', documents: 1 }, undefined, async () => {
        sends++;
        return 'ok';
      }),
    ).resolves.toBe('ok');
    expect([calls, sends]).toEqual([2, 1]);
  });

  it('retries a request that is not idempotent only where its canRetry allows', async () => {
    const pipeline = createRequestPipeline({ provider: 'memory', classifyError: (e) => e as never, retry: FAST });
    const failures = [
      new DocumentIndexError('network', 'refused', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
      new DocumentIndexError('throttled', 'slow down'),
      new DocumentIndexError('network', 'reset after sending'),
    ];
    const seen: string[] = [];
    let attempt = 0;
    const error = await pipeline
      .send(
        {
          operation: 'Start',
          documents: 0,
          canRetry: (failure) => {
            seen.push(failure.message);
            return failure.code === 'throttled' || failure.message === 'refused';
          },
        },
        undefined,
        async () => {
          throw failures[attempt++];
        },
      )
      .catch((e: unknown) => e);
    // Refused and throttled are retried; the third failure may have started the work: not sent again, and it
    // comes back not retryable (retrying on `retryable` could repeat the work), the failure itself as its cause.
    expect(attempt).toBe(3);
    expect(error).toMatchObject({ code: 'network', retryable: false, cause: failures[2] });
    expect(seen).toEqual(['refused', 'slow down', 'reset after sending']);
    const again = createRequestPipeline({ provider: 'memory', classifyError: (e) => e as never, retry: FAST });
    let sends = 0;
    await again
      .send({ operation: 'Start', documents: 0, canRetry: () => false }, undefined, async () => {
        sends++;
        throw new DocumentIndexError('service_unavailable', 'busy');
      })
      .catch(() => undefined);
    expect(sends).toBe(1);
    // Non-retryable errors never reach the predicate.
    let asked = 0;
    await again
      .send(
        {
          operation: 'Start',
          documents: 0,
          canRetry: () => {
            asked++;
            return true;
          },
        },
        undefined,
        async () => {
          throw new DocumentIndexError('forbidden', 'no');
        },
      )
      .catch(() => undefined);
    expect(asked).toBe(0);
  });

  it('call() validates its options, then sends one request under the call deadline', async () => {
    const pipeline = createRequestPipeline({ provider: 'memory', classifyError, retry: FAST });
    const bad = await pipeline
      .call({ timeoutMs: -1 }, { operation: 'Read', documents: 0 }, async () => 'never')
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'validation', field: 'options.timeoutMs', provider: 'memory' });
    const slow = await pipeline
      .call({ timeoutMs: 5 }, { operation: 'Read', documents: 0 }, (context) => new Promise(() => void context))
      .catch((e: unknown) => e);
    expect(slow).toMatchObject({ code: 'timeout', provider: 'memory' });
  });
});

describe('what stages see', () => {
  it('a failed attempt reaches the stages as our classified error, naming the provider', async () => {
    const seen: unknown[] = [];
    const observing: PipelineStage = {
      name: 'observing',
      async attempt(context, next) {
        try {
          return await next(context);
        } catch (error) {
          seen.push(error);
          throw error;
        }
      },
    };
    const pipeline = createRequestPipeline({
      provider: 'memory',
      classifyError,
      retry: { ...FAST, maxAttempts: 2 },
      stages: [observing],
    });
    const foreign = new TypeError('fetch failed');
    await pipeline
      .send({ operation: 'Read', documents: 1 }, undefined, async () => {
        throw foreign;
      })
      .catch(() => undefined);
    expect(seen).toHaveLength(2);
    for (const error of seen) expect(error).toMatchObject({ code: 'network', provider: 'memory', cause: foreign });
  });
});
