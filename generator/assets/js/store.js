/* Store: the learner's answers and practice exam attempts, kept in this browser.
 *
 * Keyed by the exam: localStorage["studysite:progress:v2:<exam id>"]. The exam id comes from
 * the data-ss-exam attribute the generator appends to every page, so copies of one exam
 * (hosted, served locally, opened from disk) share progress and other exams on the same
 * origin never do. The value, and an export file, is JSON (schema version 2):
 *
 *   {"version": 2, "exam": "mls-c01",
 *    "answers": {"<question id>:<content hash>":
 *                {"picked": [2], "correct": false, "at": 1718000000000, "order": [1, 0, 2, 3]}},
 *    "attempts": [{"id": "a1718000000000", "at": 1718000000000, ...}]}
 *
 * answers: the latest answer per question. picked: the options picked, as indexes in authored
 * order (0 = first option in the YAML); correct: whether it was right; at: when (ms since
 * 1970); order (optional): the options as shown. The hash changes when a question is edited,
 * so an edited question counts as new. attempts: practice exam attempts, oldest first; each
 * has a unique string "id" and its start "at"; the other fields belong to the exam widget
 * (every number in them must be finite). An export adds "exported" (an ISO date). Import
 * also reads version 1 files ({"version": 1, "answers": {...}}, answers only).
 *
 * Untrusted input, nothing lost:
 * - Every record is checked (finite times from 2000 to a day ahead, picks and order unique
 *   non-negative integers; with known() also inside the question's options, picks of the
 *   right count). A bad record is skipped and reported, never the file's good records.
 * - Stored text that fails the checks is set aside before anything overwrites it, under
 *   "<key>:backups" (the last 3, the oldest dropped first), and problem() says so. If it
 *   cannot be set aside (storage full), nothing is saved over it during this visit.
 * - Storage that is missing, throws or is full never stops a quiz: answers then last for the
 *   visit only and problem() says so; full() tells the Progress page to offer dropping the
 *   answers for questions this site no longer has (unknown()) before a reset.
 * - The records of "studysite:progress:v1" (one key for every site on an origin) are copied
 *   once, the first time this exam finds no progress of its own; that key is left as it
 *   was, for the other exams on the origin.
 *
 * window.StudySite.store. The bundle loads widgets by name, some before this file: use it
 * from mount functions and event handlers only, never while the scripts load.
 *   exam()                 the exam id
 *   load()                 the object above (read again only when storage changed)
 *   put(id, hash, record)  keep an answer; remove(keys); clear() (this exam only)
 *   addAttempt(attempt)    keep a practice exam attempt (replaces one with the same id)
 *       put, remove, clear and addAttempt return whether storage kept the change
 *   problem()              "" or a sentence for a quiet notice; full(): storage is full
 *   probe()                try a small write, to learn whether storage is full; full()
 *   backups()              the damaged texts set aside: [{at, why, text}], oldest first
 *   known(questions)       the questions this site has: [[id, hash, options, choose], ...]
 *   unknown()              keys of kept answers for questions known() does not list
 *   dropUnknown()          delete those; the number deleted, or -1 if storage refused
 *   exportText()           the export file's text
 *   importText(text)       merge a file, the newer answer winning; returns a report
 *       {taken, older, unknown, skipped: [[key, why]], attempts}, or throws an Error whose
 *       message says what is wrong with the file as a whole (then nothing changed)
 *   describe(report, name) sentences saying what importing the file name did
 *   MAX_FILE               the largest import file, in bytes
 * Events on document: "ss:store-change" {what: "put" | "remove" | "clear" | "attempt" |
 * "import" | "drop"} after a kept change; "ss:store-problem" {problem, full} when a save fails.
 * StudySite.progress is the same object, under its earlier name.
 */
(() => {
  "use strict";
  const SS = window.StudySite;
  const LEGACY = "studysite:progress:v1";
  const VERSION = 2,
    MAX_BACKUPS = 3,
    MAX_FILE = 5 * 1024 * 1024,
    MAX_LIST = 100;
  const MAX_ATTEMPTS = 500,
    MAX_ATTEMPT_TEXT = 200000;
  const FIRST_AT = Date.UTC(2000, 0, 1),
    DAY = 864e5;
  const NO_STORE = "Progress will not be kept: this browser does not let the site store it.";
  const FULL = "Progress will not be kept: this browser's storage for the site is full.";
  const s = (n) => (n == 1 ? "" : "s");
  const plain = (v) => !!v && typeof v == "object" && !Array.isArray(v);
  let examId = null,
    data = null,
    raw,
    problem = "",
    full = false,
    aside = "",
    pinned = false;
  let catalog = null;

  function exam() {
    if (examId === null) {
      const e = document.querySelector("[data-ss-exam]");
      if (!e) return "site"; // a page without the attribute: not kept under it for good
      examId = e.getAttribute("data-ss-exam");
    }
    return examId;
  }
  const key = () => "studysite:progress:v2:" + exam();
  const fresh = () => ({ version: VERSION, exam: exam(), answers: {}, attempts: [] });

  function storage() {
    try {
      return localStorage;
    } catch {}
  }

  // ---- checks ---------------------------------------------------------------------------
  const validAt = (t) => Number.isSafeInteger(t) && t >= FIRST_AT && t <= Date.now() + DAY;
  function indexes(list, below) {
    return (
      Array.isArray(list) &&
      list.length <= MAX_LIST &&
      new Set(list).size == list.length &&
      list.every((n) => Number.isInteger(n) && n >= 0 && n < below)
    );
  }

  /** Why an answer record is bad ("" when good); q = [options, choose] when known. */
  function whyBad(k, r, q) {
    if (k.length > 300 || !/^[^:\s]+:[^:\s]+$/.test(k)) return "its question id is not id:hash";
    if (!plain(r)) return "it is not a record";
    const n = q ? q[0] : MAX_LIST;
    if (!indexes(r.picked, n) || !r.picked.length) {
      return q ? `its picks are not options of the question (it has ${n})` : "its picks are not option numbers";
    }
    if (q && r.picked.length != q[1])
      return `it has ${r.picked.length} pick${s(r.picked.length)}, the question takes ${q[1]}`;
    if (typeof r.correct != "boolean") return "it does not say whether it was right";
    if (!validAt(r.at)) return "its time is not a date between 2000 and today";
    if (r.order !== undefined && (!indexes(r.order, n) || (q && r.order.length != n)))
      return "its option order is damaged";
    return "";
  }
  // Only the known fields are kept: a file cannot fill storage with anything else.
  const record = (r) =>
    Object.assign({ picked: r.picked, correct: r.correct, at: r.at }, r.order === undefined ? {} : { order: r.order });

  function finite(v, depth) {
    if (typeof v == "number") return Number.isFinite(v);
    if (typeof v == "string" || typeof v == "boolean" || v === null) return true;
    if (depth > 8 || typeof v != "object") return false;
    return Object.values(v).every((x) => finite(x, depth + 1));
  }
  function attemptWhyBad(a) {
    if (!plain(a) || typeof a.id != "string" || !a.id || a.id.length > 100) return "it has no id";
    if (!validAt(a.at)) return "its time is not a date between 2000 and today";
    if (!finite(a, 0)) return "it holds a number that is not finite";
    if (JSON.stringify(a).length > MAX_ATTEMPT_TEXT) return "it is too large";
    return "";
  }

  /** The good records of a parsed object, and the bad ones as [key, why]. */
  function sift(d, known) {
    const out = { answers: {}, attempts: [], bad: [] };
    for (const k of Object.keys(d.answers)) {
      const why = whyBad(k, d.answers[k], known && known.get(k));
      if (why) out.bad.push([k, why]);
      else out.answers[k] = record(d.answers[k]);
    }
    const attempts = d.attempts === undefined ? [] : d.attempts;
    if (!Array.isArray(attempts)) out.bad.push(["attempts", "it is not a list"]);
    else {
      attempts.forEach((a, i) => {
        const why = attemptWhyBad(a);
        if (why) out.bad.push([`attempts[${i}]`, why]);
        else out.attempts.push(a);
      });
    }
    return out;
  }
  const isProgress = (d) => plain(d) && (d.version === 1 || d.version === VERSION) && plain(d.answers);

  // ---- reading and writing ------------------------------------------------------------
  /** Keep a damaged stored text under <key>:backups; false if storage refused. */
  function setAside(store, text, why) {
    const name = key() + ":backups";
    let list = [];
    try {
      const old = store.getItem(name);
      if (old !== null) {
        try {
          list = JSON.parse(old);
          if (!Array.isArray(list)) throw 0;
        } catch {
          list = [{ at: "", why: "the backups could not be read", text: old }];
        }
      }
      if (list.some((b) => b && b.text === text)) return true;
      list.push({ at: new Date().toISOString(), why, text });
      const dropped = list.length > MAX_BACKUPS;
      list = list.slice(-MAX_BACKUPS);
      store.setItem(name, JSON.stringify(list));
      aside =
        `Saved progress had ${why}: a copy was kept in this browser as a backup ` +
        `(${list.length} kept, at most ${MAX_BACKUPS}${dropped ? ", so the oldest was dropped" : ""}).`;
      return true;
    } catch {
      aside =
        `Saved progress had ${why}, and this browser's storage has no room for a backup: ` +
        "it is left as it was, and answers given now last for this visit only.";
      return false;
    }
  }

  function parseStored(store, text) {
    let d;
    try {
      d = JSON.parse(text);
    } catch {}
    if (!isProgress(d) || (d.exam !== undefined && d.exam !== exam())) {
      pinned = !setAside(store, text, "text that could not be read");
      return fresh();
    }
    const got = sift(d, null),
      n = got.bad.length;
    if (n) pinned = !setAside(store, text, `${n} damaged record${s(n)}`);
    return Object.assign(fresh(), { answers: got.answers, attempts: got.attempts });
  }

  /** This exam's first visit: copy the valid answers kept under the one key of version 1. */
  function migrate(store) {
    let text = null;
    try {
      text = store.getItem(LEGACY);
    } catch {}
    let d;
    try {
      d = JSON.parse(text);
    } catch {}
    const moved = fresh();
    if (!isProgress(d)) return moved;
    moved.answers = sift({ answers: d.answers }, null).answers;
    data = moved;
    save();
    return data;
  }

  function load() {
    const store = storage();
    let text;
    try {
      text = store.getItem(key());
    } catch {
      problem = NO_STORE;
      return data || (data = fresh());
    }
    if (data && text === raw) return data;
    raw = text;
    data = text === null ? migrate(store) : parseStored(store, text);
    return data;
  }

  function save() {
    if (pinned) return false;
    const text = JSON.stringify(data);
    try {
      storage().setItem(key(), text);
      raw = text;
      full = false;
      if (problem != NO_STORE) problem = "";
      return true;
    } catch (e) {
      full = /quota/i.test(e && e.name);
      problem = full ? FULL : NO_STORE;
      SS.emit(document, "ss:store-problem", { problem, full });
      return false;
    }
  }

  function changed(what, kept) {
    if (kept) SS.emit(document, "ss:store-change", { what });
    return kept;
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

  // ---- import ---------------------------------------------------------------------------
  function importText(text) {
    if (text.length > MAX_FILE) {
      throw Error(`This file is too large for a progress export (at most ${MAX_FILE / 1048576} MB).`);
    }
    let d;
    try {
      d = JSON.parse(text);
    } catch {
      throw Error("This file is not a progress export: it is not JSON.");
    }
    if (!isProgress(d)) {
      throw Error('This file is not a progress export from this site (it needs "version" 1 or 2 and "answers").');
    }
    if (d.version === VERSION && d.exam !== undefined && d.exam !== exam()) {
      throw Error(
        `This file holds progress for another exam ("${String(d.exam).slice(0, 60)}"), not this one ("${exam()}").`,
      );
    }
    const got = sift(d, catalog),
      current = load();
    if (got.bad.length && !Object.keys(got.answers).length && !got.attempts.length) {
      throw Error(`This file holds only damaged records: ${listed(got.bad)}.`);
    }
    const before = JSON.stringify(current),
      answers = current.answers;
    const report = { taken: 0, older: 0, unknown: 0, skipped: got.bad, attempts: 0 };
    for (const k in got.answers) {
      if (catalog && !catalog.has(k)) report.unknown++;
      if (answers[k] && answers[k].at >= got.answers[k].at) report.older++;
      else {
        answers[k] = got.answers[k];
        report.taken++;
      }
    }
    got.attempts.forEach((a) => {
      if (!current.attempts.some((b) => b.id === a.id)) {
        current.attempts.push(a);
        report.attempts++;
      }
    });
    current.attempts.sort((a, b) => a.at - b.at);
    current.attempts = current.attempts.slice(-MAX_ATTEMPTS);
    if (!save()) {
      data = JSON.parse(before);
      throw Error(aside && pinned ? aside : problem);
    }
    changed("import", true);
    return report;
  }

  function describe(r, name) {
    let text =
      `Imported ${r.taken} answer${s(r.taken)}` +
      (r.attempts ? ` and ${r.attempts} practice exam attempt${s(r.attempts)}` : "") +
      ` from ${name}.`;
    if (r.older)
      text += ` ${r.older} other${s(r.older)} ${r.older == 1 ? "was" : "were"} left as ${r.older == 1 ? "it was" : "they were"}: the answer kept here is as new or newer.`;
    if (r.unknown) {
      text +=
        ` ${r.unknown} answer${s(r.unknown)} ${r.unknown == 1 ? "is" : "are"} for questions this site does not have: ` +
        "kept, in case they belong to another version of the site.";
    }
    if (r.skipped.length) {
      const n = r.skipped.length;
      text += ` ${n} damaged record${s(n)} ${n == 1 ? "was" : "were"} skipped: ${listed(r.skipped)}.`;
    }
    return text;
  }
  const listed = (bad) =>
    bad
      .slice(0, 3)
      .map(([k, why]) => `"${k.slice(0, 80)}" (${why})`)
      .join(", ") + (bad.length > 3 ? ` and ${bad.length - 3} more` : "");

  function unknown() {
    return catalog ? Object.keys(load().answers).filter((k) => !catalog.has(k)) : [];
  }

  function backups() {
    try {
      const list = JSON.parse(storage().getItem(key() + ":backups"));
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  SS.store = SS.progress = {
    exam,
    load,
    problem: () => [problem, aside].filter(Boolean).join(" "),
    full: () => full,
    probe,
    put: (id, hash, rec) => {
      load().answers[id + ":" + hash] = rec;
      return changed("put", save());
    },
    remove: (keys) => {
      keys.forEach((k) => delete load().answers[k]);
      return changed("remove", save());
    },
    clear: () => {
      // A reset is the learner's choice: it replaces even a damaged text that found no room.
      data = fresh();
      pinned = false;
      aside = "";
      return changed("clear", save());
    },
    attempts: () => load().attempts,
    addAttempt: (a) => {
      const why = attemptWhyBad(a);
      if (why) throw Error("This attempt cannot be kept: " + why + ".");
      const list = load().attempts.filter((b) => b.id !== a.id);
      list.push(a);
      data.attempts = list.slice(-MAX_ATTEMPTS);
      return changed("attempt", save());
    },
    backups,
    known: (questions) => {
      catalog = new Map(questions.map((q) => [q[0] + ":" + q[1], [q[2], q[3]]]));
    },
    unknown,
    dropUnknown: () => {
      const keys = unknown();
      keys.forEach((k) => delete data.answers[k]);
      return changed("drop", save()) ? keys.length : -1;
    },
    exportText: () => JSON.stringify(Object.assign({ exported: new Date().toISOString() }, load()), null, 1),
    importText,
    describe,
    MAX_FILE,
  };
  // Another tab's change: the next load() reads storage again. Listened to while a page of
  // the site is shown (every page carries data-ss-exam), like a widget's listener.
  const otherTab = (event) => {
    if (event.key === key()) SS.emit(document, "ss:store-change", { what: "other-tab" });
  };
  SS.register("store", "[data-ss-exam]", () => SS.listen(window, "storage", otherTab));
})();
