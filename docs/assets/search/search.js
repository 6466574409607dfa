/* The search result list: focused answers from our worker (assets/search/worker.js),
 * rendered with Material's markup (.md-search-result__item, __link, __article) so that
 * Material's keyboard handling (arrows, Enter) and styles apply. Started once, from
 * Material's document$ (the search box lives in the header, which instant navigation
 * keeps). The count says how many answers are listed; when nothing matches, the list
 * offers the pages to start from instead. */
/* global document$ */
(function () {
  "use strict";
  var started = false;

  function start() {
    var hub = window.__handbookSearch;
    var result = document.querySelector("[data-md-component=search-result]");
    var input = document.querySelector("[data-md-component=search-query]");
    var config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
    if (!hub || !hub.worker || !result || !input || !config.base) return false;
    var meta = result.querySelector(".md-search-result__meta");
    var list = result.querySelector(".md-search-result__list");
    var base = new URL(config.base, location.href);
    var t = config.translations || {};
    var highlight = (config.features || []).indexOf("search.highlight") !== -1;

    function text(tag, className, value) {
      var el = document.createElement(tag);
      if (className) el.className = className;
      if (value) el.textContent = value;
      return el;
    }

    function count(n) {
      if (n === 1) return t["search.result.one"] || "1 matching document";
      return (t["search.result.other"] || "# matching documents").replace("#", String(n));
    }

    function href(item) {
      var url = new URL(item.location, base);
      if (highlight && item.highlight && item.highlight.length) url.searchParams.set("h", item.highlight.join(" "));
      return url.href;
    }

    function renderItem(item) {
      var li = text("li", "md-search-result__item");
      var a = text("a", "md-search-result__link");
      a.href = href(item);
      a.tabIndex = -1;
      var article = text("article", "md-search-result__article md-typeset");
      article.setAttribute("data-md-score", item.score.toFixed(2));
      if (item.page && item.page !== item.title) article.appendChild(text("p", "hb-search-result__where", item.page));
      article.appendChild(text("h2", "", item.title));
      if (item.preview) article.appendChild(text("p", "hb-search-result__preview", item.preview));
      a.appendChild(article);
      li.appendChild(a);
      return li;
    }

    function renderNone(fallback) {
      var li = text("li", "md-search-result__item hb-search-none");
      var box = text("div", "md-search-result__article md-typeset");
      box.appendChild(text("p", "", "Try fewer words, or the words Upwork uses (end, escrow, refund, dispute, feedback). Or start here:"));
      var ul = text("ul");
      fallback.forEach(function (page) {
        var entry = text("li");
        var a = text("a", "", page.title);
        a.href = new URL(page.location, base).href;
        entry.appendChild(a);
        ul.appendChild(entry);
      });
      box.appendChild(ul);
      li.appendChild(box);
      return li;
    }

    var shown = null;

    function render(data) {
      if (data.query !== input.value) return; /* a newer query is on its way */
      if (data.query === shown) return; /* already listed: keep the reader's focus in the list */
      shown = data.query;
      list.textContent = "";
      if (!data.query.trim()) {
        meta.textContent = t["search.result.placeholder"] || "Type to start searching";
        return;
      }
      if (!data.items.length) {
        meta.textContent = t["search.result.none"] || "No matching documents";
        list.appendChild(renderNone(data.fallback || []));
        return;
      }
      meta.textContent = count(data.items.length);
      var fragment = document.createDocumentFragment();
      data.items.forEach(function (item) { fragment.appendChild(renderItem(item)); });
      list.appendChild(fragment);
    }

    function onMessage(message) {
      if (message.type === "handbook-result") render(message.data);
      else if (message.type === 1 && !input.value) meta.textContent = t["search.result.placeholder"] || "Type to start searching";
    }
    hub.listeners.push(onMessage);
    /* The worker indexes on first use: start it as the reader reaches the box. */
    input.addEventListener("focus", function () { hub.worker.postMessage({ type: "handbook-warm" }); });
    if (hub.last) render(hub.last);
    else if (hub.ready && !input.value) onMessage({ type: 1 });
    return true;
  }

  document$.subscribe(function () {
    if (!started) started = start();
  });
})();
