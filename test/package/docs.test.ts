/**
 * The API reference as `npm run docs` builds it (TypeDoc, typedoc.json), built once
 * into a temporary folder: HTML and the JSON model side by side. TypeDoc itself
 * fails on its own warnings; these checks catch what it does not warn about: a file
 * name in README rendered as a web address (`BENCHMARKS.md` autolinked to
 * `http://BENCHMARKS.md`, `.md` being a country's top-level domain), a README link
 * to a file that leads nowhere in the site, and modules named after source paths
 * (`providers/kendra`) instead of their import paths (`docindex/kendra`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let out: string;
let html: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'docindex-docs-'));
  html = join(out, 'html');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', html, '--json', join(out, 'api.json')],
    { cwd: root, encoding: 'utf8', stdio: 'pipe', timeout: 120_000 },
  );
}, 180_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

function hrefs(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/href="([^"]*)"/g)].map((match) => match[1] as string);
}

describe('the API docs', () => {
  it('render no file name as a web address', () => {
    const fileLike = /\.(md|markdown|ts|mts|cts|js|mjs|cjs|json|txt)$/i;
    const bad = htmlFiles(html).flatMap((file) =>
      hrefs(file)
        .filter((href) => {
          const host = /^https?:\/\/([^/?#]+)\/?$/.exec(href)?.[1];
          return host !== undefined && (fileLike.test(host) || existsSync(join(root, host)));
        })
        .map((href) => `${file.slice(html.length + 1)}: ${href}`),
    );
    expect(bad).toEqual([]);
  });

  it('turn every relative link in README into a page of the site', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1] as string)
      .filter((target) => !/^[a-z]+:/i.test(target));
    expect(targets.length).toBeGreaterThan(0);
    const index = join(html, 'index.html');
    const links = hrefs(index).filter((href) => !/^([a-z]+:|#|assets\/)/i.test(href));
    for (const target of targets) {
      const name = target.split('/').at(-1)?.replace(/\.md$/i, '') as string;
      const rendered = links.filter((href) => href.split('#')[0]?.split('/').at(-1)?.startsWith(name));
      expect(rendered, `README link ${target}`).not.toEqual([]);
      for (const href of rendered) {
        const page = href.split('#')[0] as string;
        expect(page, `README link ${target}`).toMatch(/\.html$/);
        expect(existsSync(join(dirname(index), page)), `README link ${target} -> ${href}`).toBe(true);
      }
    }
  });

  it('name each module after its import path', () => {
    const model = JSON.parse(readFileSync(join(out, 'api.json'), 'utf8')) as {
      children?: Array<{ name: string; kind: number }>;
    };
    const MODULE = 2;
    const modules = (model.children ?? []).filter((child) => child.kind === MODULE).map((child) => child.name);
    expect(modules.sort()).toEqual([
      'docindex',
      'docindex/azure',
      'docindex/bedrock',
      'docindex/kendra',
      'docindex/naver',
      'docindex/testing',
    ]);
  });
});
