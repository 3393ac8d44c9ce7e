/* Practice exam: a timed mock exam or a custom practice, one question at a time, marked at
 * the end (generator/site/templates/exam.md.j2, generator/site/pages/exam.py).
 *
 * Reads div[data-ss-exam-page][data-ss-exam-config] (JSON: exam id, the mock exam's size and
 * per-domain counts, the pass mark, and per domain its question count, difficulty counts and
 * data script) and the topic links a[data-ss-exam-topic][data-ss-exam-domain] of the static
 * page. A domain's questions arrive only when an attempt needs them: the script
 * exam-data/domain-N.js (generator/site/widgets/exam.py) is added to the page and calls
 * StudySite.examData(N, data); a classic script, so it loads from file:// too.
 *
 * The attempt in progress is the store's draft "exam" (StudySite.store.draft, store.js), so it
 * survives reloads, navigation and closing the tab; the clock runs on wall time, so a timed
 * attempt whose time ran out while the page was closed is submitted when the learner comes
 * back, and told so. Answers reach the learner's progress only at Submit: every answered
 * question as an answer, and the attempt (its score, time and each question's pick) with
 * store.addAttempt(), which the Progress page lists (exam-history.js) and export/import
 * carry. Storage that throws: the attempt runs for this visit, with a notice.
 *
 * Drawing is random per attempt; the URL parameter ?seed=<integer> makes it reproducible.
 * A mock exam draws each domain's share (the plan) without repeats, in a random order of
 * domains; the first question shows once its own domain's data has loaded.
 * Keyboard during an attempt (before Material's own keys): 1-9 pick, N / P next and previous,
 * F flag, ? the shortcuts; a listener on window while the page is shown, removed with the
 * clock by the cleanup when instant navigation leaves it. Events (bubbling, on the page
 * root): "ss:exam-start" {mode, total}, "ss:exam-submit" {right, total, reason, answers: [[id,
 * hash, right], ...], at} (the answers for the review schedule). Performance
 * marks: "ss-exam-start", "ss-exam-first-question".
 *
 * The other question types (the data's "x" entries, and case studies' parts in "c") are
 * answered with their type's widget (StudySite.types, js/<type>/): its module is added to the
 * page, as a domain's data is, when a domain holding that type loads. A slot keeps their
 * answer in "v" (the store's value). A case study's parts are drawn whole and kept in
 * consecutive slots; each part shows the scenario. Scoring is all or nothing per question;
 * the result lists each part right or wrong with its explanation.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    t = SS.t,
    D = document;
  const NO_STORE = t("exam.no_store");
  // By difficulty: 0 not rated, 1 easy, 2 medium, 3 hard (generator/site/widgets/exam.py).
  const DIFFICULTY = [t("exam.not_rated"), t("exam.easy"), t("exam.medium"), t("exam.hard")];
  const WARN = [5, 1];
  const letter = SS.text.letter;
  const pct = (right, total) => (total ? Math.round((100 * right) / total) : 0);
  const store = SS.store;
  // "Choose two.": as the quiz says it (templates/_quiz.html.j2, site/widgets/quiz.py).
  const CHOOSE = [
    "",
    t("quiz.choose_1"),
    t("quiz.choose_2"),
    t("quiz.choose_3"),
    t("quiz.choose_4"),
    t("quiz.choose_5"),
    t("quiz.choose_6"),
  ];
  const chooseLabel = (q) =>
    q.tf ? t("types.true_false") : CHOOSE[q.choose] || t("quiz.choose_many", { count: q.choose });

  // ---- question data, loaded on demand ----------------------------------------------------
  const data = {},
    waiting = {},
    pending = {};
  SS.examData = (n, d) => {
    if (!d || d.v !== 1 || !Array.isArray(d.q)) return;
    const byId = {},
      types = new Set();
    const make = (q, kase) => {
      const one = { id: q[0], hash: q[1], topics: q[2].map((i) => d.topics[i]), diff: q[3], domain: n, kase };
      if (typeof q[4] == "number") {
        Object.assign(one, { choose: q[4], shuffle: !!q[5], stem: q[6], options: q[7], correct: q[8] });
        // True/false: a choice of two with a question-level explanation.
        if (q[9] && q[9].type == "true-false") Object.assign(one, { tf: true, explanation: q[9].explanation });
      } else {
        Object.assign(one, { type: q[4], stem: q[5], x: q[6], explanation: q[7] });
        types.add(q[4]);
      }
      return (byId[q[0]] = one);
    };
    const cases = (d.c || []).map((c) => {
      const kase = { id: c[0], title: c[1], scenario: c[2], table: c[3], parts: [] };
      kase.parts = c[5].map((q) => make(q, kase));
      return kase;
    });
    const list = d.q.map((q) => make(q)).concat((d.x || []).map((q) => make(q)));
    data[n] = { list, cases, byId, types: [...types] };
    (waiting[n] || []).forEach((f) => f(data[n]));
    delete waiting[n];
  };

  // ---- the other types' widgets: their module, loaded as a domain's data is ----------------
  // The modules with a style bundle (generator/assets/css/<type>/).
  const STYLED = ["ordering", "matching"];
  const typeLoads = {};
  function loadType(type) {
    if (SS.types && SS.types[type]) return Promise.resolve();
    return (typeLoads[type] ||= new Promise((resolve, reject) => {
      const script = D.createElement("script");
      script.src = base() + "assets/studysite-" + type + ".min.js";
      script.onload = resolve;
      script.onerror = () => {
        delete typeLoads[type];
        reject(Error(t("exam.load_failed_type", { type })));
      };
      if (STYLED.includes(type)) {
        const css = D.createElement("link");
        css.rel = "stylesheet";
        css.href = base() + "assets/studysite-" + type + ".min.css";
        D.head.append(css);
      }
      D.head.append(script);
    }));
  }

  // What a type's widget reads (its d, as js/<type>/ reads it from a page) for a slot: the
  // author's text as elements, in the order the slot shows (slot.o).
  function para(cls, text) {
    const p = el("p", cls);
    p.append(rich(text));
    return p;
  }
  function span(text) {
    const e = el("span");
    if (text !== null && text !== undefined) e.append(rich(text));
    return e;
  }
  const whyOf = (text) => (text ? span(text) : null);
  function typed(q, slot) {
    const x = q.x;
    if (q.type == "ordering") {
      const d = { items: x.items.map((it) => span(it[0])), whys: x.items.map((it) => whyOf(it[1])), letters: [] };
      d.start = slot.o || d.items.map((_, i) => i);
      d.start.forEach((i, k) => {
        d.letters[i] = letter(k);
      });
      return d;
    }
    if (q.type == "matching") {
      return {
        prompts: x.prompts.map((p) => span(p[0])),
        whys: x.prompts.map((p) => whyOf(p[1])),
        key: x.key,
        answers: x.answers.map(span),
        offered: slot.o || x.answers.map((_, i) => i),
      };
    }
    if (q.type == "numeric") return { accept: x.accept, unit: x.unit, whys: x.accept.map((e) => whyOf(e.why)) };
    const whys = {};
    const norm = SS.types["short-answer"].norm;
    x.texts.forEach((it) => {
      if (it[1]) whys[norm(it[0])] = whyOf(it[1]);
    });
    return { accept: x.accept, whys };
  }
  const api = (q) => SS.types[q.type];

  function base() {
    // The bundle's own URL is resolved by the browser for every kind of hosting.
    const script = D.querySelector('script[src*="assets/studysite"]');
    return script ? script.src.replace(/assets\/studysite[^/]*$/, "") : "";
  }

  function load(domain) {
    if (pending[domain.n]) return pending[domain.n];
    return (pending[domain.n] = new Promise((resolve, reject) => {
      (waiting[domain.n] = waiting[domain.n] || []).push(resolve);
      const script = D.createElement("script");
      script.src = base() + domain.script;
      script.onerror = () => {
        delete pending[domain.n];
        delete waiting[domain.n];
        script.remove();
        reject(Error(t("exam.load_failed", { domain: domain.n })));
      };
      D.head.append(script);
    }).then((d) => Promise.all(d.types.map(loadType)).then(() => d)));
  }

  // ---- drawing: reproducible with a seed ------------------------------------------------
  function random(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let x = Math.imul(a ^ (a >>> 15), a | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffle(list, rand) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }
  const mix = (seed, n) => (seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0;
  function newSeed() {
    const given = new URLSearchParams(location.search).get("seed");
    return given !== null && /^\d+$/.test(given) ? Number(given) >>> 0 : Math.floor(Math.random() * 4294967296);
  }
  function optionOrder(q, rand) {
    if (q.type == "ordering") {
      // Items shown in a shuffle that is never the right order.
      const order = q.x.items.map((_, i) => i);
      do shuffle(order, rand);
      while (order.length > 1 && order.every((i, k) => i == k));
      return order;
    }
    if (q.type == "matching")
      return shuffle(
        q.x.answers.map((_, i) => i),
        rand,
      );
    if (q.type) return null;
    const order = q.options.map((_, i) => i);
    return q.shuffle ? shuffle(order, rand) : order;
  }

  /** A mock exam's draw for one domain (generator/site/widgets/exam_draw.py, its reference):
   * whole case studies, then single questions, share questions in all. */
  function sums(sizes, limit) {
    let totals = new Set([0]);
    sizes.forEach((size) => {
      totals = new Set([...totals, ...[...totals].map((x) => x + size).filter((x) => x <= limit)]);
    });
    return totals;
  }
  const reachable = (share, singles, sizes) => share >= 0 && [...sums(sizes, share)].some((x) => share - singles <= x);
  function drawDomain(dd, share, rand) {
    const cases = shuffle(dd.cases.slice(), rand),
      singles = shuffle(dd.list.slice(), rand);
    const size = (c) => c.parts.length,
      all = singles.length + cases.reduce((n, c) => n + size(c), 0);
    const fair = all ? Math.ceil((share * cases.reduce((n, c) => n + size(c), 0)) / all) : 0;
    const taken = [];
    let left = share,
      inCases = 0;
    const rest = (but) => cases.filter((c) => c != but && !taken.includes(c)).map(size);
    if (!reachable(share, singles.length, cases.map(size))) return singles.slice(0, share).map((q) => [q]);
    cases.forEach((c) => {
      if (size(c) <= Math.min(left, fair - inCases) && reachable(left - size(c), singles.length, rest(c))) {
        taken.push(c);
        left -= size(c);
        inCases += size(c);
      }
    });
    const made = sums(rest(null), left);
    let count = Math.min(left, singles.length);
    while (count > 0 && !made.has(left - count)) count--;
    left -= count;
    cases.forEach((c) => {
      if (!taken.includes(c) && left && size(c) <= left && sums(rest(c), left).has(left - size(c))) {
        taken.push(c);
        left -= size(c);
      }
    });
    return shuffle(taken.map((c) => c.parts).concat(singles.slice(0, count).map((q) => [q])), rand);
  }

  // ---- text: the author's text as text, with `code`, **strong** and *emphasis* ------------
  function rich(text) {
    const out = D.createDocumentFragment();
    String(text)
      .split(/(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/)
      .forEach((part, i) => {
        if (!(i % 2)) out.append(part);
        else if (part[0] == "`") out.append(el("code", "", part.slice(1, -1)));
        else if (part[1] == "*") out.append(el("strong", "", part.slice(2, -2)));
        else out.append(el("em", "", part.slice(1, -1)));
      });
    return out;
  }

  // ---- time -----------------------------------------------------------------------------
  function clock(ms) {
    const secs = Math.max(0, Math.round(ms / 1000)),
      h = Math.floor(secs / 3600);
    const m = String(Math.floor((secs % 3600) / 60)).padStart(h ? 2 : 1, "0"),
      sec = String(secs % 60).padStart(2, "0");
    return (h ? h + ":" : "") + m + ":" + sec;
  }
  // ---- keeping the attempt: the store's draft, or this visit's memory ---------------------
  function keeper() {
    let problem = "";
    return {
      get() {
        const a = store.draft("exam");
        return a && a.v === 1 && Array.isArray(a.slots) ? a : null;
      },
      put(a) {
        problem = store.keepDraft("exam", a || null) ? "" : NO_STORE;
      },
      problem: () => problem,
    };
  }

  // ---- the page -----------------------------------------------------------------------------
  function mount(root) {
    const config = JSON.parse(root.getAttribute("data-ss-exam-config"));
    const domains = {};
    config.domains.forEach((d) => {
      domains[d.n] = d;
    });
    const topics = {};
    root.querySelectorAll("a[data-ss-exam-topic]").forEach((a) => {
      topics[a.getAttribute("data-ss-exam-topic")] = {
        title: a.textContent,
        href: a.href,
        domain: Number(a.getAttribute("data-ss-exam-domain")),
      };
    });
    const keep = keeper();
    const pace = config.blueprint.minutes / config.blueprint.questions;
    const stat = root.querySelector("[data-ss-exam-static]");
    const app = el("div", "ss-exam__app");
    const notice = el("p", "ss-exam__notice");
    const live = el("div", "ss-sr");
    live.setAttribute("aria-live", "polite");
    const view = el("div", "ss-exam__view");
    notice.hidden = true;
    app.append(notice, view, live);
    root.append(app);
    stat.hidden = true;
    root.classList.add("ss-exam--live");

    let a = keep.get(),
      timer = 0,
      gone = false,
      ui = null;
    const say = (text) => {
      live.textContent = live.textContent == text ? text + "\u00a0" : text;
    };
    function tell() {
      const problems = [keep.problem(), store.problem()].filter(Boolean);
      notice.textContent = problems.join(" ");
      notice.hidden = !problems.length;
    }
    function save() {
      keep.put(a);
      tell();
    }
    function heading(level, text) {
      const h = el("h" + level, "ss-exam__heading", text);
      h.tabIndex = -1;
      return h;
    }
    function button(text, cls, onclick) {
      const b = el("button", "md-button" + (cls ? " " + cls : ""), text);
      b.addEventListener("click", onclick);
      return b;
    }
    function show(nodes, focus) {
      view.replaceChildren(...nodes);
      if (focus) focus.focus();
      tell();
    }
    function fail(error) {
      const p = el("p", "ss-exam__error", error.message);
      p.setAttribute("role", "alert");
      view.prepend(p);
    }
    const remaining = () => a.deadline - Date.now();
    const taken = (end) => (end || Date.now()) - a.at;
    // A "choose two" question with one pick is not answered yet: the navigator, the review and
    // the submit warning say so, as a real exam's "incomplete" does (it still counts as wrong).
    // The other types: answered once their widget gave a value; a matching with prompts left
    // unmatched is partly answered.
    const given = (slot) => slot.v !== undefined && slot.v !== null;
    const partly = (slot) => {
      const q = question(slot),
        n = slot.p.length;
      if (q && q.type) return given(slot) && !api(q).done(typed(q, slot), slot.v);
      return n > 0 && !!q && n != q.choose;
    };
    const answered = (slot) => (slot.p.length > 0 || given(slot)) && !partly(slot);
    const picked = (slot) => {
      const q = question(slot);
      if (q.type) {
        const done = slot.v.filter((x) => x !== null).length;
        return t("typed.matched", { done, count: slot.v.length });
      }
      return t("quiz.picked", { picked: slot.p.length, choose: q.choose });
    };

    // ---- start --------------------------------------------------------------------------
    function startView() {
      ui = null;
      const nodes = [];
      if (a && !a.result) {
        const box = el("section", "ss-exam__resume");
        const done = a.slots.filter(answered).length;
        box.append(
          heading(2, t("exam.in_progress")),
          el(
            "p",
            "",
            a.deadline
              ? t("exam.resume_timed", { title: a.title, done, count: a.slots.length, left: clock(remaining()) })
              : t("exam.resume_untimed", { title: a.title, done, count: a.slots.length, taken: clock(taken()) }),
          ),
          el("p", "ss-exam__buttons"),
        );
        box.lastChild.append(
          button(t("exam.resume"), "md-button--primary", () => run(a.cur)),
          " ",
          button(t("exam.abandon"), "", () => {
            if (!confirm(t("exam.abandon_confirm"))) return;
            a = null;
            save();
            say(t("exam.abandoned"));
            startView();
          }),
        );
        nodes.push(box);
        return show(nodes, box.firstChild);
      }
      const mock = el("section", "ss-exam__choice");
      const m = config.mock;
      mock.append(
        heading(2, t("exam.mock_title")),
        el("p", "", m.note || t("exam.mock_about", { count: m.questions, minutes: m.minutes })),
        el("p", "", t("exam.how", { pass: config.pass.label })),
      );
      if (m.questions) {
        mock.append(el("p", "ss-exam__buttons"));
        mock.lastChild.append(button(t("exam.start_mock"), "md-button--primary", () => startMock()));
      }
      nodes.push(mock, customForm(), shortcutsHelp());
      show(nodes);
    }

    function customForm() {
      const form = el("form", "ss-exam__choice ss-exam__custom");
      form.noValidate = true;
      const id = (name) => "ss-exam-" + name;
      const box = (type, name, value, text, checked) => {
        const label = el("label", "ss-exam__check");
        const input = el("input");
        Object.assign(input, { type, name, value, checked: !!checked });
        label.append(input, " ", text);
        return label;
      };
      form.append(heading(2, t("exam.custom_title")), el("p", "", t("exam.custom_about")));
      const where = el("fieldset", "ss-exam__fieldset");
      where.append(el("legend", "", t("exam.domains_and_topics")));
      config.domains.forEach((d) => {
        const group = el("div", "ss-exam__domain");
        const all = box(
          "checkbox",
          "domain",
          String(d.n),
          t("exam.domain_choice", { domain: d.n, title: d.title, count: d.questions }),
          true,
        );
        const list = el("details", "ss-exam__topics");
        list.append(el("summary", "", t("exam.choose_topics", { domain: d.n })));
        const inner = el("div", "ss-exam__topic-list");
        for (const topic in topics) {
          if (topics[topic].domain == d.n) inner.append(box("checkbox", "topic", topic, topics[topic].title, true));
        }
        list.append(inner);
        group.append(all, list);
        all.firstChild.addEventListener("change", () => {
          inner.querySelectorAll("input").forEach((i) => {
            i.checked = all.firstChild.checked;
          });
        });
        inner.addEventListener("change", () => {
          const boxes = [...inner.querySelectorAll("input")];
          all.firstChild.checked = boxes.some((i) => i.checked);
        });
        where.append(group);
      });
      const diff = el("fieldset", "ss-exam__fieldset");
      diff.append(el("legend", "", t("exam.difficulty")));
      const counts = [0, 0, 0, 0];
      config.domains.forEach((d) =>
        d.difficulty.forEach((n, i) => {
          counts[i] += n;
        }),
      );
      [1, 2, 3, 0].forEach((k) => {
        if (counts[k]) {
          diff.append(
            box(
              "checkbox",
              "difficulty",
              String(k),
              t("exam.level_count", { level: DIFFICULTY[k], count: counts[k] }),
              true,
            ),
          );
        }
      });
      const which = el("fieldset", "ss-exam__fieldset");
      which.append(
        el("legend", "", t("exam.questions")),
        box("radio", "which", "all", t("exam.any_question"), true),
        box("radio", "which", "unanswered", t("exam.only_unanswered")),
        box("radio", "which", "wrong", t("exam.only_wrong")),
      );
      const size = el("p", "ss-exam__field");
      const count = el("input");
      const total = config.domains.reduce((n, d) => n + d.questions, 0);
      Object.assign(count, {
        type: "number",
        id: id("count"),
        name: "count",
        min: 1,
        max: Math.min(total, 200),
        value: Math.min(total, 20),
        inputMode: "numeric",
      });
      const countLabel = el("label", "", t("exam.how_many"));
      countLabel.htmlFor = count.id;
      size.append(
        countLabel,
        " ",
        count,
        " ",
        el("span", "ss-exam__hint", t("exam.at_most", { count: Math.min(total, 200) })),
      );
      const timing = el("fieldset", "ss-exam__fieldset");
      timing.append(
        el("legend", "", t("exam.clock")),
        box("radio", "timed", "yes", t("exam.timed", { seconds: Math.round(pace * 60) }), true),
        box("radio", "timed", "no", t("exam.untimed")),
      );
      const go = el("p", "ss-exam__buttons");
      go.append(button(t("exam.start_custom"), "md-button--primary", () => startCustom(form)));
      form.append(where, diff, which, size, timing, go);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        startCustom(form);
      });
      return form;
    }

    function shortcutsHelp() {
      const help = el("details", "ss-exam__keys");
      const list = el("dl");
      [
        [t("exam.key_digits"), t("exam.key_digits_do")],
        ["N", t("exam.key_next")],
        ["P", t("exam.key_previous")],
        ["F", t("exam.key_flag")],
        ["?", t("exam.key_help")],
      ].forEach(([k, what]) => {
        const dt = el("dt"),
          dd = el("dd", "", what);
        dt.append(el("kbd", "", k));
        list.append(dt, dd);
      });
      help.append(el("summary", "", t("exam.keys")), list, el("p", "", t("exam.keys_where")));
      return help;
    }

    // ---- starting an attempt ----------------------------------------------------------------
    function fresh(mode, title, limitSeconds, seed) {
      const now = Date.now();
      return {
        v: 1,
        id: "x" + now.toString(36) + Math.floor(Math.random() * 1e6).toString(36),
        at: now,
        mode,
        title,
        seed,
        limit: limitSeconds,
        deadline: limitSeconds ? now + limitSeconds * 1000 : 0,
        slots: [],
        plan: {},
        cur: 0,
        warned: [],
        note: "",
      };
    }

    function startMock() {
      performance.mark("ss-exam-start");
      const m = config.mock,
        seed = newSeed(),
        rand = random(seed);
      a = fresh("mock", t("exam.mock_title"), m.minutes * 60, seed);
      const order = [];
      for (const n in m.domains) for (let i = 0; i < m.domains[n]; i++) order.push(Number(n));
      shuffle(order, rand).forEach((n) => a.slots.push({ d: n, q: null, h: "", o: null, p: [], f: 0 }));
      a.plan = Object.assign({}, m.domains);
      save();
      SS.emit(root, "ss:exam-start", { mode: "mock", total: a.slots.length });
      run(0);
    }

    /** Draw a mock exam's questions of domain n into its slots, once its data is here. */
    function fill(n) {
      if (!a.plan[n] || !data[n]) return;
      const rand = random(mix(a.seed, n));
      const units = drawDomain(data[n], a.plan[n], rand);
      const open = (i) => a.slots[i] && !a.slots[i].q;
      // A case study's parts take consecutive slots: the undrawn slots of other domains
      // change places with this domain's (they hold nothing yet).
      units.forEach((unit) => {
        const mine = a.slots.map((_, i) => i).filter((i) => open(i) && a.slots[i].d == n);
        let at = mine.find((i) => unit.every((_, k) => open(i + k)));
        if (at === undefined) at = mine[0];
        unit.forEach((q, k) => {
          let i = at + k;
          if (!open(i)) i = a.slots.findIndex((s) => !s.q && s.d == n);
          const slot = a.slots[i];
          if (slot.d != n) {
            const other = a.slots.findIndex((s, j) => !s.q && s.d == n && (j < at || j >= at + unit.length));
            if (other >= 0) a.slots[other].d = slot.d;
            slot.d = n;
          }
          slot.q = q.id;
          slot.h = q.hash;
          slot.o = optionOrder(q, rand);
        });
      });
      delete a.plan[n];
      save();
    }

    function startCustom(form) {
      const values = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
      const chosen = values("domain").map(Number),
        wanted = new Set(values("topic"));
      const levels = new Set(values("difficulty").map(Number));
      const which = values("which")[0],
        timed = values("timed")[0] == "yes";
      const count = Math.floor(Number(form.querySelector('input[name="count"]').value));
      const problem = !chosen.length
        ? t("exam.need_domain")
        : !levels.size
          ? t("exam.need_difficulty")
          : !(count >= 1 && count <= 200)
            ? t("exam.need_count", { max: 200 })
            : "";
      const error = form.querySelector(".ss-exam__error");
      if (error) error.remove();
      if (problem) {
        const p = el("p", "ss-exam__error", problem);
        p.setAttribute("role", "alert");
        form.lastChild.before(p);
        return;
      }
      performance.mark("ss-exam-start");
      const go = form.querySelector(".ss-exam__buttons button");
      go.disabled = true;
      go.textContent = t("exam.loading");
      Promise.all(chosen.map((n) => load(domains[n]))).then(
        () => {
          const answers = store.load().answers;
          const pool = [];
          const fits = (q) => {
            if (!levels.has(q.diff) || !q.topics.some((topic) => wanted.has(topic))) return false;
            const rec = answers[q.id + ":" + q.hash];
            return !((which == "unanswered" && rec) || (which == "wrong" && !(rec && rec.correct === false)));
          };
          // A case study comes whole when any of its questions fits.
          chosen.forEach((n) => {
            data[n].list.forEach((q) => fits(q) && pool.push([q]));
            data[n].cases.forEach((c) => c.parts.some(fits) && pool.push(c.parts));
          });
          if (!pool.length) {
            go.disabled = false;
            go.textContent = t("exam.start_custom");
            const p = el(
              "p",
              "ss-exam__error",
              which == "wrong"
                ? t("exam.none_wrong")
                : which == "unanswered"
                  ? t("exam.none_unanswered")
                  : t("exam.none_match"),
            );
            p.setAttribute("role", "alert");
            form.lastChild.before(p);
            return;
          }
          const seed = newSeed(),
            rand = random(seed);
          const drawn = [];
          shuffle(pool, rand).forEach((unit) => {
            if (drawn.length + unit.length <= count) drawn.push(...unit);
          });
          const title = t("exam.custom_title");
          a = fresh("custom", title, timed ? Math.max(60, Math.round(drawn.length * pace * 60)) : 0, seed);
          a.slots = drawn.map((q) => ({ d: q.domain, q: q.id, h: q.hash, o: optionOrder(q, rand), p: [], f: 0 }));
          if (drawn.length < count) {
            a.note = t("exam.only_some", { count: drawn.length });
          }
          save();
          SS.emit(root, "ss:exam-start", { mode: "custom", total: a.slots.length });
          run(0);
        },
        (e) => {
          go.disabled = false;
          go.textContent = t("exam.start_custom");
          fail(e);
        },
      );
    }

    // ---- an attempt ---------------------------------------------------------------------------
    const question = (slot) => (slot.q && data[slot.d] ? data[slot.d].byId[slot.q] : null);

    /** Load what slot i needs (its domain; for a mock exam, draw that domain), then call then(). */
    function ready(i, then) {
      const slot = a.slots[i];
      if (question(slot)) return then();
      load(domains[slot.d])
        .then(() => {
          if (!a) return;
          fill(slot.d);
          // A case study drawn into this place gave it another domain's turn.
          if (!slot.q && a.plan[slot.d]) return ready(i, then);
          if (!question(slot)) {
            // A question kept in the attempt is no longer in this site's bank.
            throw Error(t("exam.question_gone"));
          }
          then();
        })
        .catch((e) => fail(e));
    }

    /** Load every domain of the attempt, in the background (after the first question). */
    function loadRest() {
      const todo = [...new Set(a.slots.map((slot) => slot.d))].filter((n) => !data[n] || a.plan[n]);
      return todo.reduce(
        (p, n) =>
          p.then(() =>
            load(domains[n]).then(() => {
              if (a) fill(n);
            }),
          ),
        Promise.resolve(),
      );
    }

    function run(i) {
      if (gone) return;
      if (a.deadline && remaining() <= 0) return submit("time-away");
      a.phase = "question";
      ready(i, () => {
        if (!ui) build();
        go(i, true);
        tick();
        performance.mark("ss-exam-first-question");
        loadRest().then(
          () => {
            if (ui) grid();
          },
          () => {},
        );
      });
      tick();
      clearInterval(timer);
      timer = setInterval(tick, 1000);
    }

    function tick() {
      if (!a || a.result) return clearInterval(timer);
      if (!ui) return;
      if (a.deadline) {
        const left = remaining();
        ui.time.textContent = t("exam.time_left", { time: clock(left) });
        WARN.forEach((w) => {
          if (left <= w * 60000 && left > 0 && !a.warned.includes(w)) {
            a.warned.push(w);
            save();
            say(w == 1 ? t("exam.last_minute") : t("exam.minutes_left", { count: w }));
          }
        });
        if (left <= 0) submit("time");
      } else {
        ui.time.textContent = t("exam.time_taken", { time: clock(taken()) });
      }
    }

    function build() {
      const bar = el("div", "ss-exam__bar");
      const where = heading(2, "");
      const time = el("span", "ss-exam__time");
      time.setAttribute("role", "timer");
      const flagState = el("span", "ss-exam__flagged");
      bar.append(where, time, flagState);
      const body = el("div", "ss-exam__question");
      const controls = el("div", "ss-exam__controls");
      const prev = button(t("exam.previous"), "", () => go(a.cur - 1));
      const flag = button(t("exam.flag"), "ss-exam__flag", () => toggleFlag());
      flag.setAttribute("aria-pressed", "false");
      const next = button(t("exam.next"), "md-button--primary", () => go(a.cur + 1));
      const review = button(t("exam.review_submit"), "", () => reviewView());
      controls.append(prev, flag, next, review);
      const nav = el("nav", "ss-exam__nav");
      nav.setAttribute("aria-label", t("exam.navigator"));
      const legend = el("p", "ss-exam__legend");
      legend.append(
        icon("\u2713"),
        " " + t("exam.legend_answered") + " · ",
        icon("\u25d0"),
        " " + t("exam.legend_partly") + " · ",
        icon("\u25cb"),
        " " + t("exam.legend_open") + " · ",
        icon("\u2691"),
        " " + t("exam.legend_flagged"),
      );
      const cells = el("ol", "ss-exam__grid");
      nav.append(el("h3", "", t("exam.questions")), legend, cells);
      const intro = el("p", "ss-exam__intro");
      intro.hidden = !a.note;
      intro.textContent = a.note;
      show([bar, intro, body, controls, nav, shortcutsHelp()]);
      ui = { where, time, flagState, body, prev, next, flag, cells, buttons: [] };
      a.slots.forEach((_, i) => {
        const li = el("li"),
          b = el("button", "ss-exam__cell");
        b.addEventListener("click", () => go(i, true));
        li.append(b);
        cells.append(li);
        ui.buttons.push(b);
      });
      grid();
    }

    function icon(text) {
      const i = el("span", "ss-icon", text);
      i.ariaHidden = "true";
      return i;
    }

    function cell(i) {
      const slot = a.slots[i],
        b = ui.buttons[i];
      const state = answered(slot)
        ? t("exam.state_answered")
        : partly(slot)
          ? t("exam.state_partly", { picked: picked(slot) })
          : t("exam.state_open");
      b.replaceChildren(
        el("span", "ss-exam__num", String(i + 1)),
        icon(answered(slot) ? "\u2713" : partly(slot) ? "\u25d0" : "\u25cb"),
      );
      if (slot.f) b.append(icon("\u2691"));
      b.setAttribute(
        "aria-label",
        slot.f ? t("exam.cell_flagged", { number: i + 1, state }) : t("exam.cell", { number: i + 1, state }),
      );
      b.classList.toggle("ss-exam__cell--answered", answered(slot));
      b.classList.toggle("ss-exam__cell--flagged", !!slot.f);
      if (i == a.cur) b.setAttribute("aria-current", "step");
      else b.removeAttribute("aria-current");
    }
    function grid() {
      a.slots.forEach((_, i) => cell(i));
    }

    function go(i, focusHeading) {
      if (i < 0 || i >= a.slots.length) return;
      const before = a.cur;
      ready(i, () => {
        a.cur = i;
        save();
        drawQuestion();
        if (ui.buttons[before]) cell(before);
        cell(i);
        if (focusHeading || !root.contains(D.activeElement) || D.activeElement == D.body) ui.where.focus();
      });
    }

    function drawQuestion() {
      const i = a.cur,
        slot = a.slots[i],
        q = question(slot);
      ui.where.textContent = t("exam.question_of", { number: i + 1, count: a.slots.length });
      ui.prev.disabled = i == 0;
      ui.next.disabled = i == a.slots.length - 1;
      flagShown(slot);
      if (q.type) return drawTyped(slot, q);
      const set = el("fieldset", "ss-exam__asked");
      set.setAttribute("data-ss-question", q.id);
      const legend = el("legend", "ss-exam__stem");
      legend.append(rich(q.stem), " ", el("span", "ss-exam__choose", chooseLabel(q)));
      set.append(legend);
      const list = el("ol", "ss-exam__options");
      const multi = q.choose > 1;
      slot.o.forEach((k, shown) => {
        const li = el("li"),
          label = el("label", "ss-exam__option"),
          input = el("input");
        Object.assign(input, {
          type: multi ? "checkbox" : "radio",
          name: "ss-exam-q",
          value: String(k),
          checked: slot.p.includes(k),
        });
        input.addEventListener("change", () => pick(k, input.checked));
        const text = el("span", "ss-exam__option-text");
        text.append(rich(q.options[k][0]));
        label.append(input, el("span", "ss-exam__letter", t("exam.letter", { letter: letter(shown) })), text);
        li.append(label);
        list.append(li);
      });
      set.append(list);
      const hint = el("p", "ss-exam__hint");
      ui.hint = hint;
      set.append(hint);
      ui.body.replaceChildren(set);
      if (q.kase) ui.body.prepend(scenario(q));
      hintShown();
    }

    // A case study's part: its scenario first, then the question; the other types' form is
    // their widget's, which keeps the answer in slot.v.
    function drawTyped(slot, q) {
      const nodes = q.kase ? [scenario(q)] : [];
      const set = el("fieldset", "ss-exam__asked");
      set.setAttribute("data-ss-question", q.id);
      const legend = el("legend", "ss-exam__stem");
      legend.append(rich(q.stem), " ", el("span", "ss-exam__choose", instruction(q)));
      const w = api(q).ui(typed(q, slot), {
        exam: true,
        say,
        change(value) {
          slot.v = value;
          save();
          cell(a.cur);
        },
      });
      w.set(given(slot) ? slot.v : null);
      set.append(legend, w.node);
      ui.hint = el("p", "ss-exam__hint");
      set.append(ui.hint);
      nodes.push(set);
      ui.body.replaceChildren(...nodes);
    }
    function instruction(q) {
      const x = q.x;
      if (q.type == "ordering") return t("types.ordering", { count: x.items.length });
      if (q.type == "matching") return t("types.matching", { count: x.prompts.length });
      return q.type == "numeric" ? t("types.numeric") : t("types.short_answer");
    }
    function scenario(q) {
      const c = q.kase,
        box = el("div", "ss-exam__case"),
        part = c.parts.indexOf(q) + 1;
      box.append(
        el(
          "p",
          "ss-exam__case-title",
          c.title
            ? t("types.case_part", { title: c.title, part, parts: c.parts.length })
            : t("types.case_part_untitled", { part, parts: c.parts.length }),
        ),
      );
      String(c.scenario)
        .split(/\n\s*\n/)
        .forEach((text) => box.append(para("", text)));
      if (c.table) {
        const rows = c.table.rows.map((r) => r.map((cellText) => rich(cellText)));
        box.append(table(t("typed.case_table"), c.table.columns, rows));
      }
      return box;
    }

    function hintShown() {
      const slot = a.slots[a.cur],
        q = question(slot);
      if (q.type) return;
      const counts = { picked: slot.p.length, choose: q.choose };
      ui.hint.textContent =
        q.choose < 2 ? "" : slot.p.length > q.choose ? t("exam.too_many", counts) : t("exam.picked", counts);
    }
    function flagShown(slot) {
      ui.flag.setAttribute("aria-pressed", slot.f ? "true" : "false");
      ui.flag.textContent = slot.f ? "\u2691 " + t("exam.flagged") : t("exam.flag");
      ui.flagState.textContent = slot.f ? t("exam.flagged") : "";
    }

    function pick(k, on) {
      const slot = a.slots[a.cur],
        q = question(slot);
      if (q.choose > 1) slot.p = on ? [...new Set(slot.p.concat(k))] : slot.p.filter((x) => x != k);
      else slot.p = on ? [k] : [];
      save();
      cell(a.cur);
      hintShown();
    }

    function pickShown(position) {
      if (question(a.slots[a.cur]).type) return;
      const inputs = ui.body.querySelectorAll("input");
      const input = inputs[position];
      if (!input) return;
      const on = input.type == "radio" ? true : !input.checked;
      input.checked = on;
      pick(Number(input.value), on);
      say(
        on
          ? t("exam.said_picked", { letter: letter(position) })
          : t("exam.said_unpicked", { letter: letter(position) }),
      );
    }

    function toggleFlag() {
      const slot = a.slots[a.cur];
      slot.f = slot.f ? 0 : 1;
      save();
      flagShown(slot);
      cell(a.cur);
      say(slot.f ? t("exam.said_flagged", { number: a.cur + 1 }) : t("exam.said_unflagged", { number: a.cur + 1 }));
    }

    // ---- review and submit ----------------------------------------------------------------
    function reviewView() {
      a.phase = "review";
      save();
      const open = a.slots.map((_, i) => i).filter((i) => !answered(a.slots[i]));
      const flagged = a.slots.map((_, i) => i).filter((i) => a.slots[i].f);
      const h = heading(2, t("exam.review_title"));
      const time = el("p", "ss-exam__bar");
      time.append(ui.time);
      const nodes = [
        time,
        h,
        el(
          "p",
          "",
          t("exam.review_summary", {
            done: a.slots.length - open.length,
            count: a.slots.length,
            flagged: flagged.length,
          }),
        ),
      ];
      const list = (title, items, empty) => {
        const sec = el("section", "ss-exam__review-list");
        sec.append(el("h3", "", t("exam.review_list", { title, count: items.length })));
        if (!items.length) sec.append(el("p", "", empty));
        else {
          const ul = el("ul");
          items.forEach((i) => {
            const li = el("li");
            li.append(
              button(
                partly(a.slots[i])
                  ? t("exam.question_partly", { number: i + 1, picked: picked(a.slots[i]) })
                  : t("exam.question", { number: i + 1 }),
                "ss-exam__link",
                () => backTo(i),
              ),
            );
            ul.append(li);
          });
          sec.append(ul);
        }
        return sec;
      };
      nodes.push(
        list(t("exam.not_answered"), open, t("exam.all_answered")),
        list(t("exam.flagged"), flagged, t("exam.none_flagged")),
      );
      const buttons = el("p", "ss-exam__buttons");
      const confirmBox = el("div", "ss-exam__confirm");
      buttons.append(
        button(t("exam.back_to_questions"), "", () => backTo(a.cur)),
        " ",
        button(t("exam.submit"), "md-button--primary", () => {
          if (!open.length) return submit("submitted");
          const title = heading(3, t("exam.submit_open_title"));
          confirmBox.replaceChildren(
            title,
            el("p", "", t("exam.submit_open", { count: open.length })),
            el("p", "ss-exam__buttons"),
          );
          confirmBox.lastChild.append(
            button(t("exam.submit_now"), "md-button--primary", () => submit("submitted")),
            " ",
            button(t("exam.keep_answering"), "", () => backTo(open[0])),
          );
          title.focus();
        }),
      );
      nodes.push(buttons, confirmBox);
      view.replaceChildren(...nodes);
      h.focus();
      tell();
    }

    function backTo(i) {
      a.phase = "question";
      ui = null;
      build();
      go(i, true);
    }

    function submit(reason) {
      clearInterval(timer);
      const end = a.deadline && reason != "submitted" ? Math.min(Date.now(), a.deadline) : Date.now();
      Promise.all([...new Set(a.slots.map((slot) => slot.d))].map((n) => load(domains[n]).then(() => fill(n))))
        .then(() => {
          const items = a.slots
            .filter((slot) => question(slot))
            .map((slot) => {
              const q = question(slot);
              if (q.type) {
                // All or nothing: every part of the question right.
                const ok = given(slot) && api(q).judge(typed(q, slot), slot.v).every(Boolean);
                return [slot.q, slot.h, slot.d, [], slot.f, ok ? 1 : 0, slot.o, given(slot) ? slot.v : null];
              }
              const right = slot.p.length == q.correct.length && q.correct.every((k) => slot.p.includes(k));
              return [slot.q, slot.h, slot.d, slot.p.slice().sort((x, y) => x - y), slot.f, right ? 1 : 0, slot.o];
            });
          const right = items.filter((it) => it[5]).length,
            total = items.length,
            percent = pct(right, total);
          const pass = config.pass.percent;
          const result = {
            id: a.id,
            at: a.at,
            ended: end,
            mode: a.mode,
            title: a.title,
            timed: !!a.deadline,
            limit: a.limit,
            seconds: Math.round((end - a.at) / 1000),
            right,
            total,
            percent,
            pass,
            passed: pass === null ? null : (100 * right) / total >= pass,
            reason,
            seed: a.seed,
            items,
          };
          a.result = result;
          a.phase = "result";
          save();
          let kept = !keep.problem();
          if (kept) {
            // With the options as shown, so the topic page shows the answer as it was given.
            const answered = items.filter((it) => it[3].length || (it[7] !== undefined && it[7] !== null));
            store.putMany(
              answered.map((it) => {
                const q = data[it[2]].byId[it[0]];
                return [
                  it[0],
                  it[1],
                  q.type
                    ? { type: api(q).kind, value: it[7], correct: !!it[5], at: end }
                    : { type: "picks", value: it[3], correct: !!it[5], at: end, shown: it[6] },
                ];
              }),
            );
            try {
              kept = store.addAttempt(result);
            } catch {
              kept = false;
            }
          }
          ui = null;
          resultView(kept);
          // The answers given, for the review schedule: [[id, hash, right], ...] at the end time.
          const answers = items.filter((it) => it[3].length).map((it) => [it[0], it[1], !!it[5]]);
          SS.emit(root, "ss:exam-submit", { right, total, reason, answers, at: end });
        })
        .catch((e) => fail(e));
    }

    // ---- result ---------------------------------------------------------------------------
    function table(caption, head, rows) {
      const tbl = el("table"),
        thead = el("thead"),
        tr = el("tr"),
        tbody = el("tbody");
      tbl.append(el("caption", "", caption));
      head.forEach((h) => tr.append(el("th", "", h)));
      tr.firstChild.scope = "col";
      thead.append(tr);
      rows.forEach((r) => {
        const row = el("tr");
        r.forEach((c) => {
          const td = el("td");
          td.append(c);
          row.append(td);
        });
        tbody.append(row);
      });
      tbl.append(thead, tbody);
      // A wide table scrolls on a phone: the region takes focus so keys can scroll it.
      const wrap = el("div", "ss-exam__table");
      Object.assign(wrap, { tabIndex: 0, role: "region", ariaLabel: caption });
      wrap.append(tbl);
      return wrap;
    }

    function resultView(kept) {
      const r = a.result;
      const nodes = [];
      const h = heading(
        2,
        r.passed === null ? t("exam.result") : r.passed ? t("exam.result_passed") : t("exam.result_not_passed"),
      );
      nodes.push(h);
      if (r.reason == "time") nodes.push(el("p", "ss-exam__reason", t("exam.time_ran_out")));
      if (r.reason == "time-away") nodes.push(el("p", "ss-exam__reason", t("exam.time_ran_out_away")));
      const score = el("p", "ss-exam__score");
      score.append(
        el("strong", "", t("exam.score", { right: r.right, total: r.total, percent: r.percent })),
        r.passed === null
          ? t("exam.score_end")
          : r.passed
            ? t("exam.score_above", { pass: r.pass })
            : t("exam.score_below", { pass: r.pass }),
      );
      nodes.push(
        score,
        el("p", "ss-exam__passmark", config.pass.label),
        el(
          "p",
          "",
          r.timed
            ? t("exam.took_of", {
                title: r.title,
                time: SS.text.duration(r.seconds * 1000),
                limit: SS.text.duration(r.limit * 1000),
              })
            : t("exam.took", { title: r.title, time: SS.text.duration(r.seconds * 1000) }),
        ),
      );
      if (!kept) nodes.push(el("p", "ss-exam__notice", t("exam.not_kept")));
      const byDomain = {},
        byTopic = {};
      const add = (map, k, right) => {
        const tally = map[k] || (map[k] = [0, 0]);
        tally[1]++;
        if (right) tally[0]++;
      };
      r.items.forEach((it) => {
        add(byDomain, it[2], it[5]);
        data[it[2]].byId[it[0]].topics.forEach((topic) => add(byTopic, topic, it[5]));
      });
      nodes.push(
        heading(3, t("exam.by_domain")),
        table(
          t("exam.by_domain_caption"),
          [t("exam.domain"), t("exam.right"), t("exam.questions"), t("exam.percent")],
          Object.keys(byDomain).map((n) => [
            t("exam.domain_title", { domain: Number(n), title: domains[n].title }),
            SS.num(byDomain[n][0]),
            SS.num(byDomain[n][1]),
            t("exam.percent_of", { percent: pct(...byDomain[n]) }),
          ]),
        ),
      );
      nodes.push(
        heading(3, t("exam.by_topic")),
        table(
          t("exam.by_topic_caption"),
          [t("exam.topic"), t("exam.right"), t("exam.questions"), t("exam.percent")],
          Object.keys(byTopic)
            .sort((x, y) => pct(...byTopic[x]) - pct(...byTopic[y]))
            .map((topic) => {
              const info = topics[topic],
                link = info ? Object.assign(el("a", "", info.title), { href: info.href }) : topic;
              const [right, all] = byTopic[topic];
              return [link, SS.num(right), SS.num(all), t("exam.percent_of", { percent: pct(right, all) })];
            }),
        ),
      );
      nodes.push(heading(3, t("exam.every_question")));
      const filter = el("fieldset", "ss-exam__fieldset ss-exam__filter");
      filter.append(el("legend", "", t("exam.show")));
      const list = el("ol", "ss-exam__answers");
      [
        ["all", t("exam.show_all")],
        ["wrong", t("exam.show_wrong")],
        ["flagged", t("exam.show_flagged")],
      ].forEach(([v, text], i) => {
        const label = el("label", "ss-exam__check"),
          input = el("input");
        Object.assign(input, { type: "radio", name: "ss-exam-filter", value: v, checked: !i });
        input.addEventListener("change", () => {
          list.querySelectorAll(":scope > li").forEach((li) => {
            li.hidden = (v == "wrong" && li.dataset.right == "1") || (v == "flagged" && li.dataset.flagged != "1");
          });
        });
        label.append(input, " ", text);
        filter.append(label);
      });
      nodes.push(filter);
      r.items.forEach((it, i) => list.append(answerItem(it, i)));
      nodes.push(list);
      const again = el("p", "ss-exam__buttons");
      again.append(
        button(t("exam.again"), "md-button--primary", () => {
          a = null;
          save();
          startView();
          view.querySelector("h2").focus();
        }),
      );
      nodes.push(again);
      show(nodes, h);
    }

    function answerItem(it, i) {
      const [id, , n, picks, flagged, right, order, value] = it,
        q = data[n].byId[id];
      const li = el("li", "ss-exam__answer");
      li.dataset.right = String(right);
      li.dataset.flagged = String(flagged);
      const none = q.type ? value === null || value === undefined : !picks.length;
      const status = none
        ? ["\u2717", t("exam.not_answered")]
        : right
          ? ["\u2713", t("exam.right")]
          : ["\u2717", t("exam.wrong")];
      const head = el("p", "ss-exam__answer-head");
      head.append(
        el("strong", "", t("exam.question_head", { number: i + 1 })),
        " ",
        icon(status[0]),
        " " + status[1],
        flagged ? " · " + t("exam.flagged_tag") : "",
        " · " + t("exam.domain_number", { domain: n }),
      );
      q.topics.forEach((topic) => {
        if (!topics[topic]) return;
        head.append(" · ", Object.assign(el("a", "", topics[topic].title), { href: topics[topic].href }));
      });
      if (q.kase) {
        const c = q.kase;
        head.append(
          " · " +
            (c.title
              ? t("types.case_part", { title: c.title, part: c.parts.indexOf(q) + 1, parts: c.parts.length })
              : t("types.case_part_untitled", { part: c.parts.indexOf(q) + 1, parts: c.parts.length })),
        );
      }
      const stem = el("p", "ss-exam__stem");
      stem.append(rich(q.stem), " ", el("strong", "", q.type ? instruction(q) : chooseLabel(q)));
      if (q.type) {
        const d = typed(q, { o: order });
        li.append(head, stem);
        if (!none) li.append(api(q).feedback(d, value));
        li.append(keyOf(q));
        if (q.explanation) li.append(para("ss-exam__explain", q.explanation));
        return li;
      }
      const opts = el("ul", "ss-exam__why");
      (order || q.options.map((_, k) => k)).forEach((k, shown) => {
        const o = el("li"),
          good = q.correct.includes(k),
          mine = picks.includes(k);
        const tags = good
          ? mine
            ? t("exam.tag_right_mine")
            : t("exam.tag_right")
          : mine
            ? t("exam.tag_wrong_mine")
            : t("exam.tag_wrong");
        o.className = good ? "ss-exam__why--right" : mine ? "ss-exam__why--wrong" : "";
        const title = el("p");
        title.append(
          icon(good ? "\u2713" : mine ? "\u2717" : ""),
          el("strong", "", t("exam.letter", { letter: letter(shown) }) + " "),
          rich(q.options[k][0]),
          " ",
          el("em", "", tags),
        );
        const why = el("p", "ss-exam__explain");
        if (q.options[k][1]) why.append(rich(q.options[k][1]));
        o.append(title);
        if (q.options[k][1]) o.append(why);
        opts.append(o);
      });
      li.append(head, stem, opts);
      if (q.explanation) li.append(para("ss-exam__explain", q.explanation));
      return li;
    }

    // The right answer of another type, in words: the order, the pairs, the accepted answers.
    function keyOf(q) {
      const x = q.x,
        box = el("div", "ss-exam__key");
      box.append(el("p", "", t("typed.the_answer")));
      if (q.type == "ordering" || q.type == "matching") {
        const list = el(q.type == "ordering" ? "ol" : "ul");
        (q.type == "ordering" ? x.items : x.prompts).forEach((it, i) => {
          const li = el("li");
          li.append(rich(it[0]));
          if (q.type == "matching") li.append(" \u2192 ", rich(x.answers[x.key[i]]));
          list.append(li);
        });
        box.append(list);
      } else {
        const said =
          q.type == "numeric"
            ? x.accept.map((e) => {
                const n =
                  e.answer !== undefined && e.tolerance
                    ? t("types.number_tolerance", { answer: e.answer, tolerance: e.tolerance })
                    : e.min == e.max
                      ? SS.num(e.min)
                      : t("types.number_range", { min: e.min, max: e.max });
                return x.unit ? t("types.number_unit", { number: n, unit: x.unit }) : n;
              })
            : x.texts.map((it) => it[0]);
        box.append(
          el(
            "p",
            "",
            said.reduce((first, second) => t("types.or", { first, second })),
          ),
        );
      }
      return box;
    }

    // ---- keyboard: during an attempt, before Material's own shortcuts ------------------------
    function onKey(event) {
      if (!a || a.result || a.phase != "question" || !ui || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (
        target &&
        (target.isContentEditable ||
          /^(TEXTAREA|SELECT)$/.test(target.tagName) ||
          (target.tagName == "INPUT" && !/^(radio|checkbox|button)$/.test(target.type)))
      )
        return;
      const k = event.key;
      if (/^[1-9]$/.test(k)) pickShown(Number(k) - 1);
      else if (k == "n" || k == "N") go(a.cur + 1);
      else if (k == "p" || k == "P") go(a.cur - 1);
      else if (k == "f" || k == "F") toggleFlag();
      else if (k == "?") {
        const help = view.querySelector(".ss-exam__keys");
        help.open = !help.open;
        if (help.open) help.querySelector("summary").focus();
      } else return;
      event.preventDefault();
      event.stopImmediatePropagation();
    }
    const offKeys = SS.listen(window, "keydown", onKey, true);

    // ---- where the learner comes back -------------------------------------------------------
    if (a && a.result) {
      Promise.all([...new Set(a.result.items.map((it) => it[2]))].map((n) => load(domains[n]))).then(
        () => resultView(true),
        (e) => {
          startView();
          fail(e);
        },
      );
    } else if (a && a.deadline && remaining() <= 0) {
      submit("time-away");
    } else {
      startView();
    }
    // Instant navigation left the page: no clock and no keys for an attempt no longer shown
    // (it is kept, and resumes when the learner comes back).
    return () => {
      gone = true;
      clearInterval(timer);
      offKeys();
    };
  }

  SS.register("exam", "[data-ss-exam-page]", mount);
})();
