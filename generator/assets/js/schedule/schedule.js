/* The review schedule: every question answered becomes a review of its FSRS card (fsrs.js), kept
 * in the store's review log (store.js: kinds "cards" and "reviews").
 *
 * Where reviews come from: a topic quiz's or the practice page's answer ("ss:answer" on a
 * [data-ss-quiz]) rates Good if right, Again if wrong; after a right answer, one optional tap
 * says Hard or Easy instead (tapped again, back to Good). The practice exam's answers count at
 * Submit ("ss:exam-submit" on [data-ss-exam-page], its answers at its end time). A question
 * whose content hash changed starts over as a new card.
 *
 * StudySite.schedule:
 *   review(id, hash, rating, at, answers)   keep one review; {card, before, time} or null if
 *                                  not kept. answers: the store's answers before this one
 *   reviewMany([[id, hash, rating]], at, answers)   several at once (one write per shard)
 *   rerate(id, hash, time, rating, before)  change the rating of the review made at time
 *                                  (before: the card it was made on), while it is the card's last
 *   card(id, hash)                 the card as fsrs.js has it, with the logged reviews it does not
 *                                  include yet folded in (and, for a question answered before the
 *                                  review log, its last answer as one review); null if none
 *   cards({id: hash})              the cards of many questions at once ({id: card or null})
 *   known()                        {id: hash} of every question with a card or an answer
 *   offerTap(section, made)        the optional Hard/Easy tap under a question's feedback
 *   settings()                     {retention, newPerDay}, from the store's draft "review"
 *   after(ms)                      a time to wait in words: "in 10 minutes", "in 3 days"
 *   noteDue()                      note in the store's summary record the cards due per local
 *                                  day (the home page reads it alone: core/summary.js); done
 *                                  after every review kept and every other change of the store
 * A card is kept packed: {h, at: last review, c: [state, step, stability, difficulty, due]},
 * stability and difficulty to 10 significant digits (within 1e-10 of the scheduler's).
 * Events: "ss:review" {id, hash, rating, due} on document after a review is kept.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    t = SS.t;
  const F = SS.fsrs;
  const AGAIN = 1,
    GOOD = 3;
  const DEFAULTS = { retention: 0.9, newPerDay: 20 };

  function settings() {
    const kept = SS.store.draft("review") || {};
    const r = +kept.retention,
      n = +kept.newPerDay;
    return {
      retention: r >= 0.7 && r <= 0.97 ? r : DEFAULTS.retention,
      newPerDay: Number.isInteger(n) && n >= 0 && n <= 9999 ? n : DEFAULTS.newPerDay,
    };
  }
  const opts = () => ({ retention: settings().retention });

  const digits = (x) => +x.toPrecision(10);
  const pack = (hash, c) => ({
    h: hash,
    at: c.lastReview,
    c: [c.state, c.step, digits(c.stability), digits(c.difficulty), c.due],
  });
  function unpack(r) {
    const [state, step, stability, difficulty, due] = r.c;
    return { state, step, stability, difficulty, due, lastReview: r.at };
  }

  /** The log's reviews by question id (read once for many cards). */
  function logById() {
    const log = SS.store.records("reviews"),
      by = new Map();
    for (const key in log) {
      const id = key.slice(0, key.lastIndexOf("@"));
      if (!by.has(id)) by.set(id, []);
      by.get(id).push(log[key]);
    }
    return by;
  }

  /** The log's reviews of this version of a question after the card's last review, in order. */
  function pending(id, hash, after, by) {
    const list = (by || logById()).get(id) || [];
    return list.filter((r) => r.h == hash && r.at > after).sort((a, b) => a.at - b.at);
  }

  /** The card of a stored record brought up to date with the log (null: never reviewed). A
   * question answered before the review log (schema version 3), with neither a card nor
   * reviews, counts its last answer as one review. */
  function current(id, hash, kept, o, answers, by) {
    let card = kept && kept.h == hash ? unpack(kept) : null;
    const log = pending(id, hash, card ? card.lastReview : -Infinity, by);
    if (!card && !log.length) {
      const a = (answers || SS.store.load().answers)[id + ":" + hash];
      if (a && typeof a.correct == "boolean") log.push({ at: a.at, g: a.correct ? GOOD : AGAIN });
    }
    for (const r of log) card = F.review(card || F.createCard(r.at), r.g, r.at, o).card;
    return card;
  }

  /** Every question reviewed or answered: {id: hash} of its card, or of its last answer. */
  function known() {
    const out = {},
      cards = SS.store.records("cards");
    for (const k in SS.store.load().answers) {
      const [id, hash] = k.split(":");
      out[id] = hash;
    }
    for (const id in cards) out[id] = cards[id].h;
    return out;
  }

  function card(id, hash) {
    return current(id, hash, SS.store.records("cards")[id], opts());
  }

  /** The cards of many questions at once: {id: hash} -> {id: card or null}. */
  function cards(wanted) {
    const kept = SS.store.records("cards"),
      answers = SS.store.load().answers,
      by = logById(),
      o = opts(),
      out = {};
    for (const id in wanted) out[id] = current(id, wanted[id], kept[id], o, answers, by);
    return out;
  }

  /** Keep reviews [[id, hash, rating]] made at `at`, each on its freshly read card. `before`:
   * the answers as they were before this one was kept (the quiz keeps it first). */
  function reviewMany(list, at, before) {
    const o = opts(),
      made = [],
      entries = [];
    for (const [id, hash, rating] of list) {
      const one = { id, hash, rating };
      made.push(one);
      entries.push([
        "cards",
        id,
        (kept) => {
          one.before = current(id, hash, kept, o, before);
          const res = F.review(one.before || F.createCard(at), rating, at, o);
          one.card = res.card;
          one.time = res.log.time;
          return pack(hash, res.card);
        },
      ]);
      // The log keeps the time the scheduler used (a clock set back counts at the last review).
      entries.push(["reviews", () => id + "@" + one.time, () => ({ h: hash, at: one.time, g: rating })]);
    }
    if (!SS.store.update("review", entries)) return null;
    noteDue();
    for (const one of made) {
      SS.emit(document, "ss:review", { id: one.id, hash: one.hash, rating: one.rating, due: one.card.due });
    }
    return made;
  }

  function review(id, hash, rating, at, before) {
    const made = reviewMany([[id, hash, rating]], at, before);
    return made && made[0];
  }

  // ---- the due days in the store's summary (the home page counts from them) ----------------
  const DUE_DAYS = 60;
  /** Note in the summary record how many cards fall due on each local day (those overdue on
   * today), the first DUE_DAYS days that have any: the home page reads that record alone. */
  function noteDue() {
    const all = cards(known()),
      today = new Date();
    today.setHours(0, 0, 0, 0);
    const by = new Map();
    for (const id in all) {
      const c = all[id];
      if (!c) continue;
      const day = new Date(Math.max(c.due, today.getTime()));
      day.setHours(0, 0, 0, 0);
      by.set(day.getTime(), (by.get(day.getTime()) || 0) + 1);
    }
    const days = [...by].sort((a, b) => a[0] - b[0]).slice(0, DUE_DAYS);
    SS.store.noteSummary({ due: { at: Date.now(), days } });
  }

  /** Rate the review made at `time` again (Hard or Easy for Good), if nothing came after it. */
  function rerate(id, hash, time, rating, before) {
    const o = opts();
    let res = null;
    const ok = SS.store.update("review", [
      [
        "cards",
        id,
        (kept) => {
          if (!kept || kept.h != hash || kept.at != time) return undefined;
          res = F.review(before || F.createCard(time), rating, time, o);
          return pack(hash, res.card);
        },
      ],
      ["reviews", id + "@" + time, (r) => (res && r ? { h: hash, at: time, g: rating } : undefined)],
    ]);
    if (!ok) return null;
    noteDue();
    return res && res.card;
  }

  // ---- the optional tap after a right answer ---------------------------------------------
  const TAPS = [
    [2, t("review.hard")],
    [4, t("review.easy")],
  ];
  // When the next review is: "in 10 minutes", "in 3 hours", "in 8 days".
  function after(ms) {
    const d = Math.round(ms / 864e5),
      h = Math.round(ms / 36e5);
    if (d >= 1) return t("review.in_days", { count: d });
    if (h >= 1) return t("review.in_hours", { count: h });
    return t("review.in_minutes", { count: Math.max(1, Math.round(ms / 6e4)) });
  }

  function offerTap(sec, made) {
    const result = sec.querySelector(".ss-result");
    if (!result) return;
    const old = result.querySelector(".ss-rate");
    if (old) old.remove();
    if (!made || made.rating != GOOD) return;
    const line = SS.el("p", "ss-rate");
    const said = SS.el("span", "ss-rate__said");
    said.ariaLive = "polite"; // not a role=status: the quiz's one status line stays its own
    const buttons = TAPS.map(([g, word]) => {
      const b = SS.el("button", "md-button ss-rate__button", word);
      b.ariaPressed = "false";
      b.onclick = () => {
        const again = b.ariaPressed == "true";
        const rating = again ? GOOD : g;
        const kept = rerate(made.id, made.hash, made.time, rating, made.before);
        if (!kept) {
          said.textContent = t("review.not_rerated");
          return;
        }
        buttons.forEach((x) => {
          x.ariaPressed = String(x == b && !again);
        });
        said.textContent = t("review.rated", {
          rating: again ? t("review.good") : word,
          when: after(kept.due - made.time),
        });
      };
      return b;
    });
    line.append(t("review.tap"), " ", ...buttons, " ", said);
    result.append(line);
  }

  SS.schedule = { review, reviewMany, rerate, card, cards, known, settings, offerTap, after, noteDue };

  // The summary's due days follow every change of the log (reviews note them as they are kept),
  // and are made once where a browser has none yet.
  const CHANGES = new Set(["import", "clear", "remove", "drop"]);
  SS.register("schedule-due", "[data-ss-exam]", () => {
    if (!SS.store.summary().due) noteDue();
    return SS.listen(document, "ss:store-change", (event) => {
      if (event.detail && CHANGES.has(event.detail.what)) noteDue();
    });
  });

  // The answers kept when the page was shown: a question answered before the review log has
  // its earlier answer there (the quiz and the exam keep a new one before they say so).
  const answersNow = () => Object.assign({}, SS.store.load().answers);

  SS.register("schedule-quiz", "[data-ss-quiz]", (quiz) => {
    const before = answersNow();
    return SS.listen(quiz, "ss:answer", (event) => {
      const d = event.detail;
      const made = review(d.id, d.hash, d.correct ? GOOD : AGAIN, Date.now(), before);
      offerTap(event.target, made);
    });
  });
  SS.register("schedule-exam", "[data-ss-exam-page]", (root) => {
    const before = answersNow();
    return SS.listen(root, "ss:exam-submit", (event) => {
      const d = event.detail;
      if (d.answers && d.answers.length) {
        const list = d.answers.map(([id, hash, right]) => [id, hash, right ? GOOD : AGAIN]);
        reviewMany(list, d.at || Date.now(), before);
      }
    });
  });
})();
