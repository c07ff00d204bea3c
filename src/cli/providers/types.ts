/**
 * What the command line knows about one provider: its flags and environment
 * variables, how they become the factory's options, and how the simulator is
 * seeded and pointed at. One object per provider (./kendra.ts, ...), listed in
 * ./index.ts against the provider registry.
 */
import type { EXTRA_STAGES } from '../../core/config';
import type { PipelineStage } from '../../core/pipeline';
import type { DocumentIndexClient, RetryOptions } from '../../spec/client';
import type { RunningSimulator } from '../../testing/server';

/** A provider setting: a flag named after the factory option, and where else it may come from. */
export interface SettingSpec {
  /** The factory option this sets, e.g. `indexId`. */
  readonly option: string;
  /** The flag, the option in kebab-case: `index-id` for `--index-id`. */
  readonly flag: string;
  /** Environment variables read when the flag is absent; the first one set wins. */
  readonly env: readonly string[];
  /** The command fails with a usage error when neither the flag nor a variable gives it. */
  readonly required?: boolean;
  /** This setting is where the provider is reached: `--endpoint` sets it too. */
  readonly endpoint?: boolean;
  /** The value's placeholder in help texts: `ID`, `URL`. */
  readonly value: string;
  readonly description: string;
}

/** A secret: read from the environment only, never from a flag (flags land in shell history and `ps`). */
export interface SecretSpec {
  readonly env: string;
  readonly description: string;
}

/** A variable the provider's own SDK reads by itself (listed in the help, never read by docindex). */
export interface SdkVariable {
  readonly name: string;
  readonly description: string;
}

/** The settings of one run, resolved from flags and environment and checked for presence. */
export interface ResolvedSettings {
  /** By factory option name; absent when neither flag nor environment gave it. */
  readonly values: Readonly<Record<string, string | undefined>>;
  /** By variable name. */
  readonly secrets: Readonly<Record<string, string | undefined>>;
  readonly concurrency?: number | undefined;
  readonly retry?: RetryOptions | undefined;
}

/**
 * Options only the command line passes to a factory, beside the settings: extra
 * pipeline stages (the core's `EXTRA_STAGES` key, an in-package option the
 * factories hand on to the core), which is how `put` builds its checking client
 * (see ../put/check.ts).
 */
export interface InternalOptions {
  readonly [EXTRA_STAGES]?: readonly PipelineStage[];
}

/** One document of a seed file (the README documents the format). */
export interface SeedDocument {
  readonly id: string;
  /** The provider's raw statuses, in order; the document reads the first until moved on. */
  readonly statuses: readonly string[];
  /** One step per status read over the wire (`'read'`, the default) or every so many milliseconds. */
  readonly advance?: 'read' | number | undefined;
  readonly failure?: { readonly code?: string | undefined; readonly message?: string | undefined } | undefined;
}

/** One scope of a seed file: the provider's scope ids (index, knowledge base, ...) and its documents. */
export interface SeedScope {
  /** By factory option name, e.g. `{ indexId: '...' }`. */
  readonly scope: Readonly<Record<string, string>>;
  readonly documents: readonly SeedDocument[];
}

/** How to reach a simulated scope: what `simulate` prints. */
export interface SimulatorPointer {
  /** Flag values besides `--provider` and the scope's own (e.g. `{ region: 'us-east-1' }`). */
  readonly flags: Readonly<Record<string, string>>;
  /** The same through the environment, endpoint included. */
  readonly env: Readonly<Record<string, string>>;
  /** Placeholder credentials the simulator accepts (it checks no signature or key). */
  readonly credentials: Readonly<Record<string, string>>;
  /** The AWS CLI command that reads the same documents, for the AWS providers. */
  readonly awsCli?: string | undefined;
}

/** The simulator side of a provider. */
export interface SimulatorCli {
  /** The scope's settings (factory option names), in the order the seed file and the help name them. */
  readonly scope: readonly string[];
  /**
   * The raw statuses a seeded document may take: the adapter's status table, from
   * the provider's entry (loaded only when a seed file is checked).
   */
  statuses(): Promise<readonly string[]>;
  /**
   * What is wrong with a seeded document beyond what the adapter checks, if anything:
   * `field: problem`. `earlier` are the scope's documents before it, already checked.
   */
  checkDocument?(document: SeedDocument, earlier: readonly SeedDocument[]): string | undefined;
  /** Stores a scope's documents in the simulator. */
  seed(sim: RunningSimulator, seed: SeedScope): void;
  /** How to point docindex (and the AWS CLI) at a scope of the simulator at `url`. */
  point(url: string, seed: SeedScope): SimulatorPointer;
  /** What `simulate` serves without `--seed`: a few documents that finish one after another. */
  readonly sample: SeedScope;
}

/** The command line's view of one provider. */
export interface ProviderCli {
  readonly settings: readonly SettingSpec[];
  readonly secrets: readonly SecretSpec[];
  readonly sdkVariables: readonly SdkVariable[];
  /**
   * Builds the client. Loads the provider's entry (and so its SDK) only now, with a
   * dynamic import, so that a run loads no other provider's code. Throws what the
   * factory throws for a bad option (a `validation` error naming the option), or a
   * `UsageError` for a missing secret. `internal` goes to the factory as well.
   */
  connect(settings: ResolvedSettings, internal?: InternalOptions): Promise<DocumentIndexClient>;
  readonly simulator: SimulatorCli;
}
