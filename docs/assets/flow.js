// Question flow and deadline timelines (hooks/flow_pages.py). Every rule's numbers come from
// data-flow / data-timeline, never from here. Answers live in the address (?role=...);
// dates stay in this browser ("flow-date:<clock>", in memory if storage is blocked).
(() => {
  if (window.flowReady) return;
  window.flowReady = 1;
  const all = (el, sel) => [...el.querySelectorAll(sel)];
  const data = (el, key) => JSON.parse(el.dataset[key]);
  const DAY = 864e5;
  const mem = {};
  const load = (k) => {
    if (k in mem) return mem[k];
    try {
      return localStorage.getItem("flow-date:" + k) || "";
    } catch (e) {
      return "";
    }
  };
  const save = (k, v) => {
    mem[k] = v;
    try {
      localStorage.setItem("flow-date:" + k, v);
    } catch (e) {}
  };

  const showFlow = (root, moved) => {
    const paths = data(root, "flow").p;
    // Questions and answers still open after the prefix "q=a&q=a".
    const offered = (pre) => {
      const found = {};
      for (const p of Object.keys(paths)) {
        if (pre && !p.startsWith(pre + "&")) continue;
        const [q, a] = p.slice(pre && pre.length + 1).split("&")[0].split("=");
        (found[q] = found[q] || new Set()).add(a);
      }
      return found;
    };
    const asked = {};
    const given = [];
    let pre = "";
    let next = "";
    for (const [q, a] of [...new URLSearchParams(location.search), []]) {
      if (pre in paths) break;
      const options = offered(pre);
      next = Object.keys(options)[0];
      const ok = q === next && options[next].has(a);
      asked[next] = [options[next], ok && a];
      if (!ok) break;
      given.push([q, a]);
      pre += (pre && "&") + q + "=" + a;
    }
    const result = paths[pre];
    root.given = given;
    root.path = location.pathname;
    all(root, "[data-q]").forEach((set) => {
      const [options, chosen] = asked[set.dataset.q] || [];
      set.hidden = !options;
      all(set, "[data-a]").forEach((b) => {
        b.hidden = !options || !options.has(b.dataset.a);
        b.setAttribute("aria-pressed", b.dataset.a === chosen);
      });
    });
    all(document, "[data-outcome]").forEach((o) => (o.hidden = o.dataset.outcome !== result));
    root.querySelector("[data-flow-restart]").hidden = !pre;
    root.hidden = false;
    if (!moved) return;
    const target = result ? document.getElementById("answer-" + result) : root.querySelector(`[data-q="${next}"]`);
    target.focus();
    root.querySelector("[data-flow-live]").textContent = result
      ? "Your answer: " + target.firstChild.textContent
      : "Next question: " + target.querySelector("legend").textContent;
  };

  const answer = (button) => {
    const root = button.closest("[data-flow]");
    const set = button.closest("[data-q]");
    const keep = [];
    if (set) {
      for (const [q, a] of root.given) {
        if (q === set.dataset.q) break;
        keep.push([q, a]);
      }
      keep.push([set.dataset.q, button.dataset.a]);
    }
    history.pushState(null, "", location.pathname + (keep.length ? "?" + new URLSearchParams(keep) : ""));
    showFlow(root, 1);
  };

  // Back and Forward between answers; if Material refetches the page, init refocuses.
  let back = "";
  window.addEventListener("popstate", () => {
    const root = document.querySelector("[data-flow]");
    if (!root || root.path !== location.pathname) return;
    back = location.href;
    showFlow(root, 1);
  });

  // A deadline: d days (b: Mon-Fri only) after the start or deadline a, at t minutes UTC on
  // that day if given; or weekday wd (1: Mon) of week w after the work week, at t (none: all day).
  const dates = (root) => {
    const spec = data(root, "timeline");
    const [y, m, d] = root.querySelector("[data-date]").value.split("-").map(Number);
    if (!d) return null;
    const time = root.querySelector("[data-time]");
    const [h, min] = ((time && time.value) || "0:0").split(":").map(Number);
    const utc = Date.UTC(y, m - 1, d);
    const start = spec.k === "week" ? utc - ((new Date(utc).getUTCDay() + 6) % 7) * DAY : new Date(y, m - 1, d, h, min).getTime();
    const out = [];
    for (const it of spec.i) {
      let t = it.a === undefined ? start : out[it.a].t;
      if (it.w !== undefined) t = start + (it.w * 7 + it.wd - 1) * DAY + (it.t || 0) * 6e4;
      else if (it.b) for (let n = it.d; n; ) n -= (new Date((t += DAY)).getUTCDay() % 6 > 0);
      else t += it.d * DAY;
      if (it.w === undefined && it.t !== undefined) t += it.t * 6e4 - (t % DAY);
      out.push({ ...it, t, day: it.w !== undefined && it.t === undefined });
    }
    return out;
  };
  const format = (t, more) =>
    new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric", ...more }).format(t);
  const clock = { hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
  const iso = (t) => new Date(t).toISOString().slice(0, 16) + "Z";

  const showDates = (root, announce) => {
    const items = dates(root);
    all(root, "[data-when]").forEach((el, n) => {
      const it = items && items[n];
      el.innerHTML = !it
        ? ""
        : (it.day
            ? `<time datetime="${iso(it.t).slice(0, 10)}">${format(it.t, { timeZone: "UTC" })}</time> (the whole day, UTC)`
            : `<time datetime="${iso(it.t)}">${format(it.t, clock)}</time> (${format(it.t, { ...clock, timeZone: "UTC" })})`) +
          (it.t + (it.day ? DAY : 0) < Date.now() ? " <em>passed</em>" : "");
    });
    root.querySelector("[data-ics]").disabled = !items;
    if (announce) root.querySelector("[data-live]").textContent = items ? items.length + " dates worked out below." : "";
  };
  const fill = (root) => {
    const [d, t = ""] = load(data(root, "timeline").c).split("T");
    root.querySelector("[data-date]").value = d;
    const time = root.querySelector("[data-time]");
    if (time) time.value = t;
    showDates(root);
  };

  document.addEventListener("input", (e) => {
    const root = e.target.closest && e.target.closest("[data-timeline]");
    if (!root) return;
    const c = data(root, "timeline").c;
    const time = root.querySelector("[data-time]");
    save(c, root.querySelector("[data-date]").value + (time && time.value ? "T" + time.value : ""));
    showDates(root, 1);
    all(document, "[data-timeline]").forEach((other) => other !== root && data(other, "timeline").c === c && fill(other));
  });

  // An .ics file (RFC 5545) built here: an event per deadline, a reminder the day before.
  const text = (s) => s.replace(/[\\;,]/g, "\\$&").replace(/\n/g, "\\n");
  const stamp = (t) => new Date(t).toISOString().replace(/[-:]|\.\d+/g, "");
  const fold = (line) => {
    let out = "";
    let size = 0;
    for (const ch of line) {
      const bytes = new TextEncoder().encode(ch).length;
      if (size + bytes > 74) (out += "\r\n "), (size = 1);
      out += ch;
      size += bytes;
    }
    return out;
  };
  const calendar = (root) => {
    const spec = data(root, "timeline");
    const items = dates(root);
    if (!items) return;
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Ending an Upwork Contract//Deadlines//EN"];
    items.forEach((it, n) =>
      lines.push(
        "BEGIN:VEVENT",
        `UID:${spec.id}-${n}-${stamp(it.t)}@${location.host || "local"}`,
        "DTSTAMP:" + stamp(Date.now()),
        it.day ? "DTSTART;VALUE=DATE:" + stamp(it.t).slice(0, 8) : "DTSTART:" + stamp(it.t),
        "SUMMARY:" + text(it.l),
        "DESCRIPTION:" + text(it.x + " " + location.origin + location.pathname),
        "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P1D", "DESCRIPTION:" + text(it.l), "END:VALARM",
        "END:VEVENT"
      )
    );
    lines.push("END:VCALENDAR");
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([lines.map(fold).join("\r\n") + "\r\n"], { type: "text/calendar" }));
    link.download = spec.id + ".ics";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1e3);
  };

  document.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("[data-a],[data-flow-restart],[data-ics]");
    if (!button) return;
    if (button.hasAttribute("data-ics")) calendar(button.closest("[data-timeline]"));
    else answer(button);
  });

  const init = () => {
    all(document, "[data-flow]").forEach((root) => showFlow(root, back === location.href));
    back = "";
    all(document, "[data-timeline]").forEach((root) => {
      all(root, "[hidden]").forEach((el) => (el.hidden = false));
      fill(root);
    });
  };
  window.document$ ? window.document$.subscribe(init) : init();
})();
