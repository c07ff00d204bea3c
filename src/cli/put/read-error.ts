/** The one error `put` raises while sending; apart from ./files.ts so it loads without the file system. */

/**
 * A file that could be read while walking but not when its turn came (deleted or
 * locked in between). Unlike the walk's `UsageError`, it comes after documents
 * may have been sent, so it is a failure (exit 1), not a usage error.
 */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
}
