// An open-loop load generator for scripts/bench-api.mjs: requests are sent on a fixed schedule
// whether or not earlier ones came back, and each latency counts from when its request was due
// (so a slow server cannot hide its queue by delaying the next send: no coordinated omission).
//
// autocannon's `overallRate` is not this: each connection gets a per-second quota from its own
// one-second timer, and the timers start together, so the whole second's requests leave at once
// (measured: a 13 ms-per-request server at 37 req/s read p99 540 ms under autocannon, 30 ms here).
import http from "node:http";

/**
 * Sends `rate` requests per second for `seconds` seconds. `arrivals`: "constant" spaces them
 * evenly (as wrk2 does); "poisson" draws exponential gaps (independent users).
 * `request(k)` gives the k-th request's path and headers.
 */
export async function openLoop({ base, rate, seconds, request, arrivals = "constant", seed = 1 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const total = Math.max(1, Math.round(rate * seconds));
  let state = seed >>> 0 || 1;
  // xorshift32: a seeded, repeatable schedule, so interleaved runs see the same arrivals.
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  const latencies = [];
  let errors = 0;
  const start = performance.now() + 20;
  let due = start;
  const inFlight = [];
  for (let k = 0; k < total; k++) {
    if (k > 0) due += arrivals === "poisson" ? (-Math.log(uniform()) * 1000) / rate : 1000 / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const scheduled = due;
    const { path, headers } = request(k);
    inFlight.push(
      new Promise((resolve) => {
        const req = http.get(base + path, { agent, headers }, (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - scheduled);
            if (res.statusCode !== 200) errors++;
            resolve();
          });
        });
        req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
        req.on("error", () => {
          errors++;
          resolve();
        });
      }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  return { sent: total, achieved: latencies.length / elapsed, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: q(1), errors };
}
