/* The site's search worker, behind Material's search box.
 *
 * Material creates this worker (hooks/search.py points `__config.search` here), fetches
 * search/search_index.json (our index, written by hooks/search.py) and sends it in a
 * SETUP message; we answer READY as Material's own worker does, so its search box,
 * keyboard handling and deep links work unchanged. Material then sends each query.
 * We answer with a "handbook-result" message, which Material ignores and
 * assets/search/search.js renders: focused answers, one per item, in rank order
 * (Material's renderer groups results by page, page first).
 */
/* global importScripts, HandbookSearch */
importScripts("vendor/minisearch.js", "engine.js");

var SETUP = 0, READY = 1, QUERY = 2;
var engine = null;
var fallback = [];
var pending = "", scheduled = false;

function answer(query) {
  var t0 = Date.now();
  var items = [], empty = true;
  if (query.trim()) {  /* the empty box (Material sends it at load) needs no index */
    var found = ready().search(query);
    var q = found.query;
    empty = !q.terms.length;
    items = found.results.map(function (r) {
      var d = engine.docs[r.id];
      return {
        location: d.location,
        title: d.title,
        page: d.page,
        kind: d.kind,
        preview: d.preview,
        score: r.score,
        /* the words to mark on the page; a site term of several words is marked word by word */
        highlight: q.words.filter(function (w) { return r.terms.indexOf(HandbookSearch.stem(w)) !== -1; })
          .join(HandbookSearch.JOIN).split(HandbookSearch.JOIN).filter(function (w, i, all) { return w && all.indexOf(w) === i; })
      };
    });
  }
  return {
    type: "handbook-result",
    data: { query: query, items: items, empty: empty, fallback: fallback, ms: Date.now() - t0 }
  };
}

/* The engine indexes the documents when the reader first turns to search (search.js sends
   WARM when the search box gets focus) or at the first query, not at every page load: a
   reader who never searches pays only for fetching the file. */
var WARM = "handbook-warm";
var data = null;

function ready() {
  if (!engine && data) engine = new HandbookSearch.Engine(data);
  return engine;
}

addEventListener("message", function (ev) {
  var message = ev.data || {};
  if (message.type === SETUP) {
    data = message.data;
    var handbook = (data.config && data.config.handbook) || {};
    fallback = handbook.fallback || [];
    postMessage({ type: READY });
  } else if (message.type === WARM) {
    ready();
  } else if (message.type === QUERY && data) {
    /* Fast typing: answer only the newest of the queries waiting. */
    pending = String(message.data || "");
    if (!scheduled) {
      scheduled = true;
      setTimeout(function () {
        scheduled = false;
        postMessage(answer(pending));
      }, 0);
    }
  }
});
