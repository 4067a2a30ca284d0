/**
 * `setdiba simulate` of one template file as the benchmarks run it: the reference HTTP backend, no
 * faults, a fixed seed, and quiet (each benchmark prints its own figures). Only what a benchmark varies
 * is left to it.
 */
import { simulate, type SimulateOptions, type SimulateResult } from '../src/cli/simulate';

export function simulateTemplate(
  file: string,
  cwd: string,
  run: Pick<SimulateOptions, 'deliveries' | 'latencyMs' | 'backendLatencyMs'>,
): Promise<SimulateResult> {
  const options: SimulateOptions = {
    files: [file],
    summary: 'Alta integracions SetDIBA',
    description: '',
    reporter: null,
    org: null,
    settingsFile: null,
    backend: 'http',
    concurrent: false,
    faults: [],
    seed: 1,
    json: true,
    script: null,
    ...run,
  };
  return simulate(options, { stdout: () => undefined, stderr: () => undefined, cwd });
}
