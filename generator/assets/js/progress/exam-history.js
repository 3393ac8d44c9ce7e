/* Practice exam history: the Progress page's table of the attempts kept in this browser,
 * newest first (div[data-ss-exam-history] > [data-ss-exam-history-list]). The attempts are
 * StudySite.store's (store.js), added by the practice exam (exam.js) at Submit; the table is
 * drawn again after every change of the store ("ss:store-change" on document, listened to
 * while the page is shown).
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el;

  function mount(box) {
    const list = box.querySelector("[data-ss-exam-history-list]");
    function render() {
      const attempts = SS.store.attempts().slice().reverse();
      if (!attempts.length) {
        list.replaceChildren(el("p", "", "No practice exam taken yet in this browser."));
        return;
      }
      const t = el("table"),
        head = el("tr"),
        body = el("tbody");
      t.append(el("caption", "", "Practice exam attempts, newest first"));
      ["Date", "Mode", "Score", "Result", "Time"].forEach((h) => {
        const th = el("th", "", h);
        th.scope = "col";
        head.append(th);
      });
      const thead = el("thead");
      thead.append(head);
      attempts.forEach((r) => {
        const tr = el("tr"),
          date = new Date(r.at);
        const cells = [
          date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }),
          String(r.title || r.mode),
          `${r.right} of ${r.total} (${r.percent}%)`,
          r.passed === null || r.passed === undefined ? "No pass mark" : r.passed ? "Passed" : "Not passed",
          SS.text.duration((r.seconds || 0) * 1000) + (r.reason && r.reason != "submitted" ? " (time ran out)" : ""),
        ];
        cells.forEach((c, i) => {
          const td = el(i ? "td" : "th", "", c);
          if (!i) td.scope = "row";
          tr.append(td);
        });
        body.append(tr);
      });
      t.append(thead, body);
      const wrap = el("div", "ss-exam__table");
      Object.assign(wrap, { tabIndex: 0, role: "region", ariaLabel: "Practice exam attempts" });
      wrap.append(t);
      list.replaceChildren(wrap);
    }
    render();
    return SS.listen(document, "ss:store-change", render);
  }

  SS.register("exam-history", "[data-ss-exam-history]", mount);
})();
