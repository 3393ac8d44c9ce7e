/* Short answer: a typed text, compared with the accepted answers, on the topic quiz, the
 * practice page and the practice exam.
 *
 * Reads section[data-ss-type="short-answer"][data-ss-accept] (JSON: the accepted answers,
 * normalised) and [data-ss-accept-why] (JSON: a normalised answer -> the index of its
 * explanation in the <details>, li[data-ss-explains] .ss-answer__text). The text typed is
 * normalised as generator.content.model.normalise_answer does: NFKC, full case folding
 * (toLowerCase, and the foldings it lacks: ß and ẞ -> ss, final ς -> σ), NFKC again, white
 * space runs to one space, trimmed. Answer: the text as typed, at most 1,000 characters (the
 * store's "text"). d: {accept: [text], whys: {normalised text: element}}.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    t = SS.t;
  const norm = (s) =>
    s
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\u00df\u1e9e]/g, "ss")
      .replace(/\u03c2/g, "\u03c3")
      .normalize("NFKC")
      .replace(/\s+/gu, " ")
      .trim();

  function read(sec) {
    const whys = {},
      at = JSON.parse(sec.getAttribute("data-ss-accept-why") || "{}");
    for (const text in at) whys[text] = sec.querySelector(`[data-ss-explains="${at[text]}"] .ss-answer__text`);
    return { accept: JSON.parse(sec.getAttribute("data-ss-accept")), whys };
  }

  function ui(_d, env) {
    const box = el("form", "ss-typed-in"),
      input = el("input", "ss-field ss-field--text");
    Object.assign(input, { type: "text", maxLength: 1000, autocomplete: "off", spellcheck: false });
    input.setAttribute("autocapitalize", "off");
    input.ariaLabel = t("typed.your_text");
    input.oninput = () => env.change(input.value);
    // Enter in the field submits its form: the quiz checks the answer.
    box.onsubmit = (event) => {
      event.preventDefault();
      if (env.enter) env.enter();
    };
    box.append(input);
    return {
      node: box,
      get: () => (input.value.trim() ? [input.value.slice(0, 1000), ""] : [null, t("typed.type_text")]),
      set(value) {
        input.value = value || "";
      },
      lock(on) {
        input.readOnly = on;
        input.ariaDisabled = on || null;
      },
    };
  }

  const judge = (d, text) => [d.accept.includes(norm(text))];
  function feedback(d, text) {
    const list = el("ul", "ss-parts"),
      ok = judge(d, text)[0];
    list.append(SS.typedLine(ok, [t("typed.your_answer", { answer: text })], ok ? d.whys[norm(text)] : null));
    return list;
  }

  const api = { kind: "text", ui, judge, feedback, done: () => true, norm };
  SS.register("short-answer", '[data-ss-type="short-answer"]', SS.typed("short-answer", api, read));
})();
