/**
 * The questionnaire's autosave transport, free of React so that its guarantees can be unit-tested:
 * - every answer given is eventually sent (debounced, or at once on `flush`), the latest value of
 *   each item wins, and nothing is dropped when a save fails: the failed batch goes back under
 *   anything newer, so a retry sends the latest of each answer;
 * - one request at a time, in order, so an older save can never land after a newer one.
 */

export type AnswerValue = number | string;

export interface SaveBatch {
  answers: Record<string, AnswerValue>;
  page?: number;
}

export type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "error"; error: unknown };

export const AUTOSAVE_DELAY_MS = 400;

export function isEmptyBatch(batch: SaveBatch): boolean {
  return Object.keys(batch.answers).length === 0 && batch.page === undefined;
}

/** A failed batch put back under what was queued since: the newer value of each answer and the newer page win. */
export function requeue(failed: SaveBatch, newer: SaveBatch): SaveBatch {
  return { answers: { ...failed.answers, ...newer.answers }, page: newer.page ?? failed.page };
}

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AutosaveOptions {
  /** Sends one batch; resolves with the server's save time, rejects on any failure. */
  save: (batch: SaveBatch) => Promise<{ savedAt: Date }>;
  onState: (state: SaveState) => void;
  delayMs?: number;
  timers?: Timers;
}

export class AutosaveQueue {
  private pending: SaveBatch = { answers: {} };
  private chain: Promise<void> = Promise.resolve();
  private timer: unknown = null;
  private inFlight = false;
  private failed = false;

  constructor(private readonly options: AutosaveOptions) {}

  /** Records an answer and schedules a save a moment later (answers given in quick succession travel together). */
  answer(itemId: string, value: AnswerValue): void {
    this.pending.answers[itemId] = value;
    this.options.onState({ kind: "saving" }); // unsaved until the debounced save lands
    this.schedule();
  }

  /** Records the page the founder is on; sent with the next save. */
  setPage(page: number): void {
    this.pending.page = page;
  }

  /** True while anything given has not been confirmed by the server. */
  hasUnsaved(): boolean {
    return this.inFlight || this.failed || !isEmptyBatch(this.pending);
  }

  /** Sends everything pending now (after any save already in flight); resolves when that save settled. */
  flush(): Promise<void> {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.chain = this.chain.then(() => this.sendPending());
    return this.chain;
  }

  private get timers(): Timers {
    return this.options.timers ?? realTimers;
  }

  private schedule(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => void this.flush(), this.options.delayMs ?? AUTOSAVE_DELAY_MS);
  }

  private async sendPending(): Promise<void> {
    const batch = this.pending;
    if (isEmptyBatch(batch)) return;
    this.pending = { answers: {} };
    this.inFlight = true;
    this.options.onState({ kind: "saving" });
    try {
      const saved = await this.options.save(batch);
      this.inFlight = false;
      this.failed = false;
      this.options.onState(isEmptyBatch(this.pending) ? { kind: "saved", at: saved.savedAt } : { kind: "saving" });
    } catch (error) {
      this.inFlight = false;
      this.failed = true;
      this.pending = requeue(batch, this.pending);
      this.options.onState({ kind: "error", error });
    }
  }
}
