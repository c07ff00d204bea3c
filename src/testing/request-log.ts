import type { KnownProviderName as ProviderName } from '../providers/registry';

/** One request the simulator received, for assertions in tests. */
export interface LoggedRequest {
  provider: ProviderName | undefined;
  operation: string | undefined;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** What the simulator did: a status code, or 'reset' for a dropped connection. */
  outcome?: number | 'reset';
  at: number;
}

/** The requests a simulator has seen, oldest first. */
export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  /**
   * Records a request (the simulator does this for every request a provider
   * claims); returns the entry, whose `outcome` is filled in once answered.
   */
  add(entry: LoggedRequest): LoggedRequest {
    this.entries.push(entry);
    return entry;
  }

  /** Requests matching a filter (by provider and/or operation). */
  filter(match: { provider?: ProviderName; operation?: string } = {}): LoggedRequest[] {
    return this.entries.filter(
      (entry) =>
        (match.provider === undefined || entry.provider === match.provider) &&
        (match.operation === undefined || entry.operation === match.operation),
    );
  }

  /** How many requests match a filter (by provider and/or operation). */
  count(match: { provider?: ProviderName; operation?: string } = {}): number {
    return this.filter(match).length;
  }

  /** Forgets every request. */
  clear(): void {
    this.entries.length = 0;
  }
}
