// Until every module imports the part of the storage layer it uses
// (storage/keys.js, store.js, layer.js, answers.js, partners.js), this
// re-exports them under the old name.
export * from "./storage/keys.js";
export * from "./storage/store.js";
export * from "./storage/layer.js";
export * from "./storage/answers.js";
export * from "./storage/partners.js";
