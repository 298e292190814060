/**
 * Several rounds of the same scenarios, summarised. The bench machine is shared and its speed drifts by more than
 * the differences being measured, so each ratio is computed within a round (its two scenarios measured a few seconds
 * apart) and the report gives the median over the rounds, with the lowest and highest round.
 */

/** The middle element of the sorted values (the lower middle for an even count); undefined when there are none. */
function lowerMedian(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * One row per scenario id: the round with the median rate (so that its latencies and CPU shares belong together),
 * marked invalid if any round was, with every round's rate kept in `roundRates`.
 */
export function summarizeScenarios(rounds) {
  const ids = [...new Set(rounds.flatMap((round) => round.scenarios.map((scenario) => scenario.id)))];
  return ids.map((id) => {
    const measured = rounds.map((round) => round.scenarios.find((scenario) => scenario.id === id)).filter((s) => s !== undefined);
    const rates = measured.filter((scenario) => typeof scenario.rate === 'number').map((scenario) => scenario.rate);
    const medianRate = lowerMedian(rates);
    const representative = measured.find((scenario) => scenario.rate === medianRate) ?? measured[0];
    const invalid = measured.find((scenario) => !scenario.valid);
    return { ...(invalid ?? representative), valid: invalid === undefined, roundRates: rates };
  });
}

/** Each ratio's median over the rounds in which it could be computed, with its lowest and highest round. */
export function summarizeRatios(roundRatios) {
  const names = [...new Set(roundRatios.flat().map((ratio) => ratio.name))];
  return names.map((name) => {
    const perRound = roundRatios.map((ratios) => ratios.find((ratio) => ratio.name === name)).filter((r) => r !== undefined);
    const values = perRound.map((ratio) => ratio.value).filter((value) => value !== null);
    const perCore = perRound.map((ratio) => ratio.perServerCore).filter((value) => value !== null);
    const allValid = values.length === perRound.length;
    const value = allValid ? lowerMedian(values) ?? null : null;
    const target = perRound[0]?.target;
    return {
      name,
      value,
      perServerCore: allValid ? lowerMedian(perCore) ?? null : null,
      low: allValid && values.length > 0 ? Math.min(...values) : null,
      high: allValid && values.length > 0 ? Math.max(...values) : null,
      rounds: values.length,
      ...(target === undefined ? {} : { target, met: value !== null && value >= target }),
    };
  });
}
