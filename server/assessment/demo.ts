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
  // The same seed for both attempts: the same underlying person and noise, so the differences
  // between them are the shifts below and read as growth, not as random churn.
  const base: LatentTraitModel = { loading: 0.8, noiseSd: 0.35, dimensionWeight: 0.5 };
  const technical = { ai_data_literacy: 1.3, technical_judgement: 1.1, trend_sensing: 0.9, learning_agility: 0.6 };
  const profiles: { daysAgo: number; facetShift: LatentTraitModel["facetShift"] }[] = [
    { daysAgo: 60, facetShift: { ...technical, monetisation: -1.3, market_sensing: -1, customer_insight: -0.6, delegation: -1.1 } },
    { daysAgo: 3, facetShift: { ...technical, monetisation: -0.4, market_sensing: -0.2, customer_insight: 0.3, delegation: -0.6 } },
  ];
  for (const p of profiles) {
    const answers = simulateLatentRespondent(instrument, { ...base, facetShift: p.facetShift }, seededRandom(20261128));
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
