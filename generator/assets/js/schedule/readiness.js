/* Readiness by domain, on the Progress page and the practice exam page: the share of each
 * domain's questions the learner would get right now, and of the whole blueprint weighted by
 * the domains' weights. One function for both pages (in the schedule module, which both load).
 *
 * The formula (said on the page, templates/_readiness.md.j2): a question with a card counts
 * R + (1 - R) x g, R its predicted recall now (fsrs.js retrievability, fractional days, of the
 * card schedule.js keeps) and g its guess rate, 1 / C(options, choose); a question never
 * answered counts g alone (the prior: a guess). A domain is the mean over its questions; the
 * blueprint, the mean of the domains weighted by their weight, over the domains with
 * questions. Each figure says how many questions were answered of how many it rests on.
 *
 * Reads the questions as [id, hash, domain, options, choose]: from the box's own
 * data-ss-readiness-index (JSON: {"q": [...]}, the exam page), or else from the Progress
 * page's index (data-ss-progress-index: [id, hash, domain, topics, number, options, choose,
 * stem]) around it; fills [data-ss-ready-domain][data-ss-weight] and [data-ss-ready-basis] in
 * div[data-ss-readiness]; again after each change of the store.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    t = SS.t;

  function ways(n, k) {
    let c = 1;
    for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
    return c;
  }
  const guess = (q) => (q[3] > 0 && q[4] > 0 && q[4] <= q[3] ? 1 / ways(q[3], q[4]) : 0);
  const percent = (x) => t("readiness.percent", { percent: Math.round(100 * x) });

  function mount(box) {
    if (!SS.schedule || !SS.fsrs) return undefined;
    const own = box.getAttribute("data-ss-readiness-index"),
      root = box.closest("[data-ss-progress]");
    let questions;
    if (own) questions = JSON.parse(own).q;
    else if (root)
      questions = JSON.parse(root.getAttribute("data-ss-progress-index")).questions.map((q) => [
        q[0],
        q[1],
        q[2],
        q[5],
        q[6],
      ]);
    if (!Array.isArray(questions)) return undefined;
    const cell = (what, n) => box.querySelector(`[data-ss-ready-${what}="${n}"]`);

    function render() {
      const now = Date.now(),
        S = SS.schedule,
        known = S.known(),
        seen = {};
      for (const q of questions) if (known[q[0]] == q[1]) seen[q[0]] = q[1];
      const cards = S.cards(seen),
        by = {};
      for (const q of questions) {
        const d = by[q[2]] || (by[q[2]] = { sum: 0, count: 0, seen: 0 });
        const c = cards[q[0]],
          g = guess(q);
        if (c) {
          const r = SS.fsrs.retrievability(c, now, { fractional: true });
          d.sum += r + (1 - r) * g;
          d.seen++;
        } else {
          d.sum += g;
        }
        d.count++;
      }
      let weighted = 0,
        weights = 0,
        seenAll = 0,
        countAll = 0;
      for (const n in by) {
        const d = by[n],
          share = d.sum / d.count,
          figure = cell("domain", n);
        if (!figure) continue;
        figure.textContent = percent(share);
        cell("basis", n).textContent = t("readiness.basis", { seen: d.seen, count: d.count });
        const w = +figure.getAttribute("data-ss-weight") || 0;
        weighted += w * share;
        weights += w;
        seenAll += d.seen;
        countAll += d.count;
      }
      if (weights) {
        cell("domain", "all").textContent = percent(weighted / weights);
        cell("basis", "all").textContent = t("readiness.basis", { seen: seenAll, count: countAll });
      }
    }
    render();
    box.hidden = false;
    // On a narrow screen the table scrolls sideways: a keyboard reaches it (a named region).
    const wrap = box.querySelector(".md-typeset__scrollwrap");
    if (wrap && wrap.scrollWidth > wrap.clientWidth) {
      wrap.tabIndex = 0;
      wrap.role = "region";
      wrap.ariaLabel = t("readiness.title");
    }
    return SS.listen(document, "ss:store-change", render);
  }

  SS.register("readiness", "[data-ss-readiness]", mount);
})();
