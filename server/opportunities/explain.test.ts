import { beforeAll, describe, expect, it } from "vitest";
import { FACETS, type FacetProfile } from "@/server/assessment/facets";
import { seededRandom } from "@/server/assessment/simulate-respondents";
import { bundledDataset } from "./dataset";
import { FACTORS, type FactorScores } from "./dataset-schema";
import { describe as describeContribution, explainScores, fitByFacet, messageFor, summarizeFit } from "./explain";
import type { Locale, Localized } from "@/server/i18n/locale";
import { translatorFor, type Translate } from "@/server/i18n/messages";
import { fitScore, scoreOpportunity, toScorable, type ScorableOpportunity } from "./scoring";

let translators: Localized<Translate>;
beforeAll(async () => {
  translators = { en: await translatorFor("en", "opportunities"), zh: await translatorFor("zh", "opportunities") };
});
/** Options in one language, with the app's own messages. */
const opts = (locale: Locale, subject?: "founder" | "team") => ({ locale, t: translators[locale], ...(subject ? { subject } : {}) });

const uniform = (score: number): FacetProfile => Object.fromEntries(FACETS.map((f) => [f, score])) as FacetProfile;
const crowdedAndRegulated: ScorableOpportunity = {
  stage: "growing",
  factors: { ...(Object.fromEntries(FACTORS.map((f) => [f, 3])) as FactorScores), competitionIntensity: 5, regulatoryBurden: 5 },
  value: { low: 10, high: 20 },
  requiredProfile: { customer_insight: 0.4, monetisation: 0.3, delegation: 0.3 },
};
const founder: FacetProfile = { ...uniform(55), market_sensing: 90, financial_discipline: 20 };

describe("fit explanation", () => {
  it("says in English what raised and what lowered the fit, naming factor and facet", () => {
    const text = summarizeFit(fitScore(founder, crowdedAndRegulated), opts("en"));
    expect(text).toBe(
      "Strong market sensing fits this opportunity's crowded market; regulatory burden is high and your risk and financial discipline is your blind spot.",
    );
  });

  it("says the same in Chinese, and words a team's fit as the team's", () => {
    const fit = fitScore(founder, crowdedAndRegulated);
    const zh = summarizeFit(fit, opts("zh"));
    expect(zh).toContain("市场洞察");
    expect(zh).toContain("风险与财务纪律");
    expect(zh).toContain("盲点");
    expect(zh.endsWith("。")).toBe(true);
    expect(summarizeFit(fit, opts("en", "team"))).toContain("your team's blind spot");
    expect(summarizeFit(fit, opts("zh", "team"))).toContain("团队的盲点");
  });

  it("keeps acronyms in facet names", () => {
    const o = { ...crowdedAndRegulated, factors: { ...crowdedAndRegulated.factors, technicalDifficulty: 5 } };
    const lines = fitByFacet(fitScore({ ...uniform(50), ai_data_literacy: 95 }, o)).map((g) =>
      describeContribution(g.representative, opts("en")),
    );
    expect(lines.some((l) => l.includes("AI and data literacy"))).toBe(true);
  });

  it("tells the user how to get a fit score when there is no profile", () => {
    const e = explainScores(scoreOpportunity(crowdedAndRegulated), opts("en"));
    expect(e.fit).toBeNull();
    expect(e.fitMissing).toMatch(/assessment/);
    expect(explainScores(scoreOpportunity(crowdedAndRegulated), opts("zh")).fitMissing).toMatch(/创始人自我评估/);
  });
});

describe("message keys", () => {
  it("exist for every contribution any curated opportunity and random profile can produce, and leave no placeholder unfilled", () => {
    const rng = seededRandom(11);
    for (const o of bundledDataset().opportunities) {
      const profile = Object.fromEntries(FACETS.map((f) => [f, Math.round(rng() * 100)])) as FacetProfile;
      const s = scoreOpportunity(toScorable(o), { profile });
      for (const c of [...s.value.contributions, ...s.feasibility.contributions, ...s.fit!.contributions]) {
        expect(messageFor(c).key).toBeTruthy();
        for (const locale of ["en", "zh"] as const) {
          for (const subject of ["founder", "team"] as const) {
            // A missing message comes back as its key path ("opportunities.explain…").
            expect(describeContribution(c, opts(locale, subject))).not.toMatch(/[{}]|explain\./);
          }
        }
      }
    }
  });

  it("words a small value estimate in Chinese units (亿) and English billions", () => {
    const small = { ...crowdedAndRegulated, value: { low: 0.2, high: 0.2 } };
    const c = scoreOpportunity(small).value.contributions.find((x) => x.kind === "estimate")!;
    expect(describeContribution(c, opts("en"))).toContain("$0.2 bn");
    expect(describeContribution(c, opts("zh"))).toContain("2 亿美元");
  });
});
