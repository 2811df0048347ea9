/**
 * Unit economics of an idea. Pure; formulas documented in docs/IDEAS.md.
 *
 *   inference cost per 1,000 predictions = latency (ms) / 1000 × 1000 / 3600 × machine price per hour
 *                                        = latency (ms) × machine price per hour / 3600
 *   cost to serve per unit               = other cost per unit + predictions per unit × inference cost per prediction
 *   unit margin                          = price − cost to serve;  gross margin % = unit margin / price
 *   monthly gross profit                 = unit margin × units per month
 *   payback (months)                     = build cost / monthly gross profit (none when profit ≤ 0)
 *
 * Latency assumes one prediction at a time on one machine that is fully used: idle capacity
 * makes the real cost higher, batching makes it lower. It is judgement, not a forecast.
 */
export interface EconomicsInputs {
  pricePerUnit: number;
  unitsPerMonth: number;
  otherCostPerUnit: number;
  predictionsPerUnit: number;
  machinePricePerHour: number;
  buildCost: number;
}

/** Economics count as positive when each unit earns more than it costs and the build pays back within this many months. */
export const MAX_PAYBACK_MONTHS = 24;

export interface Economics {
  latencyMs: number | null;
  inferenceCostPer1000: number | null;
  costToServePerUnit: number;
  unitMargin: number;
  grossMarginPct: number | null;
  monthlyGrossProfit: number;
  paybackMonths: number | null;
  positive: boolean;
  /** What needs to be true: the thresholds each input must stay on the right side of. */
  needs: {
    /** Lowest price that still covers the cost to serve. */
    minPrice: number;
    /** Units per month to pay back the build within MAX_PAYBACK_MONTHS (null when each unit loses money). */
    minUnitsPerMonth: number | null;
    /** Highest latency (ms) at which a unit still breaks even (null when the model is not the constraint). */
    maxLatencyMs: number | null;
  };
}

export function inferenceCostPer1000(latencyMs: number, machinePricePerHour: number): number {
  return (latencyMs * machinePricePerHour) / 3600;
}

export function computeEconomics(i: EconomicsInputs, latencyMs: number | null): Economics {
  const per1000 = latencyMs === null ? null : inferenceCostPer1000(latencyMs, i.machinePricePerHour);
  const modelCost = per1000 === null ? 0 : (i.predictionsPerUnit * per1000) / 1000;
  const costToServePerUnit = i.otherCostPerUnit + modelCost;
  const unitMargin = i.pricePerUnit - costToServePerUnit;
  const monthlyGrossProfit = unitMargin * i.unitsPerMonth;
  const paybackMonths = monthlyGrossProfit > 0 ? i.buildCost / monthlyGrossProfit : null;
  const headroom = i.pricePerUnit - i.otherCostPerUnit;
  const costPerMsPerUnit = (i.predictionsPerUnit * i.machinePricePerHour) / 3600 / 1000;
  return {
    latencyMs,
    inferenceCostPer1000: per1000,
    costToServePerUnit,
    unitMargin,
    grossMarginPct: i.pricePerUnit > 0 ? unitMargin / i.pricePerUnit : null,
    monthlyGrossProfit,
    paybackMonths,
    positive: unitMargin > 0 && paybackMonths !== null && paybackMonths <= MAX_PAYBACK_MONTHS,
    needs: {
      minPrice: costToServePerUnit,
      minUnitsPerMonth: unitMargin > 0 ? i.buildCost / (MAX_PAYBACK_MONTHS * unitMargin) : null,
      maxLatencyMs: costPerMsPerUnit > 0 && headroom > 0 ? headroom / costPerMsPerUnit : null,
    },
  };
}
