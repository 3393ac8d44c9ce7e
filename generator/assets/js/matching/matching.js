/* Matching: a select per prompt, offering the answers by letter, on the topic quiz, the
 * practice page and the practice exam.
 *
 * Reads section[data-ss-type="matching"]: ol.ss-prompts > li.ss-prompt[data-ss-prompt]
 * [data-ss-correct] (authored order; data-ss-correct is the right answer's index) and
 * ol.ss-offered > li.ss-offered__answer[data-ss-answer] (the answers offered, lettered in the
 * order shown, as the key "1 B, 2 A" names them), each pair's explanation from the <details>.
 * Answer: per prompt, the index of the answer chosen or null (the store's "pairs").
 * d: {prompts: [element], key: [index], answers: [element by index], offered: [index as
 * shown], whys: [element or null]}.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    t = SS.t;
  const letterOf = (d, a) => SS.text.letter(d.offered.indexOf(a));
  const answerText = (d, a) => letterOf(d, a) + ". " + d.answers[a].textContent.trim();

  function read(sec) {
    const d = { prompts: [], key: [], answers: [], offered: [], whys: [] };
    sec.querySelectorAll(".ss-prompt").forEach((li, i) => {
      d.prompts.push(li);
      d.key.push(+li.getAttribute("data-ss-correct"));
      d.whys.push(sec.querySelector(`[data-ss-explains="${i}"] .ss-answer__text`));
    });
    sec.querySelectorAll(".ss-offered__answer").forEach((li) => {
      const a = +li.getAttribute("data-ss-answer");
      d.answers[a] = li;
      d.offered.push(a);
    });
    return d;
  }

  function ui(d, env) {
    const box = el("div", "ss-pairs");
    const selects = d.prompts.map((prompt, i) => {
      const row = el("p", "ss-pair"),
        label = el("label", "ss-pair__prompt"),
        select = el("select", "ss-field");
      const text = el("span");
      SS.copyInto(prompt, text);
      label.append(el("strong", "", i + 1 + ". "), text, " ");
      select.append(new Option(t("typed.choose_answer"), ""));
      d.offered.forEach((a) => select.append(new Option(answerText(d, a), String(a))));
      select.onchange = () => env.change(get()[0]);
      label.append(select);
      row.append(label);
      box.append(row);
      return select;
    });
    function get() {
      const value = selects.map((s) => (s.value === "" ? null : +s.value));
      const done = value.filter((a) => a !== null).length;
      return [value, done < value.length ? t("typed.match_all", { done, count: value.length }) : ""];
    }
    return {
      node: box,
      get,
      set(value) {
        selects.forEach((s, i) => {
          s.value = value && value[i] !== null ? String(value[i]) : "";
        });
      },
      lock(on) {
        selects.forEach((s) => {
          s.disabled = on;
        });
      },
    };
  }

  const judge = (d, value) => d.key.map((a, i) => value[i] === a);

  function feedback(d, value) {
    const list = el("ol", "ss-parts");
    d.prompts.forEach((prompt, i) => {
      const text = el("span"),
        a = value[i],
        ok = a === d.key[i];
      SS.copyInto(prompt, text);
      list.append(
        SS.typedLine(
          ok,
          [
            text,
            " \u2192 ",
            a === null || a === undefined ? t("typed.none") : answerText(d, a),
            ok ? "" : " " + t("typed.right_answer", { answer: answerText(d, d.key[i]) }),
          ],
          d.whys[i],
        ),
      );
    });
    return list;
  }

  const done = (_d, value) => value.every((a) => a !== null);
  const api = { kind: "pairs", ui, judge, feedback, done };
  SS.register("matching", '[data-ss-type="matching"]', SS.typed("matching", api, read));
})();
