"""The client runtime: ordinary Python modules, linted, type-checked and unit-tested here, copied verbatim into
every generated client package (`styles`: how parameter values are written and read, shared with the reference
server)."""
