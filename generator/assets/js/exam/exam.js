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
 * root): "ss:exam-start" {mode, total}, "ss:exam-submit" {right, total, reason}. Performance
 * marks: "ss-exam-start", "ss-exam-first-question".
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    D = document;
  const NO_STORE =
    "This browser does not let the site store anything: the attempt runs, " +
    "but it will not be kept if you reload or leave the page, and its result will not be added to your progress.";
  const DIFFICULTY = ["Not rated", "Easy", "Medium", "Hard"];
  const WARN = [5, 1];
  const s = (n) => (n == 1 ? "" : "s");
  const letter = SS.text.letter;
  const words = ["zero", "one", "two", "three", "four", "five", "six"];
  const pct = (right, total) => (total ? Math.round((100 * right) / total) : 0);
  const store = SS.store;
  const chooseLabel = (q) => `Choose ${words[q.choose] || q.choose}.`;

  // ---- question data, loaded on demand ----------------------------------------------------
  const data = {},
    waiting = {},
    pending = {};
  SS.examData = (n, d) => {
    if (!d || d.v !== 1 || !Array.isArray(d.q)) return;
    const byId = {};
    d.q.forEach((q) => {
      byId[q[0]] = {
        id: q[0],
        hash: q[1],
        topics: q[2].map((t) => d.topics[t]),
        diff: q[3],
        choose: q[4],
        shuffle: !!q[5],
        stem: q[6],
        options: q[7],
        correct: q[8],
        domain: n,
      };
    });
    data[n] = { list: d.q.map((q) => byId[q[0]]), byId };
    (waiting[n] || []).forEach((f) => f(data[n]));
    delete waiting[n];
  };

  function base() {
    // The bundle's own URL is resolved by the browser for every kind of hosting.
    const script = D.querySelector('script[src*="assets/studysite"]');
    return script ? script.src.replace(/assets\/studysite[^/]*$/, "") : "";
  }

  function load(domain) {
    if (data[domain.n]) return Promise.resolve(data[domain.n]);
    if (pending[domain.n]) return pending[domain.n];
    return (pending[domain.n] = new Promise((resolve, reject) => {
      (waiting[domain.n] = waiting[domain.n] || []).push(resolve);
      const script = D.createElement("script");
      script.src = base() + domain.script;
      script.onerror = () => {
        delete pending[domain.n];
        delete waiting[domain.n];
        script.remove();
        reject(Error(`The questions of domain ${domain.n} could not be loaded. Check the connection, then try again.`));
      };
      D.head.append(script);
    }));
  }

  // ---- drawing: reproducible with a seed ------------------------------------------------
  function random(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
    const order = q.options.map((_, i) => i);
    return q.shuffle ? shuffle(order, rand) : order;
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
    const t = Math.max(0, Math.round(ms / 1000)),
      h = Math.floor(t / 3600);
    const m = String(Math.floor((t % 3600) / 60)).padStart(h ? 2 : 1, "0"),
      sec = String(t % 60).padStart(2, "0");
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
    const partly = (slot) => {
      const q = question(slot),
        n = slot.p.length;
      return n > 0 && !!q && n != q.choose;
    };
    const answered = (slot) => slot.p.length > 0 && !partly(slot);
    const picked = (slot) => `${slot.p.length} of ${question(slot).choose} picked`;

    // ---- start --------------------------------------------------------------------------
    function startView() {
      ui = null;
      const nodes = [];
      if (a && !a.result) {
        const box = el("section", "ss-exam__resume");
        const done = a.slots.filter(answered).length;
        box.append(
          heading(2, "You have a practice exam in progress"),
          el(
            "p",
            "",
            `${a.title}: ${done} of ${a.slots.length} questions answered` +
              (a.deadline ? `, ${clock(remaining())} left.` : `, ${clock(taken())} so far.`) +
              (a.deadline ? " Its clock keeps running while it is open or closed." : ""),
          ),
          el("p", "ss-exam__buttons"),
        );
        box.lastChild.append(
          button("Resume", "md-button--primary", () => run(a.cur)),
          " ",
          button("Abandon", "", () => {
            if (!confirm("Abandon this attempt? Its answers are discarded and it is not counted.")) return;
            a = null;
            save();
            say("The attempt was abandoned.");
            startView();
          }),
        );
        nodes.push(box);
        return show(nodes, box.firstChild);
      }
      const mock = el("section", "ss-exam__choice");
      const m = config.mock;
      mock.append(
        heading(2, "Full mock exam"),
        el(
          "p",
          "",
          m.note ||
            `${m.questions} questions in ${m.minutes} minutes, drawn at random by the weights of the exam's domains, as in the real exam.`,
        ),
        el(
          "p",
          "",
          "One question at a time; flag any to come back to; nothing is marked until you submit. " + config.pass.label,
        ),
      );
      if (m.questions) {
        mock.append(el("p", "ss-exam__buttons"));
        mock.lastChild.append(button("Start the mock exam", "md-button--primary", () => startMock()));
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
      form.append(
        heading(2, "Custom practice"),
        el("p", "", "Choose what to practise. Like the mock exam, it is marked only when you submit."),
      );
      const where = el("fieldset", "ss-exam__fieldset");
      where.append(el("legend", "", "Domains and topics"));
      config.domains.forEach((d) => {
        const group = el("div", "ss-exam__domain");
        const all = box(
          "checkbox",
          "domain",
          String(d.n),
          `Domain ${d.n}: ${d.title} (${d.questions} questions)`,
          true,
        );
        const list = el("details", "ss-exam__topics");
        list.append(el("summary", "", `Choose topics of domain ${d.n}`));
        const inner = el("div", "ss-exam__topic-list");
        for (const t in topics) {
          if (topics[t].domain == d.n) inner.append(box("checkbox", "topic", t, topics[t].title, true));
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
      diff.append(el("legend", "", "Difficulty"));
      const counts = [0, 0, 0, 0];
      config.domains.forEach((d) =>
        d.difficulty.forEach((n, i) => {
          counts[i] += n;
        }),
      );
      [1, 2, 3, 0].forEach((k) => {
        if (counts[k]) diff.append(box("checkbox", "difficulty", String(k), `${DIFFICULTY[k]} (${counts[k]})`, true));
      });
      const which = el("fieldset", "ss-exam__fieldset");
      which.append(
        el("legend", "", "Questions"),
        box("radio", "which", "all", "Any question", true),
        box("radio", "which", "unanswered", "Only questions I have not answered"),
        box("radio", "which", "wrong", "Only questions I got wrong last time"),
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
      const countLabel = el("label", "", "How many questions ");
      countLabel.htmlFor = count.id;
      size.append(countLabel, count, el("span", "ss-exam__hint", ` (at most ${Math.min(total, 200)})`));
      const timing = el("fieldset", "ss-exam__fieldset");
      timing.append(
        el("legend", "", "Clock"),
        box(
          "radio",
          "timed",
          "yes",
          `Timed, at the real exam's pace (${Math.round(pace * 60)} seconds a question)`,
          true,
        ),
        box("radio", "timed", "no", "Untimed (the time taken is shown)"),
      );
      const go = el("p", "ss-exam__buttons");
      go.append(button("Start the custom practice", "md-button--primary", () => startCustom(form)));
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
        ["1 to 9", "pick or unpick that option"],
        ["N", "next question"],
        ["P", "previous question"],
        ["F", "flag or unflag the question for review"],
        ["?", "show or hide these shortcuts"],
      ].forEach(([k, what]) => {
        const dt = el("dt"),
          dd = el("dd", "", what);
        dt.append(el("kbd", "", k));
        list.append(dt, dd);
      });
      help.append(
        el("summary", "", "Keyboard shortcuts"),
        list,
        el(
          "p",
          "",
          "During an attempt these keys work anywhere on the page except in a text box, before the site's own shortcuts.",
        ),
      );
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
      a = fresh("mock", "Full mock exam", m.minutes * 60, seed);
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
      const picked = shuffle(data[n].list.slice(), rand).slice(0, a.plan[n]);
      let k = 0;
      a.slots.forEach((slot) => {
        if (slot.d == n && !slot.q && k < picked.length) {
          const q = picked[k++];
          slot.q = q.id;
          slot.h = q.hash;
          slot.o = optionOrder(q, rand);
        }
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
        ? "Choose at least one domain."
        : !levels.size
          ? "Choose at least one difficulty."
          : !(count >= 1 && count <= 200)
            ? "How many questions: enter a number from 1 to 200."
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
      go.textContent = "Loading the questions\u2026";
      Promise.all(chosen.map((n) => load(domains[n]))).then(
        () => {
          const answers = store.load().answers;
          const pool = [];
          chosen.forEach((n) =>
            data[n].list.forEach((q) => {
              if (!levels.has(q.diff) || !q.topics.some((t) => wanted.has(t))) return;
              const rec = answers[q.id + ":" + q.hash];
              if (which == "unanswered" && rec) return;
              if (which == "wrong" && !(rec && rec.correct === false)) return;
              pool.push(q);
            }),
          );
          if (!pool.length) {
            go.disabled = false;
            go.textContent = "Start the custom practice";
            const p = el(
              "p",
              "ss-exam__error",
              which == "wrong"
                ? "No question matches: you have no wrong answers among the questions you chose."
                : which == "unanswered"
                  ? "No question matches: you have answered every question you chose."
                  : "No question matches these choices.",
            );
            p.setAttribute("role", "alert");
            form.lastChild.before(p);
            return;
          }
          const seed = newSeed(),
            rand = random(seed);
          const drawn = shuffle(pool, rand).slice(0, count);
          a = fresh("custom", "Custom practice", timed ? Math.max(60, Math.round(drawn.length * pace * 60)) : 0, seed);
          a.slots = drawn.map((q) => ({ d: q.domain, q: q.id, h: q.hash, o: optionOrder(q, rand), p: [], f: 0 }));
          if (drawn.length < count) {
            a.note = `Only ${drawn.length} question${s(drawn.length)} match${drawn.length == 1 ? "es" : ""} your choices, so this practice has ${drawn.length}.`;
          }
          save();
          SS.emit(root, "ss:exam-start", { mode: "custom", total: a.slots.length });
          run(0);
        },
        (e) => {
          go.disabled = false;
          go.textContent = "Start the custom practice";
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
          if (!question(slot)) {
            // A question kept in the attempt is no longer in this site's bank.
            throw Error(
              "A question of this attempt is no longer on this site (the bank has changed). Abandon the attempt and start a new one.",
            );
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
        ui.time.textContent = "Time left " + clock(left);
        WARN.forEach((w) => {
          if (left <= w * 60000 && left > 0 && !a.warned.includes(w)) {
            a.warned.push(w);
            save();
            say(`${w} minute${s(w)} left.` + (w == 1 ? " The attempt is submitted when the time runs out." : ""));
          }
        });
        if (left <= 0) submit("time");
      } else {
        ui.time.textContent = "Time taken " + clock(taken());
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
      const prev = button("Previous", "", () => go(a.cur - 1));
      const flag = button("Flag for review", "ss-exam__flag", () => toggleFlag());
      flag.setAttribute("aria-pressed", "false");
      const next = button("Next", "md-button--primary", () => go(a.cur + 1));
      const review = button("Review and submit", "", () => reviewView());
      controls.append(prev, flag, next, review);
      const nav = el("nav", "ss-exam__nav");
      nav.setAttribute("aria-label", "Questions of this attempt");
      const legend = el("p", "ss-exam__legend");
      legend.append(
        icon("\u2713"),
        " answered · ",
        icon("\u25d0"),
        " partly answered · ",
        icon("\u25cb"),
        " not answered · ",
        icon("\u2691"),
        " flagged for review",
      );
      const cells = el("ol", "ss-exam__grid");
      nav.append(el("h3", "", "Questions"), legend, cells);
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
      const state = answered(slot) ? "answered" : partly(slot) ? `partly answered (${picked(slot)})` : "not answered";
      b.replaceChildren(
        el("span", "ss-exam__num", String(i + 1)),
        icon(answered(slot) ? "\u2713" : partly(slot) ? "\u25d0" : "\u25cb"),
      );
      if (slot.f) b.append(icon("\u2691"));
      b.setAttribute("aria-label", `Question ${i + 1}: ${state}${slot.f ? ", flagged" : ""}`);
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
      ui.where.textContent = `Question ${i + 1} of ${a.slots.length}`;
      ui.prev.disabled = i == 0;
      ui.next.disabled = i == a.slots.length - 1;
      flagShown(slot);
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
        label.append(input, el("span", "ss-exam__letter", letter(shown) + "."), text);
        li.append(label);
        list.append(li);
      });
      set.append(list);
      const hint = el("p", "ss-exam__hint");
      ui.hint = hint;
      set.append(hint);
      ui.body.replaceChildren(set);
      hintShown();
    }

    function hintShown() {
      const slot = a.slots[a.cur],
        q = question(slot);
      ui.hint.textContent =
        q.choose > 1
          ? `${slot.p.length} of ${q.choose} picked` +
            (slot.p.length > q.choose ? `: too many, choose ${words[q.choose] || q.choose}.` : ".")
          : "";
    }
    function flagShown(slot) {
      ui.flag.setAttribute("aria-pressed", slot.f ? "true" : "false");
      ui.flag.textContent = slot.f ? "\u2691 Flagged for review" : "Flag for review";
      ui.flagState.textContent = slot.f ? "Flagged for review" : "";
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
      const inputs = ui.body.querySelectorAll("input");
      const input = inputs[position];
      if (!input) return;
      const on = input.type == "radio" ? true : !input.checked;
      input.checked = on;
      pick(Number(input.value), on);
      say(`${letter(position)} ${on ? "picked" : "unpicked"}.`);
    }

    function toggleFlag() {
      const slot = a.slots[a.cur];
      slot.f = slot.f ? 0 : 1;
      save();
      flagShown(slot);
      cell(a.cur);
      say(`Question ${a.cur + 1} ${slot.f ? "flagged for review" : "no longer flagged"}.`);
    }

    // ---- review and submit ----------------------------------------------------------------
    function reviewView() {
      a.phase = "review";
      save();
      const open = a.slots.map((_, i) => i).filter((i) => !answered(a.slots[i]));
      const flagged = a.slots.map((_, i) => i).filter((i) => a.slots[i].f);
      const h = heading(2, "Review your answers");
      const time = el("p", "ss-exam__bar");
      time.append(ui.time);
      const nodes = [
        time,
        h,
        el(
          "p",
          "",
          `${a.slots.length - open.length} of ${a.slots.length} questions answered, ${flagged.length} flagged for review. Nothing is marked until you submit.`,
        ),
      ];
      const list = (title, items, empty) => {
        const sec = el("section", "ss-exam__review-list");
        sec.append(el("h3", "", `${title} (${items.length})`));
        if (!items.length) sec.append(el("p", "", empty));
        else {
          const ul = el("ul");
          items.forEach((i) => {
            const li = el("li");
            li.append(
              button(
                `Question ${i + 1}` + (partly(a.slots[i]) ? ` (${picked(a.slots[i])})` : ""),
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
        list("Not answered", open, "Every question has an answer."),
        list("Flagged for review", flagged, "No question is flagged."),
      );
      const buttons = el("p", "ss-exam__buttons");
      const confirmBox = el("div", "ss-exam__confirm");
      buttons.append(
        button("Back to the questions", "", () => backTo(a.cur)),
        " ",
        button("Submit the exam", "md-button--primary", () => {
          if (!open.length) return submit("submitted");
          const title = heading(3, "Submit with unanswered questions?");
          confirmBox.replaceChildren(
            title,
            el(
              "p",
              "",
              `${open.length} question${s(open.length)} ${open.length == 1 ? "has" : "have"} no complete answer and will count as wrong.`,
            ),
            el("p", "ss-exam__buttons"),
          );
          confirmBox.lastChild.append(
            button("Submit now", "md-button--primary", () => submit("submitted")),
            " ",
            button("Keep answering", "", () => backTo(open[0])),
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
              const q = question(slot),
                right = slot.p.length == q.correct.length && q.correct.every((k) => slot.p.includes(k));
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
            const answered = items.filter((it) => it[3].length);
            store.putMany(
              answered.map((it) => [
                it[0],
                it[1],
                { type: "picks", value: it[3], correct: !!it[5], at: end, shown: it[6] },
              ]),
            );
            try {
              kept = store.addAttempt(result);
            } catch {
              kept = false;
            }
          }
          ui = null;
          resultView(kept);
          SS.emit(root, "ss:exam-submit", { right, total, reason });
        })
        .catch((e) => fail(e));
    }

    // ---- result ---------------------------------------------------------------------------
    function table(caption, head, rows) {
      const t = el("table"),
        thead = el("thead"),
        tr = el("tr"),
        tbody = el("tbody");
      t.append(el("caption", "", caption));
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
      t.append(thead, tbody);
      // A wide table scrolls on a phone: the region takes focus so keys can scroll it.
      const wrap = el("div", "ss-exam__table");
      Object.assign(wrap, { tabIndex: 0, role: "region", ariaLabel: caption });
      wrap.append(t);
      return wrap;
    }

    function resultView(kept) {
      const r = a.result;
      const nodes = [];
      const h = heading(2, r.passed === null ? "Your result" : r.passed ? "Result: passed" : "Result: not passed");
      nodes.push(h);
      if (r.reason == "time")
        nodes.push(
          el("p", "ss-exam__reason", "Time ran out, so the attempt was submitted with the answers you had given."),
        );
      if (r.reason == "time-away")
        nodes.push(
          el(
            "p",
            "ss-exam__reason",
            "The time ran out while this page was closed, so the attempt was submitted with the answers you had given.",
          ),
        );
      const score = el("p", "ss-exam__score");
      score.append(
        el("strong", "", `${r.right} of ${r.total} right (${r.percent}%)`),
        r.passed === null
          ? "."
          : r.passed
            ? `: at or above the pass mark of ${r.pass}%.`
            : `: below the pass mark of ${r.pass}%.`,
      );
      nodes.push(
        score,
        el("p", "ss-exam__passmark", config.pass.label),
        el(
          "p",
          "",
          `${r.title}. Time taken: ${SS.text.duration(r.seconds * 1000)}` +
            (r.timed ? ` of ${SS.text.duration(r.limit * 1000)}.` : "."),
        ),
      );
      if (!kept)
        nodes.push(
          el(
            "p",
            "ss-exam__notice",
            "This result could not be added to your progress: this browser did not let the site store it.",
          ),
        );
      const byDomain = {},
        byTopic = {};
      const add = (map, k, right) => {
        const t = map[k] || (map[k] = [0, 0]);
        t[1]++;
        if (right) t[0]++;
      };
      r.items.forEach((it) => {
        add(byDomain, it[2], it[5]);
        data[it[2]].byId[it[0]].topics.forEach((t) => add(byTopic, t, it[5]));
      });
      nodes.push(
        heading(3, "By domain"),
        table(
          "Right answers by domain",
          ["Domain", "Right", "Questions", "Percent"],
          Object.keys(byDomain).map((n) => [
            `Domain ${n}: ${domains[n].title}`,
            String(byDomain[n][0]),
            String(byDomain[n][1]),
            pct(...byDomain[n]) + "%",
          ]),
        ),
      );
      nodes.push(
        heading(3, "By topic"),
        table(
          "Right answers by topic, weakest first",
          ["Topic", "Right", "Questions", "Percent"],
          Object.keys(byTopic)
            .sort((x, y) => pct(...byTopic[x]) - pct(...byTopic[y]))
            .map((t) => {
              const info = topics[t],
                link = info ? Object.assign(el("a", "", info.title), { href: info.href }) : t;
              return [link, String(byTopic[t][0]), String(byTopic[t][1]), pct(...byTopic[t]) + "%"];
            }),
        ),
      );
      nodes.push(heading(3, "Every question"));
      const filter = el("fieldset", "ss-exam__fieldset ss-exam__filter");
      filter.append(el("legend", "", "Show"));
      const list = el("ol", "ss-exam__answers");
      [
        ["all", "All questions"],
        ["wrong", "Wrong or unanswered"],
        ["flagged", "Flagged"],
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
        button("New practice exam", "md-button--primary", () => {
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
      const [id, , n, picks, flagged, right, order] = it,
        q = data[n].byId[id];
      const li = el("li", "ss-exam__answer");
      li.dataset.right = String(right);
      li.dataset.flagged = String(flagged);
      const status = !picks.length ? ["\u2717", "Not answered"] : right ? ["\u2713", "Right"] : ["\u2717", "Wrong"];
      const head = el("p", "ss-exam__answer-head");
      head.append(
        el("strong", "", `Question ${i + 1}: `),
        icon(status[0]),
        " " + status[1],
        flagged ? " · flagged" : "",
        ` · Domain ${n}`,
      );
      q.topics.forEach((t) => {
        if (!topics[t]) return;
        head.append(" · ", Object.assign(el("a", "", topics[t].title), { href: topics[t].href }));
      });
      const stem = el("p", "ss-exam__stem");
      stem.append(rich(q.stem), " ", el("strong", "", chooseLabel(q)));
      const opts = el("ul", "ss-exam__why");
      (order || q.options.map((_, k) => k)).forEach((k, shown) => {
        const o = el("li"),
          good = q.correct.includes(k),
          mine = picks.includes(k);
        const tags = [good ? "right answer" : "wrong", mine ? "your pick" : ""].filter(Boolean).join(", ");
        o.className = good ? "ss-exam__why--right" : mine ? "ss-exam__why--wrong" : "";
        const title = el("p");
        title.append(
          icon(good ? "\u2713" : mine ? "\u2717" : ""),
          el("strong", "", `${letter(shown)}. `),
          rich(q.options[k][0]),
          el("em", "", ` (${tags})`),
        );
        const why = el("p", "ss-exam__explain");
        why.append(rich(q.options[k][1]));
        o.append(title, why);
        opts.append(o);
      });
      li.append(head, stem, opts);
      return li;
    }

    // ---- keyboard: during an attempt, before Material's own shortcuts ------------------------
    function onKey(event) {
      if (!a || a.result || a.phase != "question" || !ui || event.ctrlKey || event.metaKey || event.altKey) return;
      const t = event.target;
      if (
        t &&
        (t.isContentEditable ||
          /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
          (t.tagName == "INPUT" && !/^(radio|checkbox|button)$/.test(t.type)))
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
