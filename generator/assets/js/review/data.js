/* Review data: each domain's questions as the topic pages' quiz shows them, from the domain's
 * classic script review-data/<domain>.js (generator/site/widgets/review.py), added to the page
 * when a question of that domain is first needed; it calls StudySite.reviewData(n, {v: 1, q:
 * {id: markup}}). A classic script, not fetch(): it loads from file:// too.
 *
 * StudySite.reviewMarkup(n, domain) -> Promise of {id: markup} for domain number n, domain
 * being the page index's {title, script}. The Review page and the wrong-answers page use it.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    t = SS.t,
    D = document;
  if (SS.reviewMarkup) return;
  const data = {},
    waiting = {},
    pending = {};
  SS.reviewData = (n, d) => {
    if (!d || d.v !== 1 || !d.q || typeof d.q != "object") return;
    data[n] = d.q;
    (waiting[n] || []).forEach((f) => f(d.q));
    delete waiting[n];
  };
  function base() {
    // The bundle's own URL is resolved by the browser for every kind of hosting.
    const script = D.querySelector('script[src*="assets/studysite"]');
    return script ? script.src.replace(/assets\/studysite[^/]*$/, "") : "";
  }
  SS.reviewMarkup = (n, domain) => {
    if (data[n]) return Promise.resolve(data[n]);
    if (pending[n]) return pending[n];
    return (pending[n] = new Promise((resolve, reject) => {
      (waiting[n] = waiting[n] || []).push(resolve);
      const script = D.createElement("script");
      script.src = base() + domain.script;
      script.onerror = () => {
        delete pending[n];
        delete waiting[n];
        script.remove();
        reject(Error(t("review.load_failed", { domain: n })));
      };
      D.head.append(script);
    }));
  };
})();
