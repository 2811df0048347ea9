import { createCallerFactory, createTRPCRouter } from "@/server/trpc";
import { accountRouter } from "./account";
import { apiKeysRouter } from "./api-keys";
import { fieldLoopRouter } from "./field-loop";
import { ideasRouter } from "./ideas";
import { opportunitiesRouter } from "./opportunities";
import { assessmentRouter } from "./assessment";
import { invitationsRouter, membersRouter } from "./members";
import { prototypeRunsRouter } from "./prototype-runs";
import { prototypesRouter } from "./prototypes";
import { ratersRouter } from "./raters";
import { workspaceRouter } from "./workspace";

/** One router per domain; a new router also needs its procedures in the cross-tenant table (server/test/cross-tenant/). */
export const appRouter = createTRPCRouter({
  account: accountRouter,
  workspace: workspaceRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  assessment: assessmentRouter,
  raters: ratersRouter,
  ideas: ideasRouter,
  apiKeys: apiKeysRouter,
  prototypes: prototypesRouter,
  runs: prototypeRunsRouter,
  fieldLoop: fieldLoopRouter,
  opportunities: opportunitiesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
