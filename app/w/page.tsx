import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/next/auth";
import { serverCaller } from "@/server/next/caller";

/** /w: the user's first workspace (personal first). */
export default async function WorkspacesIndex() {
  if (!(await getSessionUser())) redirect("/sign-in");
  const list = await (await serverCaller()).workspace.list();
  redirect(list[0] ? `/w/${list[0].slug}` : "/");
}
