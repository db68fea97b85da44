"""The `python -m analysis` command line: main.py parses, one module per subcommand."""
