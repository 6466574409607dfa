// The site's only script. Its markup (and every rule's number) comes from hooks/:
// checklists.py, flow_pages.py, templates.py. What readers type stays in this browser.
(() => {
  if (window.siteReady) return;
  window.siteReady = 1;
  const doc = document;
  const html = doc.documentElement;
  const all = (el, sel) => [...el.querySelectorAll(sel)];
  const on = (type, fn, capture) => doc.addEventListener(type, fn, capture);
  const near = (e, sel) => e.target.closest && e.target.closest(sel);
  const data = (el, key) => JSON.parse(el.dataset[key]);

  // Storage is the truth (two tabs never undo each other); keys it refuses live in mem.
  const mem = {};
  const get = (k) => {
    if (k in mem) return mem[k];
    try {
      return localStorage.getItem(k);
    } catch (e) {
      return (mem[k] = null);
    }
  };
  const put = (k, v) => {
    try {
      localStorage.setItem(k, v);
      delete mem[k];
    } catch (e) {
      mem[k] = v;
    }
  };
  const json = (k, empty) => {
    try {
      const v = JSON.parse(get(k));
      return v && v.constructor == empty.constructor ? v : empty;
    } catch (e) {
      return empty;
    }
  };

  // Checklists: "checklist:<id>" holds the ticked item keys.
  const CL = "checklist:";
  let printing;
  const show = (root) => {
    const key = CL + root.dataset.checklist;
    const ticked = json(key, []);
    const boxes = all(root, "input[data-item]");
    let done = 0;
    boxes.forEach((box) => (done += box.checked = ticked.includes(box.dataset.item)));
    const open = boxes.length - done;
    const lost = key in mem;
    root.querySelector("[data-checklist-progress]").textContent =
      `${done} of ${boxes.length} ticked on your list` +
      (open ? `, ${open} still open.` : ". Nothing left open.") +
      (lost ? " This browser is not saving your ticks: they are kept only until you close this page." : "");
    const note = root.querySelector(".checklist__note");
    if (note) note.hidden = lost;
  };
  const lists = (id) => all(doc, "[data-checklist]").filter((r) => !id || r.dataset.checklist == id);
  on("change", (e) => {
    const box = e.target;
    const root = near(e, "[data-checklist]");
    if (!root || !box.dataset.item) return;
    const key = CL + root.dataset.checklist;
    const keys = json(key, []).filter((k) => k != box.dataset.item);
    if (box.checked) keys.push(box.dataset.item);
    put(key, JSON.stringify(keys));
    lists(root.dataset.checklist).forEach(show);
  });
  addEventListener("storage", (e) => {
    if (!e.key || e.key.startsWith(CL)) lists(e.key && e.key.slice(CL.length)).forEach(show);
  });
  const endPrint = () => {
    html.classList.remove("checklist-print");
    if (printing) printing.classList.remove("checklist--printing");
    printing = 0;
  };
  addEventListener("afterprint", endPrint);

  // Question flow: the answers live in the address (?role=...).
  const showFlow = (root, moved) => {
    const paths = data(root, "flow").p;
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
    all(doc, "[data-outcome]").forEach((o) => (o.hidden = o.dataset.outcome !== result));
    root.querySelector("[data-flow-restart]").hidden = !pre;
    root.hidden = false;
    if (!moved) return;
    const target = result ? doc.getElementById("answer-" + result) : root.querySelector(`[data-q="${next}"]`);
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
  let back = "";
  addEventListener("popstate", () => {
    const root = doc.querySelector("[data-flow]");
    if (!root || root.path !== location.pathname) return;
    back = location.href;
    showFlow(root, 1);
  });

  // Deadlines (flow.py timeline_data): d days (b: Mon-Fri) after the start or deadline a, at
  // t minutes UTC; or weekday wd of week w after the work week, at t (none: all day).
  const DAY = 864e5;
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
  const clockKey = (root) => "flow-date:" + data(root, "timeline").c;
  const setDate = (root) => {
    const [d, t = ""] = (get(clockKey(root)) || "").split("T");
    root.querySelector("[data-date]").value = d;
    const time = root.querySelector("[data-time]");
    if (time) time.value = t;
    showDates(root);
  };
  // An .ics file (RFC 5545): an event per deadline, a reminder the day before.
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
  const calendar = (button) => {
    const root = button.closest("[data-timeline]");
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
    const link = doc.createElement("a");
    link.href = URL.createObjectURL(new Blob([lines.map(fold).join("\r\n") + "\r\n"], { type: "text/calendar" }));
    link.download = spec.id + ".ics";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1e3);
  };

  // Message templates: "template-fields" fills every blank; Copy gives clean paragraphs.
  const TF = "template-fields";
  const fill = () => {
    const values = json(TF, {});
    all(doc, ".fill").forEach((s) => {
      s.blank = s.blank || s.textContent;
      s.textContent = values[s.dataset.fill] || s.blank;
    });
    all(doc, "[data-builder-status]").forEach(
      (s) => (s.textContent = TF in mem ? "This browser is not saving your details: they are kept only until you close this page." : "")
    );
    return values;
  };
  const copy = (button) => {
    const box = button.parentNode;
    const say = (m) => (box.lastElementChild.textContent = m);
    const message = all(box.previousElementSibling, "p").map((p) => p.textContent.replace(/\s+/g, " ").trim());
    say("");
    (navigator.clipboard ? navigator.clipboard.writeText(message.join("\n\n")) : Promise.reject()).then(
      () => say("Copied"),
      () => say("Could not copy: select the message and copy it.")
    );
  };

  on("input", (e) => {
    const field = e.target;
    if (near(e, "[data-builder]")) {
      const values = json(TF, {});
      values[field.dataset.fill] = field.value.trim();
      put(TF, JSON.stringify(values));
      return fill();
    }
    const root = near(e, "[data-timeline]");
    if (!root) return;
    const time = root.querySelector("[data-time]");
    put(clockKey(root), root.querySelector("[data-date]").value + (time && time.value ? "T" + time.value : ""));
    showDates(root, 1);
    all(doc, "[data-timeline]").forEach((other) => other != root && clockKey(other) == clockKey(root) && setDate(other));
  });

  const act = {
    checklistPrint: (b) => {
      endPrint();
      printing = b.closest("[data-checklist]");
      printing.classList.add("checklist--printing");
      html.classList.add("checklist-print");
      window.print();
    },
    checklistReset: (b) => {
      const id = b.closest("[data-checklist]").dataset.checklist;
      if (!confirm("Clear all your ticks on this checklist? This only changes your notes in this browser.")) return;
      put(CL + id, "[]");
      lists(id).forEach(show);
    },
    a: answer,
    flowRestart: answer,
    ics: calendar,
    copy,
    builderClear: () => {
      put(TF, "{}");
      all(doc, "[data-builder] input").forEach((i) => (i.value = ""));
      fill();
    },
  };
  on("click", (e) => {
    const b = near(e, "button");
    for (const k in b && b.dataset) if (act[k]) return act[k](b);
  });

  // Term and fact tooltips: one element for the hovered or focused link, whose title it takes
  // (no native tooltip too) and describes. On touch, a first tap shows it; Escape hides it.
  const TIP = "a.glossary-link,a.fact";
  const tip = doc.createElement("span");
  tip.id = "site-tip";
  tip.setAttribute("role", "tooltip");
  let shown, tapped;
  const hide = () => {
    if (!shown) return;
    shown.title = tip.textContent;
    shown.removeAttribute("aria-describedby");
    shown.classList.remove("tip-on");
    tip.remove();
    shown = 0;
  };
  const hint = (e) => {
    const a = near(e, TIP);
    if (!a || a == shown || !a.title) return;
    hide();
    tip.textContent = a.title;
    a.removeAttribute("title");
    a.setAttribute("aria-describedby", tip.id);
    a.classList.add("tip-on");
    doc.querySelector("main").append(tip);
    shown = a;
  };
  on("mouseover", hint);
  on("focusin", hint);
  on("mouseout", (e) => shown && !shown.contains(e.relatedTarget) && shown != doc.activeElement && hide());
  on("focusout", (e) => e.target == shown && hide());
  on("keydown", (e) => e.key == "Escape" && hide());
  on("pointerdown", (e) => (tapped = e.pointerType == "touch" && near(e, TIP) != shown && near(e, TIP)), 1);
  on(
    "click",
    (e) => {
      if (tapped && tapped == near(e, TIP)) {
        e.preventDefault();
        e.stopPropagation();
        hint(e);
      }
      tapped = 0;
    },
    1
  );

  const init = () => {
    hide();
    all(doc, "[data-checklist]").forEach((root) => {
      all(root, "[hidden]").forEach((el) => (el.hidden = false));
      show(root);
      all(root, "a[href]").forEach((a) => (a.dataset.url = a.href));
      root.dataset.ready = "";
    });
    all(doc, "[data-flow]").forEach((root) => showFlow(root, back === location.href));
    back = "";
    all(doc, "[data-timeline]").forEach((root) => {
      all(root, "[hidden]").forEach((el) => (el.hidden = false));
      setDate(root);
    });
    all(doc, "[data-builder],.message__actions").forEach((el) => (el.hidden = false));
    const values = fill();
    all(doc, "[data-builder] input").forEach((i) => (i.value = values[i.dataset.fill] || ""));
  };
  window.document$ ? window.document$.subscribe(init) : init();
})();
