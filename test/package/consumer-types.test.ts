/**
 * The built declarations as an application compiles against them with
 * `exactOptionalPropertyTypes` (a strict setting many codebases turn on): every
 * optional input takes `undefined` too, so `region: process.env.AWS_REGION` and
 * options passed along from the application's own optional fields type-check.
 * The examples were refused under it (`region?: string`).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { buildIfStale } from './build-if-stale';

const root = resolve(__dirname, '../..');

beforeAll(() => buildIfStale(), 300_000);

it('the examples and a consumer of every optional input compile with exactOptionalPropertyTypes', async () => {
  const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', 'test/types/tsconfig.exact-optional.json'], {
    cwd: root,
  }).catch((error: { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? String(error), failed: true }));
  expect('failed' in result ? result.stdout : '').toBe('');
}, 120_000);
