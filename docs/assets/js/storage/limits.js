// The limits on what the site keeps (a partner's name, an imported backup's
// sizes), read at run time from the backup schema the site publishes
// (assets/schema/answers-v1.json), so each is stated in one place. No DOM.

/** Where the published schema is, next to this module's folder in the built site. */
export const SCHEMA_URL = new URL("../../schema/answers-v1.json", import.meta.url);

const whole = (value, what) => {
  if (!Number.isInteger(value) || value < 1) throw new Error(`the backup schema does not state ${what}`);
  return value;
};

/** The limits ``schema`` (the parsed answers-v1.json) states: {name, entries, text, list}. */
export function limitsFrom(schema) {
  const names = schema?.properties?.partners?.properties ?? {};
  const lists = (schema?.$defs?.value?.anyOf ?? []).filter((shape) => shape.type === "array");
  const name = whole(names.a?.maxLength, "how long a name may be");
  if (names.b?.maxLength !== name) throw new Error("the backup schema gives the two partners' names different limits");
  const list = whole(lists[0]?.maxItems, "how long a list may be");
  if (lists.some((shape) => shape.maxItems !== list)) throw new Error("the backup schema gives lists different limits");
  return {
    name,
    entries: whole(schema?.properties?.answers?.maxItems, "how many answers a backup may hold"),
    text: whole(schema?.$defs?.text?.maxLength, "how long a text may be"),
    list,
  };
}

let loading = null;

/** The limits, fetched once per page; rejects with a plain message when the schema cannot be read. */
export function loadLimits(fetcher = globalThis.fetch) {
  loading ??= Promise.resolve()
    .then(() => fetcher(SCHEMA_URL))
    .then((response) => {
      if (!response.ok) throw new Error(`the site's backup rules could not be loaded (HTTP ${response.status})`);
      return response.json();
    })
    .then(limitsFrom)
    .catch((error) => {
      loading = null; // try again next time (for example once back online)
      throw error;
    });
  return loading;
}
