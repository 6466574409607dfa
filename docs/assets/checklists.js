// Checklists (hooks/checklists.py): keeps the reader's ticks in localStorage under
// "checklist:<id>" as a list of item keys, shows progress, clear and print.
// Storage is the source of truth, so two tabs never undo each other's ticks (and the
// "storage" event redraws the other tab). Only when storage throws (blocked, or a full
// quota) do ticks live in memory, and the reader is told they last until the page closes.
(() => {
  if (window.checklistsReady) return;
  window.checklistsReady = 1;
  const KEY = "checklist:";
  const unsaved = {}; // id -> ticks that storage refused, kept for this visit only
  const all = (el, sel) => el.querySelectorAll(sel);
  const html = document.documentElement;
  let printing = null;
  const load = (id) => {
    if (unsaved[id]) return unsaved[id];
    let raw;
    try {
      raw = localStorage.getItem(KEY + id);
    } catch (e) {
      return (unsaved[id] = []); // storage blocked: memory from now on
    }
    try {
      const list = JSON.parse(raw);
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return []; // not JSON: nothing ticked; the next tick writes a valid list
    }
  };
  const save = (id, keys) => {
    try {
      localStorage.setItem(KEY + id, JSON.stringify(keys));
      delete unsaved[id];
    } catch (e) {
      unsaved[id] = keys;
    }
  };
  const show = (root) => {
    const id = root.dataset.checklist;
    const on = load(id);
    const boxes = all(root, "input[data-item]");
    let done = 0;
    boxes.forEach((box) => {
      box.checked = on.includes(box.dataset.item);
      done += box.checked;
    });
    const open = boxes.length - done;
    const lost = !!unsaved[id];
    root.querySelector("[data-checklist-progress]").textContent =
      `${done} of ${boxes.length} ticked on your list` +
      (open ? `, ${open} still open.` : ". Nothing left open.") +
      (lost ? " This browser is not saving your ticks: they are kept only until you close this page." : "");
    const note = root.querySelector(".checklist__note");
    if (note) note.hidden = lost; // it says the browser keeps them
  };
  const refresh = (id) => all(document, "[data-checklist]").forEach((r) => r.dataset.checklist === id && show(r));

  document.addEventListener("change", (e) => {
    const box = e.target;
    const root = box.closest && box.closest("[data-checklist]");
    if (!root || !box.dataset.item) return;
    const id = root.dataset.checklist;
    const keys = load(id).filter((k) => k !== box.dataset.item);
    if (box.checked) keys.push(box.dataset.item);
    save(id, keys);
    refresh(id);
  });

  // Another tab changed the ticks (or cleared the site's storage).
  addEventListener("storage", (e) => {
    if (e.key === null) all(document, "[data-checklist]").forEach(show);
    else if (e.key.startsWith(KEY)) refresh(e.key.slice(KEY.length));
  });

  // "Print" prints only its own checklist: print.css hides the rest while <html> has the class.
  const endPrint = () => {
    html.classList.remove("checklist-print");
    if (printing) printing.classList.remove("checklist--printing");
    printing = null;
  };
  addEventListener("afterprint", endPrint);

  document.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("[data-checklist-reset],[data-checklist-print]");
    if (!button) return;
    const root = button.closest("[data-checklist]");
    if (button.hasAttribute("data-checklist-print")) {
      endPrint();
      printing = root;
      root.classList.add("checklist--printing");
      html.classList.add("checklist-print");
      return window.print();
    }
    const id = root.dataset.checklist;
    if (confirm("Clear all your ticks on this checklist? This only changes your notes in this browser.")) {
      save(id, []);
      refresh(id);
    }
  });

  const init = () =>
    all(document, "[data-checklist]").forEach((root) => {
      all(root, "[hidden]").forEach((el) => (el.hidden = false));
      show(root);
      all(root, "a[href]").forEach((a) => (a.dataset.url = a.href));
      root.dataset.ready = "";
    });
  window.document$ ? window.document$.subscribe(init) : init();
})();
