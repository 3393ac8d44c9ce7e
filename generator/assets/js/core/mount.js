/* Mounts the study widgets: once per element, after every page load or instant navigation,
 * and tears them down when instant navigation replaces their page.
 *
 * StudySite.register(name, selector, mount): mount(element) runs once for each element
 * matching selector, on the first page and after each of Material's instant navigations
 * (document$), or on DOMContentLoaded where Material is absent. A second register() of a
 * name is ignored: a page kind's script runs again when instant navigation comes back to a
 * page of that kind.
 *
 * The teardown contract: mount(element) may return a cleanup function. Whatever a widget
 * adds beyond its own elements (a listener on window, document or Material's header, a
 * timer, an observer) it undoes there; listeners on its own elements go with them. When
 * instant navigation replaces the page, document$ emits the new document and the mounter
 * first calls the cleanup of every widget whose element has left the document (last
 * mounted, first cleaned up), then mounts the new page's widgets. A widget mounted on an
 * element that stays (none today) is neither cleaned up nor mounted again. Where Material is
 * absent, nothing is ever torn down: the next page is a new document.
 *
 * Mounted elements get data-ss-ready="<name> ...", and one whose mount threw gets
 * data-ss-failed="<name>". Timing is recorded as the performance measure "ss-mount" for
 * benchmarks; "ss:mounted" on document follows each round of mounting.
 *
 * Helpers for the widget scripts (all loaded after this one):
 * StudySite.el(tag, className, text) makes an element (a button gets type="button");
 * StudySite.emit(element, name, detail) dispatches a bubbling CustomEvent;
 * StudySite.listen(target, type, handler, options) adds a listener and returns the function
 * that removes it, for cleanups.
 * StudySite.refresh() mounts the widgets of markup a widget has just put in the page and
 * tears down those whose element it removed (the Review page's questions: each is mounted by
 * the same widgets as a topic page's, whatever its type).
 *
 * The core bundle, with this script, is on every page; a page kind's or a widget's module
 * (generator/assets/bundle.py) is linked by the pages that need it, and runs once per
 * document: its bundle asks StudySite.module(name), true the first time only. On a page
 * load a module's deferred script registers before the first mount; after an instant
 * navigation its widgets mount when it registers (Material does not wait for every script
 * of the new page before document$ emits).
 */
(() => {
  "use strict";
  if (window.StudySite) return;
  const widgets = [],
    modules = new Set();
  let started = false;
  // The mounted widgets with a cleanup: [element, widget name, cleanup], in mount order.
  const mounted = [];
  const D = document;

  function mountWidget(widget) {
    for (const e of D.querySelectorAll(widget.selector)) {
      const names = (e.getAttribute("data-ss-ready") || "").split(" ");
      if (names.includes(widget.name)) continue;
      e.setAttribute("data-ss-ready", names.concat(widget.name).join(" ").trim());
      try {
        const cleanup = widget.mount(e);
        if (typeof cleanup == "function") mounted.push([e, widget.name, cleanup]);
      } catch (error) {
        // One broken widget must not stop the others; its static markup still works
        // (data-ss-failed shows what the stylesheet hides while widgets mount).
        e.setAttribute("data-ss-failed", widget.name);
        console.error("study site: cannot mount " + widget.name, error);
      }
    }
  }

  // The cleanups of the widgets whose element has left the document: instant navigation
  // replaced their page. A widget mounted while the new page's scripts ran (a page kind's
  // script registers then) is on the new page, so it stays.
  function teardown() {
    for (let i = mounted.length - 1; i >= 0; i--) {
      const [e, name, cleanup] = mounted[i];
      if (e.isConnected) continue;
      mounted.splice(i, 1);
      try {
        cleanup();
      } catch (error) {
        console.error("study site: cannot tear down " + name, error);
      }
    }
  }

  function mountAll() {
    started = true;
    const start = performance.now();
    teardown();
    widgets.forEach(mountWidget);
    performance.measure("ss-mount", { start, end: performance.now() });
    D.dispatchEvent(new CustomEvent("ss:mounted"));
  }

  window.StudySite = {
    register(name, selector, mount) {
      if (widgets.some((w) => w.name == name)) return;
      const widget = { name, selector, mount };
      widgets.push(widget);
      // A module's script that runs after the first mount (instant navigation brought it).
      if (started) mountWidget(widget);
    },
    el(tag, cls, text) {
      const e = D.createElement(tag);
      if (cls) e.className = cls;
      if (text) e.textContent = text;
      if (tag == "button") e.type = "button";
      return e;
    },
    emit: (e, name, detail) => e.dispatchEvent(new CustomEvent(name, { bubbles: true, detail })),
    module(name) {
      if (modules.has(name)) return false;
      modules.add(name);
      return true;
    },
    listen(target, type, handler, options) {
      target.addEventListener(type, handler, options);
      return () => target.removeEventListener(type, handler, options);
    },
    refresh() {
      if (!started) return; // the first mount will find it
      teardown();
      widgets.forEach(mountWidget);
    },
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
