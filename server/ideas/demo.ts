import type { Db } from "@/server/db";
import { DEMO_PROTOTYPE_NAME } from "@/server/prototypes/demo";
import { createAssumption } from "./assumptions";
import { saveEconomics } from "./economics";
import { planExperiment, recordLearning } from "./experiments";
import { createIdea } from "./ideas";

/**
 * Demo workspace content: one idea that joins the demo founder's profile, the shortlisted
 * visual-inspection opportunity and the demo prototype, with the validation work a founder
 * would have started: three assumptions, an interview experiment that passed, a prototype
 * experiment planned against the demo prototype (read live from its run), and unit economics
 * whose every input says where it came from.
 */
export async function seedDemoIdea(db: Db, { userId, workspaceId }: { userId: string; workspaceId: string }) {
  const prototype = await db.prototype.findFirst({ where: { workspaceId, name: DEMO_PROTOTYPE_NAME }, select: { id: true } });
  const idea = await createIdea(db, {
    workspaceId,
    userId,
    fields: {
      title: "Defect spotting for small PCB and metal-parts makers",
      summary:
        "A camera and a classifier at the end of the line flag scratched or pitted parts before they ship. Sold per line per month to makers too small for the big vision vendors.",
      opportunityRef: "manufacturing.visual-inspection",
      prototypeId: prototype?.id ?? null,
    },
  });
  const scope = { workspaceId, userId, ideaId: idea.id };

  const pay = await createAssumption(db, {
    ...scope,
    origin: "base:pain",
    fields: {
      kind: "desirability",
      statement: "Makers with one to five lines lose enough to escaped defects to pay 300 a month per line for automatic checks.",
      importance: "critical",
      evidence: "weak",
    },
  });
  const accuracy = await createAssumption(db, {
    ...scope,
    origin: "base:accuracy",
    fields: {
      kind: "feasibility",
      statement: "A classifier trained on a few hundred photos per line finds at least 90 % of scratched parts.",
      importance: "critical",
      evidence: "none",
    },
  });
  await createAssumption(db, {
    ...scope,
    origin: "base:margin",
    fields: {
      kind: "viability",
      statement: "Camera, support and inference cost stay under a quarter of the price per line.",
      importance: "high",
      evidence: "weak",
    },
  });

  const interviews = await planExperiment(db, {
    ...scope,
    plan: {
      assumptionId: pay.id,
      kind: "interviews",
      believe: "Quality leads at small makers feel escaped defects in returns and lost orders.",
      verify: "We will interview 12 quality leads found through the regional manufacturers' association.",
      measure: "How many say they would pay 300 a month per line after seeing a demo.",
      rightIf: "At least 8 of 12 say yes.",
      metric: "quality leads who would pay 300 / line / month",
      prototypeId: null,
      runId: null,
      prototypeMetric: null,
      targetClass: null,
      threshold: 8,
      minSamples: null,
      deadline: null,
      opportunityRef: null,
    },
  });
  await recordLearning(db, {
    ...scope,
    learning: {
      experimentId: interviews.id,
      resultValue: 9,
      resultNotes: "Two of the nine asked for a per-part price instead of per line.",
      observed: "9 of 12 would pay at 300 a month per line; the 3 others already use an inspector.",
      learned: "The pain is real where nobody inspects today; plants with an inspector are a harder sale.",
      therefore: "Target plants without a dedicated inspector first, and test per-part pricing next.",
    },
  });
  if (prototype) {
    await planExperiment(db, {
      ...scope,
      plan: {
        assumptionId: accuracy.id,
        kind: "prototype",
        believe: "The model finds scratched parts as reliably as a person at the end of the line.",
        verify: "We will train the prototype on photos from a pilot line and hold images out for testing.",
        measure: "Recall on the class “scratched” on held-out images.",
        rightIf: "Recall is at least 90 %, its interval's lower end included, on at least 100 held-out images.",
        metric: "",
        prototypeId: prototype.id,
        runId: null,
        prototypeMetric: "recall",
        targetClass: "scratched",
        threshold: 0.9,
        minSamples: 100,
        deadline: null,
        opportunityRef: null,
      },
    });
  }
  await saveEconomics(db, {
    ...scope,
    baseUpdatedAt: null,
    fields: {
      unitLabel: "one production line for a month",
      pricePerUnit: 300,
      unitsPerMonth: 40,
      otherCostPerUnit: 60,
      predictionsPerUnit: 200_000,
      machinePricePerHour: 0.1,
      latencyMsOverride: 12.3,
      buildCost: 60_000,
      sources: {
        pricePerUnit: "The price 9 of 12 interviewed quality leads accepted.",
        unitsPerMonth: "Guess: 20 customers with two lines each after the first year.",
        otherCostPerUnit: "Camera and light amortised over 24 months (about 35) plus support time (about 25).",
        predictionsPerUnit: "About 9,000 parts a day over 22 working days.",
        machinePricePerHour: "A small two-core cloud VM at list price.",
        latencyMsOverride: "docs/BENCHMARKS.md: decode, resize and MobileNet v2 on one WASM thread, 81 images a second (batch 8).",
        buildCost: "Two founders for three months at a modest salary, plus hardware.",
      },
    },
  });
}
