/**
 * Every provider this package ships, one line each. The simulator, the
 * conformance and reliability suites, the demo and the command line iterate this
 * list, and type-check their own per-provider parts against it, so adding a
 * provider is its folders plus one line here (the compiler and the suites then
 * name whatever else is missing). Data only: importing it loads no adapter.
 */
/** The name of a provider this package ships. */
export type KnownProviderName = 'kendra' | 'bedrock' | 'azure' | 'naver';

/** What the registry says of one provider. */
export interface ProviderEntry {
  readonly name: KnownProviderName;
  /** How the provider calls itself, for headings and help texts. */
  readonly title: string;
  /** The package entry that holds its factory. */
  readonly entry: string;
  /** The factory's export name in that entry. */
  readonly factory: string;
}

export const PROVIDERS = [
  { name: 'kendra', title: 'Amazon Kendra', entry: 'docindex/kendra', factory: 'createKendraIndex' },
  {
    name: 'bedrock',
    title: 'Amazon Bedrock knowledge bases',
    entry: 'docindex/bedrock',
    factory: 'createBedrockIndex',
  },
  {
    name: 'azure',
    title: 'Azure AI Document Translation',
    entry: 'docindex/azure',
    factory: 'createAzureTranslationIndex',
  },
  { name: 'naver', title: 'NAVER Cloud RAG', entry: 'docindex/naver', factory: 'createNaverRagIndex' },
] as const satisfies readonly ProviderEntry[];

/** The registered names, in the list's order. */
export const PROVIDER_NAMES: readonly KnownProviderName[] = PROVIDERS.map((provider) => provider.name);

/** Every `KnownProviderName` has its line above (a name without one is a compile error here). */
type Unlisted = Exclude<KnownProviderName, (typeof PROVIDERS)[number]['name']>;
const everyNameListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyNameListed;
