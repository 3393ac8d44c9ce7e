/* Readiness by domain, on the Progress page: the share of each domain's questions the learner
 * would get right now, and of the whole blueprint weighted by the domains' weights.
 *
 * The formula (said on the page, templates/progress.md.j2): a question with a card counts
 * R + (1 - R) x g, R its predicted recall now (fsrs.js retrievability, fractional days, of the
 * card schedule.js keeps) and g its guess rate, 1 / C(options, choose); a question never
 * answered counts g alone (the prior: a guess). A domain is the mean over its questions; the
 * blueprint, the mean of the domains weighted by their weight, over the domains with
 * questions. Each figure says how many questions were answered of how many it rests on.
 *
 * Reads the Progress page's index (data-ss-progress-index: [id, hash, domain, topics,
 * number, options, choose, stem]) and fills [data-ss-ready-domain][data-ss-weight] and
 * [data-ss-ready-basis] in div[data-ss-readiness]; again after each change of the store.
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
  const guess = (q) => (q[5] > 0 && q[6] > 0 && q[6] <= q[5] ? 1 / ways(q[5], q[6]) : 0);
  const percent = (x) => t("readiness.percent", { percent: Math.round(100 * x) });

  function mount(box) {
    const root = box.closest("[data-ss-progress]");
    if (!root || !SS.schedule || !SS.fsrs) return undefined;
    const index = JSON.parse(root.getAttribute("data-ss-progress-index"));
    const cell = (what, n) => box.querySelector(`[data-ss-ready-${what}="${n}"]`);

    function render() {
      const now = Date.now(),
        S = SS.schedule,
        known = S.known(),
        seen = {};
      for (const q of index.questions) if (known[q[0]] == q[1]) seen[q[0]] = q[1];
      const cards = S.cards(seen),
        by = {};
      for (const q of index.questions) {
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
    return SS.listen(document, "ss:store-change", render);
  }

  SS.register("readiness", "[data-ss-readiness]", mount);
})();
