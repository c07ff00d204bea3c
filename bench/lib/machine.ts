import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** The machine a run happened on, for the head of BENCHMARKS.md. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  /** 1, 5 and 15 minute load averages. */
  load: [number, number, number];
}

export function machineInfo(): MachineInfo {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${type()} ${release()}`,
    date: new Date().toISOString(),
    load: [one, five, fifteen],
  };
}

export function formatLoad(load: readonly number[]): string {
  return load.map((value) => value.toFixed(2)).join(' / ');
}
