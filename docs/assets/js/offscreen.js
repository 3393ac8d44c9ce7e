/* Long pages: lay out the blocks that loading left unrendered, a few per frame.
 *
 * offscreen.css keeps a long page's blocks far from the screen unrendered while the page
 * loads (content-visibility), which is when Material's scripts make the browser restyle and
 * lay out the whole page several times over. Once the page has loaded, this script marks
 * those blocks .ss-laid-out, in document order and three per frame, so each frame lays out
 * and paints a little. About a second later the page is laid out as if nothing had been
 * deferred: innerText, full-page screenshots and audits that measure boxes (axe's contrast
 * and target size misjudge unrendered blocks) see every block, and scrolling or a fragment
 * meets real heights. Without this script a block is laid out as it nears the screen.
 */
(() => {
  "use strict";
  // The blocks offscreen.css defers (keep the two lists alike).
  const DEFERRED = ":scope > :nth-child(n + 6):not(h1, h2, h3, h4, .ss-quiz, .ss-answer-key)," +
    " .ss-quiz[data-ss-tools] .ss-question:nth-child(n + 11 of .ss-question), .ss-sheet-question";
  // Blocks per frame: each frame lays out and paints only these (and moves the rest).
  const PER_FRAME = 3;

  function mount(article) {
    const blocks = [...article.querySelectorAll(DEFERRED)];
    let next = 0;
    function frame() {
      if (!article.isConnected) return; // instant navigation replaced the page
      blocks.slice(next, next + PER_FRAME).forEach((b) => b.classList.add("ss-laid-out"));
      next += PER_FRAME;
      if (next < blocks.length) requestAnimationFrame(frame);
      else SS.emit(article, "ss:laid-out", { blocks: blocks.length });
    }
    if (!blocks.length) return;
    const start = () => requestAnimationFrame(frame);
    if (document.readyState == "complete") start();
    else addEventListener("load", start, { once: true });
  }

  const SS = window.StudySite;
  SS.register("offscreen", "article.md-content__inner", mount);
})();
