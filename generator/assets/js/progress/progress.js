/* Progress: the Progress page (counts by domain and topic, practice my mistakes, export,
 * import, reset). The answers themselves are kept by StudySite.store (store.js).
 */
(() => {
  "use strict";
  const SS = window.StudySite;
  const s = (n) => (n == 1 ? "" : "s");

  // ---- the Progress page --------------------------------------------------------------
  function mountPage(root) {
    const index = JSON.parse(root.getAttribute("data-ss-progress-index"));
    const $ = (name) => root.querySelector(`[data-ss-progress-${name}]`);
    const say = (text) => {
      $("message").textContent = text;
    };
    const questions = (domain) =>
      ((root.querySelector(`a[data-ss-questions="${domain}"]`) || {}).href || "").split("#")[0];
    const link = (href, text) => Object.assign(document.createElement("a"), { href, textContent: text });
    $("controls").hidden = $("practice").hidden = false;
    const P = SS.store;
    // Entries carry [.., options, choose] from index version 2: imports are checked against them.
    if (index.questions.every((q) => q.length >= 7)) P.known(index.questions.map((q) => [q[0], q[1], q[5], q[6]]));
    P.probe();
    const drop = freeSpaceButton(root, P);

    function render() {
      const answers = P.load().answers,
        stats = {};
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
      const none = { answered: 0, right: 0, review: [] },
        all = stats.all || none;
      root.querySelectorAll("[data-ss-stat]").forEach((cell) => {
        const topic = cell.getAttribute("data-ss-topic"),
          what = cell.getAttribute("data-ss-stat");
        const value = (stats[topic ? "t" + topic : "d" + cell.getAttribute("data-ss-domain")] || none)[what];
        cell.textContent = what != "review" ? value : value.length ? String(value.length) : "None";
        if (what == "review" && topic) {
          // Named by the stem's first words: its number differs on its topic and practice pages.
          const list = cell.appendChild(document.createElement("ul"));
          list.className = "ss-progress__review";
          value.forEach((q) => {
            const a = link(questions(q[2]) + "#q-" + q[0], q[7] ? "\u201c" + q[7] + "\u201d" : "Question " + q[4]);
            list.appendChild(document.createElement("li")).append(a);
          });
          if (!value.length) list.remove();
        }
      });
      $("summary").textContent =
        (all.answered
          ? `You have answered ${all.answered} of ${index.questions.length} questions: ${all.right} right, ${all.review.length} to review.`
          : "You have not answered any questions yet. Each topic page ends with self-check questions, and each domain has a page of practice questions.") +
        storeNotes(P);
      drop.update();

      // Answered, then edited: the answer no longer counts (its content hash changed).
      const revised = {},
        current = new Set(index.questions.map((q) => q[0] + ":" + q[1]));
      const byId = new Map(index.questions.map((q) => [q[0], q]));
      for (const key in answers) {
        const q = byId.get(key.split(":")[0]);
        if (q && !current.has(key) && !answers[q[0] + ":" + q[1]]) revised[q[0]] = q;
      }
      const changed = Object.values(revised),
        perDomain = {};
      changed.forEach((q) => {
        perDomain[q[2]] = (perDomain[q[2]] || 0) + 1;
      });
      const box = $("revised");
      box.hidden = !changed.length;
      box.replaceChildren();
      if (changed.length) {
        const n = changed.length;
        box.append(
          `${n} question${s(n)} you answered ${n == 1 ? "has" : "have"} been revised since, so ${n == 1 ? "that answer no longer counts" : "those answers no longer count"}. `,
        );
        for (const d in perDomain) {
          const a = link(
            questions(d) + "#practice-revised",
            `Retry the ${perDomain[d]} revised question${s(perDomain[d])} in domain ${d}`,
          );
          a.className = "md-button";
          box.append(a, " ");
        }
      }

      const mistakes = $("mistakes"),
        domains = {};
      mistakes.textContent = all.review.length ? "" : "No mistakes to practise: every question you answered was right.";
      all.review.forEach((q) => {
        domains[q[2]] = (domains[q[2]] || 0) + 1;
      });
      for (const d in domains) {
        const n = domains[d],
          a = link(questions(d) + "#practice-mistakes", `Practice my ${n} mistake${s(n)} in domain ${d}`);
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
      } else if (action == "drop-unknown") {
        const n = P.dropUnknown();
        say(
          n < 0
            ? P.problem()
            : `${n} answer${s(n)} for questions this site no longer has ${n == 1 ? "was" : "were"} deleted.` +
                (P.full() ? "" : " Your answers are kept again."),
        );
        render();
      } else if (action == "reset" && drop.offer()) {
        say(
          `This browser's storage for the site is full. Deleting the ${P.unknown().length} answers for questions this site ` +
            "no longer has may be enough, and keeps the rest: try that first, or choose Reset again to delete everything.",
        );
        drop.button.focus();
      } else if (action == "reset" && confirm("Delete every answer kept in this browser? This cannot be undone.")) {
        P.clear();
        say("All progress was deleted.");
        render();
      }
    });
    root.addEventListener("change", (event) => {
      const input = event.target,
        file = input.files && input.files[0];
      if (!file) return;
      const read =
        file.size > P.MAX_FILE
          ? Promise.reject(
              Error(
                `${file.name} is too large for a progress export (${(file.size / 1048576).toFixed(1)} MB; at most ${P.MAX_FILE / 1048576} MB).`,
              ),
            )
          : file.text();
      read
        .then((text) => P.importText(text))
        .then(
          (report) => {
            say(P.describe(report, file.name));
            render();
            SS.emit(root, "ss:progress-import", { count: report.taken, report });
          },
          (error) => say(error.message + " Nothing was imported; your progress is unchanged."),
        )
        .then(() => {
          input.value = "";
        });
    });
    render();
  }

  /** What the store has to say: storage problems, answers for other questions, backups. */
  function storeNotes(P) {
    const notes = [P.problem()],
      other = P.unknown().length,
      kept = P.backups().length;
    if (other)
      notes.push(
        `${other} answer${s(other)} ${other == 1 ? "is" : "are"} for questions this site does not have (kept: they may belong to another version of the site).`,
      );
    if (kept && !notes[0])
      notes.push(
        `${kept} backup${s(kept)} of damaged saved progress ${kept == 1 ? "is" : "are"} kept in this browser.`,
      );
    return notes
      .filter(Boolean)
      .map((n) => " " + n)
      .join("");
  }

  /** Storage full: a button, before Reset, that deletes only the answers for questions gone. */
  function freeSpaceButton(root, P) {
    const button = SS.el("button", "md-button");
    const reset = root.querySelector('[data-ss-action="reset"]');
    let offered = false;
    button.setAttribute("data-ss-action", "drop-unknown");
    button.hidden = true;
    if (reset) reset.before(button, " ");
    const needed = () => P.full() && P.unknown().length > 0;
    return {
      button,
      update() {
        const n = P.unknown().length;
        button.hidden = !needed();
        button.textContent = `Free space: delete the ${n} answer${s(n)} for questions this site no longer has`;
      },
      // The first Reset while storage is full points at the button instead.
      offer: () => needed() && !offered && (offered = true),
    };
  }

  SS.register("progress", "[data-ss-progress]", mountPage);
})();
