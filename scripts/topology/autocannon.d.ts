// The part of autocannon's API that bench-scale.ts uses (the package ships no types).
declare module "autocannon" {
  namespace autocannon {
    interface Client {
      setHeaders(headers: Record<string, string>): void;
      setRequest(request: { method: string; path: string }): void;
    }
    interface Result {
      requests: { average: number; total: number };
      latency: { p50: number; p99: number };
      errors: number;
      non2xx: number;
    }
    interface Options {
      url: string;
      connections: number;
      duration: number;
      setupClient?: (client: Client) => void;
    }
  }
  function autocannon(options: autocannon.Options, done: (err: Error | null, result: autocannon.Result) => void): unknown;
  export default autocannon;
}
