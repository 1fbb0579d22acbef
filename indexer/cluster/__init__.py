"""The archive on a Sphinx/Manticore cluster: searchd configs, ingest into shards, search with the same promises."""
