/* Decision tree: one question at a time, a trail of answers, Back, Restart, an outcome card.
 * Structure from data-ss-tree-data, texts and links from the static outline (hidden while
 * this runs, kept for print). Path in the fragment: #tree-<id>=node:i,node:i[&tree-<id>=...].
 * Each step dispatches "ss:tree-step" (detail: tree, path, node, outcome). */
(function () {
  "use strict";

  function make(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    if (tag == "button") e.type = "button";
    return e;
  }

  // {treeId: "node:i,node:i"} from the fragment; a plain anchor gives {}.
  function readHash() {
    var state = {};
    try {
      decodeURIComponent(location.hash.slice(1)).split("&").forEach(function (part) {
        var m = /^tree-([a-z0-9-]+)=([a-z0-9:,-]*)$/.exec(part);
        if (m) state[m[1]] = m[2];
      });
    } catch (e) {}
    return state;
  }

  function writeHash(id, steps) {
    var state = readHash(), parts = [], key;
    state[id] = steps;
    for (key in state) if (state[key]) parts.push("tree-" + key + "=" + state[key]);
    var url = location.pathname + location.search + (parts.length ? "#" + parts.join("&") : "");
    if (url != location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
  }

  function mount(root) {
    var data = JSON.parse(root.getAttribute("data-ss-tree-data"));
    var outline = root.querySelector(".ss-tree__outline");
    var title = root.querySelector(".ss-tree__title");
    var marks = root.querySelectorAll(".ss-diagram [data-ss-at]");
    var box = root.querySelector(".ss-tree__diagram");
    var path = [];

    // Rendered HTML of a part of the outline (keeps Markdown, abbreviations, links).
    function rich(selector, cls) {
      var span = make("span", cls), source = outline.querySelector(selector);
      if (source) span.innerHTML = source.innerHTML;
      return span;
    }
    function part(kind, ref, cls) {
      return '[data-ss-tree-' + kind + '="' + ref + '"]>p>.ss-tree__' + cls;
    }
    function count(text) {
      var span = make("span", "ss-tree__count", text);
      span.appendChild(make("span", "ss-sr", ": "));
      return span;
    }
    function key(steps) {
      return steps.map(function (s) { return s.join(":"); }).join(",");
    }
    // Where the steps lead; null when one does not fit the tree.
    function follow(steps) {
      var node = data.start;
      for (var i = 0; i < steps.length; i++) {
        var q = data.nodes[node];
        if (!q || steps[i][0] != node || !q.choices[steps[i][1]]) return null;
        node = q.choices[steps[i][1]][1];
      }
      return node;
    }
    function parse(text) {
      var steps = (text || "").split(",").map(function (s) {
        var m = /^([a-z0-9-]+):(\d+)$/.exec(s);
        return m && [m[1], +m[2]];
      });
      for (var n = 0; n < steps.length && steps[n] && follow(steps.slice(0, n + 1)); n++);
      return steps.slice(0, n);
    }

    var app = make("div", "ss-tree__app");
    var trail = make("nav", "ss-tree__trail");
    var list = make("ol");
    var step = make("div", "ss-tree__step");
    var controls = make("div", "ss-tree__controls");
    var back = make("button", "ss-tree__back", "Back");
    var restart = make("button", "ss-tree__restart", "Restart");
    var live = make("div", "ss-sr");
    app.setAttribute("role", "group");
    if (title) app.setAttribute("aria-labelledby", (title.id = root.id + "-title"));
    trail.setAttribute("aria-label", "Your answers");
    live.setAttribute("aria-live", "polite");
    trail.appendChild(make("p", "ss-tree__head", "Your answers"));
    trail.appendChild(list);
    controls.appendChild(back);
    controls.appendChild(restart);
    [trail, step, controls, live].forEach(function (e) { app.appendChild(e); });
    root.insertBefore(app, outline);
    root.classList.add("ss-tree--live");

    function go(steps) {
      path = steps;
      var shown = render();
      writeHash(data.id, key(path));
      live.textContent = shown[1];
      shown[0].focus();
      var node = follow(path);
      root.dispatchEvent(new CustomEvent("ss:tree-step", {
        bubbles: true,
        detail: { tree: data.id, path: key(path), node: node, outcome: !data.nodes[node] },
      }));
    }

    function render() {
      var node = follow(path), question = data.nodes[node], focus, i;
      list.textContent = step.textContent = "";
      trail.hidden = !path.length;
      path.forEach(function (s, i) {
        var crumb = make("button", "ss-tree__crumb");
        var asked = rich(part("question", s[0], "q")).textContent;
        crumb.title = asked;
        crumb.appendChild(make("span", "ss-sr", "Go back to: " + asked + " You answered: "));
        crumb.appendChild(rich(part("choice", s.join(":"), "label")));
        crumb.onclick = function () { go(path.slice(0, i)); };
        list.appendChild(make("li")).appendChild(crumb);
      });
      if (question) {
        var set = make("fieldset", "ss-tree__question");
        var legend = set.appendChild(make("legend", "ss-tree__legend"));
        var choices = make("div", "ss-tree__choices");
        legend.appendChild(count("Question " + (path.length + 1)));
        legend.appendChild(rich(part("question", node, "q")));
        if (question.help) set.appendChild(rich(part("question", node, "help"), "ss-tree__hint"));
        question.choices.forEach(function (c, i) {
          var b = choices.appendChild(make("button", "ss-tree__option"));
          b.appendChild(rich(part("choice", node + ":" + i, "label")));
          b.onclick = function () { go(path.concat([[node, i]])); };
        });
        set.appendChild(choices);
        focus = [legend, legend.textContent];
      } else {
        var card = set = make("div", "ss-tree__card");
        var head = card.appendChild(make("p", "ss-tree__result"));
        head.appendChild(count("Answer"));
        head.appendChild(rich(part("outcome", node, "answer")));
        var why = card.appendChild(make("p")).appendChild(rich(part("outcome", node, "why")));
        card.appendChild(make("p")).appendChild(rich(part("outcome", node, "links")));
        focus = [head, head.textContent + ". " + why.textContent];
      }
      focus[0].tabIndex = -1;
      step.appendChild(set);
      back.disabled = restart.disabled = !path.length;
      // Highlight the path in the diagram; the drawn-last arrow shows on top.
      var here = key(path);
      for (i = 0; i < marks.length; i++) {
        var k = marks[i].getAttribute("data-ss-at"), on = !k || k == here || !here.indexOf(k + ",");
        marks[i].classList.toggle("ss-on", on);
        marks[i].classList.toggle("ss-here", k == here);
        if (on && marks[i].tagName == "path") marks[i].parentNode.appendChild(marks[i]);
        if (k == here && box && marks[i].tagName == "g") {
          // On a narrow screen the diagram scrolls sideways: bring this step into view.
          var r = marks[i].getBoundingClientRect(), w = box.getBoundingClientRect();
          box.scrollLeft += r.left + r.width / 2 - w.left - w.width / 2;
        }
      }
      return focus;
    }

    back.onclick = function () { go(path.slice(0, -1)); };
    restart.onclick = function () { go([]); };
    // A fragment naming this tree (reload, shared link, hashchange) sets its path.
    root.ssSync = function () {
      var state = readHash();
      if (data.id in state && state[data.id] != key(path)) {
        path = parse(state[data.id]);
        render();
      }
    };
    var initial = readHash();
    path = parse(initial[data.id]);
    render();
    if (path.length && Object.keys(initial)[0] == data.id) root.scrollIntoView();
  }

  addEventListener("hashchange", function () {
    var trees = document.querySelectorAll(".ss-tree--live");
    for (var i = 0; i < trees.length; i++) trees[i].ssSync();
  });

  StudySite.register("tree", "div.ss-tree[data-ss-tree]", mount);
})();
