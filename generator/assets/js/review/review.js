/* Review page: the questions due now across the site, one at a time, each with the quiz's own
 * feedback and explanations, then the next; how many are due today and on each of the next 7
 * days (a table whose rows hold a bar and the number); the settings (desired retention, new
 * questions a day). generator/site/templates/review.md.j2, generator/site/widgets/review.py.
 *
 * Reads div[data-ss-review][data-ss-review-index] (JSON: q [[id, hash, domain, [topic
 * positions]], ...] in bank order, topics [[id, title, link], ...], domains {n: {title,
 * script}}) and fills [data-ss-review-summary], [data-ss-review-question],
 * [data-ss-review-forecast] and the form [data-ss-review-settings].
 *
 * A question comes as the topic pages' quiz shows it: its markup (the quiz template's, from
 * the domain's review data script, review-data/<domain>.js, added to the page when the first
 * question of that domain is due) goes in a quiz marked data-ss-fresh (no earlier answer
 * shown), and StudySite.refresh() mounts it with every widget a topic page's quiz gets: the
 * quiz (quiz.js), the module of its question type, and the schedule (schedule.js), which
 * makes the answer a review and offers the Hard/Easy tap. So any type works here.
 *
 * Which questions: those whose card (or answer from before the review log) is due now, the
 * most overdue first; then questions never answered (or changed since: they start over), in
 * the bank's order, as many as the new-per-day limit leaves today (counted in the store's
 * draft "review", with the settings). "Today" ends at the learner's local midnight.
 *
 * Weak areas: the topics with answered questions, ranked by their questions' mean predicted
 * recall now (fsrs.js retrievability, in fractional days), then by how many were last answered
 * wrongly; the five weakest, each with "Drill this topic": up to 10 of its questions, the
 * weakest first (the lowest recall, then those never answered), asked here one at a time as
 * the due ones are (each answer a review), then back to the questions due.
 * Events (bubbling, on the page root): "ss:review-question" {id, fresh} when a question shows.
 * Performance mark: "ss-review-first-question".
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    t = SS.t,
    D = document;
  const WEEK = 7;

  // The questions' markup, a script per domain, loaded when needed (data.js).
  const load = (n, domain) => SS.reviewMarkup(n, domain);

  // ---- days: local midnights ---------------------------------------------------------------
  // The local midnight `days` days after the start of the day of `at`.
  function midnight(at, days) {
    const d = new Date(at);
    d.setHours(24 * days, 0, 0, 0);
    return d.getTime();
  }
  const dayKey = (at) => {
    const d = new Date(at);
    return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
  };

  // ---- the plan: what is due, and when --------------------------------------------------------
  function newToday(now) {
    const kept = SS.store.draft("review") || {};
    return kept.newDay == dayKey(now) ? Math.max(0, +kept.newCount || 0) : 0;
  }
  function countNew(now) {
    const kept = Object.assign({}, SS.store.draft("review"));
    kept.newCount = newToday(now) + 1;
    kept.newDay = dayKey(now);
    SS.store.keepDraft("review", kept);
  }

  /** {due: [ids, most overdue first], fresh: [ids of new ones], days: [count per day from
   * today, 8 in all, new ones not counted], next: the next due time after now or null}. */
  function plan(index, now) {
    const S = SS.schedule,
      known = S.known(),
      seen = {};
    for (const q of index.q) if (known[q[0]] == q[1]) seen[q[0]] = q[1];
    const cards = S.cards(seen),
      today = midnight(now, 0),
      due = [],
      days = Array(WEEK + 1).fill(0),
      ends = days.map((_, k) => midnight(now, k + 1));
    let next = null;
    for (const id in cards) {
      const c = cards[id];
      if (!c) continue;
      if (c.due <= now) due.push([c.due, id]);
      else if (next === null || c.due < next) next = c.due;
      // Overdue ones count today (a clock set back shows them no earlier than today either).
      const k = c.due < today ? 0 : ends.findIndex((end) => c.due < end);
      if (k >= 0) days[k]++;
    }
    due.sort((a, b) => a[0] - b[0]);
    const room = Math.max(0, S.settings().newPerDay - newToday(now)),
      fresh = [];
    for (const q of index.q) {
      if (fresh.length >= room) break;
      if (!(q[0] in seen)) fresh.push(q[0]);
    }
    return { due: due.map((d) => d[1]), fresh, days, next };
  }

  // ---- weak areas ----------------------------------------------------------------------------
  const WEAKEST = 5,
    DRILL = 10;
  /** Per topic (by position) with answered questions: {at, count, seen, recall (mean), wrong,
   * ids: [[recall or -1, id], ...]}, the weakest first. */
  function weakAreas(index, now) {
    const S = SS.schedule,
      known = S.known(),
      answers = SS.store.load().answers,
      seen = {};
    for (const q of index.q) if (known[q[0]] == q[1]) seen[q[0]] = q[1];
    const cards = S.cards(seen),
      topics = index.topics.map((_, at) => ({ at, count: 0, seen: 0, sum: 0, wrong: 0, ids: [] }));
    for (const q of index.q) {
      const c = cards[q[0]],
        r = c ? SS.fsrs.retrievability(c, now, { fractional: true }) : -1,
        last = answers[q[0] + ":" + q[1]];
      for (const at of q[3]) {
        const topic = topics[at];
        topic.count++;
        topic.ids.push([r, q[0]]);
        if (!c) continue;
        topic.seen++;
        topic.sum += r;
        if (last && last.correct === false) topic.wrong++;
      }
    }
    return topics
      .filter((x) => x.seen)
      .map((x) => Object.assign(x, { recall: x.sum / x.seen }))
      .sort((a, b) => a.recall - b.recall || b.wrong - a.wrong || a.at - b.at);
  }
  /** A drill's questions: the topic's weakest first (the lowest recall, then those never seen). */
  const drillIds = (topic) =>
    topic.ids
      .slice()
      .sort((a, b) => (a[0] < 0) - (b[0] < 0) || a[0] - b[0])
      .slice(0, DRILL)
      .map((x) => x[1]);

  // ---- the forecast: a table; each row a bar and its number (no colour needed) ----------------
  function forecast(box, p, now) {
    const lang = D.documentElement.lang || "en";
    const table = el("table", "ss-review__forecast");
    const head = el("tr");
    const day = el("th", "", t("review.col_day")),
      due = el("th", "", t("review.col_due"));
    day.scope = due.scope = "col";
    head.append(day, due);
    const thead = el("thead"),
      body = el("tbody");
    thead.append(head);
    const counts = p.days.map((n, k) => (k ? n : n + p.fresh.length));
    const most = Math.max(1, ...counts);
    counts.forEach((n, k) => {
      const row = el("tr");
      const date = new Date(midnight(now, k)).toLocaleDateString(lang, {
        weekday: k > 1 ? "long" : undefined,
        month: "short",
        day: "numeric",
      });
      const name = k == 0 ? t("review.today") : k == 1 ? t("review.tomorrow") : "";
      const th = el("th", "", name ? `${name}, ${date}` : date);
      th.scope = "row";
      const cell = el("td"),
        line = el("span", "ss-review__count");
      const bar = el("span", n ? "ss-review__bar" : "ss-review__bar ss-review__bar--none");
      bar.style.width = `${(100 * n) / most}%`;
      const track = el("span", "ss-review__track");
      track.ariaHidden = "true";
      track.append(bar);
      line.append(el("span", "ss-review__n", SS.num(n)), track);
      cell.append(line);
      row.append(th, cell);
      body.append(row);
    });
    const caption = el("caption", "", t("review.forecast_caption"));
    table.append(caption, thead, body);
    const parts = [table];
    if (p.fresh.length) parts.push(el("p", "ss-review__note", t("review.forecast_new", { count: p.fresh.length })));
    box.replaceChildren(...parts);
  }

  function mount(root) {
    let index;
    try {
      index = JSON.parse(root.getAttribute("data-ss-review-index"));
    } catch {
      return undefined;
    }
    if (!index || !Array.isArray(index.q) || !SS.schedule) return undefined;
    const byId = {};
    for (const q of index.q) byId[q[0]] = q;
    const $ = (name) => root.querySelector(`[data-ss-review-${name}]`);
    const summary = $("summary"),
      box = $("question"),
      chart = $("forecast"),
      form = $("settings"),
      weakList = $("weak-list"),
      drillLine = $("drill");
    const stops = [];
    let p = null,
      shown = 0, // questions shown this visit
      current = null, // the question on screen: {id, fresh, answered}
      timer = 0,
      firstMarked = false,
      drill = null; // {topic: [id, title, link], ids, at: questions asked, right}
    const skipped = new Set(); // ids whose markup is missing: not asked again this visit
    summary.role = "status";

    function say(now) {
      const n = p.due.length + p.fresh.length,
        today = p.days[0] + p.fresh.length;
      const words = [];
      if (n) {
        words.push(
          p.fresh.length
            ? t("review.summary_now_new", { count: n, fresh: p.fresh.length })
            : t("review.summary_now", { count: n }),
        );
      } else {
        words.push(t("review.summary_none"));
        if (p.next !== null) words.push(t("review.summary_next", { when: SS.schedule.after(p.next - now) }));
      }
      if (today > n) words.push(t("review.summary_today", { count: today }));
      const text = words.join(" ");
      if (summary.textContent != text) summary.textContent = text;
      forecast(chart, p, now);
      weak(now);
    }

    function weak(now) {
      const ranked = weakAreas(index, now).slice(0, WEAKEST);
      if (!ranked.length) return weakList.replaceChildren(el("p", "", t("review.weak_none")));
      const list = el("ol", "ss-review__areas");
      for (const area of ranked) {
        const [, title, href] = index.topics[area.at];
        const item = el("li", "ss-review__area");
        const name = el("a", "", title);
        name.href = href;
        const facts = t("review.weak_row", {
          recall: Math.round(100 * area.recall),
          seen: area.seen,
          count: area.count,
          wrong: area.wrong,
        });
        const go = el("button", "md-button", t("review.drill"));
        go.ariaLabel = t("review.drill_topic", { topic: title });
        go.onclick = () => {
          drill = { topic: index.topics[area.at], ids: drillIds(area), at: 0, right: 0 };
          root.querySelector("#due-now").scrollIntoView({ block: "start" });
          next(true);
        };
        item.append(name, " ", el("span", "ss-review__facts", facts), " ", go);
        list.append(item);
      }
      weakList.replaceChildren(list);
    }

    function drillSays(words, stop) {
      drillLine.replaceChildren(words);
      if (stop) {
        const button = el("button", "md-button", t("review.stop_drill"));
        button.onclick = () => {
          drill = null;
          next(true);
        };
        drillLine.append(" ", button);
      }
      drillLine.hidden = false;
    }

    function refreshPlan() {
      const now = Date.now();
      p = plan(index, now);
      p.due = p.due.filter((id) => !skipped.has(id));
      p.fresh = p.fresh.filter((id) => !skipped.has(id));
      say(now);
      return now;
    }

    // While nothing is due, look again when the next one is (and at least every minute).
    function wait(now) {
      clearTimeout(timer);
      if (p.next === null) return;
      timer = setTimeout(idle, Math.min(Math.max(p.next - now, 1000), 60000));
    }
    function idle() {
      timer = 0;
      if (current && !current.answered) return;
      const now = refreshPlan();
      if (!current && (p.due.length || p.fresh.length)) next(false);
      else wait(now);
    }

    function done(now) {
      const words = p.next === null && !p.fresh.length ? t("review.done_all") : t("review.done");
      box.replaceChildren(el("p", "ss-review__done", words));
      SS.refresh();
      wait(now);
    }

    function next(focus) {
      clearTimeout(timer);
      current = null;
      const now = refreshPlan();
      let id = null,
        fresh = false;
      if (drill && drill.at < drill.ids.length) {
        id = drill.ids[drill.at++];
        drillSays(t("review.drilling", { topic: drill.topic[1], number: drill.at, count: drill.ids.length }), true);
      } else {
        if (drill) {
          const words = { topic: drill.topic[1], right: drill.right, count: drill.ids.length };
          drillSays(t("review.drill_done", words), false);
          drill = null;
        } else {
          drillLine.hidden = true;
        }
        id = p.due[0] || p.fresh[0];
        fresh = !p.due.length;
      }
      if (!id) return done(now);
      const row = byId[id],
        domain = index.domains[row[2]];
      const one = (current = { id, fresh, answered: false });
      box.replaceChildren(el("p", "ss-review__loading", t("review.loading")));
      SS.refresh();
      load(row[2], domain).then(
        (markup) => {
          if (current !== one || !root.isConnected) return;
          if (!markup[id]) {
            skipped.add(id);
            return next(focus);
          }
          show(one, markup[id], focus);
        },
        (error) => {
          if (current === one) box.replaceChildren(el("p", "ss-review__error", error.message));
        },
      );
    }

    function show(one, markup, focus) {
      const quiz = el("div", "ss-quiz ss-review__quiz");
      quiz.setAttribute("data-ss-quiz", "review");
      quiz.setAttribute("data-ss-shuffle", "true");
      quiz.setAttribute("data-ss-fresh", "");
      const template = D.createElement("template");
      template.innerHTML = markup; // the site's own markup, made and cleaned at build time
      quiz.append(template.content);
      const heading = quiz.querySelector(".ss-question__number");
      shown++;
      if (heading) {
        heading.textContent = t("quiz.question_number", { number: shown });
        heading.tabIndex = -1;
      }
      const after = el("p", "ss-review__next");
      const go = el("button", "md-button md-button--primary", t("review.next"));
      go.onclick = () => next(true);
      after.append(go);
      after.hidden = true;
      box.replaceChildren(quiz, after);
      SS.refresh(); // the quiz, its type's widget and the schedule mount it
      one.after = after;
      if (focus && heading) heading.focus();
      if (!firstMarked) {
        firstMarked = true;
        performance.mark("ss-review-first-question");
      }
      SS.emit(root, "ss:review-question", { id: one.id, fresh: one.fresh });
    }

    // An answer: schedule.js has kept it as a review (its listener is on the quiz, below this).
    stops.push(
      SS.listen(box, "ss:answer", (event) => {
        const one = current;
        if (!one || one.answered) return;
        one.answered = true;
        if (one.fresh) countNew(Date.now());
        if (drill && event.detail.correct) drill.right++;
        refreshPlan();
        one.after.hidden = false;
      }),
    );
    // Another tab reviewed: the counts change (the question on screen stays).
    stops.push(
      SS.listen(D, "ss:store-change", (event) => {
        if (event.detail && event.detail.what == "other-tab") idle();
      }),
    );

    // ---- settings ----------------------------------------------------------------------------
    if (form) {
      const retention = form.querySelector("[name=retention]"),
        perDay = form.querySelector("[name=new-per-day]"),
        said = form.querySelector("[data-ss-review-saved]");
      const st = SS.schedule.settings();
      retention.value = String(Math.round(st.retention * 100));
      perDay.value = String(st.newPerDay);
      form.hidden = false;
      form.onsubmit = (event) => {
        event.preventDefault();
        const r = +retention.value,
          n = +perDay.value;
        if (!(Number.isInteger(r) && r >= 70 && r <= 97) || !(Number.isInteger(n) && n >= 0 && n <= 9999)) {
          said.textContent = t("review.bad_settings");
          return;
        }
        const kept = Object.assign({}, SS.store.draft("review"), { retention: r / 100, newPerDay: n });
        SS.store.keepDraft("review", kept);
        said.textContent = t("review.saved", { retention: r, count: n });
        if (current) refreshPlan();
        else next(false);
      };
    }
    for (const name of ["now", "weak", "coming"]) $(name).hidden = false;
    next(false);
    return () => {
      clearTimeout(timer);
      stops.forEach((stop) => stop());
    };
  }

  SS.register("review", "[data-ss-review]", mount);
})();
