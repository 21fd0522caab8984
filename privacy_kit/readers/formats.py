"""Format names, importable without the readers themselves (the CLI lists them in --help)."""

FORMATS = ("jsonl", "json", "csv", "tsv", "parquet", "text", "access-log", "x-archive", "meta-json")
