/* Search ranking: sections that hold every term of a query rank before partial matches.
 * Material's search ORs the terms of a query and lets each match a prefix ("start" finds
 * "starting"), so "cold start" ranked a page full of "starting" above the section about cold
 * starts. Lunr, which Material's search worker runs, can require terms ("+cold +start") but has
 * no phrase queries. So for a query of two or more plain terms the worker is asked twice, with
 * every term required and as typed, and Material is shown one result: the pages that hold every
 * term first (in their own order), then the rest, scored below them (Enter opens the first).
 * Queries with their own operators (quotes, +, -, ~, ^, *, field:) go through unchanged.
 * Works on Material's worker messages (SETUP 0, READY 1, QUERY 2, RESULT 3), so it also
 * covers the iframe-worker shim of the offline copy.
 *
 * A large bank's index is mostly question stems, and Lunr answers nothing until it has
 * indexed every section: 10,000 stems kept the first search waiting for seconds. So when the
 * index holds more than 1,000 sections (window.ssSearchStagedFrom changes it), Material's
 * worker gets the pages' own sections first and answers at once; once it is ready, a second
 * worker builds the whole index. When that one is ready it answers every query, and the last
 * query is asked again so its results fill in with the questions.
 */
(() => {
  "use strict";
  const SETUP = 0,
    READY = 1,
    QUERY = 2,
    RESULT = 3;
  const STEM = /-stem$/;
  const Worker = window.Worker;
  if (!Worker || !Worker.prototype || Worker.prototype.ssAllTerms) return;
  const post = Worker.prototype.postMessage;
  const pending = new WeakMap(); // worker -> queue of queries whose results are on their way

  // "cold start" -> "+cold +start", "SSE-C" -> "+SSE-C" (Material splits it into "+SSE +C");
  // null for a query of one term, or with operators of its own.
  function everyTerm(query) {
    if (typeof query != "string" || /["+~^*:]|(?:^|\s)-/.test(query)) return null;
    const words = query.trim().split(/\s+/).filter(Boolean);
    const several = words.length > 1 || /\w[^\w\s]+\w/.test(query);
    return several ? words.map((w) => "+" + w).join(" ") : null;
  }
  const pageOf = (group) => group[0].location.split("#")[0];

  function merge(all, some) {
    const first = all.items,
      seen = new Set(first.map(pageOf));
    const rest = some.items.filter((group) => !seen.has(pageOf(group)));
    const floor = Math.min(...first.map((g) => Math.max(...g.map((i) => i.score))));
    const top = Math.max(0, ...rest.map((g) => Math.max(...g.map((i) => i.score))));
    const scale = first.length && top >= floor ? (0.99 * floor) / top : 1;
    const scaled = rest.map((group) => group.map((item) => ({ ...item, score: item.score * scale })));
    return { ...some, ...all, items: [...first, ...scaled] };
  }

  function listen(worker) {
    const queue = [];
    pending.set(worker, queue);
    // A capturing listener on the worker runs before Material's own and can hold a result back.
    worker.addEventListener(
      "message",
      (event) => {
        const data = event.data;
        if (!data || data.type != RESULT || !queue.length || data.ssMerged) return;
        const head = queue[0];
        if (!head.pair) return void queue.shift();
        event.stopImmediatePropagation();
        if (!head.all) return void (head.all = data.data);
        queue.shift();
        const merged = { type: RESULT, data: merge(head.all, data.data), ssMerged: true };
        worker.dispatchEvent(new MessageEvent("message", { data: merged }));
      },
      { capture: true },
    );
    return queue;
  }

  // The whole index's worker, per Material worker: {worker, ready, last (query), rest}.
  const staged = new WeakMap();

  function stage(worker, message, rest) {
    const docs = message.data && message.data.docs;
    const from = Number(window.ssSearchStagedFrom) || 1000;
    if (!Array.isArray(docs) || docs.length <= from) return false;
    const pages = docs.filter((doc) => !STEM.test(doc.location || ""));
    let url = null;
    try {
      url = JSON.parse(document.getElementById("__config").textContent).search;
    } catch {}
    if (pages.length == docs.length || !url) return false;
    const whole = { worker: null, ready: false, last: null, rest };
    staged.set(worker, whole);
    post.call(worker, { ...message, data: { ...message.data, docs: pages } }, ...rest);
    // The whole index waits until the pages' worker is ready: built at the same time, on two
    // cores beside the page itself, it held the first answer back by about a third.
    const started = (event) => {
      if (!event.data || event.data.type != READY) return;
      worker.removeEventListener("message", started);
      buildWhole(worker, whole, url, message);
    };
    worker.addEventListener("message", started);
    return true;
  }

  function buildWhole(worker, whole, url, message) {
    whole.worker = new Worker(url);
    whole.worker.addEventListener("message", (event) => {
      const data = event.data;
      if (!data) return;
      if (data.type == READY) {
        whole.ready = true;
        const box = document.querySelector("input.md-search__input");
        // Only while the box still holds it: results must not come back for a cleared box.
        if (whole.last !== null && box && box.value.trim() == String(whole.last).trim())
          ask(worker, whole.last, whole.rest);
      } else if (data.type == RESULT) {
        // Material listens on its own worker: its results come from there.
        worker.dispatchEvent(new MessageEvent("message", { data }));
      }
    });
    post.call(whole.worker, message, ...whole.rest);
  }

  // Post a query (and its every-term twin) to whichever worker answers now.
  function ask(worker, query, rest) {
    const queue = pending.get(worker) || listen(worker);
    const whole = staged.get(worker);
    const target = whole && whole.ready ? whole.worker : worker;
    if (whole && !whole.ready) whole.last = query;
    const all = everyTerm(query);
    queue.push({ pair: all !== null });
    if (all !== null) post.call(target, { type: QUERY, data: all }, ...rest);
    return post.call(target, { type: QUERY, data: query }, ...rest);
  }

  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type == SETUP && !staged.has(this) && stage(this, message, rest)) return;
    if (!message || message.type != QUERY) return post.call(this, message, ...rest);
    return ask(this, message.data, rest);
  };
  Worker.prototype.ssAllTerms = true;
})();
