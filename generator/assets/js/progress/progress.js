/* Progress: the Progress page (counts by domain and topic, practice my mistakes, export,
 * import, reset). The answers themselves are kept by StudySite.store (store.js). On a phone
 * each topic row is a card: its cells get data-label, their column's heading, which
 * progress.css shows before each count.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    t = SS.t;

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
    // Entries carry [.., options, choose] from index version 2: imports are checked against them;
    // a question of another type than multiple choice also its answer shape (entry 8).
    if (index.questions.every((q) => q.length >= 7))
      P.known(index.questions.map((q) => [q[0], q[1], q[8] || [q[5], q[6]]]));
    P.probe();
    const drop = freeSpaceButton(root, P);

    function render() {
      const answers = P.load().answers,
        stats = {};
      const add = (key, q, rec) => {
        const stat = stats[key] || (stats[key] = { answered: 0, right: 0, review: [] });
        stat.answered++;
        if (rec.correct) stat.right++;
        else stat.review.push(q);
      };
      index.questions.forEach((q) => {
        const rec = answers[q[0] + ":" + q[1]];
        if (!rec) return;
        add("all", q, rec);
        add("d" + q[2], q, rec);
        q[3].forEach((topic) => add("t" + index.topics[topic], q, rec));
      });
      const none = { answered: 0, right: 0, review: [] },
        all = stats.all || none;
      root.querySelectorAll("[data-ss-stat]").forEach((cell) => {
        const topic = cell.getAttribute("data-ss-topic"),
          what = cell.getAttribute("data-ss-stat");
        const value = (stats[topic ? "t" + topic : "d" + cell.getAttribute("data-ss-domain")] || none)[what];
        cell.textContent = what != "review" ? SS.num(value) : value.length ? SS.num(value.length) : t("progress.none");
        if (what == "review" && topic) {
          // Named by the stem's first words: its number differs on its topic and practice pages.
          const list = cell.appendChild(document.createElement("ul"));
          list.className = "ss-progress__review";
          value.forEach((q) => {
            const name = q[7] ? t("progress.quoted", { stem: q[7] }) : t("progress.question", { number: q[4] });
            const a = link(questions(q[2]) + "#q-" + q[0], name);
            list.appendChild(document.createElement("li")).append(a);
          });
          if (!value.length) list.remove();
        }
      });
      $("summary").textContent =
        (all.answered
          ? t("progress.summary", {
              answered: all.answered,
              count: index.questions.length,
              right: all.right,
              review: all.review.length,
            })
          : t("progress.nothing_yet")) + storeNotes(P);
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
        box.append(t("progress.revised", { count: n }), " ");
        for (const d in perDomain) {
          const a = link(
            questions(d) + "#practice-revised",
            t("progress.retry_revised", { count: perDomain[d], domain: Number(d) }),
          );
          a.className = "md-button";
          box.append(a, " ");
        }
      }

      const mistakes = $("mistakes"),
        domains = {};
      mistakes.textContent = all.review.length ? "" : t("progress.no_mistakes");
      all.review.forEach((q) => {
        domains[q[2]] = (domains[q[2]] || 0) + 1;
      });
      for (const d in domains) {
        const n = domains[d],
          a = link(
            questions(d) + "#practice-mistakes",
            t("progress.practise_mistakes", { count: n, domain: Number(d) }),
          );
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
        say(t("progress.exported", { file: a.download }));
      } else if (action == "drop-unknown") {
        const n = P.dropUnknown();
        say(
          n < 0 ? P.problem() : t("progress.dropped", { count: n }) + (P.full() ? "" : " " + t("progress.kept_again")),
        );
        render();
      } else if (action == "reset" && drop.offer()) {
        say(t("progress.full_offer", { count: P.unknown().length }));
        drop.button.focus();
      } else if (action == "reset" && confirm(t("progress.reset_confirm"))) {
        P.clear();
        say(t("progress.reset_done"));
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
                t("progress.file_too_large", {
                  file: file.name,
                  mb: Math.round(file.size / 104857.6) / 10,
                  max: P.MAX_FILE / 1048576,
                }),
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
          (error) => say(error.message + " " + t("progress.import_failed")),
        )
        .then(() => {
          input.value = "";
        });
    });
    labelCells(root);
    render();
  }

  // Each count's column heading, for the phone's cards (progress.css).
  function labelCells(root) {
    for (const table of root.querySelectorAll("table")) {
      const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
      for (const row of table.querySelectorAll("tbody tr")) {
        [...row.cells].forEach((cell, i) => cell.setAttribute("data-label", heads[i] || ""));
      }
    }
  }

  /** What the store has to say: storage problems, answers for other questions, backups. */
  function storeNotes(P) {
    const notes = [P.problem()],
      other = P.unknown().length,
      kept = P.backups().length;
    if (other) notes.push(t("progress.other_answers", { count: other }));
    if (kept && !notes[0]) notes.push(t("progress.backups", { count: kept }));
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
        button.textContent = t("progress.free_space", { count: n });
      },
      // The first Reset while storage is full points at the button instead.
      offer: () => needed() && !offered && (offered = true),
    };
  }

  SS.register("progress", "[data-ss-progress]", mountPage);
})();
