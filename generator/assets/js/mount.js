/* Mounts the study widgets: once per element, after every page load or instant navigation.
 *
 * A widget script calls StudySite.register(name, selector, mount). mount(element) runs once
 * for each element matching selector, on the first page and after each of Material's
 * instant navigations (document$), or on DOMContentLoaded where Material is absent.
 * Mounted elements get data-ss-ready="<name> ...", and one whose mount threw gets
 * data-ss-failed="<name>". Timing is recorded as the performance
 * measure "ss-mount" for benchmarks.
 *
 * Helpers for the widget scripts (all loaded after this one):
 * StudySite.el(tag, className, text) makes an element (a button gets type="button");
 * StudySite.emit(element, name, detail) dispatches a bubbling CustomEvent.
 */
(() => {
  "use strict";
  if (window.StudySite) return;
  const widgets = [];
  const D = document;

  function mountWidget(widget) {
    for (const e of D.querySelectorAll(widget.selector)) {
      const names = (e.getAttribute("data-ss-ready") || "").split(" ");
      if (names.includes(widget.name)) continue;
      e.setAttribute("data-ss-ready", names.concat(widget.name).join(" ").trim());
      try {
        widget.mount(e);
      } catch (error) {
        // One broken widget must not stop the others; its static markup still works
        // (data-ss-failed shows what the stylesheet hides while widgets mount).
        e.setAttribute("data-ss-failed", widget.name);
        console.error("study site: cannot mount " + widget.name, error);
      }
    }
  }

  function mountAll() {
    const start = performance.now();
    widgets.forEach(mountWidget);
    performance.measure("ss-mount", { start, end: performance.now() });
    D.dispatchEvent(new CustomEvent("ss:mounted"));
  }

  window.StudySite = {
    register(name, selector, mount) {
      const widget = { name, selector, mount };
      widgets.push(widget);
      if (D.readyState != "loading") mountWidget(widget);
    },
    el(tag, cls, text) {
      const e = D.createElement(tag);
      if (cls) e.className = cls;
      if (text) e.textContent = text;
      if (tag == "button") e.type = "button";
      return e;
    },
    emit: (e, name, detail) => e.dispatchEvent(new CustomEvent(name, { bubbles: true, detail })),
  };

  // Widget scripts load after this one and the bundle loads before Material's (main.html), so
  // the first mount and the look for document$ wait until the page is parsed: Material's
  // bundle has run by then, and document$ replays the page it is on.
  function start() {
    const doc$ = window.document$;
    if (doc$ && doc$.subscribe) {
      // On file:// pages with instant navigation, Material completes document$ without a
      // value; mounting on completion too keeps the widgets working there.
      doc$.subscribe({ next: mountAll, complete: mountAll });
    } else {
      mountAll();
    }
  }
  if (D.readyState == "loading") D.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})();
