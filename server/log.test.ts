import { describe, expect, it } from "vitest";
import { createLogger, type LogLevel } from "./log";

function capture(format: "json" | "pretty", level: LogLevel = "info") {
  const lines: { level: LogLevel; line: string }[] = [];
  const log = createLogger("db", {
    format,
    level,
    write: (l, line) => lines.push({ level: l, line }),
    now: () => new Date("2026-01-02T03:04:05Z"),
  });
  return { log, lines };
}

describe("logger", () => {
  it("writes one JSON object per line in production, with the error's message and stack", () => {
    const { log, lines } = capture("json");
    log.error("migration failed", { migration: "0001_init", err: new Error("boom") });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!.line) as Record<string, unknown>;
    expect(entry).toMatchObject({
      time: "2026-01-02T03:04:05.000Z",
      level: "error",
      scope: "db",
      message: "migration failed",
      migration: "0001_init",
    });
    expect(entry.err).toMatchObject({ name: "Error", message: "boom" });
    expect(lines[0]!.level).toBe("error");
  });

  it("writes readable lines in development", () => {
    const { log, lines } = capture("pretty");
    log.info("applied 2 migration(s)", { count: 2 });
    expect(lines[0]!.line).toBe("[db] applied 2 migration(s) count=2");
  });

  it("drops lines below its level", () => {
    const { log, lines } = capture("json", "warn");
    log.debug("noise");
    log.info("noise");
    log.warn("kept");
    expect(lines.map((l) => JSON.parse(l.line).message)).toEqual(["kept"]);
  });
});
