/* Continue where I left off: the summary record (store.js: summary(), noteSummary()), noted on
 * every page and shown on the home page, which reads that one small record and nothing else.
 *
 * Noted here, on every page (widget "summary" on [data-ss-exam], once per page):
 *   page   {p, t, at}: the last page read (a page of the study material: not the home page,
 *          the Review, wrong-answers, Progress or practice exam pages, nor the "not found" one)
 *   quiz   {p, t, at, k}: the page of the last answer ("ss:answer", k "quiz") or of the last
 *          practice exam submitted ("ss:exam-submit", k "attempt"); dropped by a reset
 * p is the page's address relative to the site's root, t its title (its h1). The schedule
 * (schedule/schedule.js) notes "due" ({at, days: [[local midnight, count], ...]}) when it
 * keeps reviews: the home page counts the reviews due today from it, with no scheduler code.
 *
 * Fills div[data-ss-continue] on the home page (hidden until then): [data-ss-continue-list]
 * with a line a record (a line saying so when there is none yet), and puts the number of
 * reviews due today before its link a[data-ss-continue-review].
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    t = SS.t,
    D = document;
  const NOT_READING = "[data-ss-continue],[data-ss-progress],[data-ss-review],[data-ss-mistakes],[data-ss-exam-page]";

  // The site's root, from the core bundle's own URL (resolved by the browser for any hosting).
  function root() {
    const script = D.querySelector('script[src*="assets/studysite"]');
    return script ? script.src.replace(/assets\/studysite[^/]*$/, "") : "";
  }
  function here() {
    const base = root(),
      url = location.href.replace(/[?#].*$/, "");
    return base && url.startsWith(base) ? url.slice(base.length) : null;
  }
  function title() {
    const h1 = D.querySelector(".md-content article h1, .md-content h1");
    if (!h1) return "";
    const copy = h1.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((a) => a.remove()); // the permalink's mark
    return copy.textContent.trim().slice(0, 200);
  }
  const note = (name, k) => {
    const p = here(),
      words = title();
    if (p === null || !words) return;
    const record = { p, t: words, at: Date.now() };
    if (k) record.k = k;
    SS.store.noteSummary({ [name]: record });
  };

  SS.register("summary", "[data-ss-exam]", () => {
    const p = here();
    // The home page is the root; the 404 page is served at any address and says so in its id.
    if (p && !D.querySelector(NOT_READING) && !D.getElementById("page-not-found")) note("page");
    const stops = [
      SS.listen(D, "ss:answer", () => note("quiz", "quiz")),
      SS.listen(D, "ss:exam-submit", () => note("quiz", "attempt")),
      SS.listen(D, "ss:store-change", (event) => {
        if (event.detail && event.detail.what == "clear") SS.store.noteSummary({ quiz: null });
      }),
    ];
    return () => stops.forEach((stop) => stop());
  });

  // ---- the home page ----------------------------------------------------------------------
  const valid = (r) => r && typeof r.p == "string" && typeof r.t == "string" && !/^[a-z]+:|^\/\//i.test(r.p);
  function line(words, record) {
    const item = el("li");
    const link = el("a", "", record.t);
    link.href = record.p || "./";
    item.append(words, " ", link);
    return item;
  }
  /** Reviews due before the learner's next local midnight; null when not known. */
  function dueToday(due, now) {
    if (!due || !Array.isArray(due.days)) return null;
    const end = new Date(now);
    end.setHours(24, 0, 0, 0);
    let n = 0;
    for (const day of due.days) if (Array.isArray(day) && day[0] < end.getTime() && day[1] > 0) n += day[1];
    return n;
  }
  SS.register("continue", "[data-ss-continue]", (box) => {
    const s = SS.store.summary(),
      list = box.querySelector("[data-ss-continue-list]"),
      items = [];
    if (valid(s.page)) items.push(line(t("continue.page"), s.page));
    if (valid(s.quiz)) items.push(line(s.quiz.k == "attempt" ? t("continue.attempt") : t("continue.quiz"), s.quiz));
    if (!items.length) items.push(el("li", "", t("continue.nothing")));
    // The due count before the page's own link to the Review page.
    const n = dueToday(s.due, Date.now()),
      link = box.querySelector("a[data-ss-continue-review]");
    if (link) {
      const words = el(
        "span",
        "ss-continue__due",
        n === null ? t("continue.due_unknown") : t("continue.due", { count: n }),
      );
      link.before(words, " ");
    }
    list.replaceChildren(...items);
    box.hidden = false;
    return undefined;
  });
})();
