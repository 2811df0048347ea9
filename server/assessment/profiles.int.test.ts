import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createTeam, createUser } from "@/server/test/factories";
import { FACETS, type FacetProfile } from "./facets";
import { seedDemoAssessment } from "./demo";
import { getFacetProfile, getTeamCoverageProfile } from "./profiles";
import { scoreAttempt } from "./scoring";
import { bundledInstrument } from "./instruments";
import { simulateLatentRespondent, seededRandom } from "./simulate-respondents";

const instrument = bundledInstrument(1);

async function completedAttempt(workspaceId: string, userId: string, seed: number, completedAt = new Date()) {
  const answers = simulateLatentRespondent(instrument, { loading: 1, noiseSd: 0.7, dimensionWeight: 0.6 }, seededRandom(seed));
  const result = scoreAttempt(instrument, answers);
  await getDb().assessmentAttempt.create({
    data: { workspaceId, userId, instrumentVersion: 1, answers, status: "COMPLETED", scores: result as object, completedAt },
  });
  return result.facetScores;
}

describe("facet profiles for other domains", () => {
  it("returns the member's latest completed facet scores, or null before any", async () => {
    const { user, workspace } = await createUser();
    expect(await getFacetProfile(getDb(), { workspaceId: workspace.id, userId: user.id })).toBeNull();
    await completedAttempt(workspace.id, user.id, 1, new Date(Date.now() - 60_000));
    const latest = await completedAttempt(workspace.id, user.id, 2);
    expect(await getFacetProfile(getDb(), { workspaceId: workspace.id, userId: user.id })).toEqual(latest);
  });

  it("covers the caller plus members who share everything, and no one else", async () => {
    const { owner, mate, workspaceId } = await createTeam("MEMBER");
    const ownerScores = await completedAttempt(workspaceId, owner.user.id, 3);
    const mateScores = await completedAttempt(workspaceId, mate.user.id, 4);
    const best = (profiles: FacetProfile[]) => Object.fromEntries(FACETS.map((f) => [f, Math.max(...profiles.map((p) => p[f]))]));

    // The mate shares dimension scores only (the default): their facets must not count.
    expect(await getTeamCoverageProfile(getDb(), { workspaceId, userId: owner.user.id })).toEqual(best([ownerScores]));
    await getDb().assessmentSharing.create({ data: { workspaceId, userId: mate.user.id, level: "EVERYTHING" } });
    expect(await getTeamCoverageProfile(getDb(), { workspaceId, userId: owner.user.id })).toEqual(best([ownerScores, mateScores]));
    expect(await getTeamCoverageProfile(getDb(), { workspaceId })).toEqual(best([mateScores]));
  });
});

describe("demo data", () => {
  it("gives the demo founder two completed attempts and a facet profile", async () => {
    const { user, workspace } = await createUser();
    await seedDemoAssessment(getDb(), { userId: user.id, workspaceId: workspace.id });
    const attempts = await getDb().assessmentAttempt.findMany({ where: { workspaceId: workspace.id, userId: user.id } });
    expect(attempts.map((a) => a.status)).toEqual(["COMPLETED", "COMPLETED"]);
    const profile = await getFacetProfile(getDb(), { workspaceId: workspace.id, userId: user.id });
    expect(Object.keys(profile ?? {}).sort()).toEqual([...FACETS].sort());
  });
});
