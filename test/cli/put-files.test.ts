/**
 * How `put` turns files and folders into documents: ids, order, content types,
 * hidden entries, symbolic links, unreadable and special files (refused before
 * anything is read), and contents read lazily, once each.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/exit';
import { collectFiles, readDocuments } from '../../src/cli/put/files';
import { FileReadError } from '../../src/cli/put/read-error';

vi.mock('node:fs/promises', { spy: true });

function tree(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'docindex-put-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const collect = (cwd: string, args: string[], options: Partial<Parameters<typeof collectFiles>[1]> = {}) =>
  collectFiles(args, { cwd, idFrom: 'path', ...options });

afterEach(() => vi.mocked(fsPromises.readFile).mockClear());

describe('collectFiles', () => {
  it('names files inside a folder by their path below it, a file given by its name; in name order', async () => {
    const cwd = tree({
      'docs/b.md': 'b',
      'docs/a/z.html': 'z',
      'docs/a/y.pdf': 'y',
      'other/readme.txt': 'r',
    });
    const { files, skipped } = await collect(cwd, ['docs', 'other/readme.txt']);
    expect(files.map((file) => [file.id, file.path, file.contentType])).toEqual([
      ['a/y.pdf', 'docs/a/y.pdf', 'application/pdf'],
      ['a/z.html', 'docs/a/z.html', 'text/html'],
      ['b.md', 'docs/b.md', 'text/markdown'],
      ['readme.txt', 'other/readme.txt', 'text/plain'],
    ]);
    expect(skipped).toEqual([]);
    expect(files[0]?.size).toBe(1);
  });

  it('--id-from name, --id-prefix and --content-type', async () => {
    const cwd = tree({ 'docs/a/one.md': '1', 'docs/two.bin': '2' });
    const { files } = await collect(cwd, ['docs'], { idFrom: 'name', idPrefix: 'kb/', contentType: 'text/plain' });
    expect(files.map((file) => [file.id, file.contentType])).toEqual([
      ['kb/one.md', 'text/plain'],
      ['kb/two.bin', 'text/plain'],
    ]);
    const plain = await collect(cwd, ['docs/two.bin']);
    expect(plain.files[0]?.contentType).toBeUndefined();
  });

  it('--id-from stem: the name without its last extension, the content type still from it', async () => {
    const cwd = tree({ 'docs/a/one.md': '1', 'docs/two.v2.pdf': '2', 'docs/three': '3', 'dot/.env': 'e' });
    const { files } = await collect(cwd, ['docs', 'dot/.env'], { idFrom: 'stem' });
    expect(files.map((file) => [file.id, file.contentType])).toEqual([
      ['one', 'text/markdown'],
      ['three', undefined],
      ['two.v2', 'application/pdf'],
      ['.env', undefined],
    ]);
    const clash = tree({ 'a/x.md': '1', 'b/x.txt': '2' });
    await expect(collect(clash, ['a', 'b'], { idFrom: 'stem' })).rejects.toThrow(
      new UsageError(
        'a/x.md and b/x.txt would both be document "x" (--id-from name keeps extensions, --id-from path folder names)',
      ),
    );
  });

  it('two files with one id is a usage error naming both', async () => {
    const cwd = tree({ 'a/x.md': '1', 'b/x.md': '2' });
    await expect(collect(cwd, ['a', 'b'])).rejects.toThrow(
      new UsageError('a/x.md and b/x.md would both be document "x.md" (put them in separate runs or use --id-prefix)'),
    );
    await expect(collect(cwd, ['.'], { idFrom: 'name' })).rejects.toThrow(/--id-from path keeps folder names/);
  });

  it('leaves hidden entries out and says so; a hidden file named directly is sent', async () => {
    const cwd = tree({ 'docs/.git/config': 'c', 'docs/.DS_Store': 'x', 'docs/a.md': 'a' });
    const { files, skipped } = await collect(cwd, ['docs', 'docs/.DS_Store']);
    expect(files.map((file) => file.id)).toEqual(['a.md', '.DS_Store']);
    expect(skipped).toEqual([
      'docs/.DS_Store: hidden, left out (name it to include it)',
      'docs/.git: hidden, left out (name it to include it)',
    ]);
  });

  it('follows symbolic links, sends a file reached twice once, and does not loop', async () => {
    const cwd = tree({ 'docs/a.md': 'a', 'shared/s.md': 's' });
    symlinkSync('a.md', join(cwd, 'docs', 'alias.md'));
    symlinkSync('../shared', join(cwd, 'docs', 'linked'));
    symlinkSync('..', join(cwd, 'docs', 'linked-up'));
    const { files, skipped } = await collect(cwd, ['docs']);
    expect(files.map((file) => file.id)).toEqual(['a.md', 'linked/s.md']);
    expect(skipped).toEqual([
      'docs/alias.md: the same file as docs/a.md, sent once',
      'docs/linked-up/docs: a symbolic link back into a folder being walked, not followed',
      'docs/linked-up/shared/s.md: the same file as docs/linked/s.md, sent once',
    ]);
  });

  it('a broken link, a missing path, a FIFO and an unreadable file are usage errors naming the path', async () => {
    const cwd = tree({ 'docs/a.md': 'a' });
    symlinkSync('gone.md', join(cwd, 'docs', 'broken.md'));
    await expect(collect(cwd, ['docs'])).rejects.toThrow(new UsageError('docs/broken.md: broken symbolic link'));
    await expect(collect(cwd, ['nope'])).rejects.toThrow(new UsageError('nope: no such file or folder'));
    const fifo = tree({});
    execFileSync('mkfifo', [join(fifo, 'pipe')]);
    await expect(collect(fifo, ['.'])).rejects.toThrow(new UsageError('pipe: not a regular file'));
    await expect(collect(fifo, ['pipe'])).rejects.toThrow(new UsageError('pipe: not a regular file or folder'));

    const locked = tree({ 'secret.md': 's' });
    chmodSync(join(locked, 'secret.md'), 0o000);
    // Root reads any file; the denial is simulated there, and real for anyone else.
    if (process.getuid?.() === 0) {
      vi.mocked(fsPromises.access).mockRejectedValueOnce(Object.assign(new Error('EACCES'), { code: 'EACCES' }));
    }
    await expect(collect(locked, ['secret.md'])).rejects.toThrow(new UsageError('secret.md: permission denied'));
    expect(fsPromises.readFile).not.toHaveBeenCalled();
  });

  it('reads no content while walking', async () => {
    const cwd = tree({ 'a.md': 'a', 'b/c.md': 'c' });
    await collect(cwd, ['.']);
    expect(fsPromises.readFile).not.toHaveBeenCalled();
  });
});

describe('readDocuments', () => {
  it('reads each file when the next document is asked for, text as a string, the rest as bytes', async () => {
    const cwd = tree({
      'a.md': 'hello',
      'b.pdf': new Uint8Array([0x25, 0x50, 0x44, 0x46]),
      'c.txt': new Uint8Array([0xff, 0xfe]),
    });
    const { files } = await collect(cwd, ['.']);
    const counts: number[] = [];
    const documents = readDocuments(files, (count) => counts.push(count));
    expect(fsPromises.readFile).not.toHaveBeenCalled();

    const first = await documents.next();
    expect(first.value).toEqual({ id: 'a.md', content: 'hello', contentType: 'text/markdown' });
    expect(fsPromises.readFile).toHaveBeenCalledTimes(1);

    const second = await documents.next();
    expect(second.value).toMatchObject({ id: 'b.pdf', contentType: 'application/pdf' });
    expect(second.value?.content).toBeInstanceOf(Uint8Array);
    expect(Array.from(second.value?.content as Uint8Array)).toEqual([0x25, 0x50, 0x44, 0x46]);

    // Not UTF-8, though a text type: sent as the bytes it is.
    const third = await documents.next();
    expect(Array.from(third.value?.content as Uint8Array)).toEqual([0xff, 0xfe]);
    expect((await documents.next()).done).toBe(true);
    expect(fsPromises.readFile).toHaveBeenCalledTimes(3);
    expect(counts).toEqual([1, 2, 3]);
  });

  it('counts a document as taken only once the next one (or the end) is asked for', async () => {
    const cwd = tree({ 'a.md': 'a', 'b.md': 'b', 'c.md': 'c' });
    const { files } = await collect(cwd, ['.']);
    const counts: number[] = [];
    const documents = readDocuments(files, (count) => counts.push(count));
    await documents.next();
    expect(counts).toEqual([]);
    await documents.next();
    expect(counts).toEqual([1]);
    // The consumer refuses b.md and stops reading: b.md is not counted.
    await documents.return();
    expect(counts).toEqual([1]);
  });

  it('a file that cannot be read any more ends the documents with an error naming it', async () => {
    const cwd = tree({ 'a.md': 'a' });
    const { files } = await collect(cwd, ['a.md']);
    vi.mocked(fsPromises.readFile).mockRejectedValueOnce(Object.assign(new Error('gone'), { code: 'ENOENT' }));
    const failure = readDocuments(files).next();
    await expect(failure).rejects.toThrow(new FileReadError('a.md', 'no such file or folder'));
    await expect(failure).rejects.toMatchObject({ path: 'a.md', reason: 'no such file or folder' });
    await expect(failure).rejects.not.toBeInstanceOf(UsageError);
  });
});
