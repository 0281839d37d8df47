"""schemathesis against the reference server: the run (`run`), the hooks that give APIG cases the right
embedded content model and the custom checks (`hooks`), and the module schemathesis.toml names
(`schemathesis_hooks`)."""
