/* FSRS-6 scheduler (StudySite.fsrs): a port of the Scheduler of py-fsrs 6.3.2 (fsrs/scheduler.py),
 * compared with it by tests/unit/test_fsrs.py. Loaded only on pages that schedule reviews.
 *
 * A card is a plain JSON object, stored as it is: {state, step, stability, difficulty, due,
 * lastReview}, times in ms since 1970 (UTC); state 1 Learning, 2 Review, 3 Relearning; ratings
 * 1 Again, 2 Hard, 3 Good, 4 Easy. Extra fields of a card (an id, a hash) are kept.
 *
 *   createCard(now)                      a new card, due now
 *   review(card, rating, now, opts)      {card, log: {rating, time, state before}}; card unchanged
 *   preview(card, now, opts)             {1..4: review(card, rating, now, opts)}
 *   nextIntervals(card, now, opts)       [Again, Hard, Good, Easy] intervals in ms
 *   retrievability(card, now, opts)      py-fsrs's get_card_retrievability (whole days elapsed),
 *                                        or with opts.fractional fractional days
 *
 * opts, all optional: retention (0.9, kept within 0.7-0.97), learningSteps and relearningSteps
 * (ms, [10 min] each; [] for none), maxInterval (36,500 days), w (21 FSRS-6 parameters, py-fsrs's
 * defaults), fuzz (a number u in [0, 1) in place of py-fsrs's random(); absent: no fuzz).
 *
 * As py-fsrs: a review less than 24 hours after the last one is a same-day review (short-term
 * stability) whatever the card's state; retrievability uses whole elapsed days; intervals are
 * rounded half to even (Python's round(), not Math.round) and added as whole days of 24 hours,
 * so due times equal py-fsrs's to the ms. Math.pow(Math.E, x) where py-fsrs has math.e ** x.
 *
 * Unlike py-fsrs, for the learner's clock: a time before a card's last review counts as a review
 * at the last review's time (time never runs backwards for a card, so a wrong clock corrupts
 * nothing); a card that is not a coherent memory state (damaged storage) starts over as new;
 * a time outside a Date's range or a rating other than 1-4 throws a RangeError.
 */
(() => {
  "use strict";
  // py-fsrs 6.3 DEFAULT_PARAMETERS (FSRS-6, w0..w20).
  const W = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483,
    0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
  ];
  const DAY = 864e5;
  const MINUTE = 6e4;
  const S_MIN = 0.001;
  const LEARNING = 1;
  const REVIEW = 2;
  const RELEARNING = 3;
  const { pow, E, max, min, floor } = Math;

  const num = (v) => typeof v == "number" && Number.isFinite(v);

  // Python's round(): to the nearest integer, ties to even.
  function round(v) {
    const r = Math.round(v);
    return r - v == 0.5 && r % 2 ? r - 1 : r;
  }

  function settings(o) {
    const opts = o || {};
    const w = opts.w && opts.w.length == 21 ? opts.w : W;
    const decay = -w[20];
    return {
      w,
      r: min(max(num(opts.retention) ? opts.retention : 0.9, 0.7), 0.97),
      decay,
      factor: pow(0.9, 1 / decay) - 1,
      ls: opts.learningSteps || [10 * MINUTE],
      rs: opts.relearningSteps || [10 * MINUTE],
      maxIvl: opts.maxInterval || 36500,
      fuzz: opts.fuzz,
    };
  }

  function createCard(nowMs) {
    return {
      state: LEARNING,
      step: 0,
      stability: null,
      difficulty: null,
      due: num(nowMs) ? nowMs : Date.now(),
      lastReview: null,
    };
  }

  // Whether a card is a coherent memory state (else damaged storage: it starts over).
  function sane(c) {
    const known = num(c.stability) && c.stability > 0 && num(c.difficulty) && c.difficulty >= 1 && c.difficulty <= 10;
    const reviewed = known && num(c.lastReview);
    if (c.state == LEARNING) return reviewed || (c.stability == null && c.lastReview == null);
    return (c.state == REVIEW || c.state == RELEARNING) && reviewed;
  }

  // Scheduler.get_card_retrievability: whole days elapsed unless frac.
  function recall(c, t, x, frac) {
    if (!c || !num(c.lastReview) || !(c.stability > 0)) return 0;
    const e = max(0, (t - c.lastReview) / DAY);
    return pow(1 + (x.factor * (frac ? e : floor(e))) / c.stability, x.decay);
  }

  const clampD = (d) => min(max(d, 1), 10);
  const initD = (w, g) => w[4] - pow(E, w[5] * (g - 1)) + 1;

  // Scheduler._next_interval, then _get_fuzzed_interval when x.fuzz (a number in [0, 1)) is given.
  function days(s, x) {
    let n = min(max(round((s / x.factor) * (pow(x.r, 1 / x.decay) - 1)), 1), x.maxIvl);
    if (num(x.fuzz) && n >= 2.5) {
      const delta = 1 + 0.15 * max(min(n, 7) - 2.5, 0) + 0.1 * max(min(n, 20) - 7, 0) + 0.05 * max(n - 20, 0);
      const hi = min(round(n + delta), x.maxIvl);
      const lo = min(max(2, round(n - delta)), hi);
      n = min(round(x.fuzz * (hi - lo + 1) + lo), x.maxIvl);
    }
    return n;
  }

  // The new stability of a reviewed card (s, d known) rated g at t.
  function nextStability(c, s, d, g, t, x) {
    const w = x.w;
    if (floor((t - c.lastReview) / DAY) < 1) {
      // _short_term_stability (FSRS-6, w17-w19): Hard, Good and Easy never lower it.
      const inc = pow(E, w[17] * (g - 3 + w[18])) * pow(s, -w[19]);
      return s * (g > 1 ? max(inc, 1) : inc);
    }
    const r = recall(c, t, x);
    if (g == 1) {
      // _next_forget_stability
      return min(w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * pow(E, (1 - r) * w[14]), s / pow(E, w[17] * w[18]));
    }
    // _next_recall_stability
    return (
      s *
      (1 +
        pow(E, w[8]) *
          (11 - d) *
          pow(s, -w[9]) *
          (pow(E, (1 - r) * w[10]) - 1) *
          (g == 2 ? w[15] : 1) *
          (g == 4 ? w[16] : 1))
    );
  }

  function review(card, rating, nowMs, opts) {
    const x = settings(opts);
    const w = x.w;
    const now = nowMs == null ? Date.now() : nowMs;
    if (!(num(now) && Math.abs(now) <= 8.64e15)) throw new RangeError("nowMs");
    if (!(rating == 1 || rating == 2 || rating == 3 || rating == 4)) throw new RangeError("rating");
    const g = +rating;
    const c = Object.assign({}, card);
    if (!card || !sane(card)) Object.assign(c, createCard(now));
    const from = +c.state;
    let state = from;
    let s = c.stability;
    let d = c.difficulty;
    let step = c.step;
    let ivl = null;
    // A clock set before the last review counts as a review at the last review's time.
    const t = c.lastReview == null ? now : max(now, c.lastReview);
    if (s == null) {
      s = max(w[g - 1], S_MIN);
      d = clampD(initD(w, g));
    } else {
      s = max(nextStability(c, s, d, g, t, x), S_MIN);
      // _next_difficulty: linear damping, then mean reversion towards D0(Easy); after S.
      d = clampD(w[7] * initD(w, 4) + (1 - w[7]) * (d + ((10 - d) * -(w[6] * (g - 3))) / 9));
    }
    if (state == REVIEW) {
      if (g == 1 && x.rs.length) {
        state = RELEARNING;
        step = 0;
        ivl = x.rs[0];
      }
    } else {
      const steps = state == LEARNING ? x.ls : x.rs;
      step = num(step) && step >= 0 ? floor(step) : 0;
      if (!steps.length || (step >= steps.length && g > 1) || g == 4 || (g == 3 && step + 1 >= steps.length)) {
        state = REVIEW;
      } else if (g == 1) {
        step = 0;
        ivl = steps[0];
      } else if (g == 2) {
        ivl = step ? steps[step] : steps.length > 1 ? (steps[0] + steps[1]) / 2 : steps[0] * 1.5;
      } else {
        step += 1;
        ivl = steps[step];
      }
    }
    if (ivl == null) {
      step = null;
      ivl = days(s, x) * DAY;
    }
    Object.assign(c, { state, step, stability: s, difficulty: d, due: t + ivl, lastReview: t });
    return { card: c, log: { rating: g, time: t, state: from } };
  }

  function preview(card, nowMs, opts) {
    const out = {};
    for (let g = 1; g < 5; g++) out[g] = review(card, g, nowMs, opts);
    return out;
  }

  // The scheduled interval in ms for Again, Hard, Good and Easy.
  function nextIntervals(card, nowMs, opts) {
    const p = preview(card, nowMs, opts);
    return [1, 2, 3, 4].map((g) => p[g].card.due - p[g].card.lastReview);
  }

  function retrievability(card, nowMs, opts) {
    return recall(card, num(nowMs) ? nowMs : Date.now(), settings(opts), opts && opts.fractional);
  }

  StudySite.fsrs = {
    createCard,
    review,
    preview,
    nextIntervals,
    retrievability,
    DEFAULT_W: W.slice(),
    Rating: { Again: 1, Hard: 2, Good: 3, Easy: 4 },
    State: { Learning: 1, Review: 2, Relearning: 3 },
  };
})();
