import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createContext } from "@/server/next/context";
import { createCaller } from "@/server/routers/_app";

/** The tRPC caller for server components: same procedures, same checks, no HTTP hop. */
export const serverCaller = cache(async () => createCaller(await createContext(await headers())));
