// The trust self-check's scores (no DOM): per area, the mean of its answered
// scales about the partner and about "me", the areas to suggest, and whether
// a safety question has a worrying answer. worksheet.js shows them.

/**
 * Per area, the mean of its answered scales about the partner and about
 * "me" (each null until one is answered); the areas to suggest, from the
 * partner means alone; and whether any safety question has a worrying answer.
 */
export function scores(definition, answers) {
  const [low, high] = definition.scale || [1, 5];
  const middle = (low + high) / 2;
  const areas = new Map();
  let worry = false;
  for (const field of definition.fields) {
    const value = answers[field.id];
    if (field.worry_at && typeof value === "number" && value >= field.worry_at) worry = true;
    if (field.type !== "scale" || !field.area) continue;
    const area = areas.get(field.area) || { area: field.area, partner: [0, 0, 0], me: [0, 0, 0] };
    const part = area[field.about === "me" ? "me" : "partner"]; // [questions, answered, sum]
    part[0] += 1;
    if (typeof value === "number") {
      part[1] += 1;
      part[2] += value;
    }
    areas.set(field.area, area);
  }
  const summary = ([total, answered, sum]) => ({ total, answered, mean: answered ? sum / answered : null });
  const results = [...areas.values()].map((a) => ({ area: a.area, partner: summary(a.partner), me: summary(a.me) }));
  const answered = results.filter((a) => a.partner.mean !== null);
  const lowest = Math.min(...answered.map((a) => a.partner.mean));
  const suggest = answered
    .filter(({ partner: { mean } }) => (mean === lowest && lowest < high) || mean < middle)
    .map((a) => a.area);
  return { results, suggest, high, worry };
}

export function formatScore(mean, high) {
  const rounded = Math.round(mean * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)} of ${high}`;
}
