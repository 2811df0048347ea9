import { describe, expect, it } from "vitest";
import { AutosaveQueue, requeue, type SaveBatch, type SaveState, type Timers } from "./autosave-queue";

/** Manual timers: the test decides when the debounce fires. */
function manualTimers() {
  let pending: (() => void) | null = null;
  const timers: Timers = {
    set: (fn) => {
      pending = fn;
      return 1;
    },
    clear: () => {
      pending = null;
    },
  };
  return { timers, fire: () => pending?.(), isArmed: () => pending !== null };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A fake server that stores what it receives and lets the test settle each request. */
function fakeServer() {
  const stored: Record<string, number | string> = {};
  const calls: { batch: SaveBatch; settle: ReturnType<typeof deferred<void>> }[] = [];
  const save = async (batch: SaveBatch) => {
    const settle = deferred<void>();
    calls.push({ batch: structuredClone(batch), settle });
    await settle.promise;
    Object.assign(stored, batch.answers);
    return { savedAt: new Date(0) };
  };
  return { stored, calls, save };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("AutosaveQueue", () => {
  it("debounces answers into one save and reports saved once it lands", async () => {
    const server = fakeServer();
    const states: SaveState[] = [];
    const clock = manualTimers();
    const queue = new AutosaveQueue({ save: server.save, onState: (s) => states.push(s), timers: clock.timers });
    queue.answer("a", 1);
    queue.answer("b", 2);
    queue.answer("a", 3);
    expect(server.calls).toHaveLength(0);
    expect(queue.hasUnsaved()).toBe(true);
    clock.fire();
    await tick();
    expect(server.calls.map((c) => c.batch)).toEqual([{ answers: { a: 3, b: 2 } }]);
    server.calls[0]!.settle.resolve();
    await queue.flush();
    expect(server.stored).toEqual({ a: 3, b: 2 });
    expect(states.at(-1)).toEqual({ kind: "saved", at: new Date(0) });
    expect(queue.hasUnsaved()).toBe(false);
  });

  it("keeps a failed batch and sends it again with newer answers on retry, newest value winning", async () => {
    let fail = true;
    const sent: SaveBatch[] = [];
    const states: SaveState[] = [];
    const queue = new AutosaveQueue({
      save: async (batch) => {
        sent.push(structuredClone(batch));
        if (fail) throw new Error("offline");
        return { savedAt: new Date(1) };
      },
      onState: (s) => states.push(s),
      timers: manualTimers().timers,
    });
    queue.answer("a", 1);
    queue.answer("b", 2);
    queue.setPage(1);
    await queue.flush();
    expect(states.at(-1)?.kind).toBe("error");
    expect(queue.hasUnsaved()).toBe(true);

    queue.answer("b", 5);
    queue.answer("c", "opt");
    fail = false;
    await queue.flush();
    expect(sent.at(-1)).toEqual({ answers: { a: 1, b: 5, c: "opt" }, page: 1 });
    expect(states.at(-1)?.kind).toBe("saved");
    expect(queue.hasUnsaved()).toBe(false);
  });

  it("sends one request at a time, in order: answers given during a save travel in the next one", async () => {
    const server = fakeServer();
    const states: SaveState[] = [];
    const queue = new AutosaveQueue({ save: server.save, onState: (s) => states.push(s), timers: manualTimers().timers });
    queue.answer("a", 1);
    const first = queue.flush();
    await tick();
    queue.answer("a", 2);
    const second = queue.flush();
    await tick();
    expect(server.calls).toHaveLength(1); // the second waits for the first
    server.calls[0]!.settle.resolve();
    await first;
    expect(states.at(-1)).toEqual({ kind: "saving" }); // more is pending: not "saved" yet
    await tick();
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]!.batch.answers).toEqual({ a: 2 });
    server.calls[1]!.settle.resolve();
    await second;
    expect(server.stored).toEqual({ a: 2 });
    expect(states.at(-1)?.kind).toBe("saved");
  });

  it("a flush cancels the pending debounce and does nothing when nothing is pending", async () => {
    const clock = manualTimers();
    const sent: SaveBatch[] = [];
    const queue = new AutosaveQueue({
      save: async (b) => {
        sent.push(b);
        return { savedAt: new Date(2) };
      },
      onState: () => {},
      timers: clock.timers,
    });
    await queue.flush();
    expect(sent).toHaveLength(0);
    queue.answer("a", 4);
    expect(clock.isArmed()).toBe(true);
    await queue.flush();
    expect(clock.isArmed()).toBe(false);
    expect(sent).toEqual([{ answers: { a: 4 } }]);
  });

  it("a page change alone is saved", async () => {
    const sent: SaveBatch[] = [];
    const queue = new AutosaveQueue({
      save: async (b) => {
        sent.push(b);
        return { savedAt: new Date(3) };
      },
      onState: () => {},
      timers: manualTimers().timers,
    });
    queue.setPage(2);
    await queue.flush();
    expect(sent).toEqual([{ answers: {}, page: 2 }]);
  });
});

describe("requeue", () => {
  it("puts a failed batch under newer answers and page", () => {
    expect(requeue({ answers: { a: 1, b: 2 }, page: 0 }, { answers: { b: 3 } })).toEqual({ answers: { a: 1, b: 3 }, page: 0 });
    expect(requeue({ answers: { a: 1 }, page: 0 }, { answers: {}, page: 2 })).toEqual({ answers: { a: 1 }, page: 2 });
  });
});
