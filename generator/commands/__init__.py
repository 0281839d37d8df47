"""One module per `python -m generator` subcommand: HELP, add_arguments(parser), run(args) -> exit code."""
