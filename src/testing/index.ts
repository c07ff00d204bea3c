/**
 * Wire-level simulators of Amazon Kendra, Amazon Bedrock knowledge bases, Azure AI
 * Document Translation and NAVER Cloud RAG, for tests, examples and your own test
 * suites: as a loopback HTTP server (`startSimulator`) or as msw handlers
 * (`createSimulatorHandlers`), both over one implementation.
 *
 * @packageDocumentation
 */
export { AzureSimulator } from './azure/simulator';
export { BedrockSimulator } from './bedrock/simulator';
export type { Fault, FaultRule, RateLimitRule } from './faults';
export { FaultInjector } from './faults';
export { KendraSimulator } from './kendra/simulator';
export { createSimulatorHandlers, type SimulatorHandlerOptions } from './msw';
export { NaverSimulator } from './naver/simulator';
export { type LoggedRequest, RequestLog } from './request-log';
export { RunningSimulator, type StartSimulatorOptions, startSimulator } from './server';
export { createSimulator, RESET, Simulator, type SimulatorReply } from './simulator';
export { type StatusSource, Timeline, type TimelineSpec, toTimeline } from './timeline';
export type { ProviderErrorKind, ProviderErrorOptions, ProviderSimulator, SimEnv, SimRequest } from './types';
