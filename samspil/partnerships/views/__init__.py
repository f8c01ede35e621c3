"""Pages of the partnerships: the partnership, its cases and meetings, maturity and learning."""
