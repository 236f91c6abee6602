"""Modal screens: confirmations, file pickers, forms, sharing, help, plugins, check-in and resume."""
