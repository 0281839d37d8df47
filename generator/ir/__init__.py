"""The intermediate representation: plain dataclasses (`model`), built from a document by `build`, with every
name made a safe Python identifier by `naming`. Renderers read only this."""
