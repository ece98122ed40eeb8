"""The subcommands of ./boh, one module per group (cmd_<name>(args))."""
