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
 */
(() => {
  "use strict";
  const QUERY = 2, RESULT = 3;
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
    const first = all.items, seen = new Set(first.map(pageOf));
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
    worker.addEventListener("message", (event) => {
      const data = event.data;
      if (!data || data.type != RESULT || !queue.length || data.ssMerged) return;
      const head = queue[0];
      if (!head.pair) return void queue.shift();
      event.stopImmediatePropagation();
      if (!head.all) return void (head.all = data.data);
      queue.shift();
      const merged = { type: RESULT, data: merge(head.all, data.data), ssMerged: true };
      worker.dispatchEvent(new MessageEvent("message", { data: merged }));
    }, { capture: true });
    return queue;
  }

  Worker.prototype.postMessage = function (message, ...rest) {
    if (!message || message.type != QUERY) return post.call(this, message, ...rest);
    const queue = pending.get(this) || listen(this);
    const all = everyTerm(message.data);
    queue.push({ pair: all !== null });
    if (all !== null) post.call(this, { ...message, data: all }, ...rest);
    return post.call(this, message, ...rest);
  };
  Worker.prototype.ssAllTerms = true;
})();
