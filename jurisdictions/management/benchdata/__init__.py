"""Synthetic bench records for the `generate_bench_data` command.

`draws` holds the weights, word lists and random draws; `records` the
builders that bulk-insert the records drawn from them.
"""
