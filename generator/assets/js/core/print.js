/* Print: spell out each glossary term once per page, not at every occurrence.
 *
 * The print stylesheet writes an abbreviation's expansion after it on paper. Without this
 * script it does so at every occurrence; with it, only at the first occurrence that prints
 * (not in headings, tables, answers or widget controls, which paper does not show or has no
 * room for). Marks: data-ss-abbr-first on those <abbr>, data-ss-abbr="first" on the page.
 * The marks are made just before printing ("beforeprint", which printing to PDF fires too,
 * or the print media query turning on), so loading a page costs nothing; the listeners go
 * with the page (the mount's cleanup).
 */
(() => {
  "use strict";
  // Where an expansion is not printed: no room, or hidden on paper.
  const SKIP =
    "h1,h2,h3,h4,h5,h6,table,legend,details,button,[hidden],.ss-answer-key,.ss-tree__app," +
    ".ss-tree__diagram,.ss-choices,.ss-result";

  function mark(root) {
    if (root.hasAttribute("data-ss-abbr")) return;
    const seen = new Set();
    for (const abbr of root.querySelectorAll("abbr[title]")) {
      const key = abbr.textContent + "\0" + abbr.title;
      if (seen.has(key) || abbr.closest(SKIP)) continue;
      seen.add(key);
      abbr.setAttribute("data-ss-abbr-first", "");
    }
    root.setAttribute("data-ss-abbr", "first");
  }

  // Listens on window and on the print media query while the page is shown.
  function mount(root) {
    const now = () => mark(root);
    const media = matchMedia("print");
    const change = (event) => event.matches && now();
    const offs = [StudySite.listen(window, "beforeprint", now), StudySite.listen(media, "change", change)];
    return () => offs.forEach((off) => off());
  }

  StudySite.register("print", ".md-content__inner", mount);
})();
