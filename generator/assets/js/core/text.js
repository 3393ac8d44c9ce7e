/* Text: the string catalog in the browser, and the text helpers every widget shares, once.
 *
 * Every word a widget shows comes from the catalog of the site's language
 * (generator/assets/catalogs/<language>.yml, theme.language in mkdocs.yml, English where it
 * has none). Each bundle hands over the strings its own scripts ask for before they run:
 * StudySite.strings(language, {key: entry}), written when the bundle is made
 * (generator/assets/catalog.py), so a page holds each string once and only those it uses.
 *
 * StudySite.t(key, params): the string of key, its {name} placeholders filled from params
 *   (numbers as the language writes them); an entry with plural forms picks one by
 *   params.count (Intl.PluralRules). A key the catalog lacks shows as the key, and says so
 *   in the console (the build fails on one first).
 * StudySite.plural(n): n's plural category in the language ("one", "other", ...).
 * StudySite.num(n): n as the language writes it (Intl.NumberFormat: 1,000 in English).
 * StudySite.text.list(items): "a, b and c", by the catalog's list patterns.
 * StudySite.text.letter(k): the letter of the k-th option shown (0 -> A, 25 -> Z, 26 -> AA,
 *   as generator/site/widgets/quiz.py letters the static options).
 * StudySite.text.duration(ms): a time taken, "12 min 5 s".
 * StudySite.text.date(ms): a date and time, as the language writes it (Intl.DateTimeFormat).
 */
(() => {
  "use strict";
  const SS = window.StudySite;
  const strings = {};
  let language = document.documentElement.lang || "en",
    rules = null,
    numbers = null;

  function addStrings(lang, entries) {
    if (lang !== language) rules = numbers = null;
    language = lang;
    Object.assign(strings, entries);
  }

  const plural = (n) => (rules ||= new Intl.PluralRules(language)).select(n);
  const num = (n) => (numbers ||= new Intl.NumberFormat(language)).format(n);

  function t(key, params) {
    let entry = strings[key];
    if (entry === undefined) {
      console.error("study site: the string catalog has no " + key);
      return key;
    }
    if (typeof entry == "object") entry = entry[plural(params.count)] || entry.other;
    return entry.replace(/\{(\w+)\}/g, (whole, name) => {
      if (!params || !(name in params)) return whole;
      const value = params[name];
      return typeof value == "number" ? num(value) : String(value);
    });
  }

  // The catalog's list patterns, as generator/assets/catalog.py joins lists.
  function list(items) {
    if (items.length < 2) return items.join("");
    if (items.length == 2) return t("list.pair", { first: items[0], second: items[1] });
    let rest = items[items.length - 2];
    for (let i = items.length - 3; i >= 0; i--) rest = t("list.start", { first: items[i], rest });
    return t("list.end", { rest, last: items[items.length - 1] });
  }

  function letter(k) {
    let text = "";
    for (let n = k + 1; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
    return text;
  }

  function duration(ms) {
    const total = Math.round(ms / 1000),
      minutes = Math.floor(total / 60),
      seconds = total % 60;
    if (!minutes) return t("time.seconds", { seconds });
    return seconds ? t("time.minutes_seconds", { minutes, seconds }) : t("time.minutes", { minutes });
  }

  const date = (ms) =>
    new Date(ms).toLocaleString(language, {
      dateStyle: "medium",
      timeStyle: "short",
    });

  SS.strings = addStrings;
  SS.t = t;
  SS.plural = plural;
  SS.num = num;
  SS.text = { list, letter, duration, date };
})();
