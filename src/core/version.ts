// Generated from package.json by scripts/write-version.mjs (npm runs it on `npm version`); do not edit.

/** This package's version, as published: what docindex names itself with on the wire and in traces. */
export const VERSION = '0.1.0';
