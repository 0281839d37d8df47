"""The OpenAPI document: loading with source positions (`load`), located problems (`diagnostics`), the
specification's vocabulary (`terms`), the one resolved model of a document that every later stage reads
(`model`), embedded JSON documents (`content`), the linter (`lint`), and the single-file outputs built from a
document (`bundle`, `downgrade`)."""
