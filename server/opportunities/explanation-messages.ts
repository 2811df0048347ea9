import type { Locale } from "@/server/i18n/locale";
import type { FactorKey, Stage } from "./dataset-schema";
import type { DemandingFactor } from "./scoring";

/**
 * Sentence templates for the score explanations, keyed by message key, in English and
 * Simplified Chinese. `{name}` placeholders are filled by explain.ts. Fit sentences come in a
 * founder and a team wording, because the fit can be computed for either.
 */

export type Subject = "founder" | "team";
type Wording = string | Record<Subject, string>;
export type MessageKey = keyof typeof MESSAGES;

export const MESSAGES = {
  // Fit: a facet the opportunity's own required profile weights.
  "fit.required.strength": {
    en: {
      founder: "your {facet} ({score}) is a strength this opportunity relies on",
      team: "your team's {facet} ({score}) is a strength this opportunity relies on",
    },
    zh: { founder: "你的{facet}（{score}）是这个机会所依赖的优势", team: "团队的{facet}（{score}）是这个机会所依赖的优势" },
  },
  "fit.required.above": {
    en: {
      founder: "your {facet} ({score}) helps with what this opportunity needs",
      team: "your team's {facet} ({score}) helps with what this opportunity needs",
    },
    zh: { founder: "你的{facet}（{score}）有助于满足这个机会的需要", team: "团队的{facet}（{score}）有助于满足这个机会的需要" },
  },
  "fit.required.below": {
    en: {
      founder: "this opportunity relies on {facet}, where you are below average ({score})",
      team: "this opportunity relies on {facet}, where your team is below average ({score})",
    },
    zh: { founder: "这个机会依赖{facet}，而你在这方面低于平均（{score}）", team: "这个机会依赖{facet}，而团队在这方面低于平均（{score}）" },
  },
  "fit.required.blindSpot": {
    en: {
      founder: "this opportunity relies on {facet}, and at {score} it is your blind spot",
      team: "this opportunity relies on {facet}, and at {score} it is your team's blind spot",
    },
    zh: { founder: "这个机会依赖{facet}，而它（{score}）是你的盲区", team: "这个机会依赖{facet}，而它（{score}）是团队的盲区" },
  },
  // Fit: a facet asked for by a demanding factor ({factorPhrase}: "crowded market").
  "fit.factor.strength": {
    en: {
      founder: "strong {facet} fits this opportunity's {factorPhrase}",
      team: "your team's strong {facet} fits this opportunity's {factorPhrase}",
    },
    zh: { founder: "你的{facet}出色，正好应对{factorPhrase}", team: "团队的{facet}出色，正好应对{factorPhrase}" },
  },
  "fit.factor.above": {
    en: {
      founder: "your {facet} ({score}) helps with this opportunity's {factorPhrase}",
      team: "your team's {facet} ({score}) helps with this opportunity's {factorPhrase}",
    },
    zh: { founder: "你的{facet}（{score}）有助于应对{factorPhrase}", team: "团队的{facet}（{score}）有助于应对{factorPhrase}" },
  },
  "fit.factor.below": {
    en: {
      founder: "{factorState} and your {facet} is below average ({score})",
      team: "{factorState} and your team's {facet} is below average ({score})",
    },
    zh: { founder: "{factorState}，而你的{facet}低于平均（{score}）", team: "{factorState}，而团队的{facet}低于平均（{score}）" },
  },
  "fit.factor.blindSpot": {
    en: { founder: "{factorState} and your {facet} is your blind spot", team: "{factorState} and {facet} is your team's blind spot" },
    zh: { founder: "{factorState}，而{facet}是你的盲区", team: "{factorState}，而{facet}是团队的盲区" },
  },
  "fit.missing": {
    en: {
      founder: "Complete the founder assessment to see how well this opportunity fits you",
      team: "When team members complete the assessment and share their results, the team's fit appears here",
    },
    zh: { founder: "完成创业者测评，即可看到这个机会与你的匹配度", team: "团队成员完成测评并共享结果后，这里会显示团队的匹配度" },
  },

  // Value.
  "value.marketSize.+": { en: "a large market ({level}/5) raises value", zh: "市场规模大（{level}/5），提高了价值" },
  "value.marketSize.-": { en: "a small market ({level}/5) lowers value", zh: "市场规模小（{level}/5），降低了价值" },
  "value.growth.+": { en: "fast growth ({level}/5) raises value", zh: "增长快（{level}/5），提高了价值" },
  "value.growth.-": { en: "slow growth ({level}/5) lowers value", zh: "增长慢（{level}/5），降低了价值" },
  "value.estimate.+": {
    en: "the sourced value estimate (about ${amountBn} bn) raises value",
    zh: "有来源的价值估计（约 {amountYi} 亿美元）提高了价值",
  },
  "value.estimate.-": {
    en: "the sourced value estimate (about ${amountBn} bn) is small and lowers value",
    zh: "有来源的价值估计（约 {amountYi} 亿美元）较小，降低了价值",
  },
  "value.stage.+": { en: "the {stage} stage raises value", zh: "{stage}阶段提高了价值" },
  "value.stage.-": { en: "the {stage} stage lowers value: demand is not yet proven", zh: "{stage}阶段降低了价值：需求尚未得到验证" },

  // Feasibility.
  "feasibility.burden.+": {
    en: "{factorName} is low ({level}/5), which makes it more feasible",
    zh: "{factorName}较低（{level}/5），提高了可行性",
  },
  "feasibility.burden.-": {
    en: "{factorName} is high ({level}/5), which makes it less feasible",
    zh: "{factorName}较高（{level}/5），降低了可行性",
  },
  "feasibility.data.+": {
    en: "data is readily available ({level}/5), which makes it more feasible",
    zh: "数据容易获得（{level}/5），提高了可行性",
  },
  "feasibility.data.-": { en: "data is scarce ({level}/5), which makes it less feasible", zh: "数据稀缺（{level}/5），降低了可行性" },
} as const satisfies Record<string, Record<Locale, Wording>>;

export const FACTOR_NAMES: Record<FactorKey, Record<Locale, string>> = {
  marketSize: { en: "Market size", zh: "市场规模" },
  growth: { en: "Growth", zh: "增长" },
  competitionIntensity: { en: "Competition intensity", zh: "竞争强度" },
  regulatoryBurden: { en: "Regulatory burden", zh: "监管负担" },
  dataAvailability: { en: "Data availability", zh: "数据可得性" },
  technicalDifficulty: { en: "Technical difficulty", zh: "技术难度" },
  capitalIntensity: { en: "Capital intensity", zh: "资本密集度" },
  timeToFirstRevenue: { en: "Time to first revenue", zh: "首笔收入周期" },
};

/** What a factor at its demanding end is called, as a noun phrase (en: "this opportunity's …", zh: "正好应对…"). */
export const FACTOR_PHRASES: Record<DemandingFactor, Record<Locale, string>> = {
  competitionIntensity: { en: "crowded market", zh: "拥挤的市场竞争" },
  regulatoryBurden: { en: "heavy regulation", zh: "严格的监管" },
  technicalDifficulty: { en: "hard technical problem", zh: "高难度的技术问题" },
  capitalIntensity: { en: "capital needs", zh: "较高的资本需求" },
  timeToFirstRevenue: { en: "long road to first revenue", zh: "漫长的首笔收入周期" },
  dataAvailability: { en: "scarce data", zh: "数据稀缺的难题" },
  growth: { en: "fast-moving market", zh: "快速变化的市场" },
};

/** The same as a clause ("… and your X is your blind spot"). */
export const FACTOR_STATES: Record<DemandingFactor, Record<Locale, string>> = {
  competitionIntensity: { en: "competition is intense", zh: "竞争激烈" },
  regulatoryBurden: { en: "regulatory burden is high", zh: "监管负担很重" },
  technicalDifficulty: { en: "the technical problem is hard", zh: "技术难度很高" },
  capitalIntensity: { en: "capital needs are high", zh: "资本需求很高" },
  timeToFirstRevenue: { en: "first revenue is a long way off", zh: "距离首笔收入还很远" },
  dataAvailability: { en: "data is scarce", zh: "数据稀缺" },
  growth: { en: "the market moves fast", zh: "市场变化很快" },
};

export const STAGE_NAMES: Record<Stage, Record<Locale, string>> = {
  emerging: { en: "emerging", zh: "新兴" },
  growing: { en: "growing", zh: "成长" },
  mainstream: { en: "mainstream", zh: "主流" },
};

/** Joins clauses into one sentence: "a; b." / "a；b。" */
export const JOINERS: Record<Locale, { between: string; end: string }> = {
  en: { between: "; ", end: "." },
  zh: { between: "；", end: "。" },
};

export function renderMessage(
  key: MessageKey,
  params: Record<string, string | number>,
  locale: Locale,
  subject: Subject = "founder",
): string {
  const wording: Wording = MESSAGES[key][locale];
  const template = typeof wording === "string" ? wording : wording[subject];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
