/* Decision tree: one question at a time, a trail of answers, Back, Restart, an outcome card.
 * Structure from data-ss-tree-data, texts and links from the static outline (hidden while
 * this runs, kept for print). Path in the fragment: #tree-<id>=node:i,node:i[&tree-<id>=...].
 * Each step dispatches "ss:tree-step" (detail: tree, path, node, outcome). A tree listens for
 * hashchange on window while its page is shown (the cleanup removes it, and the observer
 * that scrolls the diagram once it is first seen). */
(() => {
  "use strict";
  const SS = window.StudySite,
    make = SS.el,
    t = SS.t;

  // {treeId: "node:i,node:i"} from the fragment; a plain anchor gives {}. A path is at most
  // as long as its tree has questions (a path never asks one twice), so a fragment longer
  // than this is no path of ours: it is not read at all (a shared address of 200,000 steps
  // took the page's mount from milliseconds to seconds).
  const MAX_HASH = 16384;
  function readHash() {
    const state = {};
    if (location.hash.length > MAX_HASH) return state;
    try {
      decodeURIComponent(location.hash.slice(1))
        .split("&")
        .forEach((part) => {
          const m = /^tree-([a-z0-9-]+)=([a-z0-9:,-]*)$/.exec(part);
          if (m) state[m[1]] = m[2];
        });
    } catch {}
    return state;
  }

  function writeHash(id, steps) {
    const state = readHash(),
      here = location.pathname + location.search;
    state[id] = steps;
    const parts = Object.keys(state)
      .filter((k) => state[k])
      .map((k) => "tree-" + k + "=" + state[k]);
    const url = here + (parts.length ? "#" + parts.join("&") : "");
    if (url != here + location.hash) history.replaceState(history.state, "", url);
  }

  function mount(root) {
    const data = JSON.parse(root.getAttribute("data-ss-tree-data"));
    const $ = (selector) => root.querySelector(selector);
    const outline = $(".ss-tree__outline"),
      title = $(".ss-tree__title"),
      box = $(".ss-tree__diagram");
    // Diagram marks: question boxes by node id, arrows, labels and end boxes by choice.
    const marks = root.querySelectorAll(".ss-diagram [data-ss-node], .ss-diagram [data-ss-edge]");
    let path = [];

    // Rendered HTML of a part of the outline (keeps Markdown, abbreviations, links).
    function rich(kind, ref, part, cls) {
      const span = make("span", cls);
      const source = outline.querySelector(`[data-ss-tree-${kind}="${ref}"]>p>.ss-tree__${part}`);
      if (source) span.innerHTML = source.innerHTML;
      return span;
    }
    function count(text) {
      const span = make("span", "ss-tree__count", text);
      span.append(make("span", "ss-sr", ": "));
      return span;
    }
    const key = (steps) => steps.map((s) => s.join(":")).join(",");
    // Where the steps lead; null when one does not fit the tree.
    function follow(steps) {
      let node = data.start;
      for (const [at, i] of steps) {
        const q = data.nodes[node];
        if (!q || at != node || !q.choices[i]) return null;
        node = q.choices[i][1];
      }
      return node;
    }
    // The steps of a path as far as they fit the tree, in one pass: each step is checked
    // once, and no more steps are read than the tree has questions.
    function parse(text) {
      const steps = [];
      let node = data.start;
      for (const s of (text || "").split(",", Object.keys(data.nodes).length)) {
        const m = /^([a-z0-9-]+):(\d+)$/.exec(s),
          q = data.nodes[node];
        if (!m || !q || m[1] != node || !q.choices[+m[2]]) break;
        steps.push([m[1], +m[2]]);
        node = q.choices[+m[2]][1];
      }
      return steps;
    }

    const app = make("div", "ss-tree__app");
    const trail = make("nav", "ss-tree__trail");
    const list = make("ol");
    const step = make("div", "ss-tree__step");
    const controls = make("div", "ss-tree__controls");
    const back = make("button", "ss-tree__back", t("tree.back"));
    const restart = make("button", "ss-tree__restart", t("tree.restart"));
    const live = make("div", "ss-sr");
    app.role = "group";
    if (title) app.setAttribute("aria-labelledby", (title.id = root.id + "-title"));
    trail.ariaLabel = t("tree.trail");
    live.ariaLive = "polite";
    trail.append(make("p", "ss-tree__head", t("tree.trail")), list);
    controls.append(back, restart);
    app.append(trail, step, controls, live);
    root.insertBefore(app, outline);
    root.classList.add("ss-tree--live");

    function go(steps) {
      path = steps;
      const [focus, words] = render(true);
      writeHash(data.id, key(path));
      live.textContent = words;
      focus.focus();
      const node = follow(path);
      SS.emit(root, "ss:tree-step", { tree: data.id, path: key(path), node, outcome: !data.nodes[node] });
    }

    // On a narrow screen the diagram scrolls sideways: bring the current step into view.
    function center(g) {
      const r = g.getBoundingClientRect(),
        w = box.getBoundingClientRect();
      box.scrollLeft += r.left + r.width / 2 - w.left - w.width / 2;
    }

    // While mounting, wait until the diagram is first on screen: the observer reports after
    // the browser has laid the page out, so reading the layout then costs nothing, and a
    // diagram far down a long page (left unrendered there) is not laid out early for it.
    function centerWhenSeen() {
      if (!box || !window.IntersectionObserver) return null;
      const seen = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        seen.disconnect();
        const here = box.querySelector("g.ss-here");
        if (here) center(here);
      });
      seen.observe(box);
      return seen;
    }

    // Draws the current step; now: scroll the diagram at once (after a click), else once it
    // is seen, so mounting forces no layout. Returns [element to focus, words to say].
    function render(now) {
      const node = follow(path),
        question = data.nodes[node];
      let set, focus;
      list.textContent = step.textContent = "";
      trail.hidden = !path.length;
      path.forEach((s, i) => {
        const crumb = make("button", "ss-tree__crumb");
        const asked = rich("question", s[0], "q").textContent;
        crumb.title = asked;
        crumb.append(
          make("span", "ss-sr", t("tree.go_back", { question: asked }) + " "),
          rich("choice", s.join(":"), "label"),
        );
        crumb.onclick = () => go(path.slice(0, i));
        list.appendChild(make("li")).append(crumb);
      });
      if (question) {
        set = make("fieldset", "ss-tree__question");
        const legend = set.appendChild(make("legend", "ss-tree__legend"));
        const choices = make("div", "ss-tree__choices");
        legend.append(count(t("tree.question", { number: path.length + 1 })), rich("question", node, "q"));
        if (question.help) set.append(rich("question", node, "help", "ss-tree__hint"));
        question.choices.forEach((_, i) => {
          const b = choices.appendChild(make("button", "ss-tree__option"));
          b.append(rich("choice", node + ":" + i, "label"));
          b.onclick = () => go(path.concat([[node, i]]));
        });
        set.append(choices);
        focus = [legend, legend.textContent];
      } else {
        set = make("div", "ss-tree__card");
        const head = set.appendChild(make("p", "ss-tree__result"));
        head.append(count(t("tree.answer")), rich("outcome", node, "answer"));
        const why = set.appendChild(make("p")).appendChild(rich("outcome", node, "why"));
        set.appendChild(make("p")).append(rich("outcome", node, "links"));
        set.querySelectorAll("a[href*='#']").forEach(keepPath);
        focus = [head, head.textContent + ". " + why.textContent];
      }
      focus[0].tabIndex = -1;
      step.append(set);
      back.disabled = restart.disabled = !path.length;
      // Highlight the path in the diagram: the questions passed and the choices taken (a
      // question is drawn once, whichever path reaches it); the drawn-last arrow shows on top.
      const taken = new Set(path.map((s) => s.join(":"))),
        last = path.length ? key(path.slice(-1)) : "";
      const passed = new Set([data.start, node].concat(path.map((s) => s[0])));
      for (const m of marks) {
        const n = m.getAttribute("data-ss-node"),
          e = m.getAttribute("data-ss-edge");
        const on = n != null ? passed.has(n) : taken.has(e);
        const at = n != null ? n == node : !question && e == last;
        m.classList.toggle("ss-on", on);
        m.classList.toggle("ss-here", at);
        if (on && m.tagName == "path") m.parentNode.append(m);
        if (at && box && m.tagName == "g" && now) center(m);
      }
      return focus;
    }

    // A link to a part of this page (a section, a table row) would replace the fragment
    // that holds the walked path: scroll there instead and keep the fragment.
    function keepPath(a) {
      const url = new URL(a.href, location.href);
      if (url.origin + url.pathname != location.origin + location.pathname) return;
      a.onclick = (event) => {
        let target;
        try {
          target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
        } catch {}
        if (!target) return;
        // Not for Material's instant navigation either: it would load the page again.
        event.preventDefault();
        event.stopPropagation();
        SS.emit(target, "ss:reveal", { id: target.id });
        target.scrollIntoView({ block: "start" });
        const focus = target.closest("tr, h2, h3, h4") || target;
        if (!focus.hasAttribute("tabindex")) focus.tabIndex = -1;
        focus.focus({ preventScroll: true });
        // Material's instant navigation may already have put the link's fragment in the
        // address (it handles clicks first): put the path back.
        setTimeout(() => writeHash(data.id, key(path)));
      };
    }

    back.onclick = () => go(path.slice(0, -1));
    restart.onclick = () => go([]);
    // A fragment naming this tree (reload, shared link, hashchange) sets its path.
    function sync() {
      const state = readHash();
      if (data.id in state && state[data.id] != key(path)) {
        path = parse(state[data.id]);
        render(true);
      }
    }
    const initial = readHash();
    path = parse(initial[data.id]);
    render();
    const seen = centerWhenSeen();
    if (path.length && Object.keys(initial)[0] == data.id) root.scrollIntoView();
    const off = SS.listen(window, "hashchange", sync);
    return () => {
      off();
      if (seen) seen.disconnect();
    };
  }

  SS.register("tree", "div.ss-tree[data-ss-tree]", mount);
})();
