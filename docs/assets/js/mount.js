/* Mounts the study widgets: once per element, after every page load or instant navigation.
 *
 * A widget script calls StudySite.register(name, selector, mount). mount(element) runs once
 * for each element matching selector, on the first page and after each of Material's
 * instant navigations (document$), or on DOMContentLoaded where Material is absent.
 * Mounted elements get data-ss-ready="<name> ...". Timing is recorded as the performance
 * measure "ss-mount" for benchmarks.
 */
(function () {
  "use strict";
  if (window.StudySite) return;
  var widgets = [];

  function ready(element, name) {
    var names = (element.getAttribute("data-ss-ready") || "").split(" ");
    if (names.indexOf(name) !== -1) return false;
    names.push(name);
    element.setAttribute("data-ss-ready", names.join(" ").trim());
    return true;
  }

  function mountWidget(widget, root) {
    var elements = root.querySelectorAll(widget.selector);
    for (var i = 0; i < elements.length; i++) {
      if (!ready(elements[i], widget.name)) continue;
      try {
        widget.mount(elements[i]);
      } catch (error) {
        // One broken widget must not stop the others; its static markup still works.
        if (window.console) console.error("study site: cannot mount " + widget.name, error);
      }
    }
  }

  function mountAll() {
    var mark = window.performance && performance.mark ? performance : null;
    if (mark) performance.mark("ss-mount-start");
    for (var i = 0; i < widgets.length; i++) mountWidget(widgets[i], document);
    if (mark) {
      performance.mark("ss-mount-end");
      performance.measure("ss-mount", "ss-mount-start", "ss-mount-end");
    }
    document.dispatchEvent(new CustomEvent("ss:mounted"));
  }

  window.StudySite = {
    register: function (name, selector, mount) {
      var widget = { name: name, selector: selector, mount: mount };
      widgets.push(widget);
      if (document.readyState !== "loading") mountWidget(widget, document);
    },
    mountAll: mountAll,
  };

  // Widget scripts load after this one, so the first mount waits for the whole page.
  function schedule() {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", mountAll, { once: true });
    } else {
      mountAll();
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    // On file:// pages with instant navigation, Material completes document$ without a
    // value; mounting on completion too keeps the widgets working there.
    window.document$.subscribe({ next: schedule, complete: schedule });
  } else {
    schedule();
  }
})();
