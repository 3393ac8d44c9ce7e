"""The benchmark: what a large question bank costs the generator, MkDocs and the browser.

Run from the repository root (``python -m tests.bench --help``)::

    .venv/bin/python -m tests.bench                      # 1,000 and 10,000 questions
    .venv/bin/python -m tests.bench --sizes 1000,5000,10000 --repeat 3 --no-browser
    .venv/bin/python -m tests.bench readme               # README table from results/latest.json

A script that prints figures, never a test: nothing is asserted. Each module is one concern:

- :mod:`~tests.bench.banks`: the synthetic banks (``tests/support/synthetic.py``) and what
  the other steps pick from them (a question to edit, a search term);
- :mod:`~tests.bench.builds`: the generator's stages in fresh processes and ``mkdocs build``
  (:mod:`~tests.bench.child` is what runs in those processes);
- :mod:`~tests.bench.sizes`: the project's own scripts and styles, as written and as served
  (the core, each module, each page kind's total);
- :mod:`~tests.bench.pages`: page loads in Chromium (widgets' mount, answer to feedback,
  navigation to quiz ready);
- :mod:`~tests.bench.exam`: the practice exam page;
- :mod:`~tests.bench.search`: the first search on the largest bank;
- :mod:`~tests.bench.serve`: ``mkdocs serve``, a saved edit to the page showing it;
- :mod:`~tests.bench.compare`: mkdocs-quiz and Zensical building the same bank;
- :mod:`~tests.bench.waits`: the waits people feel, ours beside mkdocs-quiz's;
- :mod:`~tests.bench.mixed`: the mixed bank, every question type in stated shares, reported
  apart (``--no-mixed``, ``--mixed-only``);
- :mod:`~tests.bench.lighthouse`: Lighthouse's scores of every page type (``--lighthouse``);
- :mod:`~tests.bench.report`: the figures as text and Markdown tables;
- :mod:`~tests.bench.readme`: the README's performance table, from the JSON.

Every figure goes into one JSON file (``results/latest.json`` unless ``--out`` says
otherwise), with the machine, the load average before and after, and the command's options;
its Markdown tables go beside it (``latest.md``).

Times are wall-clock and CPU time (user + system). On a busy machine wall time swings with
the load from other processes, CPU time much less, so the ratios (generator share, growth)
come from CPU time; the waits in the browser are wall time by nature, so they are measured
interleaved with mkdocs-quiz's pages and compared as ratios.
"""
