import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { bundledInstrument, LATEST_INSTRUMENT_VERSION } from "./instruments";
import { scoreAttempt } from "./scoring";
import { seededRandom, simulateLatentRespondent, type LatentTraitModel } from "./simulate-respondents";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Demo workspace content: two completed attempts two months apart for the demo founder, a
 * technical founder who grew on the business side, so results, comparison and the opportunity
 * fit have something to show at once. Synthetic answers, seeded, never presented as real data.
 */
export async function seedDemoAssessment(db: Db, { userId, workspaceId }: { userId: string; workspaceId: string }) {
  const instrument = bundledInstrument(LATEST_INSTRUMENT_VERSION);
  const base: LatentTraitModel = { loading: 1, noiseSd: 0.5, dimensionWeight: 0.5 };
  const profiles: { daysAgo: number; seed: number; facetShift: LatentTraitModel["facetShift"] }[] = [
    {
      daysAgo: 60,
      seed: 101,
      facetShift: { ai_data_literacy: 1.4, technical_judgement: 1.2, trend_sensing: 1, monetisation: -1.2, market_sensing: -0.8, delegation: -1 },
    },
    {
      daysAgo: 3,
      seed: 202,
      facetShift: { ai_data_literacy: 1.4, technical_judgement: 1.2, trend_sensing: 1, monetisation: -0.3, market_sensing: 0, delegation: -0.7 },
    },
  ];
  for (const p of profiles) {
    const answers = simulateLatentRespondent(instrument, { ...base, facetShift: p.facetShift }, seededRandom(p.seed));
    const completedAt = new Date(Date.now() - p.daysAgo * DAY);
    await db.assessmentAttempt.create({
      data: {
        workspaceId,
        userId,
        instrumentVersion: instrument.version,
        answers,
        status: "COMPLETED",
        scores: scoreAttempt(instrument, answers) as unknown as Prisma.InputJsonValue,
        startedAt: new Date(completedAt.getTime() - 20 * 60 * 1000),
        completedAt,
      },
    });
  }
}
