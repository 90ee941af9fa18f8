"""Batch generation: one master content file, one row per unit in a data file, one document per row.

`data` reads units files, `merge` lays a row over the master and locates its
problems, `naming` makes the file names, `runner` spreads the rows over worker
processes and writes the documents and `manifest.csv`, `progress` shows how
far it has got.
"""
