"""What the tests and the benchmarks share, so neither imports the other:

- :mod:`.site` building the site (or a copy of it) and serving a build;
- :mod:`.quality` the quality gates as functions (pages, axe, budgets);
- :mod:`.readability` the reading level of the guides.
"""
