import gc

from generator.cli import main

status = main()
# The process ends here: its last garbage collection need not walk everything the command built (a third of a
# second after GitHub's description), the operating system takes it back at once.
gc.freeze()
raise SystemExit(status)
