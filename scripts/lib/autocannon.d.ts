// The part of autocannon's API that scripts/lib/session-load.mjs uses (the package ships no types).
declare module "autocannon" {
  namespace autocannon {
    interface Request {
      method: string;
      path: string;
      headers?: Record<string, string>;
    }
    interface Client {
      /** Replaces the list of requests this connection cycles through (`setRequest` only replaces the one in flight). */
      setRequests(requests: Request[]): void;
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
    interface TrackOptions {
      renderProgressBar?: boolean;
      renderResultsTable?: boolean;
      renderLatencyTable?: boolean;
    }
  }
  function autocannon(options: autocannon.Options, done: (err: Error | null, result: autocannon.Result) => void): unknown;
  namespace autocannon {
    function track(instance: unknown, options?: autocannon.TrackOptions): void;
  }
  export default autocannon;
}
