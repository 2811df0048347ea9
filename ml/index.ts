// Public surface of the ml/ library. Plain TypeScript: no Next, tRPC or Prisma.
export * from "./types";
export * from "./backend";
export * from "./backbone";
export * from "./embed";
export * from "./data";
export * from "./train";
export * from "./metrics";
export * from "./export";
