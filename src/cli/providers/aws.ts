/**
 * What the two AWS providers share on the command line: credentials, region and
 * endpoint come from the AWS SDK's own default chain (environment, shared config
 * and credentials files, SSO, web identity, container and instance roles), never
 * re-implemented here; `--region` and `--endpoint` override the chain.
 */
import type { SdkVariable, SettingSpec, SimulatorPointer } from './types';

/** `--region` and `--endpoint` of an AWS provider. */
export function awsSettings(serviceEndpointVariable: string): SettingSpec[] {
  return [
    {
      option: 'region',
      flag: 'region',
      env: [],
      value: 'REGION',
      description: 'AWS region (default: AWS_REGION or the profile)',
    },
    {
      option: 'endpoint',
      flag: 'endpoint',
      env: [],
      endpoint: true,
      value: 'URL',
      description: `where to reach it (default: ${serviceEndpointVariable}, AWS_ENDPOINT_URL)`,
    },
  ];
}

/** The variables the AWS SDK reads by itself, for the help text. */
export function awsSdkVariables(serviceEndpointVariable: string): SdkVariable[] {
  return [
    { name: 'AWS_PROFILE', description: 'the profile of ~/.aws/config (SSO included)' },
    { name: 'AWS_ACCESS_KEY_ID', description: 'static credentials, with AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN' },
    { name: 'AWS_REGION', description: 'the region, without --region' },
    { name: serviceEndpointVariable, description: 'the endpoint, without --endpoint' },
    { name: 'AWS_ENDPOINT_URL', description: 'the endpoint of every AWS service, without --endpoint' },
  ];
}

/** The region a simulator pointer names (the simulator serves any region). */
export const SIMULATED_REGION = 'us-east-1';

/** Flags, environment and placeholder credentials that reach an AWS provider on the simulator. */
export function awsPointer(
  url: string,
  scopeEnv: Record<string, string>,
  awsCli: string,
  /** Printed after the command, not part of it: `  (and 3 more ids)`. */
  note = '',
): Omit<SimulatorPointer, 'awsCli'> & { awsCli: string } {
  return {
    flags: { region: SIMULATED_REGION },
    env: { ...scopeEnv, AWS_REGION: SIMULATED_REGION, AWS_ENDPOINT_URL: url },
    credentials: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
    awsCli: `aws ${awsCli} --endpoint-url ${url} --region ${SIMULATED_REGION}${note}`,
  };
}
