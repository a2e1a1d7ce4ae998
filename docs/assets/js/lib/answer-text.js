// One stored answer in words: the comparison (compare.js), the readable
// Markdown download (backup.js) and the "No longer on this worksheet" box
// (worksheet.js) all describe answers through answerText, so a ticked box
// or a scale reads the same everywhere.
//
// ``field`` describes the question as the My answers catalogue does:
//   {type, label?, options?: {<id>: label}, scale?: [min, max], columns?: [field with id]}
// or is null when the question is no longer on the worksheet (then the value
// is described by its shape). An answer that is not there is "".

const blank = (value) => value === undefined || value === null || value === "";

/** A rows table: one numbered line per row, "Column: answer" for each filled cell. */
function rowsText(rows, columns) {
  return rows.map((row, index) => {
    const cells = columns
      ? columns.map((column) => [column.label || column.id, column, row[column.id]])
      : Object.entries(row).map(([id, cell]) => [id, null, cell]);
    const parts = cells.filter(([, , cell]) => !blank(cell))
      .map(([name, column, cell]) => `${name}: ${answerText(column, cell)}`);
    return `${index + 1}. ${parts.join("; ")}`;
  }).join("\n");
}

export function answerText(field, value) {
  if (blank(value)) return "";
  const option = (id) => (field && field.options && Object.hasOwn(field.options, id) ? field.options[id] : String(id));
  const type = field ? field.type : undefined;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (type === "scale" && typeof value === "number" && Array.isArray(field.scale)) {
    const [low, high] = field.scale; // "4 of 5", as the self-check's scores read
    return low === 1 ? `${value} of ${high}` : `${value} on a scale of ${low} to ${high}`;
  }
  if (typeof value === "string" || typeof value === "number") return option(value);
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))) {
      return rowsText(value, field && field.columns);
    }
    return value.map((item) => (typeof item === "string" ? option(item) : JSON.stringify(item))).join(", ");
  }
  return JSON.stringify(value);
}
