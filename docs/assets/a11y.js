/* Material adds an unnamed <nav> of buttons to each code block; several unnamed
   navigation landmarks on one page confuse screen readers (axe landmark-unique).
   Name each one after its block. Runs on every page, also after instant navigation. */
document$.subscribe(function () {
  document.querySelectorAll(".md-code__nav:not([aria-label])").forEach(function (nav, i) {
    nav.setAttribute("aria-label", "Code block " + (i + 1) + " actions");
  });
});
