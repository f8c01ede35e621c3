"""Pages of needs discovery: workshops, statements, surveys, analysis, WS2 decisions."""
