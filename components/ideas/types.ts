import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

/** What the idea pages receive, inferred from the router (never re-declared). */
export type IdeaReportData = inferRouterOutputs<AppRouter>["ideas"]["report"];
export type AssumptionView = IdeaReportData["assumptions"][number];
export type ExperimentView = IdeaReportData["experiments"][number];
