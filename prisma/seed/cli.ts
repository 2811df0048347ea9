import { ensureDatabase, closeDatabase } from "@/server/runtime/database";

// `npm run db:seed`: migrations, reference data, and the demo account on an empty database.
await ensureDatabase();
await closeDatabase();
console.log("Seed complete.");
