"""The read side: the query language, matching with the recall guarantee, facets, ranking, records, stats."""
