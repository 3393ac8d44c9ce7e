/* Progress: the answers kept in this browser (StudySite.progress) and the Progress page.
 *
 * localStorage["studysite:progress:v1"] holds JSON {"version": 1, "answers": {"<question id>:
 * <content hash>": {"picked": [2], "correct": false, "at": 1718000000000, "order": [1, 0, 2, 3]}}}.
 * picked: the options picked, as indexes in authored order (0 = first option in the YAML);
 * correct: whether that attempt was right; at: when (ms since 1970); order (optional): the
 * options as shown, so a reloaded page looks the same. Only the latest attempt is kept. The
 * hash changes when a question is edited, so an edited question counts as new. An export file
 * is the same object plus "exported" (a date). Unreadable stored text is kept aside under
 * "<key>:unreadable". Storage that is missing, throws or is full never stops a quiz: answers then
 * last for the visit only, and problem() says so in words for a quiet notice.
 *
 * StudySite.progress: load() (the object above, read again only when storage changed),
 * problem(), put(id, hash, record), remove(keys), clear(), exportText(), importText(text)
 * (merges a file, the newer answer winning; the number of answers taken, or throws an Error
 * whose message says what is wrong). put, remove and clear say whether storage kept it.
 */
(() => {
  "use strict";
  const SS = window.StudySite;
  const KEY = "studysite:progress:v1";
  const NO_STORE = "Progress will not be kept: this browser does not let the site store it.";
  const fresh = () => ({ version: 1, answers: {} });
  const ints = (list) => Array.isArray(list) && list.every((n) => Number.isInteger(n) && n >= 0);
  const valid = (key, r) => /^[^:]+:[^:]+$/.test(key) && !!r && ints(r.picked) &&
    typeof r.correct == "boolean" && typeof r.at == "number" && (r.order === undefined || ints(r.order));
  const isExport = (d) => d && d.version === 1 && d.answers && typeof d.answers == "object";
  const s = (n) => (n == 1 ? "" : "s");
  let data = fresh(), raw = null, problem = "";

  function storage() {
    try {
      return localStorage;
    } catch (e) {}
  }

  function load() {
    const store = storage();
    let text;
    try {
      text = store.getItem(KEY);
    } catch (e) {
      problem = NO_STORE;
      return data;
    }
    if (text === raw) return data;
    raw = text;
    data = fresh();
    if (text === null) return data;
    try {
      const d = JSON.parse(text);
      if (!isExport(d)) throw 0;
      for (const k in d.answers) if (valid(k, d.answers[k])) data.answers[k] = d.answers[k];
    } catch (e) {
      try { store.setItem(KEY + ":unreadable", text); } catch (e2) { /* kept in memory only */ }
      problem = "Saved progress could not be read, so it starts afresh.";
    }
    return data;
  }

  function save() {
    const text = JSON.stringify(data);
    try {
      storage().setItem(KEY, text);
      raw = text;
      if (problem != NO_STORE) problem = "";
      return true;
    } catch (e) {
      problem = /quota/i.test(e && e.name) ?
        "Progress will not be kept: this browser's storage for the site is full." : NO_STORE;
      return false;
    }
  }

  function importText(text) {
    let d;
    try {
      d = JSON.parse(text);
    } catch (e) {
      throw Error("This file is not a progress export: it is not JSON.");
    }
    if (!isExport(d)) {
      throw Error('This file is not a progress export from this site (it needs "version": 1 and "answers").');
    }
    const keys = Object.keys(d.answers), bad = keys.find((k) => !valid(k, d.answers[k]));
    if (bad !== undefined) throw Error(`This file has a damaged answer ("${bad}").`);
    const before = JSON.stringify(load()), answers = data.answers;
    const newer = keys.filter((k) => !answers[k] || answers[k].at <= d.answers[k].at);
    newer.forEach((k) => { answers[k] = d.answers[k]; });
    if (!save()) {
      data = JSON.parse(before);
      throw Error(problem);
    }
    return newer.length;
  }

  const P = SS.progress = {
    load,
    problem: () => problem,
    put: (id, hash, record) => { load().answers[id + ":" + hash] = record; return save(); },
    remove: (keys) => { keys.forEach((k) => delete load().answers[k]); return save(); },
    clear: () => { data = fresh(); return save(); },
    exportText: () => JSON.stringify({ version: 1, exported: new Date().toISOString(), answers: load().answers }, null, 1),
    importText,
  };

  // ---- the Progress page --------------------------------------------------------------
  function mountPage(root) {
    const index = JSON.parse(root.getAttribute("data-ss-progress-index"));
    const $ = (name) => root.querySelector(`[data-ss-progress-${name}]`);
    const say = (text) => { $("message").textContent = text; };
    const questions = (domain) => ((root.querySelector(`a[data-ss-questions="${domain}"]`) || {}).href || "").split("#")[0];
    const link = (href, text) => Object.assign(document.createElement("a"), { href, textContent: text });
    $("controls").hidden = $("practice").hidden = false;

    function render() {
      const answers = load().answers, stats = {};
      const add = (key, q, rec) => {
        const t = stats[key] || (stats[key] = { answered: 0, right: 0, review: [] });
        t.answered++;
        if (rec.correct) t.right++;
        else t.review.push(q);
      };
      index.questions.forEach((q) => {
        const rec = answers[q[0] + ":" + q[1]];
        if (!rec) return;
        add("all", q, rec);
        add("d" + q[2], q, rec);
        q[3].forEach((t) => add("t" + index.topics[t], q, rec));
      });
      const none = { answered: 0, right: 0, review: [] }, all = stats.all || none;
      root.querySelectorAll("[data-ss-stat]").forEach((cell) => {
        const topic = cell.getAttribute("data-ss-topic"), what = cell.getAttribute("data-ss-stat");
        const value = (stats[topic ? "t" + topic : "d" + cell.getAttribute("data-ss-domain")] || none)[what];
        cell.textContent = what != "review" ? value : value.length ? value.length + (topic ? ": " : "") : "None";
        if (what == "review" && topic) {
          value.forEach((q, i) => cell.append(i ? ", " : "", link(questions(q[2]) + "#q-" + q[0], "Question " + q[4])));
        }
      });
      $("summary").textContent = (all.answered ?
        `You have answered ${all.answered} of ${index.questions.length} questions: ${all.right} right, ${all.review.length} to review.` :
        "You have not answered any questions yet. Each topic page ends with self-check questions, and each domain has a page of practice questions.") +
        (problem ? " " + problem : "");

      const mistakes = $("mistakes"), domains = {};
      mistakes.textContent = all.review.length ? "" : "No mistakes to practise: every question you answered was right.";
      all.review.forEach((q) => { domains[q[2]] = (domains[q[2]] || 0) + 1; });
      for (const d in domains) {
        const n = domains[d], a = link(questions(d) + "#practice-mistakes", `Practice my ${n} mistake${s(n)} in domain ${d}`);
        a.className = "md-button md-button--primary";
        mistakes.append(a, " ");
      }
    }

    root.addEventListener("click", (event) => {
      const action = event.target.getAttribute("data-ss-action");
      if (action == "export") {
        const a = link(URL.createObjectURL(new Blob([P.exportText()], { type: "application/json" })), "");
        a.download = "studysite-progress-" + new Date().toISOString().slice(0, 10) + ".json";
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
        say("Your progress was saved to " + a.download + ".");
      } else if (action == "reset" && confirm("Delete every answer kept in this browser? This cannot be undone.")) {
        P.clear();
        say("All progress was deleted.");
        render();
      }
    });
    root.addEventListener("change", (event) => {
      const input = event.target, file = input.files && input.files[0];
      if (!file) return;
      file.text().then(importText).then((n) => {
        say(`Imported ${n} answer${s(n)} from ${file.name}.`);
        render();
        SS.emit(root, "ss:progress-import", { count: n });
      }, (error) => say(error.message + " Nothing was imported; your progress is unchanged."))
        .then(() => { input.value = ""; });
    });
    render();
  }

  SS.register("progress", "[data-ss-progress]", mountPage);
})();
