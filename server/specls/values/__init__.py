"""Decisions about what a value means (``kind = "value"``): the facts, their reading, and the
vocabulary's parts that need more than a type check.

- :mod:`~specls.values.facts`: what a file does with values, as plain data (in
  :attr:`specls.facts.FileFacts.values`);
- :mod:`~specls.values.extract`: those facts from a tree-sitter tree (files with nothing
  value-like are skipped on their bytes);
- :mod:`~specls.values.convert`: ``convert`` expressions, parsed (never evaluated) into an
  affine map ``a * x + b`` with its rounding; the same arithmetic reads the code's side;
- :mod:`~specls.values.formats`: strftime formats (directives, order, ISO shapes);
- :mod:`~specls.values.zones`: IANA time zone names;
- :mod:`~specls.values.shapes`: ``pattern``: sample strings of a decided id shape, and the
  string operations code applies to one, simulated on them;
- :mod:`~specls.values.reading`: what an expression of the facts does to a field's value
  (the rules' shared reading);
- :mod:`~specls.values.uses`: where a field is used (context, hover, completion).
"""
