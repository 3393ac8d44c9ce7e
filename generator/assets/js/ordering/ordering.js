/* Ordering: put the items in order with "move up" and "move down" buttons (never by dragging
 * only), on the topic quiz, the practice page and the practice exam.
 *
 * Reads section[data-ss-type="ordering"] > ol.ss-items > li.ss-item[data-ss-item] (the static
 * list, a fixed shuffle; data-ss-item is the authored index, the right order) and each item's
 * explanation from the <details> (li[data-ss-explains] .ss-answer__text). Items keep the
 * letter of the static list, as the key ("Answer: C, A, B") names them. The form starts
 * from the static order, and after a retry from a new shuffle, never the right order.
 * Answer: the item indexes in the order given (the store's "order"). Each move is announced.
 * d: {items: [element], whys: [element or null], letters: [text], start: [index]}.
 */
(() => {
  "use strict";
  const SS = window.StudySite,
    el = SS.el,
    t = SS.t;

  function read(sec) {
    const d = { items: [], whys: [], letters: [], start: [] };
    sec.querySelectorAll(".ss-item").forEach((li, k) => {
      const i = +li.getAttribute("data-ss-item");
      d.items[i] = li;
      d.letters[i] = SS.text.letter(k);
      d.whys[i] = sec.querySelector(`[data-ss-explains="${i}"] .ss-answer__text`);
      d.start.push(i);
    });
    return d;
  }

  // A new order for a retry: a shuffle that is never the right order.
  function fresh(d) {
    const o = d.start.slice(),
      n = o.length;
    do {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [o[i], o[j]] = [o[j], o[i]];
      }
    } while (n > 1 && o.every((i, k) => i == k));
    return o;
  }

  function ui(d, env) {
    const n = d.items.length,
      list = el("ol", "ss-order");
    let order = d.start.slice(),
      locked = false;
    const rows = d.items.map((item, i) => {
      const li = el("li", "ss-order__item"),
        text = el("span", "ss-order__text");
      const up = el("button", "md-button ss-order__move", "\u2191"),
        down = el("button", "md-button ss-order__move", "\u2193");
      SS.copyInto(item, text);
      up.ariaLabel = t("typed.move_up", { item: d.letters[i] });
      down.ariaLabel = t("typed.move_down", { item: d.letters[i] });
      up.onclick = () => move(i, -1, up, down);
      down.onclick = () => move(i, 1, down, up);
      li.append(el("span", "ss-order__letter", d.letters[i]), text, up, down);
      return { li, up, down };
    });
    function draw() {
      order.forEach((i, k) => {
        list.append(rows[i].li);
        rows[i].up.disabled = locked || k == 0;
        rows[i].down.disabled = locked || k == n - 1;
      });
    }
    function move(i, by, button, other) {
      const k = order.indexOf(i);
      [order[k], order[k + by]] = [order[k + by], order[k]];
      draw();
      (button.disabled ? other : button).focus();
      env.say(t("typed.moved", { item: d.letters[i], position: k + by + 1, count: n }));
      env.change(order.slice());
    }
    draw();
    return {
      node: list,
      get: () => [order.slice(), ""],
      set(value) {
        order = value ? value.slice() : env.exam ? d.start.slice() : fresh(d);
        draw();
      },
      lock(on) {
        locked = on;
        draw();
      },
    };
  }

  const judge = (_d, value) => value.map((i, k) => i == k);

  function feedback(d, value) {
    const list = el("ol", "ss-parts");
    value.forEach((i, k) => {
      const text = el("span");
      SS.copyInto(d.items[i], text);
      const ok = i == k;
      list.append(
        SS.typedLine(
          ok,
          [el("strong", "", d.letters[i]), " ", text, ok ? "" : " " + t("typed.belongs", { position: i + 1 })],
          d.whys[i],
        ),
      );
    });
    return list;
  }

  const api = { kind: "order", ui, judge, feedback, done: () => true };
  SS.register("ordering", '[data-ss-type="ordering"]', SS.typed("ordering", api, read));
})();
