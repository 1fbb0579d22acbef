"""The write side: the Whoosh schema and tokenizers, ingest, the segment writer, compaction, the index on disk."""
