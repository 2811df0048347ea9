import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getSessionUser } from "@/server/next/auth";
import { serverCaller } from "@/server/next/caller";

/**
 * For server components under /w/[slug]: the signed-in user and their access to the
 * workspace, once per request. Layout and pages render in parallel, so each page calls this
 * rather than trusting the layout's redirect to have happened first.
 */
export const requireWorkspace = cache(async (slug: string) => {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/w/${slug}`)}`);
  const caller = await serverCaller();
  const access = await caller.workspace.bySlug({ slug }).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return { user, caller, ...access };
});
