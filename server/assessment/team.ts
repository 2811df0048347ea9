import type { DbTx } from "@/server/db";
import { recordAudit } from "@/server/workspaces/audit";
import { latestResults } from "./latest-results";
import { DEFAULT_SHARE_LEVEL, sharedView, type SharedResult, type ShareLevel } from "./sharing";
import { teamCoverage } from "./team-coverage";

export async function getShareLevel(db: DbTx, { workspaceId, userId }: { workspaceId: string; userId: string }): Promise<ShareLevel> {
  const row = await db.assessmentSharing.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { level: true } });
  return row?.level ?? DEFAULT_SHARE_LEVEL;
}

export async function setShareLevel(
  db: DbTx,
  { workspaceId, userId, level }: { workspaceId: string; userId: string; level: ShareLevel },
): Promise<ShareLevel> {
  const row = await db.assessmentSharing.upsert({
    where: { workspaceId_userId: { workspaceId, userId } },
    create: { workspaceId, userId, level },
    update: { level },
    select: { level: true },
  });
  await recordAudit(db, {
    workspaceId,
    actorId: userId,
    action: "assessment.sharing_changed",
    targetType: "user",
    targetId: userId,
    data: { level },
  });
  return row.level;
}

export type TeamMemberStatus = "shared" | "notTaken" | "hidden";

export interface TeamMemberView {
  userId: string;
  name: string | null;
  email: string;
  isSelf: boolean;
  level: ShareLevel;
  /**
   * hidden: the member shares nothing, so not even whether they took the assessment is shown;
   * notTaken: no completed attempt; shared: `shared` holds what they chose to show.
   */
  status: TeamMemberStatus;
  completedAt: Date | null;
  shared: SharedResult | null;
}

/**
 * The team page: every current member with exactly what they share (the viewer sees their own
 * result in full), and the coverage over the members whose facet scores are visible.
 */
export async function teamView(db: DbTx, { workspaceId, viewerId }: { workspaceId: string; viewerId: string }) {
  const [members, levels, latest] = await Promise.all([
    db.membership.findMany({
      where: { workspaceId },
      orderBy: [{ createdAt: "asc" }],
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    db.assessmentSharing.findMany({ where: { workspaceId }, select: { userId: true, level: true } }),
    latestResults(db, { workspaceId }),
  ]);
  const levelOf = new Map(levels.map((l) => [l.userId, l.level]));

  const views: TeamMemberView[] = members.map(({ user }) => {
    const isSelf = user.id === viewerId;
    const level = levelOf.get(user.id) ?? DEFAULT_SHARE_LEVEL;
    const own = latest.get(user.id);
    const base = { userId: user.id, name: user.name, email: user.email, isSelf, level };
    if (!isSelf && level === "NONE") return { ...base, status: "hidden", completedAt: null, shared: null };
    if (!own) return { ...base, status: "notTaken", completedAt: null, shared: null };
    return { ...base, status: "shared", completedAt: own.completedAt, shared: sharedView(own.result, isSelf ? "EVERYTHING" : level) };
  });

  const facetProfiles = views.flatMap((v) =>
    v.shared?.level === "EVERYTHING" ? [{ memberId: v.userId, facetScores: v.shared.facetScores }] : [],
  );
  return { members: views, coverage: teamCoverage(facetProfiles) };
}
