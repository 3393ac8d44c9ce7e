/* Practice exam history: the Progress page's table of the attempts kept in this browser,
 * newest first (div[data-ss-exam-history] > [data-ss-exam-history-list]). The attempts are
 * StudySite.store's (store.js), added by the practice exam (exam.js) at Submit; the table is
 * drawn again after every change of the store ("ss:store-change" on document, listened to
 * while the page is shown).
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    t = SS.t;

  function mount(box) {
    const list = box.querySelector("[data-ss-exam-history-list]");
    function render() {
      const attempts = SS.store.attempts().slice().reverse();
      if (!attempts.length) {
        list.replaceChildren(el("p", "", t("history.none")));
        return;
      }
      const table = el("table"),
        head = el("tr"),
        body = el("tbody");
      table.append(el("caption", "", t("history.caption")));
      const headings = [
        t("history.date"),
        t("history.mode"),
        t("history.score"),
        t("history.result"),
        t("history.time"),
      ];
      headings.forEach((h) => {
        const th = el("th", "", h);
        th.scope = "col";
        head.append(th);
      });
      const thead = el("thead");
      thead.append(head);
      attempts.forEach((r) => {
        const tr = el("tr"),
          time = SS.text.duration((r.seconds || 0) * 1000);
        const cells = [
          SS.text.date(r.at),
          String(r.title || r.mode),
          t("history.score_of", { right: r.right, total: r.total, percent: r.percent }),
          r.passed === null || r.passed === undefined
            ? t("history.no_pass_mark")
            : r.passed
              ? t("history.passed")
              : t("history.not_passed"),
          r.reason && r.reason != "submitted" ? t("history.time_ran_out", { time }) : time,
        ];
        cells.forEach((c, i) => {
          const td = el(i ? "td" : "th", "", c);
          if (!i) td.scope = "row";
          // The column's heading, for the phone's cards (progress.css).
          td.setAttribute("data-label", headings[i]);
          tr.append(td);
        });
        body.append(tr);
      });
      table.append(thead, body);
      const wrap = el("div", "ss-exam__table");
      Object.assign(wrap, { tabIndex: 0, role: "region", ariaLabel: t("history.region") });
      wrap.append(table);
      list.replaceChildren(wrap);
    }
    render();
    return SS.listen(document, "ss:store-change", render);
  }

  SS.register("exam-history", "[data-ss-exam-history]", mount);
})();
