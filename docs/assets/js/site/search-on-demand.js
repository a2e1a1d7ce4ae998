// The search index, fetched when the reader reaches for search rather than
// on every page load.
//
// Material's bundle requests search/search_index.json (over 200 kB) as soon
// as a page loads, then parses it and hands it to its search worker on the
// page's own thread, in the seconds when a phone is busiest. Most visits
// never search. This classic script runs just before the bundle (see
// overrides/main.html) and holds that one request until the reader opens
// search, focuses the search box (a click, a tap, or the "/", "s" and "f"
// shortcuts all do), or arrives from a search result (a "?h=" address, which
// Material highlights with the index). Material's search then works as
// before: it shows "Initializing search" until the index has arrived.
//
// It touches only XMLHttpRequests for that address; everything else goes
// through unchanged. If a Material upgrade fetches the index another way,
// the index is simply fetched at once again (tests/browser/test_search.py
// says so). The service worker still stores the index for offline use.
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  const proto = XMLHttpRequest.prototype;
  const open = proto.open;
  const send = proto.send;
  const forIndex = new WeakSet();
  const held = [];
  let wanted = false;

  proto.open = function (method, url, ...rest) {
    try {
      if (INDEX.test(new URL(url, document.baseURI).pathname)) forIndex.add(this);
    } catch {
      // Not a URL this script cares about.
    }
    return open.call(this, method, url, ...rest);
  };

  proto.send = function (...args) {
    if (!wanted && forIndex.has(this)) {
      held.push([this, args]);
      return undefined;
    }
    return send.apply(this, args);
  };

  function want() {
    if (wanted) return;
    wanted = true;
    for (const [request, args] of held.splice(0)) {
      try {
        send.apply(request, args);
      } catch {
        // Aborted while held (Material gave up on it): nothing to send.
      }
    }
  }

  if (new URLSearchParams(location.search).has("h")) want();
  addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.matches("[data-md-component=search-query]")) want();
  });
  addEventListener("change", (event) => {
    if (event.target instanceof Element && event.target.id === "__search") want();
  });
  // A finger or pointer on the search button: start fetching before the click lands.
  addEventListener("pointerdown", (event) => {
    if (event.target instanceof Element && event.target.closest("label[for=__search], .md-search")) want();
  }, { passive: true });
})();
