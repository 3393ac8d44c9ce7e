/* My wrong answers: every question last answered wrongly, wherever it was answered (a topic
 * quiz, a practice page, a practice exam at Submit, the Review page: all keep the latest
 * answer in the store), each as its topic quiz shows an answered question: the learner's pick
 * marked wrong, the right answer, every option's explanation. Filterable by domain and topic.
 * generator/site/templates/mistakes.md.j2, generator/site/pages/mistakes.py.
 *
 * Reads div[data-ss-mistakes][data-ss-mistakes-index] (the Review page's index: q [[id, hash,
 * domain, [topic positions]], ...] in bank order, topics [[id, title, link], ...], domains {n:
 * {title, script}}) and fills [data-ss-mistakes-summary], the form [data-ss-mistakes-filters]
 * (select[name=domain], select[name=topic]) and [data-ss-mistakes-list].
 *
 * No markup of its own per question type: each question's markup comes from its domain's
 * review data script (data.js), goes in one quiz (data-ss-quiz="mistakes", without
 * data-ss-fresh, so quiz.js shows the answer kept), and StudySite.refresh() mounts it with the
 * same widgets as a topic page's (quiz.js, the type's module, the schedule: answering again
 * is a review). The list is what the store held when the page opened (or a filter changed),
 * so a question answered again right stays until then. On paper: each question with its
 * static options, a line naming the learner's pick, and the answer with the explanations.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    t = SS.t,
    D = document;

  function option(domain, n) {
    const o = el("option", "", n ? t("nav.domain", { number: n, title: domain.title }) : "");
    o.value = String(n);
    return o;
  }

  function mount(root) {
    let index;
    try {
      index = JSON.parse(root.getAttribute("data-ss-mistakes-index"));
    } catch {
      return undefined;
    }
    if (!index || !Array.isArray(index.q)) return undefined;
    const $ = (name) => root.querySelector(`[data-ss-mistakes-${name}]`);
    const summary = $("summary"),
      form = $("filters"),
      list = $("list");
    const byDomain = form.querySelector("[name=domain]"),
      byTopic = form.querySelector("[name=topic]");
    const answers = SS.store.load().answers;
    const wrong = index.q.filter((q) => {
      const a = answers[q[0] + ":" + q[1]];
      return a && a.correct === false;
    });
    let live = true,
      turn = 0;

    if (!wrong.length) {
      summary.textContent = t("mistakes.none");
      return () => {
        live = false;
      };
    }
    const domains = [...new Set(wrong.map((q) => q[2]))].sort((a, b) => a - b);
    for (const n of domains) byDomain.append(option(index.domains[n], n));
    function topics() {
      const d = byDomain.value,
        had = byTopic.value,
        seen = new Set();
      for (const q of wrong) if (!d || String(q[2]) == d) q[3].forEach((at) => seen.add(at));
      const first = byTopic.options[0];
      byTopic.replaceChildren(first);
      for (const at of [...seen].sort((a, b) => a - b)) {
        const o = el("option", "", index.topics[at][1]);
        o.value = String(at);
        byTopic.append(o);
      }
      byTopic.value = seen.has(+had) && had !== "" ? had : "";
    }

    function render() {
      const d = byDomain.value,
        at = byTopic.value;
      const shown = wrong.filter((q) => (!d || String(q[2]) == d) && (at === "" || q[3].includes(+at)));
      const words = [t("mistakes.count", { count: wrong.length })];
      if (shown.length != wrong.length) words.push(t("mistakes.showing", { count: shown.length }));
      summary.textContent = words.join(" ");
      const mine = ++turn;
      list.replaceChildren(el("p", "ss-mistakes__loading", t("mistakes.loading")));
      const needed = [...new Set(shown.map((q) => q[2]))];
      Promise.all(needed.map((n) => SS.reviewMarkup(n, index.domains[n]))).then(
        (sets) => {
          if (!live || mine != turn) return;
          const markup = {};
          needed.forEach((n, k) => (markup[n] = sets[k]));
          const quiz = el("div", "ss-quiz ss-mistakes__quiz");
          quiz.setAttribute("data-ss-quiz", "mistakes");
          quiz.setAttribute("data-ss-shuffle", "true");
          const template = D.createElement("template");
          template.innerHTML = shown.map((q) => markup[q[2]][q[0]] || "").join(""); // the site's own markup, made and cleaned at build time
          quiz.append(template.content);
          quiz.querySelectorAll(".ss-question").forEach((sec, k) => {
            const heading = sec.querySelector(".ss-question__number");
            if (heading) heading.textContent = t("quiz.question_number", { number: k + 1 });
            // On paper: the pick (letters as printed, in authored order) and the answer.
            const a = answers[sec.getAttribute("data-ss-question") + ":" + sec.getAttribute("data-ss-hash")];
            const details = sec.querySelector("details.ss-answer");
            if (details) details.open = true;
            if (a && a.type == "picks") {
              const letters = a.value.map((i) => SS.text.letter(i)).join(", ");
              const line = el("p", "ss-print-only ss-mistakes__pick", t("mistakes.your_pick", { picks: letters }));
              (details || sec).before(line);
            }
          });
          list.replaceChildren(quiz);
          SS.refresh();
        },
        (error) => {
          if (live && mine == turn) list.replaceChildren(el("p", "ss-mistakes__error", error.message));
        },
      );
    }

    topics();
    byDomain.onchange = () => {
      topics();
      render();
    };
    byTopic.onchange = render;
    form.onsubmit = (event) => event.preventDefault();
    form.hidden = false;
    render();
    return () => {
      live = false;
    };
  }

  SS.register("mistakes", "[data-ss-mistakes]", mount);
})();
