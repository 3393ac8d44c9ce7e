/* Numeric: a number typed in the page's language, on the topic quiz, the practice page and
 * the practice exam.
 *
 * Reads section[data-ss-type="numeric"][data-ss-number] (JSON: accept, every accepted entry
 * {min, max, answer?, tolerance?} in authored order; unit or null) and each entry's
 * explanation from the <details> (li[data-ss-explains] .ss-answer__text). The number typed
 * may use the language's decimal sign (a comma where the language writes one; either sign
 * when only one is typed), group separators, Arabic-Indic or full-width digits and a minus
 * sign (- or U+2212). Right when an entry holds it (a small margin for floating point); the
 * first such entry gives the explanation. Answer: the number (the store's "number").
 * d: {accept, unit, whys: [element or null]}.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    t = SS.t;
  const lang = document.documentElement.lang || "en";
  const decimal = (new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type == "decimal") || {}).value;
  const shown = (x) => new Intl.NumberFormat(lang, { maximumFractionDigits: 12, useGrouping: false }).format(x);

  /** The number typed, or NaN. */
  function parse(text) {
    let s = text
      .normalize("NFKC") // full-width digits and signs
      .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (c) => (c.charCodeAt(0) & 0xf) % 10)
      .replace(/\u2212/g, "-")
      .replace(/\u066b/g, ",") // the Arabic decimal sign
      .replace(/[\s\u066c'\u2019_]/g, "");
    const comma = s.includes(","),
      dot = s.includes(".");
    if (comma && dot) {
      // Both: the last one is the decimal sign.
      const last = s.lastIndexOf(",") > s.lastIndexOf(".") ? "," : ".";
      s = s.replace(last == "," ? /\./g : /,/g, "").replace(",", ".");
    } else if (comma) {
      // 1,000 groups in a language with a decimal point; otherwise a decimal comma.
      s = decimal != "," && /^[-+]?\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, "") : s.replace(",", ".");
    } else if (dot && decimal == "," && /^[-+]?\d{1,3}(\.\d{3})+$/.test(s)) {
      s = s.replace(/\./g, "");
    }
    return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
  }

  function holds(e, x) {
    const eps = 1e-9 * Math.max(1, Math.abs(e.answer === undefined ? e.max : e.answer));
    if (e.answer !== undefined && e.tolerance !== undefined && Math.abs(x - e.answer) <= e.tolerance + eps) return true;
    return x >= e.min - eps && x <= e.max + eps;
  }
  const entry = (d, x) => d.accept.findIndex((e) => holds(e, x));

  function read(sec) {
    const data = JSON.parse(sec.getAttribute("data-ss-number"));
    data.whys = data.accept.map((_, i) => sec.querySelector(`[data-ss-explains="${i}"] .ss-answer__text`));
    return data;
  }

  function ui(d, env) {
    const box = el("form", "ss-typed-in"),
      input = el("input", "ss-field");
    Object.assign(input, { type: "text", inputMode: "decimal", autocomplete: "off", spellcheck: false });
    input.ariaLabel = d.unit ? t("typed.number_in", { unit: d.unit }) : t("typed.your_number");
    input.oninput = () => env.change(parse(input.value));
    // Enter in the field submits its form: the quiz checks the answer.
    box.onsubmit = (event) => {
      event.preventDefault();
      if (env.enter) env.enter();
    };
    box.append(input);
    if (d.unit) box.append(" ", el("span", "ss-typed-in__unit", d.unit));
    return {
      node: box,
      get() {
        const x = parse(input.value);
        if (!input.value.trim()) return [null, t("typed.type_number")];
        return Number.isFinite(x) ? [x, ""] : [null, t("typed.not_number", { text: input.value.trim() })];
      },
      set(value) {
        input.value = value === null || value === undefined ? "" : shown(value);
      },
      lock(on) {
        input.readOnly = on;
        input.ariaDisabled = on || null;
      },
    };
  }

  const judge = (d, x) => [entry(d, x) >= 0];
  function feedback(d, x) {
    const list = el("ul", "ss-parts"),
      k = entry(d, x);
    const answer = d.unit ? t("types.number_unit", { number: shown(x), unit: d.unit }) : shown(x);
    list.append(SS.typedLine(k >= 0, [t("typed.your_answer", { answer })], k >= 0 ? d.whys[k] : null));
    return list;
  }

  const api = { kind: "number", ui, judge, feedback, done: () => true, parse };
  SS.register("numeric", '[data-ss-type="numeric"]', SS.typed("numeric", api, read));
})();
