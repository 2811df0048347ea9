// The ML benchmarks measure each phase in a fresh process (so one phase's memory, threads and compiled
// kernels do not colour the next): the script runs itself with `--phase …`, and the phase prints one result line.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const RESULT = "RESULT ";

/** Prints a phase's result as the one line `runPhase` reads back. */
export function printPhaseResult(value: unknown): void {
  process.stdout.write(RESULT + JSON.stringify(value) + "\n");
}

/** The JSON printed by `printPhaseResult` in the first `RESULT ` line of `stdout`; throws when there is none. */
export function parsePhaseResult<T>(stdout: string, what: string): T {
  const line = stdout.split("\n").find((l) => l.startsWith(RESULT));
  if (!line) throw new Error(`phase ${what} printed no result:\n${stdout}`);
  return JSON.parse(line.slice(RESULT.length)) as T;
}

/** Runs `script` (a TypeScript file, through tsx) in a child Node process with `phaseArgs`, and returns its result (20 min at most). */
export async function runPhase<T>(script: string, phaseArgs: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script, ...phaseArgs], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 20 * 60_000,
  });
  return parsePhaseResult<T>(stdout, phaseArgs.join(" "));
}
