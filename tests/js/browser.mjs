// The little of a browser the modules under test touch, for Node's test
// runner: `window` with localStorage and sessionStorage, Web Crypto and
// CustomEvent (global in Node 20, not yet in Debian 12's Node 18). Nothing
// else: a module that needs the DOM is tested in tests/browser/ instead.
import { webcrypto } from "node:crypto";

if (!globalThis.crypto) globalThis.crypto = webcrypto;
if (!globalThis.CustomEvent) {
  globalThis.CustomEvent = class CustomEvent extends Event {
    constructor(type, init = {}) {
      super(type, init);
      this.detail = init.detail ?? null;
    }
  };
}

/** A Storage that keeps strings in a Map (the methods the site calls). */
export class MemoryStorage {
  #items = new Map();

  get length() {
    return this.#items.size;
  }

  key(index) {
    return [...this.#items.keys()][index] ?? null;
  }

  getItem(key) {
    return this.#items.has(key) ? this.#items.get(key) : null;
  }

  setItem(key, value) {
    this.#items.set(String(key), String(value));
  }

  removeItem(key) {
    this.#items.delete(key);
  }

  entries() {
    return Object.fromEntries(this.#items);
  }
}

/** A fresh `window` with empty storage; ``blocked`` makes reading either storage property throw. */
export function freshWindow({ blocked = false } = {}) {
  const local = new MemoryStorage();
  const session = new MemoryStorage();
  const refuse = () => {
    throw new Error("SecurityError: access to storage is denied");
  };
  const events = new EventTarget();
  globalThis.window = {
    get localStorage() {
      return blocked ? refuse() : local;
    },
    get sessionStorage() {
      return blocked ? refuse() : session;
    },
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    dispatchEvent: events.dispatchEvent.bind(events),
    location: { origin: "http://127.0.0.1:8000" },
  };
  return { local, session };
}

freshWindow();
