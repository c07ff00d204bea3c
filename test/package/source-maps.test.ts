/**
 * Every built file ends with one `//# sourceMappingURL` comment naming its own
 * map, and the map's sources are files of this repository. tsup's tree-shaking
 * pass used to leave a second, identical comment (tsup.config.ts,
 * oneSourceMapComment).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from './build-if-stale';

const dist = resolve(__dirname, '../../dist');
const built = () => readdirSync(dist).filter((name) => name.endsWith('.js') || name.endsWith('.cjs'));

beforeAll(() => buildIfStale(), 300_000);

describe('source maps of the built files', () => {
  it('every .js and .cjs file ends with exactly one sourceMappingURL comment, naming its own map', () => {
    const files = built();
    expect(files.length).toBeGreaterThan(10);
    const wrong = files.flatMap((name) => {
      const code = readFileSync(join(dist, name), 'utf8');
      const comments = [...code.matchAll(/^\/\/# sourceMappingURL=(\S+)$/gm)].map((match) => match[1]);
      const last = code.trimEnd().split('\n').at(-1);
      return comments.length === 1 && comments[0] === `${name}.map` && last === `//# sourceMappingURL=${name}.map`
        ? []
        : [`${name}: ${JSON.stringify(comments)}`];
    });
    expect(wrong).toEqual([]);
  });

  it("each map's sources are files that exist", () => {
    const missing = built().flatMap((name) => {
      const map = JSON.parse(readFileSync(join(dist, `${name}.map`), 'utf8')) as { sources: string[] };
      return map.sources
        .filter((source) => !source.includes('node_modules') && !existsSync(resolve(dist, source)))
        .map((source) => `${name}.map: ${source}`);
    });
    expect(missing).toEqual([]);
  });
});
