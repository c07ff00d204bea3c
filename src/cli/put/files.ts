/**
 * The files `put` sends, in two passes.
 *
 * First, before anything is sent, every argument is walked: folders recursively
 * (in name order, hidden entries left out and reported), symbolic links followed
 * (a loop is reported and not followed again, a broken link is an error), each
 * file checked for being a regular, readable file, given its id and content type,
 * and every id checked for being unique. Only paths and sizes are kept. Any
 * problem is a `UsageError` naming the path, so an unreadable file fails the
 * command with nothing sent.
 *
 * Then the contents are read lazily: `readDocuments` reads a file only when the
 * client asks for the next document, so memory holds only the documents in flight
 * (a file reached by two paths is sent once). `put` reads them twice this way:
 * once to check every document against the provider's rules, once to send them.
 */

import { createHash } from 'node:crypto';
import { constants, type Dirent, type Stats } from 'node:fs';
import { access, lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DocumentInput } from '../../spec/client';
import { UsageError } from '../exit';
import { contentTypeOf, isTextType } from './content-type';
import { FileReadError } from './read-error';

/** How file paths become document ids. */
export type IdFrom = 'path' | 'name' | 'stem';

/** What `collectFiles` needs besides the arguments. */
export interface CollectOptions {
  /** Relative arguments are resolved against this folder. */
  cwd: string;
  /**
   * `path` (default): a file inside a folder argument is named by its path below
   * that folder (`guides/setup.md`), a file argument by its name; `name`: every
   * file by its name alone; `stem`: by its name without its last extension
   * (`setup.md` -> `setup`), for ids that may not hold a dot (NAVER's).
   */
  idFrom: IdFrom;
  /** Put in front of every id, e.g. `manuals/`. */
  idPrefix?: string | undefined;
  /** One content type for every file, instead of the one its extension implies. */
  contentType?: string | undefined;
}

/** One file to send. */
export interface FileToPut {
  /** The path as the user gave it or as found below it (relative to the working folder when inside it). */
  readonly path: string;
  readonly absolute: string;
  readonly id: string;
  readonly size: number;
  readonly contentType: string | undefined;
}

/** The files to send, in order, and what was left out (one line each, for stderr). */
export interface CollectedFiles {
  readonly files: FileToPut[];
  readonly skipped: string[];
}

const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

/** What a file system error says of a path, in a few words. */
function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'no such file or folder'
    : code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ELOOP'
        ? 'too many levels of symbolic links'
        : `cannot be read (${code ?? (error as Error).message})`;
}

function describeFsError(path: string, error: unknown): UsageError {
  return new UsageError(`${path}: ${fsReason(error)}`);
}

/** Walks the arguments (see the module comment); throws a `UsageError` naming the first bad path. */
export async function collectFiles(args: readonly string[], options: CollectOptions): Promise<CollectedFiles> {
  const files: FileToPut[] = [];
  const skipped: string[] = [];
  const byRealPath = new Map<string, string>();
  const byId = new Map<string, string>();
  const shown = (absolute: string) => {
    const rel = relative(options.cwd, absolute);
    return toPosix(rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? absolute : rel);
  };

  /** The target of a path, links followed; a broken link says so. */
  const follow = async (absolute: string): Promise<Stats> => {
    try {
      return await stat(absolute);
    } catch (error) {
      const link = await lstat(absolute).then(
        (info) => info.isSymbolicLink(),
        () => false,
      );
      throw link ? new UsageError(`${shown(absolute)}: broken symbolic link`) : describeFsError(shown(absolute), error);
    }
  };

  const addFile = async (absolute: string, name: string) => {
    const path = shown(absolute);
    try {
      await access(absolute, constants.R_OK);
    } catch (error) {
      throw describeFsError(path, error);
    }
    const real = await realpath(absolute);
    const first = byRealPath.get(real);
    if (first !== undefined) {
      skipped.push(`${path}: the same file as ${first}, sent once`);
      return;
    }
    byRealPath.set(real, path);
    const id = `${options.idPrefix ?? ''}${name}`;
    const clash = byId.get(id);
    if (clash !== undefined) {
      throw new UsageError(
        `${clash} and ${path} would both be document ${JSON.stringify(id)}` +
          (options.idFrom === 'path'
            ? ' (put them in separate runs or use --id-prefix)'
            : options.idFrom === 'name'
              ? ' (--id-from path keeps folder names)'
              : ' (--id-from name keeps extensions, --id-from path folder names)'),
      );
    }
    byId.set(id, path);
    const size = (await stat(absolute)).size;
    files.push({ path, absolute, id, size, contentType: options.contentType ?? contentTypeOf(absolute) });
  };

  const walk = async (folder: string, root: string, ancestors: ReadonlySet<string>) => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      throw describeFsError(shown(folder), error);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = join(folder, entry.name);
      if (entry.name.startsWith('.')) {
        skipped.push(`${shown(absolute)}: hidden, left out (name it to include it)`);
        continue;
      }
      const info = entry.isSymbolicLink() ? await follow(absolute) : entry;
      if (info.isDirectory()) {
        const real = await realpath(absolute);
        if (ancestors.has(real)) {
          skipped.push(`${shown(absolute)}: a symbolic link back into a folder being walked, not followed`);
          continue;
        }
        await walk(absolute, root, new Set([...ancestors, real]));
      } else if (info.isFile()) {
        await addFile(
          absolute,
          options.idFrom === 'path' ? toPosix(relative(root, absolute)) : idOfName(entry.name, options),
        );
      } else {
        throw new UsageError(`${shown(absolute)}: not a regular file`);
      }
    }
  };

  for (const arg of args) {
    const absolute = resolve(options.cwd, arg);
    const info = await follow(absolute);
    if (info.isDirectory()) await walk(absolute, absolute, new Set([await realpath(absolute)]));
    else if (info.isFile()) await addFile(absolute, idOfName(basename(absolute), options));
    else throw new UsageError(`${shown(absolute)}: not a regular file or folder`);
  }
  return { files, skipped };
}

/** The id part of a file name: the name, or its stem for `--id-from stem` (a name that is all extension, `.env`, stays whole). */
function idOfName(name: string, options: CollectOptions): string {
  return options.idFrom === 'stem' ? name.slice(0, name.length - extname(name).length) : name;
}

/**
 * The files' documents, each read when the consumer asks for it. A text file
 * (by content type) that is valid UTF-8 is sent as a string, anything else as
 * bytes. `onTaken` sees how many documents the consumer has taken so far: a
 * document counts once the consumer asks for the one after it (or for the end),
 * so one it refused (and stopped reading at) is never counted. A file that
 * cannot be read any more throws a `FileReadError` naming it.
 */
export async function* readDocuments(
  files: readonly FileToPut[],
  onTaken?: (count: number) => void,
  onRead?: (index: number, file: FileToPut, content: Uint8Array) => void,
): AsyncGenerator<DocumentInput, void, undefined> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let count = 0;
  for (const [index, file] of files.entries()) {
    let buffer: Buffer;
    try {
      buffer = await readFile(file.absolute);
    } catch (error) {
      throw new FileReadError(file.path, fsReason(error));
    }
    onRead?.(index, file, buffer);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    let content: string | Uint8Array = bytes;
    if (isTextType(file.contentType)) {
      try {
        content = utf8.decode(bytes);
      } catch {
        // Not UTF-8 after all: the bytes go as they are.
      }
    }
    yield { id: file.id, content, ...(file.contentType !== undefined && { contentType: file.contentType }) };
    onTaken?.(++count);
  }
}

/**
 * What the check read of each file, so that the send can tell a file that changed
 * in between: a content digest per file (132 bits of SHA-256), whatever its size or
 * time stamps say. The check's reads `record`, the send's `verify`, which throws a
 * `FileReadError` for a file whose content is not what was checked.
 */
export class CheckedContent {
  // A short string per file (a Buffer each would weigh more).
  private readonly digests: string[] = [];

  readonly record = (index: number, _file: FileToPut, content: Uint8Array): void => {
    this.digests[index] = digestOf(content);
  };

  readonly verify = (index: number, file: FileToPut, content: Uint8Array): void => {
    if (this.digests[index] !== digestOf(content)) {
      throw new FileReadError(file.path, 'its content is not what was checked');
    }
  };
}

/** 22 base64 characters (132 bits) of the content's SHA-256. */
function digestOf(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('base64').slice(0, 22);
}
