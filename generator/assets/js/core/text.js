/* Text helpers shared by the widgets, once: option letters and durations.
 *
 * StudySite.text.letter(k): the letter of the k-th option shown (0 -> A, 25 -> Z, 26 -> AA,
 * as generator/site/widgets/quiz.py letters the static options); StudySite.text.duration(ms):
 * a time taken, "12 min 5 s".
 */
(() => {
  "use strict";
  const SS = window.StudySite;

  function letter(k) {
    let text = "";
    for (let n = k + 1; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
    return text;
  }

  function duration(ms) {
    const t = Math.round(ms / 1000),
      m = Math.floor(t / 60),
      sec = t % 60;
    return m ? `${m} min` + (sec ? ` ${sec} s` : "") : `${sec} s`;
  }

  SS.text = { letter, duration };
})();
