"""The data layer: strict YAML, the vocabulary, field types, loading and validating every layer,
and the knowledge base with its links resolved both ways. Nothing here renders anything."""
