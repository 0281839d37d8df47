"""The intermediate representation: plain dataclasses (`model`), built from the document model by `build`, whose
schemas are gathered into one set of named models by `schemas`, with every name made a safe Python identifier by
`naming`. Renderers read only this."""
