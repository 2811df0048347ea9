import { afterAll } from "vitest";
import { disconnectDb } from "@/server/db";

afterAll(async () => {
  await disconnectDb();
});
