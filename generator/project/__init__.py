"""This repository's workflow: the catalog of APIs (`catalog`) and `make generate` (`pipeline`: validate, render,
format, one atomic swap)."""
