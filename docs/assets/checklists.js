// Checklists (hooks/checklists.py): keeps the reader's ticks in localStorage under
// "checklist:<id>" as a list of item keys, shows progress, clear and print.
// Storage may throw (private windows, full quota): ticks then live in memory for the visit.
(() => {
  if (window.checklistsReady) return;
  window.checklistsReady = 1;
  const mem = {};
  const all = (el, sel) => el.querySelectorAll(sel);
  const load = (id) => {
    if (mem[id]) return mem[id];
    try {
      const list = JSON.parse(localStorage.getItem("checklist:" + id));
      if (Array.isArray(list)) return list;
    } catch (e) {}
    return [];
  };
  const save = (id, keys) => {
    mem[id] = keys;
    try {
      localStorage.setItem("checklist:" + id, JSON.stringify(keys));
    } catch (e) {}
  };
  const show = (root) => {
    const on = load(root.dataset.checklist);
    const boxes = all(root, "input[data-item]");
    let done = 0;
    boxes.forEach((box) => {
      box.checked = on.includes(box.dataset.item);
      done += box.checked;
    });
    const open = boxes.length - done;
    root.querySelector("[data-checklist-progress]").textContent =
      `${done} of ${boxes.length} ticked on your list` + (open ? `, ${open} still open.` : ". Nothing left open.");
  };
  const refresh = (id) => all(document, `[data-checklist="${id}"]`).forEach(show);

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

  document.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("[data-checklist-reset],[data-checklist-print]");
    if (!button) return;
    if (button.hasAttribute("data-checklist-print")) return window.print();
    const id = button.closest("[data-checklist]").dataset.checklist;
    if (confirm("Clear all your ticks on this checklist? This only changes your notes in this browser.")) {
      save(id, []);
      refresh(id);
    }
  });

  const init = () =>
    all(document, "[data-checklist]").forEach((root) => {
      show(root);
      all(root, "[hidden]").forEach((el) => (el.hidden = false));
      all(root, "a[href]").forEach((a) => (a.dataset.url = a.href));
      root.dataset.ready = "";
    });
  window.document$ ? window.document$.subscribe(init) : init();
})();
