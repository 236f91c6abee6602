"""The exercise catalog: plugin discovery and the plugin manager, plugin checks and containment, search. No Textual."""
