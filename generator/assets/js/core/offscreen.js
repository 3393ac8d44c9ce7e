/* Long pages: lay out the blocks that loading left unrendered, a few per frame.
 *
 * offscreen.css keeps a long page's blocks far from the screen unrendered while the page
 * loads (content-visibility), which is when Material's scripts make the browser restyle and
 * lay out the whole page several times over. Once the page has loaded, this script marks
 * those blocks .ss-laid-out, in document order and a few per frame, so each frame lays out
 * and paints a little: one block at first, one more after each frame that took one screen
 * refresh, half as many after one that took more than two (a slow phone keeps its frames
 * short, a fast machine is done sooner). Soon after, the page is laid out as if nothing had
 * been deferred: innerText, full-page screenshots and audits that measure boxes (axe's contrast
 * and target size misjudge unrendered blocks) see every block, and scrolling or a fragment
 * meets real heights. Without this script a block is laid out as it nears the screen.
 *
 * Only a page of at most MAX_BLOCKS deferred blocks (a topic; a domain's study sheet
 * or practice page up to about 300 questions: the bundled Domain 4's sheet, 141 questions
 * with their sources and notices, has about 310) is laid out so; a longer one is left to the
 * browser, which lays out each block as it nears the screen and skips it again once far.
 * Each frame that lays out a block also walks every block laid out before it (Chromium's
 * pre-paint, measured: ~3 ms with none laid out, ~50 ms with 900), so the whole pass grows
 * with the square of the blocks: on a practice page of 1,000 questions it was 1,000 frames
 * and a minute of busy main thread after each load (long tasks on a loaded machine, and
 * every later answer near the top shifting the whole laid-out page), where 400 blocks cost
 * a few seconds of short frames. Lighthouse and axe read a block never laid out with made-up
 * colours (a false contrast failure), so a bundled page must stay under the limit.
 */
(() => {
  "use strict";
  // The blocks offscreen.css defers (keep the two lists alike).
  const DEFERRED =
    ":scope > :nth-child(n + 6):not(h1, h2, h3, h4, .ss-quiz, .ss-answer-key)," +
    " .ss-quiz .ss-question:nth-child(n + 11 of .ss-question), .ss-sheet-question";
  // Blocks per frame, within these bounds: one more after a frame of up to FAST ms, half as
  // many after a frame of more than SLOW ms (a frame at 60 Hz is 16.7 ms).
  const MIN_PER_FRAME = 1,
    MAX_PER_FRAME = 3,
    FAST = 20,
    SLOW = 34;
  // The longest page laid out here: past it, the browser lays out what nears the screen.
  const MAX_BLOCKS = 400;

  function mount(article) {
    const blocks = [...article.querySelectorAll(DEFERRED)];
    let next = 0,
      per = MIN_PER_FRAME,
      last = 0,
      pending = 0;
    function frame(now) {
      pending = 0;
      if (last && now - last <= FAST) per = Math.min(MAX_PER_FRAME, per + 1);
      else if (last && now - last > SLOW) per = Math.max(MIN_PER_FRAME, per >> 1);
      last = now;
      blocks.slice(next, next + per).forEach((b) => b.classList.add("ss-laid-out"));
      next += per;
      if (next < blocks.length) pending = requestAnimationFrame(frame);
      else SS.emit(article, "ss:laid-out", { blocks: blocks.length });
    }
    if (!blocks.length || blocks.length > MAX_BLOCKS) return;
    const start = () => {
      pending = requestAnimationFrame(frame);
    };
    if (document.readyState == "complete") start();
    else addEventListener("load", start, { once: true });
    // Instant navigation replaced the page: stop, and wait for no load event.
    return () => {
      cancelAnimationFrame(pending);
      removeEventListener("load", start, { once: true });
    };
  }

  const SS = window.StudySite;
  SS.register("offscreen", "article.md-content__inner", mount);
})();
