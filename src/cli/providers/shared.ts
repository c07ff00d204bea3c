/**
 * Helpers the providers' parts share: the insecure-connection setting, shell
 * quoting for the printed command lines, seed documents as simulator timelines,
 * and the built-in sample's documents.
 */
import type { SeedDocument, SettingSpec } from './types';

/**
 * `--allow-insecure-connection` of the providers that send a credential with every
 * request: their factories refuse plain `http://` to a host other than this machine
 * unless told so (a plain-HTTP proxy inside a trusted network).
 */
export const INSECURE_CONNECTION_SETTING: SettingSpec = {
  option: 'allowInsecureConnection',
  flag: 'allow-insecure-connection',
  env: ['DOCINDEX_ALLOW_INSECURE_CONNECTION'],
  value: 'true|false',
  description:
    'true (or the flag alone): send the credential over plain http:// to a host other than this machine (a trusted proxy)',
};

/**
 * The factory option of that setting: `true` or `false` as such; anything else as
 * given, which the factory refuses naming the option (and so the flag).
 */
export function insecureConnection(value: string | undefined): { allowInsecureConnection?: boolean } {
  if (value === undefined) return {};
  // Anything but true or false goes on as it is, for the factory to refuse.
  return { allowInsecureConnection: value === 'true' ? true : value === 'false' ? false : (value as never) };
}

/** The ids a printed command names (the docindex lines and the AWS CLI's): all of them up to this many. */
export const MAX_IDS_SHOWN = 8;

/** A word as a POSIX shell reads it back: as is when safe, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A seed document's timeline as the simulators take it. */
export function timelineOf(document: SeedDocument): { statuses: string[]; advance: 'read' | number } {
  return { statuses: [...document.statuses], advance: document.advance ?? 'read' };
}

/** What a sample document goes through. */
export interface SampleOutcome {
  /** The raw statuses while at work, in order; the last one repeats for a slower document. */
  readonly working: readonly string[];
  /** The final raw status. */
  readonly final: string;
  readonly failure?: SeedDocument['failure'];
}

/**
 * Sample documents that finish one after another: document `i` spends between one
 * and four status reads at work (read-driven, so every `wait` poll moves it on;
 * with `wait`'s default backoff the last is done after about 7 seconds), then ends
 * in its outcome.
 */
export function sampleDocuments(ids: readonly string[], outcomeOf: (index: number) => SampleOutcome): SeedDocument[] {
  return ids.map((id, index) => {
    const { working, final, failure } = outcomeOf(index);
    const reads = 1 + ((index * 3) % 4);
    const statuses = Array.from({ length: Math.max(reads, working.length) }, (_, step) => {
      return working[Math.min(step, working.length - 1)] as string;
    });
    return { id, statuses: [...statuses, final], ...(failure ? { failure } : {}) };
  });
}
