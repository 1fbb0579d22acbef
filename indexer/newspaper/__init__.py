"""Page text in, records out: reading page files, page metadata, bylines, regions, segmentation (no Whoosh)."""
