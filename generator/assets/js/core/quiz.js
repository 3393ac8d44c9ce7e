/* Self-check quiz: makes the static questions of a page (generator/site/templates/_quiz.html.j2)
 * interactive. Reads div[data-ss-quiz][data-ss-shuffle] > section[data-ss-question][data-ss-hash]
 * [data-ss-choose][data-ss-shuffle] > li.ss-option[data-ss-option][data-ss-correct], and from the
 * <details> each option's explanation (li[data-ss-explains] .ss-answer__text) and the Review
 * links. The static list and <details> stay, hidden on screen, so print shows them unchanged.
 * Options are shuffled on each attempt unless quiz or question says data-ss-shuffle="false";
 * letters follow the shown order. Answers are kept by StudySite.store (store.js).
 * Events (bubbling): "ss:answer" on a question {id, hash, picked, correct}; "ss:quiz-retry",
 * "ss:quiz-reset", "ss:quiz-undo" {count} and "ss:quiz-filter" {shown} on the quiz.
 * Performance marks: "ss-answer-click", "ss-feedback-shown".
 * Reset deletes the page's answers and offers Undo. After an answer the verdict takes focus and
 * the answered options leave the tab order. A quiz with data-ss-tools holds a sticky score line
 * and filters, .ss-quiz__status > .ss-quiz__progress and select[name=topic|difficulty|state]
 * (matched to data-ss-topics, data-ss-difficulty and the answer state), which this wires.
 * With the URL hash #practice-mistakes only the questions last answered wrongly are shown;
 * with #practice-revised only those edited (new content hash) since they were answered.
 *
 * The other question types (ordering, matching, numeric, short answer: question_markup.py)
 * are counted, scored, filtered, retried and reset here too; their answering is their
 * module's (js/<type>/), loaded only by pages holding that type, which calls
 * StudySite.typed(name, api, read) (below). Until it mounts, such a question keeps its static
 * form and answer, and an answer kept for it still counts. A case study's parts stay
 * together: a filter shows or hides the whole case study.
 * A quiz with data-ss-fresh shows no answer kept from before (the Review page asks again).
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    t = SS.t;
  const mark = (name) => performance.mark(name);
  // Per option after an answer: icon, words for one answer, words for "choose N".
  const MARKS = {
    right: ["\u2713", t("quiz.mark_right"), t("quiz.mark_right_picked")],
    missed: ["\u2713", t("quiz.mark_missed"), t("quiz.mark_missed_picked")],
    wrong: ["\u2717", t("quiz.mark_wrong"), t("quiz.mark_wrong_picked")],
    other: ["", t("quiz.mark_other"), t("quiz.mark_other")],
  };
  const letter = SS.text.letter;
  const CHOICES = '[data-ss-question]:not([data-ss-type]), [data-ss-question][data-ss-type="true-false"]';
  // The question objects of the mounted quizzes, by section: a type's module finds its own.
  const bySection = new WeakMap();
  // The answering widgets of the other types, by type (data-ss-type): SS.typed() fills it.
  const types = (SS.types = {});
  // ARIA attributes are set through their reflected properties (btn.ariaPressed = "true").
  const pressed = (o) => o.btn.ariaPressed == "true";
  const picks = (q) => q.opts.filter(pressed);
  // A copy of the child nodes of from, appended to to (node by node: faster than cloning
  // the parent on a page of many questions).
  const copy = (from, to) => from.childNodes.forEach((n) => to.append(n.cloneNode(true)));

  function say(node, icon, text) {
    const i = el("span", "ss-icon", icon);
    i.ariaHidden = true;
    node.replaceChildren(...(icon ? [i, " " + text] : [text]));
  }
  function shuffled(q) {
    const o = q.opts.map((_, i) => i);
    for (let i = o.length - 1; q.shuffle && i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [o[i], o[j]] = [o[j], o[i]];
    }
    return o;
  }
  function arrange(q, order) {
    q.order = order;
    order.forEach((i, k) => {
      q.opts[i].letter.textContent = letter(k);
      q.list.append(q.opts[i].li);
    });
  }
  function hint(q) {
    const k = picks(q).length;
    q.check.disabled = k != q.n;
    q.hint.textContent = k > q.n ? t("quiz.too_many", { choose: q.n }) : t("quiz.picked", { picked: k, choose: q.n });
  }

  function setup(sec, shuffle) {
    const attr = (name) => sec.getAttribute("data-ss-" + name);
    const q = {
      sec,
      id: attr("question"),
      hash: attr("hash"),
      n: +attr("choose") || 1,
      difficulty: attr("difficulty") || "",
      topics: (attr("topics") || "").split(" ").filter(Boolean),
      shuffle: shuffle && attr("shuffle") != "false",
      opts: [],
      list: el("ul", "ss-choices"),
      result: el("div", "ss-result"),
      verdict: el("p", "ss-result__verdict"),
    };
    const details = sec.querySelector(".ss-answer"),
      find = (sel) => details && details.querySelector(sel);
    // Answers on a click: at once for one answer, with the Check button for "choose N".
    const click = (button, act) =>
      (button.onclick = () => {
        if (q.state) return;
        if (act) return act();
        mark("ss-answer-click");
        answer(
          q,
          picks(q).map((o) => o.i),
        );
      });
    q.find = find;
    sec.querySelectorAll(".ss-option").forEach((li, i) => {
      const o = { i, correct: li.hasAttribute("data-ss-correct"), li: el("li", "ss-choice") };
      const text = el("span", "ss-choice__text");
      o.btn = el("button", "ss-choice__btn");
      o.letter = el("span", "ss-choice__letter");
      o.li.setAttribute("data-ss-option", i);
      copy(li, text);
      o.btn.append(o.letter, text);
      o.li.append(o.btn);
      if (q.n > 1) o.btn.ariaPressed = false;
      click(o.btn, () => {
        if (q.n > 1) {
          o.btn.ariaPressed = !pressed(o);
          return hint(q);
        }
        mark("ss-answer-click");
        answer(q, [i]);
      });
      q.opts.push(o);
    });
    sec.querySelector(".ss-options").after(q.list);
    if (q.n > 1) {
      const p = el("p", "ss-check");
      q.check = el("button", "md-button ss-check__btn", t("quiz.check"));
      q.hint = el("span", "ss-check__hint");
      p.append(q.check, " ", q.hint);
      q.list.after(p);
      q.checkRow = p;
      click(q.check);
      hint(q);
    }
    q.result.hidden = true;
    q.verdict.tabIndex = -1;
    q.result.append(q.verdict);
    sec.querySelector("fieldset").after(q.result);
    return q;
  }

  // The explanations are copied in at the first answer: a page of many questions mounts
  // faster without them, and a learner reads only those of the questions answered.
  function explain(q) {
    if (q.explained) return;
    q.explained = true;
    q.opts.forEach((o) => {
      const why = q.find(`[data-ss-explains="${o.i}"] .ss-answer__text`);
      o.why = el("div", "ss-choice__why");
      o.mark = el("strong", "ss-choice__mark");
      o.why.append(o.mark, " ");
      if (why) copy(why, o.why);
      o.li.append(o.why);
    });
    for (const part of [".ss-answer__explanation", ".ss-answer__review"]) {
      const node = q.find(part);
      if (node) q.result.append(node.cloneNode(true));
    }
  }

  function show(q, picked) {
    const ok = picked.length == q.n && q.opts.every((o) => o.correct == picked.includes(o.i));
    const letters = q.order.map((i, k) => q.opts[i].correct && letter(k)).filter(Boolean);
    q.state = { picked, correct: ok };
    explain(q);
    q.opts.forEach((o) => {
      const p = picked.includes(o.i);
      const kind = o.correct ? (p ? "right" : "missed") : p ? "wrong" : "other";
      o.li.className = "ss-choice ss-choice--" + kind;
      say(o.mark, MARKS[kind][0], MARKS[kind][q.n > 1 ? 2 : 1]);
      o.why.hidden = false;
      o.btn.ariaDisabled = true;
      // Answered options leave the tab order: a long page is not hundreds of tab stops.
      o.btn.tabIndex = -1;
      if (q.n > 1) o.btn.ariaPressed = p;
    });
    if (q.check) q.check.ariaDisabled = true;
    // Check and "2 of 2 picked" have done their work once the feedback shows.
    if (q.checkRow) q.checkRow.hidden = true;
    q.said = ok ? t("quiz.correct") : t("quiz.incorrect", { count: letters.length, letters: SS.text.list(letters) });
    say(q.verdict, ok ? "\u2713" : "\u2717", t("quiz.verdict", { verdict: q.said }));
    q.result.className = "ss-result ss-result--" + (ok ? "right" : "wrong");
    q.result.hidden = false;
  }

  function reset(q) {
    q.state = null;
    if (q.typed) return q.ui && retype(q);
    q.result.hidden = true;
    q.opts.forEach((o) => {
      o.li.className = "ss-choice";
      if (o.why) o.why.hidden = true;
      o.btn.ariaDisabled = null;
      o.btn.removeAttribute("tabindex");
      if (q.n > 1) o.btn.ariaPressed = false;
    });
    if (q.check) {
      q.check.ariaDisabled = null;
      q.checkRow.hidden = false;
      hint(q);
    }
    arrange(q, shuffled(q));
  }

  function answer(q, picked) {
    if (q.typed) return checked(q, picked);
    show(q, picked);
    mark("ss-feedback-shown");
    q.quiz.say(q.said);
    // The verdict may be below the fold (after "choose N" options and Check): go there.
    q.verdict.focus({ preventScroll: true });
    q.result.scrollIntoView({ block: "nearest" });
    const correct = q.state.correct;
    SS.store.put(q.id, q.hash, record(q, picked, correct));
    q.revised = false;
    q.quiz.answered();
    q.quiz.update();
    SS.emit(q.sec, "ss:answer", { id: q.id, hash: q.hash, picked, correct });
  }

  // The answer as the store keeps it (store.js): the options picked, as shown.
  const record = (q, picked, correct) =>
    q.typed
      ? { type: q.kind, value: picked, correct, at: Date.now() }
      : { type: "picks", value: picked, correct, at: Date.now(), shown: q.order };

  function mount(quiz) {
    const store = SS.store;
    const shuffle = quiz.getAttribute("data-ss-shuffle") != "false";
    // Multiple choice and true/false (a choice of two); the other types are their widgets'.
    const qs = [...quiz.querySelectorAll("[data-ss-question]")].map((sec) =>
      sec.matches(CHOICES) ? setup(sec, shuffle) : typedSetup(sec),
    );
    const live = el("div", "ss-sr");
    const bar = el("div", "ss-quiz__bar");
    const score = el("p", "ss-quiz__score");
    const retry = el("button", "md-button", t("quiz.retry"));
    // Deletes saved answers: told apart from Retry by its words, its look and its place.
    const resetAll = el("button", "md-button ss-button--danger", t("quiz.reset"));
    const undoLine = el("p", "ss-quiz__undo");
    const undo = el("button", "md-button", t("quiz.undo"));
    const notice = el("p", "ss-quiz__notice");
    const visible = () => qs.filter((q) => !q.sec.hidden);
    const wrong = (list) => list.filter((q) => q.state && !q.state.correct);
    const first = (q) =>
      q.typed ? q.ui && q.ui.node.querySelector("button,select,input").focus() : q.opts[q.order[0]].btn.focus();
    let undone = []; // [question, record] of the last reset, for Undo
    live.role = "status";
    undoLine.hidden = true;
    bar.append(score, retry, resetAll, undoLine, notice);
    quiz.append(bar, live);
    quiz.classList.add("ss-quiz--live");
    let tools = null;

    const ctx = {
      // The same words twice in a row must still be announced.
      say: (text) => {
        live.textContent = live.textContent == text ? text + "\u00a0" : text;
      },
      update() {
        const shown = visible(),
          done = shown.filter((q) => q.state).length;
        const right = done - wrong(shown).length,
          left = shown.length - done;
        score.textContent = left
          ? t("quiz.score_left", { right, total: shown.length, left })
          : t("quiz.score", { right, total: shown.length });
        retry.disabled = right == done;
        resetAll.disabled = !done;
        notice.textContent = store.problem();
        if (tools) tools.update();
      },
      answered() {
        undoLine.hidden = true;
        undone = [];
      },
    };
    function restart(list, event, words) {
      if (!list.length) return;
      list.forEach(reset);
      first(list[0]);
      ctx.say(words);
      ctx.update();
      SS.emit(quiz, event, { count: list.length });
    }

    // Read once: a bank can be large.
    const saved = quiz.hasAttribute("data-ss-fresh") ? {} : store.load().answers;
    // Questions answered before an edit changed their content hash.
    const before = new Set(Object.keys(saved).map((k) => k.split(":")[0]));
    qs.forEach((q) => {
      bySection.set(q.sec, q);
      if (q.typed) {
        const kept = saved[q.id + ":" + q.hash];
        q.quiz = ctx;
        q.revised = !kept && before.has(q.id);
        if (kept && kept.type == q.kind) q.state = { picked: kept.value, correct: kept.correct };
        return;
      }
      const n = q.opts.length,
        kept = saved[q.id + ":" + q.hash],
        rec = kept && kept.type == "picks" ? kept : null;
      const fits = (list) => list.every((i) => i < n);
      const order = rec && rec.shown;
      q.quiz = ctx;
      q.revised = !kept && before.has(q.id);
      arrange(
        q,
        q.shuffle && order && order.length == n && fits(order) && new Set(order).size == n ? order : shuffled(q),
      );
      if (rec && rec.value.length && fits(rec.value)) show(q, rec.value);
    });
    if (quiz.hasAttribute("data-ss-tools")) tools = makeTools(quiz, qs);
    retry.onclick = () => {
      const list = wrong(visible());
      restart(list, "ss:quiz-retry", t("quiz.try_again", { count: list.length }));
    };
    resetAll.onclick = () => {
      const list = visible().filter((q) => q.state),
        answers = store.load().answers;
      undone = list.map((q) => [q, answers[q.id + ":" + q.hash] || record(q, q.state.picked, q.state.correct)]);
      store.remove(list.map((q) => q.id + ":" + q.hash));
      restart(list, "ss:quiz-reset", t("quiz.reset_said"));
      const n = undone.length;
      undoLine.replaceChildren(t("quiz.deleted", { count: n }), " ", undo);
      undoLine.hidden = false;
      ctx.say(t("quiz.reset_deleted", { count: n }));
      undo.focus();
    };
    undo.onclick = () => {
      store.putMany(undone.map(([q, rec]) => [q.id, q.hash, rec]));
      undone.forEach(([q, rec]) => {
        if (q.typed) return q.ui ? typedShow(q, rec.value) : (q.state = { picked: rec.value, correct: rec.correct });
        if (rec.shown && rec.shown.length == q.opts.length) arrange(q, rec.shown);
        show(q, rec.value);
      });
      const n = undone.length;
      ctx.answered();
      ctx.update();
      ctx.say(t("quiz.undone", { count: n }));
      score.tabIndex = -1;
      score.focus();
      SS.emit(quiz, "ss:quiz-undo", { count: n });
    };

    // #practice-mistakes: only the questions last answered wrongly; #practice-revised: only
    // those edited since they were answered (the Progress page links both).
    const modes = {
      "#practice-mistakes": () => [
        wrong(qs),
        (n) => t("quiz.practising_mistakes", { count: n }),
        () => t("quiz.no_mistakes"),
      ],
      "#practice-revised": () => [
        qs.filter((q) => q.revised),
        (n) => t("quiz.practising_revised", { count: n }),
        () => t("quiz.no_revised"),
      ],
    };
    const mode = modes[location.hash];
    if (mode) {
      const [chosen, practising, none] = mode(),
        n = chosen.length;
      const banner = el("p", "ss-quiz__practice");
      banner.tabIndex = -1;
      if (n) {
        const all = el("button", "md-button", t("quiz.show_all"));
        qs.forEach((q) => {
          q.sec.hidden = !chosen.includes(q);
        });
        together(qs);
        chosen.forEach(reset);
        banner.append(practising(n), " ", all);
        all.onclick = () => {
          qs.forEach((q) => {
            q.sec.hidden = false;
          });
          together(qs);
          if (tools) tools.clear();
          banner.remove();
          ctx.update();
          first(qs[0]);
        };
      } else {
        banner.textContent = none();
      }
      quiz.prepend(banner);
      banner.focus();
    }
    ctx.update();
  }

  // A long quiz: a sticky line with the score, and filters by topic, difficulty and state.
  function makeTools(quiz, qs) {
    // The page holds the score line and the filters from the start (no layout shift).
    const box = quiz.querySelector(".ss-quiz__status");
    if (!box) return null;
    const line = box.querySelector(".ss-quiz__progress");
    const [topic, level, state] = ["topic", "difficulty", "state"].map((name) =>
      box.querySelector(`select[name="${name}"]`),
    );
    if (qs.some((q) => q.revised)) state.append(new Option(t("quiz.filter_revised"), "revised"));
    [topic, level, state].forEach((sel) => {
      if (sel) sel.onchange = apply;
    });

    const matches = (q) =>
      (!topic || !topic.value || q.topics.includes(topic.value)) &&
      (!level || !level.value || q.difficulty == level.value) &&
      {
        "": true,
        unanswered: !q.state,
        wrong: q.state && !q.state.correct,
        right: q.state && q.state.correct,
        revised: q.revised,
      }[state.value];
    function apply() {
      qs.forEach((q) => {
        q.sec.hidden = !matches(q);
      });
      together(qs);
      const n = qs.filter((q) => !q.sec.hidden).length;
      qs[0].quiz.update();
      qs[0].quiz.say(n ? t("quiz.showing", { shown: n, count: qs.length }) : t("quiz.no_match"));
      SS.emit(quiz, "ss:quiz-filter", { shown: n });
    }
    return {
      update() {
        const done = qs.filter((q) => q.state),
          right = done.filter((q) => q.state.correct).length;
        const shown = qs.filter((q) => !q.sec.hidden).length;
        line.textContent =
          shown < qs.length
            ? t("quiz.progress_showing", { done: done.length, total: qs.length, right, shown })
            : t("quiz.progress", { done: done.length, total: qs.length, right });
      },
      clear() {
        [topic, level, state].forEach((sel) => {
          if (sel) sel.value = "";
        });
      },
    };
  }

  // A case study's parts stay together: shown whole when any part is, else hidden whole.
  function together(qs) {
    const cases = new Map();
    qs.forEach((q) => {
      const box = q.sec.closest("[data-ss-case-study]");
      if (box) cases.set(box, (cases.get(box) || []).concat(q));
    });
    cases.forEach((parts, box) => {
      const shown = parts.some((q) => !q.sec.hidden);
      box.hidden = !shown;
      parts.forEach((q) => {
        q.sec.hidden = !shown;
      });
    });
  }

  // ---- the other types: the quiz's part (their module answers, this scores and keeps) -----
  // Store value type per question type (store.js values).
  const KINDS = { ordering: "order", matching: "pairs", numeric: "number", "short-answer": "text" };
  function typedSetup(sec) {
    const attr = (name) => sec.getAttribute("data-ss-" + name) || "";
    return {
      sec,
      typed: attr("type"),
      kind: KINDS[attr("type")] || attr("type"),
      id: attr("question"),
      hash: attr("hash"),
      difficulty: attr("difficulty"),
      topics: attr("topics").split(" ").filter(Boolean),
    };
  }

  /* StudySite.typed(name, api, read): the module of a question type hands over its widget,
   * and registers the mount this returns for its questions (data-ss-type="name").
   * read(section) -> the question's data d from its markup; the exam (exam.js) makes d from
   * its data file. api (also StudySite.types[name], which the exam uses):
   *   kind            the store's value type ("order", "pairs", "number", "text")
   *   ui(d, env)      -> {node, get(), set(value or null), lock(bool)}: the answering form;
   *                   get() -> [value, why]: why, a sentence when it is not complete ("" when
   *                   it is); env.change(value) after each edit, env.say(text) to announce
   *   judge(d, value) -> [bool per part]: right when every part is
   *   feedback(d, value) -> an element: per part, right or wrong, with its explanation
   *   done(d, value)  -> whether the value answers every part (the exam's "partly")
   */
  SS.typed = (name, api, read) => {
    types[name] = api;
    // The mount of the type's questions: StudySite.register(name, '[data-ss-type="name"]', it).
    return (sec) => {
      const q = bySection.get(sec);
      if (q && q.typed == name) attach(q, api, read(sec));
    };
  };

  function attach(q, api, d) {
    const details = q.sec.querySelector(".ss-answer");
    const env = {
      say: (text) => q.quiz.say(text),
      change: () => {
        q.hint.textContent = "";
      },
    };
    Object.assign(q, {
      api,
      d,
      ui: api.ui(d, env),
      result: el("div", "ss-result"),
      verdict: el("p", "ss-result__verdict"),
    });
    const row = el("p", "ss-check ss-screen-only");
    const check = el("button", "md-button ss-check__btn", t("quiz.check"));
    const key = el("button", "md-button", t("quiz.show_answer"));
    q.hint = el("span", "ss-check__hint");
    key.ariaExpanded = false;
    row.append(check, " ", key, " ", q.hint);
    q.row = row;
    q.ui.node.classList.add("ss-screen-only");
    q.sec.querySelector("fieldset").append(q.ui.node, row);
    q.verdict.tabIndex = -1;
    q.result.hidden = true;
    q.sec.querySelector("fieldset").after(q.result);
    env.enter = () => check.click();
    check.onclick = () => {
      if (q.state) return;
      const [value, why] = q.ui.get();
      if (why) {
        q.hint.textContent = why;
        return q.quiz.say(why);
      }
      mark("ss-answer-click");
      answer(q, value);
    };
    key.onclick = () => {
      const open = q.sec.classList.toggle("ss-question--key");
      if (details) details.open = open;
      key.ariaExpanded = open;
    };
    q.key = key;
    q.sec.classList.add("ss-question--live");
    if (q.state) typedShow(q, q.state.picked);
  }

  function typedShow(q, value) {
    const parts = q.api.judge(q.d, value),
      ok = parts.every(Boolean),
      right = parts.filter(Boolean).length;
    q.state = { picked: value, correct: ok };
    q.ui.set(value);
    q.ui.lock(true);
    q.row.hidden = true;
    q.said = ok
      ? t("quiz.correct")
      : parts.length > 1
        ? t("typed.incorrect_parts", { right, count: parts.length })
        : t("typed.incorrect");
    say(q.verdict, ok ? "\u2713" : "\u2717", t("quiz.verdict", { verdict: q.said }));
    const keyLine = q.sec.querySelector(".ss-answer__key");
    q.result.replaceChildren(q.verdict, q.api.feedback(q.d, value));
    if (keyLine && !ok) q.result.append(keyLine.cloneNode(true));
    for (const part of [".ss-answer__explanation", ".ss-answer__review"]) {
      const node = q.sec.querySelector(part);
      if (node) q.result.append(node.cloneNode(true));
    }
    q.result.className = "ss-result ss-result--" + (ok ? "right" : "wrong");
    q.result.hidden = false;
  }

  function retype(q) {
    q.result.hidden = true;
    q.row.hidden = false;
    q.hint.textContent = "";
    q.ui.lock(false);
    q.ui.set(null);
    q.sec.classList.remove("ss-question--key");
    q.key.ariaExpanded = false;
  }

  function checked(q, value) {
    typedShow(q, value);
    mark("ss-feedback-shown");
    q.quiz.say(q.said);
    q.verdict.focus({ preventScroll: true });
    q.result.scrollIntoView({ block: "nearest" });
    SS.store.put(q.id, q.hash, record(q, value, q.state.correct));
    q.revised = false;
    q.quiz.answered();
    q.quiz.update();
    SS.emit(q.sec, "ss:answer", { id: q.id, hash: q.hash, value, correct: q.state.correct });
  }

  /* Helpers the types share (and the exam): one line of feedback, right or wrong, with the
   * part's explanation; and a copy of an element's content. */
  SS.typedLine = (ok, content, why) => {
    const li = el("li", "ss-part ss-part--" + (ok ? "right" : "wrong"));
    const m = el("strong", "ss-part__mark");
    say(m, ok ? "\u2713" : "\u2717", ok ? t("typed.part_right") : t("typed.part_wrong"));
    li.append(m, " ", ...content);
    if (why) {
      const w = el("div", "ss-part__why");
      copy(why, w);
      li.append(w);
    }
    return li;
  };
  SS.copyInto = copy;
  // A question's state in its quiz ({picked, correct} or null), for the case study's tally.
  SS.quizState = (sec) => (bySection.get(sec) || {}).state || null;

  SS.register("quiz", "[data-ss-quiz]", mount);
})();
