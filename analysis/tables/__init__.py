"""The output tables of `score`: scoring a corpus end to end, their columns, atomic writing, Parquet."""
