// @ts-check
import autocannon from "autocannon";

/**
 * @template S
 * @typedef {object} SessionLoad
 * @property {string} base The server's origin, e.g. http://localhost:3300.
 * @property {readonly S[]} sessions One connection per session, each sending only its own requests.
 * @property {number} seconds How long to drive the server.
 * @property {(session: S) => { path: string; headers?: Record<string, string> }} request What one session asks for, again and again.
 */

/**
 * Closed-loop load (autocannon): one connection per signed-in session, each repeating its own request
 * (path and cookie) as soon as the last one came back.
 *
 * The requests are given with `client.setRequests`: autocannon's `client.setRequest` only replaces the
 * request in flight, and every later one falls back to the default (the `url`'s path, "/"), so a bench
 * built on it measures the landing page whatever target it names.
 *
 * @template S
 * @param {SessionLoad<S>} load
 * @returns {Promise<autocannon.Result>}
 */
export function closedLoop({ base, sessions, seconds, request }) {
  return new Promise((resolve, reject) => {
    let next = 0;
    const instance = autocannon(
      {
        url: base,
        connections: sessions.length,
        duration: seconds,
        setupClient: (client) => {
          const session = sessions[next++ % sessions.length];
          const { path, headers = {} } = request(/** @type {S} */ (session));
          client.setRequests([{ method: "GET", path, headers }]);
        },
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}
