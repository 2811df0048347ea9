import { describe, expect, it } from "vitest";
import { groupByAttempt, type SaveRequest } from "./save-batcher";

const base: SaveRequest = { attemptId: "a1", workspaceId: "w1", userId: "u1", instrumentVersion: 1, patch: {}, page: null };

describe("groupByAttempt", () => {
  it("merges one attempt's saves in arrival order: later values and the latest page win", () => {
    const groups = groupByAttempt([
      { request: { ...base, patch: { x: 1, y: 2 }, page: 0 } },
      { request: { ...base, patch: { x: 5 }, page: null } },
      { request: { ...base, patch: { z: "o1" }, page: 2 } },
    ]);
    expect([...groups.values()]).toEqual([{ ...base, patch: { x: 5, y: 2, z: "o1" }, page: 2 }]);
  });

  it("keeps saves apart when attempt, owner or version differ", () => {
    const groups = groupByAttempt([
      { request: { ...base, patch: { x: 1 } } },
      { request: { ...base, userId: "u2", patch: { x: 2 } } },
      { request: { ...base, workspaceId: "w2", patch: { x: 3 } } },
      { request: { ...base, instrumentVersion: 2, patch: { x: 4 } } },
    ]);
    expect(groups.size).toBe(4);
  });

  it("does not mutate the callers' patches", () => {
    const first = { x: 1 };
    groupByAttempt([{ request: { ...base, patch: first } }, { request: { ...base, patch: { x: 2 } } }]);
    expect(first).toEqual({ x: 1 });
  });
});
