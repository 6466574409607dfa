/* Loaded before Material's bundle (overrides/main.html): keeps a handle on the search
 * worker Material creates, so that assets/search/search.js can render its answers.
 * Material's search box, keyboard handling and deep links are untouched; only the
 * result list is ours (see assets/search/worker.js). Nothing else is changed. */
(function () {
  "use strict";
  var Native = window.Worker;
  if (typeof Native !== "function") return;
  var hub = (window.__handbookSearch = { worker: null, ready: false, last: null, listeners: [] });
  function HandbookWorker(url, options) {
    var worker = new Native(url, options);
    if (!hub.worker && /assets\/search\/worker\.js(\?|#|$)/.test(String(url))) {
      hub.worker = worker;
      worker.addEventListener("message", function (ev) {
        var message = ev.data || {};
        if (message.type === 1) hub.ready = true;
        else if (message.type === "handbook-result") hub.last = message.data;
        else return;
        hub.listeners.forEach(function (fn) { fn(message); });
      });
    }
    return worker;
  }
  HandbookWorker.prototype = Native.prototype;
  window.Worker = HandbookWorker;
})();
