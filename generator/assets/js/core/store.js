/* Store: the one storage layer of the browser. Nothing else of the site touches localStorage.
 *
 * Everything is kept per exam (the data-ss-exam attribute every page carries: copies of one
 * exam, hosted, served locally or opened from disk, share it; other exams on the origin never
 * do), each kind of record under keys of its own, so that a change rewrites only its part:
 *
 *   studysite:store:<exam>:meta              {"version": 4}
 *   studysite:store:<exam>:answers:<0..63>   one shard of the answers: {"<id>:<hash>": answer}
 *   studysite:store:<exam>:attempts          the practice exam attempts: {"<attempt id>": attempt}
 *   studysite:store:<exam>:cards:<0..63>     the review log's FSRS cards: {"<id>": card}
 *   studysite:store:<exam>:reviews:<0..15>   the review log's last reviews: {"<id>@<at>": review}
 *   studysite:store:<exam>:draft:<name>      a widget's work in progress (the exam's running
 *                                            attempt); not exported
 *   studysite:store:<exam>:summary           one small record, read alone by the home page
 *                                            (core/summary.js); not exported:
 *       {page: {p, t, at}, quiz: {p, t, at, k}, due: {at, days: [[local midnight, n], ...]}}
 *   studysite:store:<exam>:backups           damaged texts set aside: [{at, key, why, text}]
 *
 * An answer (schema version 3) is the latest answer to one question, keyed by the question's
 * id and a hash of its content (an edited question counts as new):
 *
 *   {"type": "picks", "value": [2], "correct": false, "at": 1718000000000, "shown": [1, 0, 2, 3]}
 *
 * type names what value holds, each checked by store.values[type]: "picks" (the options
 * picked, as indexes in authored order), "order" (item indexes in the order given), "pairs"
 * (per prompt, the index of the answer matched to it, or null), "number" (a finite number) or
 * "text" (at most 1,000 characters). correct: whether it was right; at: when (ms since 1970);
 * shown (optional): the options or items as they were shown. An attempt has a unique string
 * "id" and its start "at"; its other fields are those the exam widget writes, each of its type
 * and range (ATTEMPT_FIELDS), and only those are kept.
 * A record imported from a file carries "imported": true in storage (never in an export).
 *
 * The review log (schema version 4, issue 30; schedule/schedule.js writes it, schedule/fsrs.js
 * schedules): one card per question, its memory state after its last review, and the last
 * reviews themselves, each under its own key, so that merging two exports keeps both logs
 * without duplicates:
 *
 *   card    "<id>": {"h": "<hash>", "at": <last review>, "c": [state, step, stability,
 *                    difficulty, due]}     (state 1 learning, 2 review, 3 relearning)
 *   review  "<id>@<at>": {"h": "<hash>", "at": <time>, "g": <rating 1-4>}
 *
 * Bounded: a card per question (cap 20,000, as answers) and the last 2,000 reviews; at 10,000
 * questions with ids of 16 characters, about 1.1 MB of cards and 0.16 MB of log. A card whose hash is not the question's
 * is an earlier version's: the question starts over. An import takes a file's card when it
 * was reviewed later than the one kept, and every review not kept yet; the scheduler folds a
 * logged review that a card does not include yet into it (schedule/schedule.js).
 *
 * The registries a later feature extends, each with one entry:
 * - store.kind(name, spec): a record kind under a key of its own (the review log's two are):
 *   {shards, cap, list, check(key, record, shape) -> why or "", clean(record) -> record,
 *   newer(mine, theirs) -> whether the file's record replaces the one kept}. list: in files
 *   the kind is a list of records keyed by their "id" (attempts), else an object by key.
 * - store.values[type] = (value, shape) -> why or "": an answer type.
 * - store.migrations[n] = (document) -> document: turns a version n - 1 document (the form of
 *   an export file: {version, exam, answers, attempts, ...}) into version n; the schema's
 *   version is the last migration's. Stored data of an older version (written again whole,
 *   once) and every import file go through the same steps. Data a newer version saved is
 *   read, never overwritten.
 * Caps per kind: over the cap, records imported from a file go first, then the learner's own,
 * the oldest first within each; an import never evicts the learner's own records.
 *
 * Two tabs: a tab hears of another's writes by the storage event, and before changing a shard
 * it reads the shard again in case it has not heard yet (sync()): nothing another tab kept is
 * written over.
 *
 * Untrusted input, nothing lost:
 * - Every record is checked (finite times from 2000 on, a file's at most a day ahead: a clock
 *   set years ahead, then put right, leaves records this browser still reads; indexes unique
 *   non-negative integers; with known() also inside the question's options, picks of the
 *   right count). A bad record is skipped and reported, never the file's good records.
 * - A stored text that fails the checks is set aside before anything overwrites it, under
 *   backups (the last 3, the oldest dropped first), and problem() says so. If it cannot be set
 *   aside (storage full), nothing is saved over it during this visit.
 * - Storage that is missing, throws or is full never stops a quiz: answers then last for the
 *   visit only and problem() says so; full() tells the Progress page to offer dropping the
 *   answers for questions this site no longer has (unknown()) before a reset. A change that
 *   needs several keys is written whole or not at all.
 * - Earlier schemas: "studysite:progress:v2:<exam>" (one key, version 2) is merged in, the
 *   newer answer winning, and removed once written as version 3, whenever it is found (an
 *   older copy of the site may write it again); "studysite:progress:v1" (one key for every
 *   site of an origin) is copied once, when this exam has no progress yet, and left as it was.
 *   The exam's running attempt moves from "studysite:exam:v1:<exam>" to its draft.
 *
 * window.StudySite.store, made as the scripts load, right after mount.js and text.js (the
 * bundle's order): register kinds, values and migrations then; read and write from mount
 * functions and event handlers.
 *   exam()                  the exam id
 *   load()                  {version, exam, answers, attempts}, read once a page (and again
 *                           after another tab's change); answers by key, attempts oldest
 *                           first. Read it, never change it.
 *   put(id, hash, answer)   keep an answer; putMany([[id, hash, answer], ...]) several at
 *                           once; remove(keys); clear() (this exam only)
 *   addAttempt(attempt)     keep a practice exam attempt (replaces one with the same id)
 *       put, putMany, remove, clear and addAttempt return whether storage kept the change
 *   draft(name), keepDraft(name, value): a widget's work in progress (null deletes it);
 *       keepDraft returns whether storage kept it (the value lasts the visit either way)
 *   summary()               the summary record, read alone (its key only): {} when none
 *   noteSummary(fields)     change its fields from what storage holds now; whether kept
 *   problem()               "" or a sentence for a quiet notice; full(): storage is full
 *   probe()                 try a small write, to learn whether storage is full; full()
 *   backups()               the damaged texts set aside: [{at, key, why, text}], oldest first
 *   known(questions)        the questions this site has: [[id, hash, shape], ...], a shape being
 *                           [options, choose] (multiple choice) or {type, ...} as values[type]
 *                           reads it: {type: "order", items}, {type: "pairs", prompts, answers},
 *                           {type: "number"}, {type: "text"}, {type: "picks", options, choose}
 *   unknown()               keys of kept answers for questions known() does not list
 *   dropUnknown()           delete those; the number deleted, or -1 if storage refused
 *   exportText()            the export file's text (version 3, with "exported", an ISO date)
 *   importText(text)        merge a file of version 1, 2 or 3; returns a report
 *       {taken, older, unknown, skipped: [[key, why]], attempts, dropped}, or throws an Error
 *       whose message says what is wrong with the file as a whole (then nothing changed)
 *   describe(report, name)  sentences saying what importing the file name did
 *   records(kind), keep(kind, key, record), forget(kind, keys): any kind's records, as
 *                           answers have them (a later kind needs nothing more)
 *   update(what, [[kind, key, f], ...])  change records from what storage holds now: f(kept
 *                           record) -> record, null (forget) or undefined (leave); all or
 *                           nothing (the review log's reviews use it)
 *   VERSION (the last migration's), MAX_FILE (the largest import file, in bytes)
 * Events on document: "ss:store-change" {what: "put" | "remove" | "clear" | "attempt" |
 * "import" | "drop" | "other-tab"} after a kept change; "ss:store-problem" {problem, full}
 * when a save fails.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    t = SS.t;
  const D = document;
  const MAX_BACKUPS = 3,
    MAX_FILE = 5 * 1024 * 1024,
    MAX_LIST = 100,
    MAX_TEXT = 1000,
    MAX_ATTEMPT_TEXT = 200000,
    MAX_SLOTS = 1000;
  const FIRST_AT = Date.UTC(2000, 0, 1),
    MAX_TIME = 8.64e15,
    DAY = 864e5;
  const V1_KEY = "studysite:progress:v1",
    V2_KEY = "studysite:progress:v2:",
    DRAFTS_V1 = { exam: "studysite:exam:v1:" };
  const NO_STORE = t("store.no_store"),
    FULL = t("store.full"),
    NEWER = t("store.newer");
  const plain = (v) => !!v && typeof v == "object" && !Array.isArray(v);
  const copy = (v) => JSON.parse(JSON.stringify(v));

  // ---- state ------------------------------------------------------------------------------
  let examId = null,
    loaded = false,
    problem = "",
    full = false,
    aside = "",
    shapes = null;
  // Per kind: {records: {key: record}, shards: [Set of keys]}.
  let state = {};
  // Storage key -> the text last read or written there (null: none), and keys not to write.
  let raw = {},
    pinned = new Set(),
    legacy = null,
    newer = false,
    view = null;
  const drafts = {};

  // ---- the registries ---------------------------------------------------------------------
  // A time from 2000 on. An import file's times are at most a day ahead (a time in the future
  // would win every merge); what this browser stored is trusted up to a Date's range, so that
  // a clock set years ahead and then put right again corrupts nothing.
  let importing = false;
  const validAt = (t) => Number.isSafeInteger(t) && t >= FIRST_AT && t <= (importing ? Date.now() + DAY : MAX_TIME);
  function indexes(list, below) {
    return (
      Array.isArray(list) &&
      list.length <= MAX_LIST &&
      new Set(list).size == list.length &&
      list.every((n) => Number.isInteger(n) && n >= 0 && n < below)
    );
  }

  /** Answer types: why a value is bad ("" when good); q, the question's shape, when known. */
  const values = {
    picks(v, q) {
      const n = q ? q.options : MAX_LIST;
      if (!indexes(v, n) || !v.length) {
        return q ? t("store.why_picks", { options: n }) : t("store.why_picks_numbers");
      }
      return q && v.length != q.choose ? t("store.why_pick_count", { count: v.length, choose: q.choose }) : "";
    },
    order: (v, q) => (indexes(v, q ? q.items : MAX_LIST) && (!q || v.length == q.items) ? "" : t("store.why_order")),
    pairs: (v, q) =>
      Array.isArray(v) &&
      v.length <= (q ? q.prompts : MAX_LIST) &&
      (!q || v.length == q.prompts) &&
      v.every((a) => a === null || (Number.isInteger(a) && a >= 0 && a < (q ? q.answers : MAX_LIST)))
        ? ""
        : t("store.why_pairs"),
    number: (v) => (typeof v == "number" && Number.isFinite(v) ? "" : t("store.why_number")),
    text: (v) => (typeof v == "string" && v.length <= MAX_TEXT ? "" : t("store.why_text", { max: MAX_TEXT })),
  };

  function answerWhyBad(k, r, q) {
    if (k.length > 300 || !/^[^:\s]+:[^:\s]+$/.test(k)) return t("store.why_key");
    if (!plain(r)) return t("store.why_record");
    if (!Object.hasOwn(values, r.type)) return t("store.why_type");
    if (q && q.type != r.type) return t("store.why_other_type");
    const why = values[r.type](r.value, q);
    if (why) return why;
    if (typeof r.correct != "boolean") return t("store.why_correct");
    if (!validAt(r.at)) return t("store.why_time");
    const n = q ? q.options || q.items : MAX_LIST;
    if (r.shown !== undefined && (!indexes(r.shown, n) || (q && r.shown.length != n))) {
      return t("store.why_shown");
    }
    return "";
  }

  // An attempt as the exam widget writes it (exam.js, submit): each field of its type and
  // range, since the Progress page prints them (a title {"toString": 1} broke its list on
  // every visit until a full reset); only these fields are kept.
  const int = (v, lo, hi) => Number.isSafeInteger(v) && v >= lo && v <= hi;
  const str = (v, n) => typeof v == "string" && v.length <= n;
  const optional = (check) => (v) => v === undefined || v === null || check(v);
  const bit = (v) => v === 0 || v === 1;
  const anyValue = (v) => v === undefined || v === null || Object.keys(values).some((k) => !values[k](v));
  const item = (it) =>
    Array.isArray(it) &&
    (it.length == 7 || it.length == 8) &&
    str(it[0], 100) &&
    str(it[1], 100) &&
    int(it[2], 1, 99) &&
    indexes(it[3], MAX_LIST) &&
    bit(it[4]) &&
    bit(it[5]) &&
    (it[6] === null || indexes(it[6], MAX_LIST)) &&
    anyValue(it[7]);
  const ATTEMPT_FIELDS = {
    ended: validAt,
    mode: (v) => v === "mock" || v === "custom",
    title: optional((v) => str(v, MAX_TEXT)),
    timed: (v) => typeof v == "boolean",
    limit: optional((v) => int(v, 0, (7 * DAY) / 1000)),
    seconds: (v) => int(v, 0, (365 * DAY) / 1000),
    right: (v) => int(v, 0, MAX_SLOTS),
    total: (v) => int(v, 0, MAX_SLOTS),
    percent: (v) => int(v, 0, 100),
    pass: optional((v) => typeof v == "number" && v >= 0 && v <= 100),
    passed: optional((v) => typeof v == "boolean"),
    reason: (v) => v === "submitted" || v === "time" || v === "time-away",
    seed: optional((v) => Number.isSafeInteger(v)),
    items: (v) => Array.isArray(v) && v.length <= MAX_SLOTS && v.every(item),
  };
  function attemptWhyBad(k, a) {
    if (!plain(a) || typeof a.id != "string" || !a.id || a.id.length > 100 || a.id !== k) return t("store.why_id");
    if (!validAt(a.at)) return t("store.why_time");
    for (const field in ATTEMPT_FIELDS) {
      if (!ATTEMPT_FIELDS[field](a[field])) return t("store.why_attempt_field", { field });
    }
    if (a.right > a.total || a.ended < a.at || a.items.length > a.total) return t("store.why_score");
    if (JSON.stringify(a).length > MAX_ATTEMPT_TEXT) return t("store.why_large");
    return "";
  }
  const attemptRecord = (a) =>
    Object.fromEntries(
      ["id", "at", ...Object.keys(ATTEMPT_FIELDS), "imported"].filter((k) => a[k] !== undefined).map((k) => [k, a[k]]),
    );

  const kinds = {};
  /** Register a record kind (see the header); returns its spec. */
  function kind(name, spec) {
    kinds[name] = Object.assign({ name, shards: 1, cap: 1000, list: false, clean: (r) => r }, spec);
    loaded = false;
    return kinds[name];
  }
  kind("answers", {
    shards: 64,
    cap: 20000,
    check: answerWhyBad,
    // Only the known fields are kept: a file cannot fill storage with anything else.
    clean: (r) =>
      Object.assign(
        { type: r.type, value: r.value, correct: r.correct, at: r.at },
        r.shown === undefined ? {} : { shown: r.shown },
      ),
    newer: (mine, theirs) => theirs.at > mine.at,
  });
  kind("attempts", {
    cap: 500,
    list: true,
    check: (k, a) => attemptWhyBad(k, a),
    // Only the fields the exam widget writes are kept.
    clean: attemptRecord,
    newer: () => false,
  });

  // The review log (issue 30), a kind for each part: one FSRS memory state per question, and
  // the last reviews. A card of another content hash is an earlier version's: it starts over.
  //   cards    "<id>": {h: hash, at: last review, c: [state, step, stability, difficulty, due]}
  //   reviews  "<id>@<at>": {h: hash, at, g: rating} (1 Again, 2 Hard, 3 Good, 4 Easy)
  const HASH = /^[0-9a-z]{1,64}$/,
    QUESTION = /^[^:@\s]{1,200}$/;
  const num = (v) => typeof v == "number" && Number.isFinite(v);
  function cardWhyBad(key, r) {
    if (!QUESTION.test(key)) return t("store.why_card_key");
    if (!plain(r) || typeof r.h != "string" || !HASH.test(r.h)) return t("store.why_hash");
    if (!validAt(r.at)) return t("store.why_time");
    const c = r.c;
    if (!Array.isArray(c) || c.length != 5) return t("store.why_card");
    const [state, step, stability, difficulty, due] = c;
    const steps = state == 2 ? step === null : (state == 1 || state == 3) && Number.isInteger(step) && step >= 0;
    if (!steps || !(step === null || step < 100)) return t("store.why_card_state");
    if (
      !(
        num(stability) &&
        stability >= 0.001 &&
        stability < 1e12 &&
        num(difficulty) &&
        difficulty >= 1 &&
        difficulty <= 10
      )
    ) {
      return t("store.why_memory");
    }
    if (!(Number.isSafeInteger(due) && due >= r.at && due <= MAX_TIME)) return t("store.why_due");
    return "";
  }
  function reviewWhyBad(key, r) {
    const at = key.slice(key.lastIndexOf("@") + 1);
    if (!QUESTION.test(key.slice(0, -at.length - 1)) || !/^\d{1,16}$/.test(at)) return t("store.why_review_key");
    if (!plain(r) || typeof r.h != "string" || !HASH.test(r.h)) return t("store.why_hash");
    if (!validAt(r.at) || String(r.at) !== at) return t("store.why_time");
    return [1, 2, 3, 4].includes(r.g) ? "" : t("store.why_rating");
  }
  kind("cards", {
    shards: 64,
    cap: 20000,
    check: cardWhyBad,
    clean: (r) => ({ h: r.h, at: r.at, c: r.c.slice() }),
    // The one reviewed last; reviews it lacks are in the log, and the scheduler folds them in.
    newer: (mine, theirs) => theirs.at > mine.at,
  });
  kind("reviews", {
    shards: 16,
    cap: 2000,
    check: reviewWhyBad,
    clean: (r) => ({ h: r.h, at: r.at, g: r.g }),
    // One review has one key: a file's copy of a review kept here adds nothing.
    newer: () => false,
  });

  const migrations = {
    // Version 1 had answers only, for every exam of an origin under one key.
    2: (d) => ({ version: 2, exam: d.exam, answers: d.answers, attempts: d.attempts || [] }),
    // Version 3: answers say what their value is (picks, as before); "order" became "shown".
    3(d) {
      const answers = {};
      for (const k of Object.keys(d.answers)) {
        const r = d.answers[k];
        answers[k] = plain(r)
          ? Object.assign(
              { type: "picks", value: r.picked, correct: r.correct, at: r.at },
              r.order === undefined ? {} : { shown: r.order },
            )
          : r;
      }
      return Object.assign({}, d, { version: 3, answers });
    },
    // Version 4: the review log, two kinds of its own, empty until the first review. An answer
    // kept before counts as one review of its question (Good if right, Again if wrong, at its
    // time) until the question has a card: the scheduler reads it there (schedule/schedule.js),
    // so nothing is copied into storage that a full one could not take.
    4: (d) => Object.assign({}, d, { version: 4 }),
  };
  // The schema's version: the last migration's (a later feature adds migrations[4], and the
  // version follows).
  const version = () => Math.max(...Object.keys(migrations).map(Number));
  function migrate(d) {
    for (let v = d.version + 1; v <= version(); v++) d = migrations[v](d);
    return d;
  }

  function exam() {
    if (examId === null) {
      const e = D.querySelector("[data-ss-exam]");
      if (!e) return "site"; // a page without the attribute: not kept under it for good
      examId = e.getAttribute("data-ss-exam");
    }
    return examId;
  }
  const prefix = () => "studysite:store:" + exam() + ":";
  const metaKey = () => prefix() + "meta";
  const shardKey = (k, i) => prefix() + k.name + (k.shards > 1 ? ":" + i : "");
  function shardOf(k, key) {
    if (k.shards == 1) return 0;
    let h = 0x811c9dc5; // FNV-1a: the same key always lands in the same shard
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return (h >>> 0) % k.shards;
  }

  function storage() {
    try {
      return localStorage;
    } catch {}
  }
  function read(key) {
    const text = storage().getItem(key); // throws when storage is refused
    raw[key] = text;
    return text;
  }

  // ---- reading ------------------------------------------------------------------------------
  /** Keep a damaged stored text under backups; false if storage refused. */
  function setAside(key, text, why) {
    const name = prefix() + "backups";
    let list = [];
    try {
      const old = storage().getItem(name);
      if (old !== null) {
        try {
          list = JSON.parse(old);
          if (!Array.isArray(list)) throw 0;
        } catch {
          list = [{ at: "", key: name, why: t("store.backups_unreadable"), text: old }];
        }
      }
      if (list.some((b) => b && b.text === text)) return true;
      list.push({ at: new Date().toISOString(), key, why, text });
      const dropped = list.length > MAX_BACKUPS;
      list = list.slice(-MAX_BACKUPS);
      storage().setItem(name, JSON.stringify(list));
      aside = dropped
        ? t("store.set_aside_dropped", { why, kept: list.length, max: MAX_BACKUPS })
        : t("store.set_aside", { why, kept: list.length, max: MAX_BACKUPS });
      return true;
    } catch {
      aside = t("store.no_room", { why });
      return false;
    }
  }

  /** The good records of a kind in a parsed object or list, checked; the bad ones as [key, why]. */
  function sift(k, value, known, bad, where) {
    const out = {};
    if (value === undefined) return out;
    const list = k.list && Array.isArray(value);
    if (!list && !plain(value)) {
      bad.push([where || k.name, k.list ? t("store.why_list") : t("store.why_records")]);
      return out;
    }
    const entries = list ? value.map((r, i) => [plain(r) ? r.id : "", r, `${k.name}[${i}]`]) : Object.entries(value);
    for (const [key, r, label] of entries) {
      const why = typeof key != "string" ? t("store.why_id") : k.check(key, r, known && known.get(key));
      if (why) bad.push([label || key, why]);
      else out[key] = k.clean(r);
    }
    return out;
  }

  function empty() {
    const fresh = {};
    for (const name in kinds) {
      fresh[name] = { records: {}, shards: Array.from({ length: kinds[name].shards }, () => new Set()) };
    }
    return fresh;
  }
  function add(k, key, record) {
    state[k.name].records[key] = record;
    state[k.name].shards[shardOf(k, key)].add(key);
  }
  function drop(k, key) {
    delete state[k.name].records[key];
    state[k.name].shards[shardOf(k, key)].delete(key);
  }

  /** Read this exam's stored records; set aside what fails the checks (the keys to write
   * again without it go into clean). Returns the stored schema version (0 when there is none). */
  function readStored(clean) {
    state = empty();
    raw = {};
    let stored = 0;
    try {
      stored = JSON.parse(read(metaKey())).version;
    } catch {}
    if (stored && stored < version()) return upgrade(stored);
    // Saved by a newer version of the site (an older copy is open): shown, never overwritten.
    if (stored > version()) newer = true;
    for (const name in kinds) {
      const k = kinds[name];
      for (let i = 0; i < k.shards; i++) {
        const key = shardKey(k, i),
          text = read(key);
        if (text === null) continue;
        let value,
          bad = [];
        try {
          value = JSON.parse(text);
        } catch {}
        const good = plain(value) ? sift(k, value, null, bad, key) : null;
        if (good) for (const r in good) add(k, r, good[r]);
        const why = !good ? t("store.unreadable") : bad.length ? t("store.damaged", { count: bad.length }) : "";
        if (why && !setAside(key, text, why)) pinned.add(key);
        else if (why) clean.add(key);
      }
    }
    return stored;
  }

  /** Stored data of an earlier version (a later feature added a migration): read it as it
   * is, migrate it as a file is, and write it back whole as the current version. */
  function upgrade(from) {
    const doc = { version: from, exam: exam() },
      bad = [],
      touched = new Set();
    for (const name in kinds) {
      const k = kinds[name];
      let records;
      for (let i = 0; i < k.shards; i++) {
        touched.add(shardKey(k, i));
        try {
          const value = JSON.parse(read(shardKey(k, i)));
          if (plain(value)) records = Object.assign(records || {}, value);
        } catch {}
      }
      // A kind with nothing stored (one the new version adds) is left out, as in a file.
      if (records) doc[name] = k.list ? Object.values(records) : records;
    }
    const text = JSON.stringify(doc),
      migrated = migrate(doc);
    for (const name in kinds) {
      const got = sift(kinds[name], migrated[name], null, bad);
      for (const key in got) add(kinds[name], key, got[key]);
    }
    if (bad.length && !setAside(metaKey(), text, t("store.damaged", { count: bad.length }))) return from;
    raw[metaKey()] = null; // the meta is written again, with the new version
    write(touched);
    return from;
  }

  /** Merge a parsed document of an earlier version into the state, as the learner's own. */
  function mergeOld(d, newerWins) {
    const doc = migrate(d),
      bad = [],
      touched = new Set();
    for (const name in kinds) {
      const k = kinds[name],
        got = sift(k, doc[name], null, bad);
      for (const key in got) {
        const mine = state[name].records[key];
        if (!mine || (newerWins && k.newer(mine, got[key]))) {
          add(k, key, got[key]);
          touched.add(shardKey(k, shardOf(k, key)));
        }
      }
    }
    return [touched, bad];
  }

  function fromOldKeys(hasMeta) {
    const store = storage(),
      v2 = V2_KEY + exam();
    // A widget's work in progress under its key of before (the exam's running attempt).
    for (const name in DRAFTS_V1) {
      const old = DRAFTS_V1[name] + exam(),
        text = store.getItem(old);
      if (text === null) continue;
      try {
        if (store.getItem(prefix() + "draft:" + name) === null) store.setItem(prefix() + "draft:" + name, text);
        store.removeItem(old);
      } catch {}
    }
    const text = store.getItem(v2);
    let d;
    if (text !== null) {
      try {
        d = JSON.parse(text);
      } catch {}
      const ok = isFile(d, 2) && (d.exam === undefined || d.exam === exam());
      const [touched, bad] = ok ? mergeOld(d, true) : [new Set(), []];
      const why = !ok ? t("store.unreadable") : bad.length ? t("store.damaged", { count: bad.length }) : "";
      if (why && !setAside(v2, text, why)) return pinned.add(v2);
      // Written as version 3, then the old key goes (it holds nothing more). Storage full:
      // it stays, and goes when a later change needs its room (write()).
      legacy = v2;
      if (write(touched, [v2])) legacy = null;
      return;
    }
    if (hasMeta) return;
    // This exam's first visit: copy the valid answers kept under the one key of version 1.
    try {
      d = JSON.parse(store.getItem(V1_KEY));
    } catch {}
    if (isFile(d, 1)) {
      const [touched] = mergeOld({ version: 1, answers: d.answers }, false);
      if (touched.size) write(touched);
    }
  }

  function load() {
    if (!loaded || stale()) {
      try {
        const clean = new Set();
        fromOldKeys(readStored(clean) > 0);
        if (clean.size) write(clean);
      } catch {
        problem = NO_STORE;
        if (!loaded) state = empty();
      }
      loaded = true;
      view = null;
    }
    if (!view) {
      const attempts = Object.values(state.attempts.records).sort((a, b) => a.at - b.at);
      view = { version: version(), exam: exam(), answers: state.answers.records, attempts };
    }
    return view;
  }
  // Another tab wrote one of this exam's keys (the storage event marks it).
  let changedElsewhere = false;
  const stale = () => changedElsewhere && !(changedElsewhere = false);

  // ---- writing ------------------------------------------------------------------------------
  function shardText(k, i) {
    const out = {};
    for (const key of state[k.name].shards[i]) out[key] = state[k.name].records[key];
    return JSON.stringify(out);
  }
  function keyText(key) {
    for (const name in kinds) {
      const k = kinds[name];
      for (let i = 0; i < k.shards; i++) if (shardKey(k, i) == key) return shardText(k, i);
    }
    return null;
  }

  /** Write the given storage keys from the state (the meta too, the first time), then remove
   * the keys in removing. All or nothing: on a failure, every key is put back as it was. */
  function attempt(keys, removing) {
    const todo = raw[metaKey()] == null ? [metaKey(), ...keys] : [...keys],
      store = storage(),
      undo = [];
    try {
      if (!store) throw Error();
      for (const key of todo) {
        const text = key == metaKey() ? JSON.stringify({ version: version() }) : keyText(key);
        undo.push([key, raw[key] === undefined ? store.getItem(key) : raw[key]]);
        if (text == "{}") store.removeItem(key);
        else store.setItem(key, text);
        raw[key] = text == "{}" ? null : text;
      }
      for (const key of removing) {
        undo.push([key, store.getItem(key)]);
        store.removeItem(key);
        raw[key] = null;
      }
      return true;
    } catch (e) {
      for (const [key, text] of undo.reverse()) {
        try {
          if (text === null) store.removeItem(key);
          else store.setItem(key, text);
          raw[key] = text;
        } catch {}
      }
      full = /quota/i.test(e && e.name);
      return false;
    }
  }

  function write(keys, removing = []) {
    if (newer) return false;
    if ([...keys].some((key) => pinned.has(key))) return false; // a damaged text found no room
    let ok = attempt(keys, removing);
    if (!ok && full && legacy) {
      // Storage is full and the version 2 key still holds what the state now holds: write
      // everything in its place.
      const everything = Object.values(kinds).flatMap((k) =>
        Array.from({ length: k.shards }, (_, i) => shardKey(k, i)),
      );
      const text = storage().getItem(legacy);
      try {
        storage().removeItem(legacy);
        ok = attempt(everything, []);
        if (!ok) storage().setItem(legacy, text);
      } catch {}
      if (ok) legacy = null;
    }
    if (ok) {
      full = false;
      if (problem != NO_STORE) problem = "";
    } else {
      problem = full ? FULL : NO_STORE;
      SS.emit(D, "ss:store-problem", { problem, full });
    }
    return ok;
  }

  function changed(what, kept) {
    view = null;
    if (kept) SS.emit(D, "ss:store-change", { what });
    return kept;
  }

  /** Over its cap, a kind drops imported records first, then (not while importing) its own;
   * the oldest first. Returns the storage keys changed and how many went. */
  function enforceCap(k, importing, touched) {
    let over = state[k.name].shards.reduce((n, keys) => n + keys.size, 0) - k.cap;
    if (over <= 0) return 0;
    const records = state[k.name].records,
      keys = Object.keys(records);
    const order = (a, b) => (records[a].at || 0) - (records[b].at || 0);
    const victims = keys.filter((key) => records[key].imported).sort(order);
    if (!importing) victims.push(...keys.filter((key) => !records[key].imported).sort(order));
    let n = 0;
    for (const key of victims) {
      if (over-- <= 0) break;
      touched.add(shardKey(k, shardOf(k, key)));
      drop(k, key);
      n++;
    }
    return n;
  }

  /** Change the state with f(touched), then write the storage keys it touched. If storage
   * refuses, the change lasts for this visit, or with undo (an import) is undone. */
  function change(what, f, undo) {
    load();
    const before = undo && copy(Object.fromEntries(Object.keys(kinds).map((n) => [n, state[n].records])));
    const touched = new Set();
    f(touched);
    if (write(touched)) return changed(what, true);
    if (undo) {
      state = empty();
      for (const name in kinds) for (const key in before[name]) add(kinds[name], key, before[name][key]);
    }
    return changed(what, false);
  }

  /** Another tab may have written this shard since this page read it, before its storage event
   * came: take in what it holds, the kind's newer() deciding, before changing it. Records only
   * this page holds stay (nothing is lost; another tab's reset is seen through its event). */
  function sync(k, i) {
    const key = shardKey(k, i);
    let text;
    try {
      text = storage().getItem(key);
    } catch {
      return;
    }
    if (text === raw[key] || raw[key] === undefined || text === null || pinned.has(key)) return;
    let value;
    try {
      value = JSON.parse(text);
    } catch {}
    if (!plain(value)) return; // damaged: the next full read sets it aside
    const theirs = sift(k, value, null, []);
    for (const r in theirs) {
      const mine = state[k.name].records[r];
      if (!mine || k.newer(mine, theirs[r])) add(k, r, theirs[r]);
    }
    raw[key] = text;
    view = null;
  }

  function put(kindName, key, record, touched) {
    const k = kinds[kindName],
      shard = shardKey(k, shardOf(k, key));
    if (!touched.has(shard)) sync(k, shardOf(k, key));
    add(k, key, record);
    touched.add(shardKey(k, shardOf(k, key)));
    enforceCap(k, false, touched);
  }

  function probe() {
    const store = storage(),
      name = "studysite:probe";
    try {
      store.setItem(name, "x".repeat(2048));
      store.removeItem(name);
      full = false;
      if (problem == FULL) problem = "";
    } catch (e) {
      full = /quota/i.test(e && e.name);
      if (full) problem = FULL;
    }
    return full;
  }

  // ---- drafts -------------------------------------------------------------------------------
  function draft(name) {
    if (name in drafts) return drafts[name];
    let value = null;
    try {
      load();
      value = JSON.parse(storage().getItem(prefix() + "draft:" + name));
    } catch {}
    return (drafts[name] = value);
  }
  function keepDraft(name, value) {
    drafts[name] = value;
    const key = prefix() + "draft:" + name;
    try {
      if (value === null) storage().removeItem(key);
      else storage().setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }

  // ---- the summary: one small record the home page reads alone ------------------------------
  // Read and written by its own key only (never load(): a page that shows it reads nothing
  // else), each writer changing its fields from what storage holds now, so that two tabs
  // noting different fields keep both. Derived data, not exported.
  const SUMMARY_MAX = 20000;
  function summary() {
    try {
      const text = storage().getItem(prefix() + "summary");
      const value = text && text.length <= SUMMARY_MAX ? JSON.parse(text) : null;
      return plain(value) ? value : {};
    } catch {
      return {};
    }
  }
  function noteSummary(fields) {
    const value = Object.assign(summary(), fields),
      text = JSON.stringify(value);
    if (text.length > SUMMARY_MAX) return false;
    try {
      storage().setItem(prefix() + "summary", text);
      return true;
    } catch {
      return false;
    }
  }

  // ---- import and export ----------------------------------------------------------------------
  const isFile = (d, upTo) =>
    plain(d) && Number.isInteger(d.version) && d.version >= 1 && d.version <= upTo && plain(d.answers);

  function exportText() {
    const out = { version: version(), exam: exam(), exported: new Date().toISOString() };
    load();
    for (const name in kinds) {
      // Where a record came from is this browser's business, not the file's.
      const entries = Object.entries(state[name].records).map(([key, { imported, ...r }]) => [key, r]);
      out[name] = kinds[name].list ? entries.map((e) => e[1]).sort((a, b) => a.at - b.at) : Object.fromEntries(entries);
    }
    return JSON.stringify(out, null, 1);
  }

  function importText(text) {
    if (text.length > MAX_FILE) {
      throw Error(t("store.file_too_large", { mb: MAX_FILE / 1048576 }));
    }
    let d;
    try {
      d = JSON.parse(text);
    } catch {
      throw Error(t("store.file_not_json"));
    }
    if (!isFile(d, version())) {
      throw Error(t("store.file_not_export", { version: version() }));
    }
    if (d.version >= 2 && d.exam !== undefined && d.exam !== exam()) {
      throw Error(t("store.file_other_exam", { theirs: String(d.exam).slice(0, 60), ours: exam() }));
    }
    const doc = migrate(d),
      bad = [],
      got = {};
    importing = true;
    try {
      for (const name in kinds) got[name] = sift(kinds[name], doc[name], name == "answers" ? shapes : null, bad);
    } finally {
      importing = false;
    }
    if (bad.length && !Object.values(got).some((g) => Object.keys(g).length)) {
      throw Error(t("store.file_only_damaged", { records: listed(bad) }));
    }
    const report = { taken: 0, older: 0, unknown: 0, skipped: bad, attempts: 0, reviews: 0, dropped: 0 };
    const kept = change(
      "import",
      (touched) => {
        for (const name in kinds) {
          const k = kinds[name],
            added = [];
          for (const key in got[name]) {
            const mine = state[name].records[key],
              theirs = Object.assign(got[name][key], { imported: true });
            if (name == "answers" && shapes && !shapes.has(key)) report.unknown++;
            if (mine && !k.newer(mine, theirs)) {
              if (name == "answers") report.older++;
              continue;
            }
            add(k, key, theirs);
            added.push(key);
            touched.add(shardKey(k, shardOf(k, key)));
          }
          report.dropped += enforceCap(k, true, touched);
          // What the cap left of the file's records.
          const taken = added.filter((key) => state[name].records[key] === got[name][key]).length;
          if (name == "answers") report.taken = taken;
          else if (name == "attempts") report.attempts = taken;
          else if (name == "reviews") report.reviews = taken;
        }
      },
      true,
    );
    if (!kept) throw Error(aside && pinned.size ? aside : problem);
    return report;
  }

  function describe(r, name) {
    const what = [t("store.answers", { count: r.taken })];
    if (r.attempts) what.push(t("store.attempts", { count: r.attempts }));
    const said = [t("store.imported", { what: SS.text.list(what), file: name })];
    if (r.older) said.push(t("store.older", { count: r.older }));
    if (r.unknown) said.push(t("store.unknown", { count: r.unknown }));
    if (r.dropped) said.push(t("store.dropped", { count: r.dropped }));
    if (r.skipped.length) said.push(t("store.skipped", { count: r.skipped.length, records: listed(r.skipped) }));
    return said.join(" ");
  }
  function listed(bad) {
    const shown = bad.slice(0, 3).map(([key, why]) => t("store.record", { key: key.slice(0, 80), why }));
    if (bad.length > 3) shown.push(t("store.more", { count: bad.length - 3 }));
    return SS.text.list(shown);
  }

  function unknown() {
    return shapes ? Object.keys(load().answers).filter((k) => !shapes.has(k)) : [];
  }

  function backups() {
    try {
      const list = JSON.parse(storage().getItem(prefix() + "backups"));
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  SS.store = {
    get VERSION() {
      return version();
    },
    MAX_FILE,
    kinds,
    kind,
    values,
    migrations,
    exam,
    load,
    problem: () => [newer ? NEWER : problem, aside].filter(Boolean).join(" "),
    full: () => full,
    probe,
    put: (id, hash, answer) => change("put", (touched) => put("answers", id + ":" + hash, answer, touched)),
    putMany: (list) =>
      change("put", (touched) =>
        list.forEach(([id, hash, answer]) => put("answers", id + ":" + hash, answer, touched)),
      ),
    remove: (keys) =>
      change("remove", (touched) => {
        for (const key of keys) {
          touched.add(shardKey(kinds.answers, shardOf(kinds.answers, key)));
          drop(kinds.answers, key);
        }
      }),
    clear() {
      // A reset is the learner's choice: it replaces even a damaged text that found no room,
      // and a version 2 key that found none.
      pinned = new Set();
      aside = "";
      return change("clear", (touched) => {
        for (const name in kinds) {
          const k = kinds[name];
          for (let i = 0; i < k.shards; i++) touched.add(shardKey(k, i));
        }
        state = empty();
        try {
          storage().removeItem(V2_KEY + exam());
          legacy = null;
        } catch {}
      });
    },
    attempts: () => load().attempts,
    addAttempt(a) {
      const why = attemptWhyBad(a && a.id, a);
      if (why) throw Error(t("store.not_kept", { why }));
      return change("attempt", (touched) => put("attempts", a.id, attemptRecord(a), touched));
    },
    records: (name) => load() && state[name].records,
    keep(name, key, record) {
      const why = kinds[name].check(key, record, null);
      if (why) throw Error(t("store.not_kept", { why }));
      return change(name, (touched) => put(name, key, kinds[name].clean(record), touched));
    },
    /** Change records of any kinds at once, all or nothing: entries [[kind, key, f]] (key may be
     * a function, called after the entries before it), where
     * f(record kept now, or undefined) gives the record to keep, null to forget it, or
     * undefined to leave it. Each f sees what storage holds now (another tab's write taken in
     * first), so two tabs changing one record both count. Each result is checked as keep()
     * checks; one that fails throws before anything changes. Returns whether storage kept it. */
    update(what, entries) {
      load();
      const plan = entries.map(([name, named, f]) => {
        const k = kinds[name],
          key = typeof named == "function" ? named() : named;
        sync(k, shardOf(k, key));
        const next = f(state[name].records[key]);
        const why = next ? k.check(key, next, null) : "";
        if (why) throw Error(t("store.not_kept", { why }));
        return [name, key, next && k.clean(next)];
      });
      return change(what, (touched) => {
        for (const [name, key, next] of plan) {
          if (next) put(name, key, next, touched);
          else if (next === null) {
            touched.add(shardKey(kinds[name], shardOf(kinds[name], key)));
            drop(kinds[name], key);
          }
        }
      });
    },
    forget: (name, keys) =>
      change(name, (touched) => {
        for (const key of keys) {
          touched.add(shardKey(kinds[name], shardOf(kinds[name], key)));
          drop(kinds[name], key);
        }
      }),
    draft,
    keepDraft,
    summary,
    noteSummary,
    backups,
    known(questions) {
      const shape = (s) => (Array.isArray(s) ? { type: "picks", options: s[0], choose: s[1] } : s);
      shapes = new Map(questions.map((q) => [q[0] + ":" + q[1], shape(q[2])]));
    },
    unknown,
    dropUnknown() {
      const keys = unknown();
      const kept = change("drop", (touched) => {
        for (const key of keys) {
          touched.add(shardKey(kinds.answers, shardOf(kinds.answers, key)));
          drop(kinds.answers, key);
        }
      });
      return kept ? keys.length : -1;
    },
    exportText,
    importText,
    describe,
  };

  // Each page reads storage again once (instant navigation keeps the document, and with it
  // what was read for the page before), and another tab's change while it is shown.
  function otherTab(event) {
    if (event.key === null || String(event.key).startsWith(prefix())) {
      changedElsewhere = true;
      SS.emit(D, "ss:store-change", { what: "other-tab" });
    }
  }
  SS.register("store", "[data-ss-exam]", () => {
    loaded = false;
    return SS.listen(window, "storage", otherTab);
  });
})();
