/**
 * Wire-level simulators of Amazon Kendra, Amazon Bedrock knowledge bases, Azure AI
 * Document Translation and NAVER Cloud RAG, for tests, examples and your own test
 * suites: as a loopback HTTP server (`startSimulator`) or as msw handlers
 * (`createSimulatorHandlers`), both over one implementation.
 *
 * @packageDocumentation
 * @module docindex/testing
 */
export {
  AZURE_OPERATIONS,
  type AzureApiGeneration,
  type AzureDocumentError,
  type AzureDocumentInput,
  type AzureOperation,
  type AzureRawStatus,
  type AzureSimStatus,
  AzureSimulator,
  type AzureSimulatorSettings,
  type AzureStartedTranslation,
  type AzureStartFailure,
  type AzureStartSettings,
  type AzureTranslationInput,
  type AzureTranslationSnapshot,
  type AzureWireDocument,
  type AzureWireTranslation,
} from './azure/simulator';
export {
  type BedrockDataSourceType,
  type BedrockDocumentSnapshot,
  type BedrockIngestedDocument,
  type BedrockOperation,
  type BedrockSimDocument,
  BedrockSimulator,
  type BedrockSimulatorSettings,
  type WireDocumentDetail as BedrockWireDocumentDetail,
  type WireDocumentIdentifier as BedrockWireDocumentIdentifier,
} from './bedrock/simulator';
export type { Fault, FaultRule, RateLimitRule } from './faults';
export { FaultInjector } from './faults';
export {
  KENDRA_OPERATIONS,
  type KendraDeleteLag,
  type KendraDocumentSnapshot,
  type KendraErrorStatuses,
  type KendraItemErrorRule,
  type KendraOperation,
  type KendraPutLimits,
  type KendraPutTimelines,
  type KendraRawStatus,
  type KendraReceivedDocument,
  type KendraRequestRecord,
  type KendraSimDocument,
  KendraSimulator,
  type KendraStatusValue,
  type KendraWireAttribute,
} from './kendra/simulator';
export { createSimulatorHandlers, type SimulatorHandlerOptions } from './msw';
export {
  NAVER_PIPELINE_STEPS,
  NAVER_RAW_STATUSES,
  type NaverDocumentSnapshot,
  type NaverErrorEnvelope,
  type NaverFailableStep,
  type NaverOperation,
  type NaverPipelineStep,
  type NaverRawStatus,
  type NaverSimDocument,
  type NaverSimStatus,
  NaverSimulator,
  type NaverWriteSettings,
  type NaverWrittenDocument,
} from './naver/simulator';
export { type LoggedRequest, RequestLog } from './request-log';
export { RunningSimulator, type StartSimulatorOptions, startSimulator } from './server';
export { createSimulator, RESET, Simulator, type SimulatorReply } from './simulator';
export { type StatusSource, Timeline, type TimelineSpec, toTimeline } from './timeline';
export type { ProviderErrorKind, ProviderErrorOptions, ProviderSimulator, SimEnv, SimRequest } from './types';
