from composer.cli.main import entry

raise SystemExit(entry())
