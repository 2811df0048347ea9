import { env } from "@/server/env";

export type LogLevel = "debug" | "info" | "warn" | "error";
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Extra facts of a log line; an `err` field is written with its message and stack. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** One JSON object per line (production: for log collectors) or `[scope] message key=value` (development). */
  format: "json" | "pretty";
  /** Lines below this level are dropped. */
  level: LogLevel;
  /** Where a finished line goes; errors and warnings go to stderr by default. */
  write?: (level: LogLevel, line: string) => void;
  now?: () => Date;
}

function plain(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

function pretty(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  return typeof value === "string" ? value : JSON.stringify(value);
}

const defaultWrite = (level: LogLevel, line: string) => {
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
};

/** A logger for one part of the server (`scope`: "db", "ml", "trpc"…). */
export function createLogger(scope: string, options: LoggerOptions): Logger {
  const write = options.write ?? defaultWrite;
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (RANK[level] < RANK[options.level]) return;
    if (options.format === "json") {
      const entries = Object.entries(fields).map(([k, v]) => [k, plain(v)]);
      write(level, JSON.stringify({ time: now().toISOString(), level, scope, message, ...Object.fromEntries(entries) }));
    } else {
      const extra = Object.entries(fields).map(([k, v]) => (v instanceof Error ? `\n${pretty(v)}` : ` ${k}=${pretty(v)}`));
      write(level, `[${scope}] ${message}${extra.join("")}`);
    }
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
  };
}

/** The server's logger for `scope`: JSON lines in production, readable lines in development. */
export function logger(scope: string): Logger {
  const production = env.NODE_ENV === "production";
  return createLogger(scope, { format: production ? "json" : "pretty", level: production ? "info" : "debug" });
}
