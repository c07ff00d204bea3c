import { median, quantile } from './stats';

/** One side of an A/B comparison: a call made `callsPerRound` times per round. */
export interface Arm {
  name: string;
  call(): Promise<unknown>;
}

export interface AbOptions {
  rounds: number;
  callsPerRound: number;
  /** Rounds run first and thrown away (JIT warm-up, connection pools filling). */
  warmupRounds: number;
  /** Run between rounds, outside the measurement (e.g. clearing a request log). */
  betweenRounds?: () => void;
}

export interface ArmStats {
  /** Median CPU time (user + system, this process) per call, in ms. */
  cpuPerCallMs: number;
  /** Median wall time per call, in ms. */
  wallPerCallMs: number;
}

export interface AbResult {
  baseline: ArmStats;
  candidate: ArmStats;
  /** Median over rounds of candidate CPU / baseline CPU (each round pairs the two arms). */
  cpuRatio: number;
  /** Interquartile range of the per-round CPU ratios. */
  cpuRatioIqr: [number, number];
  wallRatio: number;
}

/**
 * Interleaved A/B: every round measures both arms back to back (alternating which
 * goes first, so neither always runs on a warmer cache or a quieter moment), and
 * the figure is the median of the per-round ratios. Interleaving cancels slow
 * drifts of machine load, which matter on a shared 2-core machine.
 */
export async function interleaved(baseline: Arm, candidate: Arm, options: AbOptions): Promise<AbResult> {
  const measure = async (arm: Arm) => {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    for (let i = 0; i < options.callsPerRound; i++) await arm.call();
    const wall = performance.now() - wall0;
    const cpu = process.cpuUsage(cpu0);
    return { cpuMs: (cpu.user + cpu.system) / 1000 / options.callsPerRound, wallMs: wall / options.callsPerRound };
  };

  for (let i = 0; i < options.warmupRounds; i++) {
    await measure(baseline);
    await measure(candidate);
    options.betweenRounds?.();
  }

  const base: Array<{ cpuMs: number; wallMs: number }> = [];
  const cand: Array<{ cpuMs: number; wallMs: number }> = [];
  for (let round = 0; round < options.rounds; round++) {
    if (round % 2 === 0) {
      base.push(await measure(baseline));
      cand.push(await measure(candidate));
    } else {
      cand.push(await measure(candidate));
      base.push(await measure(baseline));
    }
    options.betweenRounds?.();
  }

  const cpuRatios = base.map((b, i) => (cand[i]?.cpuMs ?? Number.NaN) / b.cpuMs);
  const wallRatios = base.map((b, i) => (cand[i]?.wallMs ?? Number.NaN) / b.wallMs);
  return {
    baseline: { cpuPerCallMs: median(base.map((r) => r.cpuMs)), wallPerCallMs: median(base.map((r) => r.wallMs)) },
    candidate: { cpuPerCallMs: median(cand.map((r) => r.cpuMs)), wallPerCallMs: median(cand.map((r) => r.wallMs)) },
    cpuRatio: median(cpuRatios),
    cpuRatioIqr: [quantile(cpuRatios, 0.25), quantile(cpuRatios, 0.75)],
    wallRatio: median(wallRatios),
  };
}
