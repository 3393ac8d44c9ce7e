/* Print: spell out each glossary term once per page, not at every occurrence.
 *
 * The print stylesheet writes an abbreviation's expansion after it on paper. Without this
 * script it does so at every occurrence; with it, only at the first occurrence that prints
 * (not in headings, tables, answers or widget controls, which paper does not show or has no
 * room for). Marks: data-ss-abbr-first on those <abbr>, data-ss-abbr="first" on the page.
 */
(function () {
  "use strict";
  var SS = window.StudySite;
  if (!SS) return;
  // Where an expansion is not printed: no room, or hidden on paper.
  var SKIP = "h1, h2, h3, h4, h5, h6, table, legend, summary, details, button, [hidden], " +
    ".ss-answer-key, .ss-tree__app, .ss-tree__diagram, .ss-choices, .ss-result, .md-tooltip, .md-tooltip2";

  function mark(root) {
    var seen = {};
    var terms = root.querySelectorAll("abbr[title]");
    for (var i = 0; i < terms.length; i++) {
      var abbr = terms[i];
      var key = abbr.textContent + "\u0000" + abbr.getAttribute("title");
      if (seen[key] || abbr.closest(SKIP)) continue;
      seen[key] = true;
      abbr.setAttribute("data-ss-abbr-first", "");
    }
    root.setAttribute("data-ss-abbr", "first");
  }

  SS.register("print-abbr", ".md-content__inner", mark);
})();
