/* Case study, on the topic quiz and the practice page: under the last of its questions, a
 * tally of its parts ("2 of 3 answered, 1 right"), kept up to date as they are answered,
 * retried or reset. The scenario and the parts are static markup that the quiz answers
 * (question_markup.py); the quiz keeps the parts together when it filters. The practice
 * exam shows the scenario with each part itself (exam.js).
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    t = SS.t;

  function mount(box) {
    const quiz = box.closest("[data-ss-quiz]");
    if (!quiz) return;
    const parts = [...box.querySelectorAll("[data-ss-question]")];
    const line = SS.el("p", "ss-case__tally ss-screen-only");
    box.append(line);
    function update() {
      const states = parts.map(SS.quizState).filter(Boolean);
      const right = states.filter((s) => s.correct).length;
      line.textContent = t("typed.case_tally", { done: states.length, count: parts.length, right });
    }
    update();
    const offs = ["ss:answer", "ss:quiz-retry", "ss:quiz-reset", "ss:quiz-undo"].map((name) =>
      SS.listen(quiz, name, update),
    );
    return () => offs.forEach((off) => off());
  }

  SS.register("case-study", "[data-ss-case-study]", mount);
})();
