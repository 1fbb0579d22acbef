"""Text shared by indexing and querying: normalisation, recall bigrams, jieba words, highlighting (no Whoosh)."""
