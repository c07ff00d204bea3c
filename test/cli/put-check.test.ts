/**
 * `put`'s checking client: built by the same factory from the same settings as
 * the sending one, it refuses exactly what the library refuses, and never sends.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/cli/connect';
import { CHECK_ONLY, PIPELINE_STAGES } from '../../src/cli/put/check';
import { EXTRA_STAGES } from '../../src/core/config';
import type { DocumentInput } from '../../src/spec/client';
import { type RunningSimulator, startSimulator } from '../../src/testing/index';
import { rejection } from '../reliability/support';
import { providerArgs } from './support';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim?.close());
beforeEach(() => sim.reset());

/** `--flag value` pairs as the parsed flags `connect` takes. */
function flagsOf(args: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) flags[(args[i] as string).slice(2)] = args[i + 1] as string;
  return flags;
}

async function clients(provider: 'kendra' | 'bedrock' | 'naver') {
  const { args, env } = providerArgs(provider, sim.url);
  const flags = flagsOf(args);
  return { real: await connect(flags, env), checker: await connect(flags, env, CHECK_ONLY) };
}

async function* many(count: number, bad?: { at: number; doc: DocumentInput }): AsyncGenerator<DocumentInput> {
  for (let i = 0; i < count; i++) yield bad?.at === i ? bad.doc : { id: `d${i}`, content: `text ${i}` };
}

/** What a call rejected with (a DocumentIndexError, or the test fails), as `put` would read it. */
async function refusal(call: Promise<unknown>) {
  const { code, field, message } = await rejection(call);
  return { code, field, message };
}

const BAD: Record<'kendra' | 'bedrock' | 'naver', DocumentInput> = {
  kendra: { id: 'bad', content: 'x', contentType: 'application/x-unknown' },
  bedrock: { id: 'bad', content: new Uint8Array([1, 2, 3]) },
  naver: { id: 'bad.txt', content: 'x' },
};

describe('the checking client', () => {
  it('uses the key the core reads its extra stages from', () => {
    expect(PIPELINE_STAGES).toBe(EXTRA_STAGES);
  });

  it('names each provider on its own not-sent errors, whichever client checked first in the process', async () => {
    // Two checking clients in one process: one shared error would be stamped with the
    // first client's provider by its pipeline, and carry it to the second client's.
    for (const provider of ['kendra', 'naver', 'bedrock', 'kendra'] as const) {
      const { checker } = await clients(provider);
      const batch = await checker.putDocuments(many(12));
      expect(batch.errors).toHaveLength(12);
      expect(new Set(batch.errors.map(({ error }) => error.provider))).toEqual(new Set([provider]));
    }
  });

  for (const provider of ['kendra', 'bedrock', 'naver'] as const) {
    it(`${provider}: checks a long source to its end and sends nothing`, async () => {
      const { checker } = await clients(provider);
      // Every document was read and checked: each one lands in errors, none in items.
      const batch = await checker.putDocuments(many(45));
      expect(batch.items).toHaveLength(0);
      expect(batch.errors).toHaveLength(45);
      expect(sim.log.count()).toBe(0);
    });

    it(`${provider}: refuses a bad document as the library does, with the same field and message, nothing sent`, async () => {
      const { real, checker } = await clients(provider);
      const good = Array.from({ length: 20 }, (_, i) => ({ id: `d${i}`, content: `text ${i}` }));
      const bad = BAD[provider];
      // The library's own verdict: an array is checked whole before anything is sent.
      const expected = await refusal(real.putDocuments([...good, bad]));
      expect(expected.code).toBe('validation');
      expect(expected.field?.startsWith('docs[20].')).toBe(true);
      expect(await refusal(checker.putDocuments(many(25, { at: 20, doc: bad })))).toEqual(expected);
      expect(sim.log.count()).toBe(0);
    });
  }
});
